import type { AudioFeatures, Track } from '@moodtunes/mood-recommender';
import type { SkipReason } from '../contract';
import { openUrl, trackUri } from './ids';

/** An image as the Web API returns it. */
export interface ApiImage {
  /** Image URL. */
  url: string;
  /** Width in pixels, when known. */
  width?: number | null;
  /** Height in pixels, when known. */
  height?: number | null;
}

/** The parts of a Web API track object this package reads. */
export interface ApiTrack {
  /** `"track"` (or `"episode"` in playlists, which are skipped). */
  type?: string;
  /** Spotify id; `null` for local files. */
  id: string | null;
  /** Track name. */
  name: string;
  /** `spotify:track:<id>`. */
  uri?: string;
  /** True for a local file added to a playlist (not playable through the API). */
  is_local?: boolean;
  /** False when the track is not playable in the market asked for. */
  is_playable?: boolean;
  /** Credited artists, in order. */
  artists?: {
    /** Artist name. */
    name: string;
  }[];
  /** The album the track is on. */
  album?: {
    /** Album name. */
    name?: string;
    /** Cover art, largest first. */
    images?: ApiImage[];
    /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
    release_date?: string;
  };
  /** Popularity 0..100. */
  popularity?: number;
  /** Whether the track has explicit lyrics. */
  explicit?: boolean;
  /** 30-second MP3 preview; `null` for most apps since 2024-11-27. */
  preview_url?: string | null;
  /** Links to the track. */
  external_urls?: {
    /** `https://open.spotify.com/track/<id>`. */
    spotify?: string;
  };
}

/** A Web API paging object. */
export interface ApiPage<T> {
  /** The items of this page. */
  items: T[];
  /** URL of the next page, `null` on the last. */
  next: string | null;
  /** Total items over all pages, when given. */
  total?: number;
}

/** A playlist entry: `item` since the 2026 rename, `track` before it. */
export interface ApiPlaylistEntry {
  /** The track (since the 2026 rename); `null` when unavailable. */
  item?: ApiTrack | null;
  /** The track (before the 2026 rename); `null` when unavailable. */
  track?: ApiTrack | null;
}

/** A saved-tracks entry (`GET /me/tracks`). */
export interface ApiSavedTrack {
  /** The saved track; `null` when unavailable. */
  track: ApiTrack | null;
}

/** The parts of a simplified playlist object this package reads. */
export interface ApiPlaylist {
  /** Spotify id. */
  id: string;
  /** Playlist name. */
  name: string;
  /** `spotify:playlist:<id>`. */
  uri?: string;
  /** Links to the playlist. */
  external_urls?: {
    /** `https://open.spotify.com/playlist/<id>`. */
    spotify?: string;
  };
  /** Since 2026: `{ href, total }` of the playlist items. */
  items?: {
    /** Number of items in the playlist. */
    total?: number;
  };
  /** Before 2026. */
  tracks?: {
    /** Number of tracks in the playlist. */
    total?: number;
  };
}

/** The answer to a playlist change. */
export interface ApiSnapshot {
  /** Version id of the playlist after the change. */
  snapshot_id?: string;
}

/** A Web API audio-features object (snake_case). */
export interface ApiAudioFeatures {
  /** Spotify track id. */
  id: string;
  /** Musical positiveness, 0..1. */
  valence?: number;
  /** Intensity and activity, 0..1. */
  energy?: number;
  /** Suitability for dancing, 0..1. */
  danceability?: number;
  /** Tempo in BPM. */
  tempo?: number;
  /** Loudness in dB. */
  loudness?: number;
  /** Acoustic confidence, 0..1. */
  acousticness?: number;
  /** Likelihood of no vocals, 0..1. */
  instrumentalness?: number;
  /** Presence of spoken words, 0..1. */
  speechiness?: number;
  /** Likelihood of a live audience, 0..1. */
  liveness?: number;
  /** Pitch class 0..11, -1 when unknown. */
  key?: number;
  /** 1 major, 0 minor. */
  mode?: number;
  /** Length in milliseconds. */
  duration_ms?: number;
  /** Beats per bar. */
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
export function classifyTrack(api: ApiTrack | null | undefined): Track | Extract<SkipReason, 'local-file' | 'not-a-track' | 'unavailable'> {
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
  return features;
}
