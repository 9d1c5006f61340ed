import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { expect, it } from 'vitest';

it('bundles for the browser with no Node built-ins or globals', async () => {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('../src/index.ts', import.meta.url))],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    conditions: ['@moodtunes/source'],
    logLevel: 'silent',
    metafile: true,
  });
  const code = result.outputFiles[0]!.text;
  const inputs = Object.keys(result.metafile.inputs);
  expect(inputs.some((path) => path.includes('p-retry'))).toBe(true);
  expect(code).not.toMatch(/\bfrom\s+["']node:|require\(|\bprocess\.|\bBuffer\b/);
});
