// ReccoBeats (https://reccobeats.com): a free service that answers Spotify-style audio features
// for Spotify track ids, now that Spotify's own endpoint answers 403 to apps made after
// November 2024. Its tracks have their own UUIDs: an answer's items name their Spotify track only
// through `href`, so that is how each is matched back to the id it was asked for.
import type { FeatureMap, FeatureSource } from '../contract';
import { SpotifyInputError, SpotifyResponseError } from '../errors';
import { requestJson, type HttpOptions } from '../http/request';
import { chunk, cleanFeatures } from './features';

/** Where ReccoBeats answers. */
export const DEFAULT_RECCOBEATS_BASE_URL = 'https://api.reccobeats.com';

/** Most ids ReccoBeats answers per request: more are dropped without an error. */
export const RECCOBEATS_BATCH = 40;

const SPOTIFY_ID = /^[0-9A-Za-z]{22}$/;
const TRACK_LINK = /^https?:\/\/open\.spotify\.com\/track\/([0-9A-Za-z]{22})(?:[/?#]|$)/;

/** Options of {@link reccoBeatsFeatureSource}. */
export interface ReccoBeatsOptions extends HttpOptions {
  /** Base URL (default {@link DEFAULT_RECCOBEATS_BASE_URL}); a local double in tests. */
  baseUrl?: string;
  /** Ids per request, 1 to {@link RECCOBEATS_BATCH} (the default). */
  batchSize?: number;
  /**
   * Called after each request with the ids ReccoBeats does not know (and ids that are not Spotify
   * track ids, which are never sent). Those tracks get no features: nothing is made up for them.
   */
  onMissing?: (ids: string[]) => void;
}

/** One item of ReccoBeats' `GET /v1/audio-features` answer (the fields read here). */
interface ReccoBeatsFeatures {
  id?: unknown;
  href?: unknown;
  [feature: string]: unknown;
}

/**
 * Audio features from ReccoBeats' `GET /v1/audio-features?ids=...`, 40 Spotify ids a request.
 * Rate limits are respected: a 429 waits its `Retry-After` and is retried (`retry` options, as for
 * Spotify); 5xx answers are retried with backoff, then thrown as `SpotifyServerError` naming
 * ReccoBeats. Put it behind `spotifyFeatureSource` with `combineFeatureSources`, so apps that still
 * have Spotify's endpoint use it first.
 *
 * @throws {@link SpotifyInputError} for a `batchSize` outside 1..40 or a base URL that is not one.
 */
export function reccoBeatsFeatureSource(options: ReccoBeatsOptions = {}): FeatureSource {
  const { baseUrl = DEFAULT_RECCOBEATS_BASE_URL, batchSize = RECCOBEATS_BATCH, onMissing, ...http } = options;
  const operation = 'ReccoBeats GET /v1/audio-features';
  if (!(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= RECCOBEATS_BATCH)) {
    throw new SpotifyInputError(`batchSize must be an integer in 1..${RECCOBEATS_BATCH}, got ${batchSize}`, { operation });
  }
  let endpoint: URL;
  try {
    endpoint = new URL('v1/audio-features', baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  } catch {
    throw new SpotifyInputError(`baseUrl must be an absolute URL, got ${JSON.stringify(baseUrl)}`, { operation });
  }
  return {
    name: 'reccobeats:audio-features',
    async getFeatures(ids, lookup = {}) {
      const found: FeatureMap = new Map();
      const valid = [...new Set(ids)].filter((id) => SPOTIFY_ID.test(id));
      const invalid = ids.filter((id) => !SPOTIFY_ID.test(id));
      if (invalid.length > 0) onMissing?.(invalid);
      for (const batch of chunk(valid, batchSize)) {
        const url = new URL(endpoint);
        url.searchParams.set('ids', batch.join(','));
        const answer = await requestJson<{ content?: unknown }>(
          { method: 'GET', url, operation, service: 'ReccoBeats', signal: lookup.signal },
          http,
        );
        if (answer === undefined || answer === null || !Array.isArray(answer.content)) {
          throw new SpotifyResponseError(`${operation}: the answer has no "content" list`, { operation });
        }
        const asked = new Set(batch);
        for (const item of answer.content as ReccoBeatsFeatures[]) {
          const spotifyId = typeof item?.href === 'string' ? TRACK_LINK.exec(item.href)?.[1] : undefined;
          // An item for a track not asked about (or with no Spotify link) is not guessed at.
          if (spotifyId === undefined || !asked.has(spotifyId)) continue;
          const features = cleanFeatures(item);
          if (features) found.set(spotifyId, features);
        }
        const missing = batch.filter((id) => !found.has(id));
        if (missing.length > 0) onMissing?.(missing);
      }
      return found;
    },
  };
}
