import type { AudioFeatures, Catalog, Track } from '@moodtunes/mood-recommender';
import type { FeatureMap, FeatureReport, FeatureSource, Progress } from '../contract';
import { AudioFeaturesUnavailableError, SpotifyInputError } from '../errors';
import { toAudioFeatures } from '../api/parse';
import type { SpotifyClient } from '../api/client';
import { abortable } from './guard';

const FEATURE_KEYS: readonly (keyof AudioFeatures)[] = [
  'valence',
  'energy',
  'danceability',
  'tempo',
  'loudness',
  'acousticness',
  'instrumentalness',
  'speechiness',
  'liveness',
  'key',
  'mode',
  'durationMs',
  'timeSignature',
];

/** Keeps only known feature names with finite numeric values; `undefined` when nothing is left. */
export function cleanFeatures(raw: unknown): Partial<AudioFeatures> | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const features: Record<string, number> = {};
  for (const key of FEATURE_KEYS) {
    const value = (raw as Record<string, unknown>)[key];
    if (typeof value === 'number' && Number.isFinite(value)) features[key] = value;
  }
  return Object.keys(features).length > 0 ? features : undefined;
}

/** True when `track.features` holds at least one finite feature value. */
export function hasFeatures(track: Track): boolean {
  return cleanFeatures(track.features) !== undefined;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Spotify's `GET /audio-features`, 100 ids a request. Only apps that kept access can use it; the
 * others get {@link AudioFeaturesUnavailableError} (403) on the first call.
 */
export function spotifyFeatureSource(client: SpotifyClient): FeatureSource {
  return {
    name: 'spotify:audio-features',
    async getFeatures(ids, options = {}) {
      const found: FeatureMap = new Map();
      for (const batch of chunk(ids, 100)) {
        for (const api of await client.getAudioFeatures(batch, options.signal)) {
          const features = api ? cleanFeatures(toAudioFeatures(api)) : undefined;
          if (api && features) found.set(api.id, features);
        }
      }
      return found;
    },
  };
}

/** Data a {@link localFeatureSource} can index. */
export type LocalFeatureData =
  ReadonlyMap<string, Partial<AudioFeatures>> | Readonly<Record<string, Partial<AudioFeatures>>> | Catalog | Iterable<Track>;

function isCatalog(data: LocalFeatureData): data is Catalog {
  return 'tracks' in data && Array.isArray((data as Catalog).tracks);
}

/**
 * Looks features up in local data keyed by Spotify track id: a `Map` or record of
 * id -> features, or a catalog / track list (e.g. a Kaggle CSV imported by
 * `@moodtunes/mood-recommender`), indexed by `spotifyId` (or `id` when that is a Spotify id).
 */
export function localFeatureSource(data: LocalFeatureData, name = 'local'): FeatureSource {
  const index: FeatureMap = new Map();
  const addTrack = (track: Track) => {
    const id = track.spotifyId ?? (/^[0-9A-Za-z]{22}$/.test(track.id) ? track.id : undefined);
    const features = cleanFeatures(track.features);
    if (id && features) index.set(id, features);
  };
  if (data instanceof Map) {
    for (const [id, raw] of data as ReadonlyMap<string, unknown>) {
      const features = cleanFeatures(raw);
      if (features) index.set(id, features);
    }
  } else if (isCatalog(data)) {
    data.tracks.forEach(addTrack);
  } else if (Symbol.iterator in data) {
    for (const track of data as Iterable<Track>) addTrack(track);
  } else {
    for (const [id, raw] of Object.entries(data as Record<string, unknown>)) {
      const features = cleanFeatures(raw);
      if (features) index.set(id, features);
    }
  }
  return {
    name,
    getFeatures(ids) {
      const found: FeatureMap = new Map();
      for (const id of ids) {
        const features = index.get(id);
        if (features) found.set(id, features);
      }
      return Promise.resolve(found);
    },
  };
}

/** Options of {@link providerFeatureSource}. */
export interface ProviderOptions {
  /** Shown in reports (default `provider`). */
  name?: string;
  /** Ids per call (default 100). */
  batchSize?: number;
}

/** A user-supplied lookup returns features per id (as a `Map` or a record); missing ids are simply absent. */
export type FeatureProvider = (
  ids: string[],
  options: { signal?: AbortSignal },
) => Promise<ReadonlyMap<string, unknown> | Readonly<Record<string, unknown>>>;

/**
 * Wraps your own lookup (e.g. a third-party features API) as a {@link FeatureSource}. Values that
 * are not finite numbers are dropped, never passed on as NaN.
 */
export function providerFeatureSource(provider: FeatureProvider, options: ProviderOptions = {}): FeatureSource {
  const batchSize = options.batchSize ?? 100;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new SpotifyInputError(`batchSize must be a positive integer, got ${batchSize}`, {
      operation: 'providerFeatureSource',
    });
  }
  return {
    name: options.name ?? 'provider',
    async getFeatures(ids, lookup = {}) {
      const found: FeatureMap = new Map();
      for (const batch of chunk(ids, batchSize)) {
        const answer = await provider(batch, { signal: lookup.signal });
        const entries: [string, unknown][] = answer instanceof Map ? [...(answer as ReadonlyMap<string, unknown>)] : Object.entries(answer);
        for (const [id, raw] of entries) {
          const features = cleanFeatures(raw);
          if (features && batch.includes(id)) found.set(id, features);
        }
      }
      return found;
    },
  };
}

