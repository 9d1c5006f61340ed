import type { AudioFeatures, Track } from '@moodtunes/mood-recommender';
import type { SkipReason } from '../contract';
import { openUrl, trackUri } from './ids';

/** An image as the Web API returns it. */
export interface ApiImage {
  url: string;
  width?: number | null;
  height?: number | null;
}

/** The parts of a Web API track object this package reads. */
export interface ApiTrack {
  type?: string;
  id: string | null;
  name: string;
  uri?: string;
  is_local?: boolean;
  is_playable?: boolean;
  artists?: { name: string }[];
  album?: { name?: string; images?: ApiImage[]; release_date?: string };
  popularity?: number;
  explicit?: boolean;
  preview_url?: string | null;
  external_urls?: { spotify?: string };
}

/** A Web API paging object. */
export interface ApiPage<T> {
  items: T[];
  next: string | null;
  total?: number;
}

/** A playlist entry: `item` since the 2026 rename, `track` before it. */
export interface ApiPlaylistEntry {
  item?: ApiTrack | null;
  track?: ApiTrack | null;
}

/** A saved-tracks entry (`GET /me/tracks`). */
export interface ApiSavedTrack {
  track: ApiTrack | null;
}

/** The parts of a simplified playlist object this package reads. */
export interface ApiPlaylist {
  id: string;
  name: string;
  uri?: string;
  external_urls?: { spotify?: string };
  /** Since 2026: `{ href, total }` of the playlist items. */
  items?: { total?: number };
  /** Before 2026. */
  tracks?: { total?: number };
}

/** The answer to a playlist change. */
export interface ApiSnapshot {
  /** Version id of the playlist after the change. */
  snapshot_id?: string;
}

/** A Web API audio-features object (snake_case). */
export interface ApiAudioFeatures {
  id: string;
  valence?: number;
  energy?: number;
  danceability?: number;
  tempo?: number;
  loudness?: number;
  acousticness?: number;
  instrumentalness?: number;
  speechiness?: number;
  liveness?: number;
  key?: number;
  mode?: number;
  duration_ms?: number;
  time_signature?: number;
}

/** The largest image (album artwork lists are largest first, but this does not rely on it). */
function largestImage(images: ApiImage[] | undefined): string | undefined {
  let best: ApiImage | undefined;
  for (const image of images ?? []) if (!best || (image.width ?? 0) > (best.width ?? 0)) best = image;
  return best?.url;
}

/** Maps a Web API track to a catalog `Track`, keeping its links, artwork and preview. */
export function toTrack(api: ApiTrack & { id: string }): Track {
  const track: Track = {
    id: api.id,
    title: api.name,
    artists: (api.artists ?? []).map((artist) => artist.name),
    spotifyId: api.id,
    spotifyUri: api.uri ?? trackUri(api.id),
    spotifyUrl: api.external_urls?.spotify ?? openUrl('track', api.id),
  };
  if (api.album?.name) track.album = api.album.name;
  if (api.album?.release_date) track.releaseDate = api.album.release_date;
  const image = largestImage(api.album?.images);
  if (image) track.imageUrl = image;
  if (api.preview_url) track.previewUrl = api.preview_url;
  if (typeof api.popularity === 'number') track.popularity = api.popularity;
  if (typeof api.explicit === 'boolean') track.explicit = api.explicit;
  return track;
}

/**
 * Classifies one API entry: a usable track, or the reason it is skipped (local files, podcast
 * episodes, entries Spotify returns as `null` because they are unavailable).
 */
export function classifyTrack(
  api: ApiTrack | null | undefined,
): Track | Extract<SkipReason, 'local-file' | 'not-a-track' | 'unavailable'> {
  if (!api) return 'unavailable';
  if (api.type !== undefined && api.type !== 'track') return 'not-a-track';
  if (api.is_local) return 'local-file';
  if (typeof api.id !== 'string' || api.id === '' || typeof api.name !== 'string') return 'unavailable';
  return toTrack(api as ApiTrack & { id: string });
}

/** The track of a playlist entry, in either the 2026 (`item`) or the older (`track`) shape. */
export function entryTrack(entry: ApiPlaylistEntry | null | undefined): ApiTrack | null | undefined {
  return entry?.item !== undefined ? entry.item : entry?.track;
}

/** The item count of a playlist object, in either shape. */
export function playlistSize(playlist: ApiPlaylist): number | undefined {
  return playlist.items?.total ?? playlist.tracks?.total;
}

const FEATURE_FIELDS: [keyof ApiAudioFeatures, keyof AudioFeatures][] = [
  ['valence', 'valence'],
  ['energy', 'energy'],
  ['danceability', 'danceability'],
  ['tempo', 'tempo'],
  ['loudness', 'loudness'],
  ['acousticness', 'acousticness'],
  ['instrumentalness', 'instrumentalness'],
  ['speechiness', 'speechiness'],
  ['liveness', 'liveness'],
  ['key', 'key'],
  ['mode', 'mode'],
  ['duration_ms', 'durationMs'],
  ['time_signature', 'timeSignature'],
];

/** Maps a Web API audio-features object to `AudioFeatures`; absent or non-finite values stay absent. */
export function toAudioFeatures(api: ApiAudioFeatures): Partial<AudioFeatures> {
  const features: Record<string, number> = {};
  for (const [from, to] of FEATURE_FIELDS) {
    const value = api[from];
    if (typeof value === 'number' && Number.isFinite(value)) features[to] = value;
  }
  return features as Partial<AudioFeatures>;
}
