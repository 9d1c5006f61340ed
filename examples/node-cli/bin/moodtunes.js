#!/usr/bin/env node
// Runs the CLI from its TypeScript sources, and the workspace packages from theirs (the
// `@moodtunes/source` export condition), so the example needs no build step.
import { register } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

registerTsx();
// Hooks registered later run first: this one adds the condition, then tsx resolves.
register('./source-condition.mjs', import.meta.url);
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
