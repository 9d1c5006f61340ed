// One way to split Node and browser code: what differs lives in @moodtunes/vision-core's platform,
// chosen by the `node` export condition. Each vision package's entry is bundled here for browsers
// and for Node, as a bundler or an SSR framework would: both must export the same names, and the
// browser graph must not reach a Node builtin.
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

const PACKAGES = ['@moodtunes/vision-core', '@moodtunes/face-detect', '@moodtunes/fer-core', '@moodtunes/face-id'] as const;

async function bundle(specifier: string, target: 'browser' | 'node'): Promise<{ exports: string[]; inputs: string[]; metafile: Metafile }> {
  const result = await build({
    stdin: { contents: `export * from '${specifier}';`, resolveDir: new URL('.', import.meta.url).pathname },
    bundle: true,
    write: false,
    format: 'esm',
    platform: target,
    conditions: target === 'node' ? ['@moodtunes/source', 'node'] : ['@moodtunes/source'],
    external: ['@tensorflow/*'],
    metafile: true,
    logLevel: 'silent',
  });
  const [output] = Object.values(result.metafile.outputs);
  return { exports: [...output!.exports].sort(), inputs: Object.keys(result.metafile.inputs), metafile: result.metafile };
}

function nodeBuiltins(metafile: Metafile): string[] {
  return Object.values(metafile.inputs).flatMap((input) =>
    input.imports.map((i) => i.path).filter((path) => path.startsWith('node:') || ['fs', 'path', 'module', 'url'].includes(path)),
  );
}

describe.each(PACKAGES)('%s', (specifier) => {
  it('builds for browsers without any Node builtin and with the same exports as for Node', async () => {
    const browser = await bundle(specifier, 'browser');
    const node = await bundle(specifier, 'node');
    expect(nodeBuiltins(browser.metafile)).toEqual([]);
    // The check itself works: the Node graph does read files.
    expect(nodeBuiltins(node.metafile)).toContain('node:fs/promises');
    expect(browser.inputs.some((p) => p.includes('vision-core/src/platform/browser.ts'))).toBe(true);
    expect(browser.inputs.some((p) => p.includes('platform/node.ts'))).toBe(false);
    expect(node.inputs.some((p) => p.includes('vision-core/src/platform/node.ts'))).toBe(true);
    expect(browser.exports).toEqual(node.exports);
    const imported = Object.keys((await import(specifier)) as object).sort();
    expect(imported).toEqual(node.exports);
  });
});
