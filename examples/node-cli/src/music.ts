// The catalog side: import a CSV once, prepare it once, and recommend per emotion (cached, since
// several faces often share one emotion and recommend() is deterministic for a given seed).
import { createRequire } from 'node:module';
import {
  loadDefaultMoodClassifier,
  MoodRecommenderError,
  prepareCatalog,
  readCatalogFile,
  recommend,
  type CatalogFormat,
  type Emotion,
  type PreparedCatalog,
  type RecommendMode,
  type StrategyName,
  type Track,
} from '@moodtunes/mood-recommender';
import { describeIoError, FileError, ioCode } from './errors';
import { readHead } from './inputs';

/** The generated demo catalog of examples/recommend-cli (generated tracks, not real ones). */
const DEMO_CATALOG = createRequire(import.meta.url).resolve('@moodtunes/example-recommend-cli/data/demo-catalog.generated.csv');

/** Options of {@link openCatalog}. */
export interface CatalogOptions {
  /** CSV or CSV.gz path; the demo catalog when absent. */
  path?: string;
  /** The path as the user gave it, for messages. */
  shownAs?: string;
  /** Skip malformed rows instead of failing at the first one. */
  lenient?: boolean;
  /** Called while rows are read. */
  onProgress?: (rowsRead: number) => void;
}

/** A one-line picture of the catalog in use. */
export interface CatalogSummary {
  path: string;
  demo: boolean;
  format: CatalogFormat;
  tracks: number;
  /** Rows skipped as malformed (lenient mode). */
  skippedRows: number;
  /** Tracks without valence or energy, which cannot be recommended. */
  excludedTracks: number;
  /** Lenient mode: the file could not be read to its end (a truncated .gz); the rows before `line` are used. */
  truncated?: { line: number; reason: string };
}

/** Options of each recommendation list. */
export interface PickOptions {
  count: number;
  strategy: StrategyName;
  mode: RecommendMode;
  seed: number;
}

/** One recommended track, flattened for printing and JSON. */
export interface Pick {
  rank: number;
  id: string;
  title: string;
  artists: string[];
  album?: string;
  spotifyUrl?: string;
  spotifyUri?: string;
  previewUrl?: string;
  durationMs?: number;
  valence?: number;
  energy?: number;
  score: number;
  why: string;
}

/** A prepared catalog with a per-emotion cache of recommendations. */
export interface MusicCatalog {
  summary: CatalogSummary;
  /** Recommendations for an emotion (same emotion, same list). */
  picksFor(emotion: Emotion): Pick[];
  /** The catalog tracks behind picks, for playlists. */
  track(id: string): Track | undefined;
  dispose(): void;
}

/**
 * Imports and prepares a catalog. Tracks without a mood label get one from the shipped classifier.
 *
 * @throws {@link FileError} when the file is missing, a directory, unreadable or a truncated or corrupt
 * gzip; mood-recommender's errors for a file it cannot parse.
 */
export async function openCatalog(options: CatalogOptions, pick: PickOptions): Promise<MusicCatalog> {
  const path = options.path ?? DEMO_CATALOG;
  const shownAs = options.shownAs ?? path;
  await readHead(path, shownAs, 1, '--catalog');
  let imported;
  try {
    imported = await readCatalogFile(path, {
      strict: !options.lenient,
      progressEvery: 50_000,
      onProgress: (p) => options.onProgress?.(p.rowsRead),
    });
  } catch (error) {
    // A read that failed part-way (a truncated .gz) is a bad file, like a missing one. mood-recommender's
    // own errors name the file and the line (exit code 2 when they carry an errno or zlib code, see failure()).
    if (ioCode(error) === undefined || error instanceof MoodRecommenderError) throw error;
    throw new FileError(shownAs, `${describeIoError(error)} (--catalog)`, { cause: error });
  }
  const prepared: PreparedCatalog = prepareCatalog(imported.catalog, { classifier: loadDefaultMoodClassifier() });
  const cache = new Map<Emotion, Pick[]>();
  return {
    summary: {
      path,
      demo: options.path === undefined,
      format: imported.format,
      tracks: imported.trackCount,
      skippedRows: imported.skippedCount,
      excludedTracks: prepared.excludedCount,
      ...(imported.truncated ? { truncated: { line: imported.truncated.line, reason: imported.truncated.reason } } : {}),
    },
    picksFor(emotion) {
      let picks = cache.get(emotion);
      if (!picks) {
        const result = recommend(emotion, prepared, {
          n: pick.count,
          strategy: pick.strategy,
          mode: pick.mode,
          seed: pick.seed,
          explain: true,
        });
        picks = result.items.map(({ rank, score, track, explanation }) => ({
          rank,
          id: track.id,
          title: track.title,
          artists: track.artists,
          ...(track.album ? { album: track.album } : {}),
          ...(track.spotifyUrl ? { spotifyUrl: track.spotifyUrl } : {}),
          ...(track.spotifyUri ? { spotifyUri: track.spotifyUri } : {}),
          ...(track.previewUrl ? { previewUrl: track.previewUrl } : {}),
          ...(track.features?.durationMs !== undefined ? { durationMs: track.features.durationMs } : {}),
          ...(track.features?.valence !== undefined ? { valence: track.features.valence } : {}),
          ...(track.features?.energy !== undefined ? { energy: track.features.energy } : {}),
          score: Math.round(score * 1000) / 1000,
          why: explanation?.text ?? '',
        }));
        cache.set(emotion, picks);
      }
      return picks;
    },
    track: (id) => {
      const i = prepared.idIndex.get(id);
      return i === undefined ? undefined : prepared.track(i);
    },
    dispose: () => prepared.dispose(),
  };
}
