import type { AudioFeatures, Catalog, Track } from '@moodtunes/mood-recommender';
import type { PlaylistRef } from './errors';

/** Why an entry did not make it into a catalog or a playlist. */
export type SkipReason =
  | 'local-file'
  | 'not-a-track'
  | 'unavailable'
  | 'duplicate'
  | 'inaccessible'
  | 'not-on-spotify';

/** An entry left out, and why: reported instead of dropped silently. */
export interface SkippedItem {
  reason: SkipReason;
  /** Where it was, e.g. `spotify:playlist:<id>#12`, or the reference given. */
  where: string;
  /** Its name, when known. */
  name?: string;
}

/** Progress of long work, reported through `onProgress`. */
export interface Progress {
  /** `tracks`: loading tracks; `features`: looking up audio features; `playlist`: adding playlist items. */
  stage: 'tracks' | 'features' | 'playlist';
  /** The source or sink at work. */
  source: string;
  /** Items done so far. */
  done: number;
  /** Items expected, when known (already capped at the caller's limit). */
  total?: number;
}

/** Options of {@link CatalogSource.load}. */
export interface LoadOptions {
  /** Stop after this many tracks (default: all). */
  limit?: number;
  /** Cancels the load; the rejection carries what was loaded in `error.partial.catalog`. */
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
}

/** What a {@link CatalogSource} loaded. */
export interface CatalogLoad {
  catalog: Catalog;
  /** Entries left out (local files, episodes, unavailable, duplicates...). */
  skipped: SkippedItem[];
}

/**
 * Anything that yields catalog tracks: Spotify, a CSV file, a database. The recommender only ever
 * sees the resulting {@link Catalog}.
 */
export interface CatalogSource {
  /** Describes the source, e.g. `spotify:playlist:<id>`; becomes `catalog.source`. */
  readonly name: string;
  load(options?: LoadOptions): Promise<CatalogLoad>;
}

/** Audio features by track id; ids the source does not know are absent. */
export type FeatureMap = Map<string, Partial<AudioFeatures>>;

/** Supplies audio features for Spotify track ids. */
export interface FeatureSource {
  /** e.g. `spotify:audio-features` or `local:data_moods.csv`. */
  readonly name: string;
  /** Features for as many of `ids` as the source knows. */
  getFeatures(ids: readonly string[], options?: { signal?: AbortSignal }): Promise<FeatureMap>;
}

/** Something that points at a Spotify track: a URI, link or id, or an object with `spotifyUri`/`spotifyId`. */
export type TrackRef = string | { spotifyUri?: string; spotifyId?: string; title?: string };

/** One entry of {@link PlaylistInput}: a reference, or a `{ track }` wrapper such as a scored recommendation. */
export type PlaylistEntry = TrackRef | { track: TrackRef };

/**
 * Tracks to write: a list of {@link PlaylistEntry}s, or an object holding one under `items`
 * (the result of `recommend()`) or `tracks` (a catalog).
 */
export type PlaylistInput =
  | Iterable<PlaylistEntry>
  | { items: Iterable<PlaylistEntry> }
  | { tracks: Iterable<PlaylistEntry> };

/** Options of {@link PlaylistSink.writePlaylist}. */
export interface WritePlaylistOptions {
  name: string;
  description?: string;
  /** Default false: a private playlist. */
  public?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
}

/** A written playlist. */
export interface PlaylistWriteResult {
  playlist: PlaylistRef;
  /** URIs added, in order. */
  addedUris: string[];
  /** Inputs left out (no Spotify reference, duplicates). */
  skipped: SkippedItem[];
  /** Spotify's snapshot id after the last addition. */
  snapshotId?: string;
}

/** Writes a list of tracks somewhere as a playlist. */
export interface PlaylistSink {
  writePlaylist(tracks: PlaylistInput, options: WritePlaylistOptions): Promise<PlaylistWriteResult>;
}

/** A track list with the tracks that have no audio features listed. */
export interface FeatureReport {
  tracks: Track[];
  /** Tracks no feature source knew; they stay in `tracks` without `features`. */
  missingFeatures: Track[];
}
