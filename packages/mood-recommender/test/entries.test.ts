// The `.` export has two entries: src/index.ts (browsers, the default) and src/node.ts (the `node`
// condition). They must export the same names with the same types, and the browser one must not
// pull in anything from Node.
import { fileURLToPath } from 'node:url';
import { runInThisContext } from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as browser from '../src/index';
import * as node from '../src/node';
import { DATA_MOODS } from './paths';

const names = (module: object) => Object.keys(module).sort();

type CommonJsWrapper = (
  module: { exports: Record<string, unknown> },
  exports: Record<string, unknown>,
  require: (id: string) => never,
) => void;

/** Runs a CommonJS bundle with no `require` at all: a bundle that still needed a module throws. */
function evaluate(code: string): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  const wrapper = runInThisContext(`(function (module, exports, require) {${code}\n})`) as CommonJsWrapper;
  wrapper(module, module.exports, (id) => {
    throw new Error(`the browser bundle required ${id}`);
  });
  return module.exports;
}

/** Bundles an entry (default src/index.ts) for the browser, everything inlined but `external`, as CommonJS so it can be evaluated here. */
async function bundleBrowserEntry(entry = '../src/index.ts', external: string[] = []) {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
    external,
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    write: false,
    logLevel: 'silent',
    metafile: true,
  });
  return { code: result.outputFiles[0]!.text, inputs: Object.keys(result.metafile.inputs) };
}

describe('the browser and Node entries', () => {
  it('export the same names with the same types', () => {
    expect(names(browser)).toEqual(names(node));
    expect(names(browser)).toContain('readCatalogFile');
    // Checked by `pnpm typecheck`: the two module namespaces have identical types.
    expectTypeOf<typeof browser>().toEqualTypeOf<typeof node>();
  });

  it('the browser entry bundles with no Node built-ins, and the bundle exports the same names', async () => {
    // esbuild fails on `node:` imports for platform 'browser', so a successful build is the first check.
    const { code, inputs } = await bundleBrowserEntry();
    expect(inputs.filter((path) => /node:|read-file\.ts$|[\\/]fs[\\/]/.test(path))).toEqual([]);
    expect(code).not.toMatch(/require\(["'](node:)?(fs|fs\/promises|zlib|path|stream|url|module)["']\)/);
    expect(code).not.toMatch(/\bnode:[a-z]/);

    expect(names(evaluate(code))).toEqual(names(node));
  });

  it('the ./db entry (the catalog store) bundles for the browser with no Node built-ins, PGlite loaded only when opened', async () => {
    const { code, inputs } = await bundleBrowserEntry('../src/db/index.ts', ['@electric-sql/pglite', '@electric-sql/pglite/*']);
    expect(inputs.filter((path) => /node:|read-file\.ts$|[\\/]fs[\\/]/.test(path))).toEqual([]);
    expect(code).not.toMatch(/\bnode:[a-z]/);
    // Evaluating the bundle requires nothing: PGlite is imported by openPglite(), not at load.
    expect(names(evaluate(code))).toEqual(['CatalogStore', 'CatalogStoreError', 'HNSW_MIN_TRACKS', 'createCatalogStore', 'openPglite']);
  });

  it('the browser readCatalogFile rejects with a typed error that names the browser alternatives', async () => {
    const error: unknown = await browser.readCatalogFile(DATA_MOODS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(browser.UnsupportedEnvironmentError);
    expect(error).toBeInstanceOf(browser.MoodRecommenderError);
    expect(error).toMatchObject({ name: 'UnsupportedEnvironmentError', feature: 'readCatalogFile' });
    expect((error as Error).message).toMatch(/needs Node\.js/);
    expect((error as Error).message).toMatch(/readCatalog\(file\.stream\(\)\)/);
    expect((error as Error).message).toMatch(/parseCatalogCsv\(text\)/);
  });

  it('the Node readCatalogFile reads the same file, and its errors are the classes both entries export', async () => {
    const { catalog } = await node.readCatalogFile(DATA_MOODS);
    expect(catalog.tracks).toHaveLength(686);
    expect(node.UnsupportedEnvironmentError).toBe(browser.UnsupportedEnvironmentError);
    expect(node.MoodRecommenderError).toBe(browser.MoodRecommenderError);
  });

  it('the bundled browser build imports a File-like stream with readCatalog', async () => {
    const { code } = await bundleBrowserEntry();
    const bundled = evaluate(code) as unknown as typeof browser;
    const csv =
      'id,name,artist,mood,valence,energy,danceability,acousticness,instrumentalness,speechiness,liveness,tempo,loudness,key,time_signature\n' +
      't1,One,Ann,Happy,0.9,0.8,0.7,0.1,0,0.05,0.1,120,-5,1,4\n';
    const file = new Blob([csv], { type: 'text/csv' });
    const { catalog } = await bundled.readCatalog(file.stream());
    expect(catalog.tracks.map((t) => t.title)).toEqual(['One']);
    await expect(bundled.readCatalogFile('tracks.csv')).rejects.toBeInstanceOf(bundled.UnsupportedEnvironmentError);
  });
});