/**
 * Asks each source in turn for the ids still missing. A source that answers
 * {@link AudioFeaturesUnavailableError} is reported once through `onUnavailable` and not asked
 * again by this combined source; other errors stop the lookup.
 */
export function combineFeatureSources(
  sources: readonly FeatureSource[],
  options: { onUnavailable?: (source: string, error: AudioFeaturesUnavailableError) => void } = {},
): FeatureSource {
  const disabled = new Set<FeatureSource>();
  return {
    name: sources.map((source) => source.name).join(' > '),
    async getFeatures(ids, lookup = {}) {
      const found: FeatureMap = new Map();
      for (const source of sources) {
        if (disabled.has(source)) continue;
        const missing = ids.filter((id) => !found.has(id));
        if (missing.length === 0) break;
        try {
          for (const [id, features] of await source.getFeatures(missing, lookup)) found.set(id, features);
        } catch (error) {
          if (!(error instanceof AudioFeaturesUnavailableError)) throw error;
          disabled.add(source);
          options.onUnavailable?.(source.name, error);
        }
      }
      return found;
    },
  };
}

/** Options of {@link attachFeatures}. */
export interface AttachOptions {
  /** Ids per lookup call, so progress and cancellation have a grain (default 100). */
  batchSize?: number;
  /** Stops between batches; the error carries the tracks with what was found. */
  signal?: AbortSignal;
  /** Called after each batch. */
  onProgress?: (progress: Progress) => void;
}

/**
 * Fills in `features` from `source` for tracks that have none. Tracks the source does not know
 * stay in the list without features and are listed in `missingFeatures`: never dropped or
 * zero-filled. On failure the error's `partial.catalog` holds the tracks with what was found so far.
 */
export async function attachFeatures(tracks: readonly Track[], source: FeatureSource, options: AttachOptions = {}): Promise<FeatureReport> {
  const out = tracks.map((track) => ({ ...track }));
  const pending = out.filter((track) => !hasFeatures(track) && track.spotifyId);
  const batches = chunk(pending, options.batchSize ?? 100);
  let done = 0;
  await abortable(`feature lookup (${source.name})`, options.signal, { tracks: out, source: source.name }, async () => {
    for (const batch of batches) {
      options.signal?.throwIfAborted();
      const ids = batch.map((track) => track.spotifyId as string);
      const found = await source.getFeatures(ids, { signal: options.signal });
      for (const track of batch) {
        const features = found.get(track.spotifyId as string);
        if (features) track.features = { ...track.features, ...features };
      }
      done += batch.length;
      options.onProgress?.({ stage: 'features', source: source.name, done, total: pending.length });
    }
  });
  return { tracks: out, missingFeatures: out.filter((track) => !hasFeatures(track)) };
}
