// The catalogs the demo can recommend from: the generated demo catalog, a CSV the user picks,
// or their Spotify library. Each ends as a PreparedCatalog for mood-recommender.
import {
  loadDefaultMoodClassifier,
  parseCatalogCsv,
  prepareCatalog,
  readCatalog,
  STRATEGY_NAMES,
  type Catalog,
  type ImportProgress,
  type PreparedCatalog,
} from '@moodtunes/mood-recommender';
// The file examples/recommend-cli generates (scripts/generate-demo-catalog.ts), bundled as text.
import demoCsv from '../../../recommend-cli/data/demo-catalog.generated.csv?raw';

export type CatalogKind = 'demo' | 'csv' | 'spotify';

export interface LoadedCatalog {
  kind: CatalogKind;
  /** Short name for the UI. */
  label: string;
  /** One line about where the tracks come from and what was left out. */
  detail: string;
  catalog: Catalog;
  prepared: PreparedCatalog;
}

const classifier = loadDefaultMoodClassifier();

/** Labels tracks without a mood with the shipped classifier and builds every strategy's index, so switching strategy never waits. */
export function prepare(kind: CatalogKind, label: string, catalog: Catalog, detail: string[]): LoadedCatalog {
  const prepared = prepareCatalog(catalog, { classifier, strategies: STRATEGY_NAMES });
  if (prepared.excludedCount > 0) detail.push(`${prepared.excludedCount.toLocaleString('en')} without valence/energy left out`);
  return { kind, label, detail: detail.join(' · '), catalog, prepared };
}

export function loadDemoCatalog(): LoadedCatalog {
  const { catalog } = parseCatalogCsv(demoCsv, { source: 'moodtunes demo catalog (generated)' });
  return prepare('demo', 'Demo catalog', catalog, [
    `${catalog.tracks.length} generated tracks, not real songs: made by examples/recommend-cli so the demo works offline`,
  ]);
}

/**
 * Imports a CSV in any layout mood-recommender knows (data_moods.csv, Kaggle SpotifyFeatures.csv,
 * 1921-2020 tracks.csv/data.csv), plain or gzipped, streamed from disk. Malformed rows are
 * skipped and counted, not fatal.
 */
export async function importCsvFile(file: File, onProgress: (progress: ImportProgress) => void): Promise<LoadedCatalog> {
  const gzipped = await isGzip(file);
  const stream = gzipped ? file.stream().pipeThrough(new DecompressionStream('gzip')) : file.stream();
  const result = await readCatalog(stream, { strict: false, source: file.name, onProgress, progressEvery: 5_000 });
  const detail = [`${result.trackCount.toLocaleString('en')} tracks from ${file.name} (${result.format})`];
  if (result.skippedCount > 0) {
    const first = result.skipped[0];
    detail.push(
      `${result.skippedCount.toLocaleString('en')} malformed rows skipped${first ? ` (first: line ${first.line}, ${first.reason})` : ''}`,
    );
  }
  if (result.duplicates > 0) detail.push(`${result.duplicates.toLocaleString('en')} duplicate ids dropped`);
  // Preparing is synchronous: let the browser paint the "preparing" state first.
  await new Promise((resolve) => setTimeout(resolve, 0));
  return prepare('csv', file.name, result.catalog, detail);
}

async function isGzip(file: File): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  return head[0] === 0x1f && head[1] === 0x8b;
}
