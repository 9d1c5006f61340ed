// The one-line report of an error the CLI did not expect. It has no imports, so bin/moodtunes.js
// can load it before anything else and use it for errors that escape main() or the imports.

/** Longest message shown without --debug: enough for any sentence, too short for minified source. */
const MAX_MESSAGE = 200;

/** `Name: first line of the message`, cut to `max` characters. */
export function oneLine(error: unknown, max = MAX_MESSAGE): string {
  const name = error instanceof Error ? error.name : 'Error';
  const message = (error instanceof Error ? error.message : String(error)).trim().split('\n')[0] ?? '';
  return `${name}: ${message.length > max ? `${message.slice(0, max)}…` : message}`;
}

/** What to print for an unexpected error: one line and a hint, or with `debug` the stack and its causes. */
export function unexpected(error: unknown, debug: boolean): string {
  if (!debug) return `${oneLine(error)}\n(unexpected error; rerun with --debug for the stack)\n`;
  return `${stackWithCauses(error)}\n`;
}

/** The stack of `error` and of each `cause` below it. */
export function stackWithCauses(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    parts.push(e instanceof Error && e.stack ? e.stack : oneLine(e));
  }
  return parts.join('\ncaused by: ');
}
