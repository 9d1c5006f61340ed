import type { AudioFeatures, Catalog, Track } from '@moodtunes/mood-recommender';
import type { PlaylistRef } from './errors';

/** Why an entry did not make it into a catalog or a playlist. */
export type SkipReason = 'local-file' | 'not-a-track' | 'unavailable' | 'duplicate' | 'inaccessible' | 'not-on-spotify';

/** An entry left out, and why: reported instead of dropped silently. */
export interface SkippedItem {
  /** Why it was left out. */
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
  /** Called after each page with the tracks loaded so far. */
  onProgress?: (progress: Progress) => void;
}

/** What a {@link CatalogSource} loaded. */
export interface CatalogLoad {
  /** The tracks, with `source` set to the source's name. */
  catalog: Catalog;
  /** Entries left out (local files, episodes, unavailable, duplicates...). */
  skipped: SkippedItem[];
}

/**
 * Anything that yields catalog tracks: Spotify, a CSV file, a database. The recommender only ever
 * sees the resulting `Catalog`.
 */
export interface CatalogSource {
  /** Describes the source, e.g. `spotify:playlist:<id>`; becomes `catalog.source`. */
  readonly name: string;
  /** Loads the tracks (paging, limit, progress and cancellation as in {@link LoadOptions}). */
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
export type TrackRef =
  | string
  | {
      /** `spotify:track:<id>` (or a link). */
      spotifyUri?: string;
      /** The base-62 track id. */
      spotifyId?: string;
      /** Shown in `skipped` reports. */
      title?: string;
    };

/** One entry of {@link PlaylistInput}: a reference, or a `{ track }` wrapper such as a scored recommendation. */
export type PlaylistEntry =
  | TrackRef
  | {
      /** The wrapped track. */
      track: TrackRef;
    };

/**
 * Tracks to write: a list of {@link PlaylistEntry}s, or an object holding one under `items`
 * (the result of `recommend()`) or `tracks` (a catalog).
 */
export type PlaylistInput =
  | Iterable<PlaylistEntry>
  | {
      /** `recommend()` output: `{ items: [{ track, rank, score }] }`. */
      items: Iterable<PlaylistEntry>;
    }
  | {
      /** A catalog's tracks. */
      tracks: Iterable<PlaylistEntry>;
    };

/** Options of {@link PlaylistSink.writePlaylist}. */
export interface WritePlaylistOptions {
  /** Playlist name (not empty). */
  name: string;
  /** Playlist description shown in Spotify. */
  description?: string;
  /** Default false: a private playlist. */
  public?: boolean;
  /** Stops between batches; the error carries the playlist and the URIs added. */
  signal?: AbortSignal;
  /** Called after each batch of 100. */
  onProgress?: (progress: Progress) => void;
}

/** A written playlist. */
export interface PlaylistWriteResult {
  /** The created playlist: id, URI and open.spotify.com link. */
  playlist: PlaylistRef;
  /** URIs added, in order. */
  addedUris: string[];
  /** Inputs left out (no Spotify reference, duplicates). */
  skipped: SkippedItem[];
  /**
   * Spotify's snapshot id after the last addition; absent when the last batch was confirmed by
   * reading the playlist back after an uncertain failure (that answer, with its id, was lost).
   */
  snapshotId?: string;
}

/** Writes a list of tracks somewhere as a playlist. */
export interface PlaylistSink {
  /** Creates a playlist named `options.name` holding `tracks`, in order. */
  writePlaylist(tracks: PlaylistInput, options: WritePlaylistOptions): Promise<PlaylistWriteResult>;
}

/** A track list with the tracks that have no audio features listed. */
export interface FeatureReport {
  /** Every input track, with features filled in where a source knew them. */
  tracks: Track[];
  /** Tracks no feature source knew; they stay in `tracks` without `features`. */
  missingFeatures: Track[];
}
