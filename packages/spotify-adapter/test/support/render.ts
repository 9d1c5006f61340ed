import { inspect } from 'node:util';

/** Every way an object can be printed or serialised: String, JSON, inspect, its stack and its cause. */
export function renderings(value: unknown): string {
  const error = value as Error;
  return [
    String(value),
    JSON.stringify(value),
    inspect(value, { depth: 10, showHidden: true }),
    error?.stack ?? '',
    error?.cause === undefined ? '' : inspect(error.cause, { depth: 10, showHidden: true }),
  ].join('\n');
}
