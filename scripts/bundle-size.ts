/**
 * What each package adds to a browser app: its browser entry bundled by esbuild (minified, ESM,
 * with the @moodtunes packages it depends on, tfjs and the optional database drivers left out, as
 * an app's own bundler would share or skip them), raw and gzipped, plus the model files the
 * package's `new URL(..., import.meta.url)` references make an app's bundler emit beside it
 * (counted apart: esbuild leaves those references as they are).
 *
 *   pnpm size            (a table on stdout; --json for JSON)
 */
import { readdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

const ENTRIES = [
  { name: '@moodtunes/vision-core', entry: 'packages/vision-core/src/index.ts' },
  { name: '@moodtunes/face-detect', entry: 'packages/face-detect/src/index.ts', models: 'packages/face-detect/models' },
  { name: '@moodtunes/face-id', entry: 'packages/face-id/src/index.ts', models: 'packages/face-id/models' },
  { name: '@moodtunes/fer-core', entry: 'packages/fer-core/src/index.ts', models: 'packages/fer-core/models' },
  { name: '@moodtunes/mood-recommender', entry: 'packages/mood-recommender/src/index.ts' },
  { name: '@moodtunes/mood-recommender/db', entry: 'packages/mood-recommender/src/db/index.ts' },
  { name: '@moodtunes/spotify-adapter', entry: 'packages/spotify-adapter/src/index.ts' },
];

/** Bytes of the model files under `dir` (weights and graphs). */
function modelBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += modelBytes(path);
    else if (/\.(bin|json)$/.test(entry.name)) total += statSync(path).size;
  }
  return total;
}

const rows = [];
for (const { name, entry, models } of ENTRIES) {
  const result = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'error',
    // The source condition builds from src/ (no dist needed); `browser` picks each package's browser build.
    conditions: ['@moodtunes/source', 'browser'],
    external: ['@tensorflow/*', '@electric-sql/pglite', '@electric-sql/pglite/*', 'pg'],
  });
  const js = result.outputFiles[0]!.contents;
  rows.push({
    package: name,
    minifiedBytes: js.byteLength,
    gzippedBytes: gzipSync(js, { level: 9 }).byteLength,
    modelBytes: models ? modelBytes(join(root, models)) : 0,
  });
}

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  const kb = (bytes: number) => (bytes === 0 ? '-' : `${(bytes / 1024).toFixed(1)} KiB`);
  console.log('| package | minified | gzipped | model files |\n| --- | ---: | ---: | ---: |');
  for (const row of rows) console.log(`| ${row.package} | ${kb(row.minifiedBytes)} | ${kb(row.gzippedBytes)} | ${kb(row.modelBytes)} |`);
}
