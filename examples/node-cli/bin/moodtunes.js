#!/usr/bin/env node
// Runs the CLI from its TypeScript sources, and the workspace packages from theirs (the
// `@moodtunes/source` export condition), so the example needs no build step.
import { register } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

registerTsx();
// Hooks registered later run first: this one adds the condition, then tsx resolves.
register('./source-condition.mjs', import.meta.url);
const { unexpected } = await import('../src/fatal.ts');
const debug = process.argv.includes('--debug');
/** Anything that escapes main(), or a failed import: one line and exit 1, never a stack unless --debug. */
const fatal = (error) => {
  process.stderr.write(unexpected(error, debug));
  process.exit(1);
};
// Registered before tfjs-backend-wasm adds its own handlers, which rethrow: Node then prints the
// thrower's source line (39 KB of minified wasm glue) and exits 7. These run first and exit.
process.on('uncaughtException', fatal);
process.on('unhandledRejection', fatal);
try {
  const { main } = await import('../src/main.ts');
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  fatal(error);
}
