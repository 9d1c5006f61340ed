import { SpotifyClient, type SpotifyClientOptions } from '../api/client';
import type { CatalogSource, FeatureSource, PlaylistInput, PlaylistSink, PlaylistWriteResult, WritePlaylistOptions } from '../contract';
import { spotifyFeatureSource } from './features';
import { writePlaylist } from './playlist';
import {
  myPlaylistsSource,
  playlistSource,
  savedTracksSource,
  searchSource,
  trackListSource,
  type MyPlaylistsOptions,
  type SpotifySourceOptions,
} from './spotify-sources';

/** Options of {@link createSpotifyAdapter}. */
export interface SpotifyAdapterOptions extends SpotifyClientOptions, SpotifySourceOptions {}

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * The Spotify implementation of the catalog-adapter contract: catalog sources for playlists,
 * saved tracks, search and id lists; a feature source over `/audio-features`; and a playlist sink.
 */
export class SpotifyAdapter implements PlaylistSink {
  /** The underlying typed client, for calls this class does not wrap. */
  readonly client: SpotifyClient;
  readonly #tuning: SpotifySourceOptions;

  constructor(options: SpotifyAdapterOptions) {
    this.client = new SpotifyClient(options);
    this.#tuning = {
      searchPageSize: options.searchPageSize,
      trackConcurrency: options.trackConcurrency,
      batchTrackLookup: options.batchTrackLookup,
    };
  }

  /** One playlist, by id, `spotify:playlist:` URI or open.spotify.com link. */
  playlist(playlist: string): CatalogSource {
    return playlistSource(this.client, playlist);
  }

  /** All tracks of the current user's playlists (scope `playlist-read-private`). */
  myPlaylists(options?: MyPlaylistsOptions): CatalogSource {
    return myPlaylistsSource(this.client, options);
  }

  /** The current user's saved tracks (scope `user-library-read`). */
  savedTracks(): CatalogSource {
    return savedTracksSource(this.client);
  }

  /** Search results for `query` (type `track`). Without a `limit`, one page is read. */
  search(query: string): CatalogSource {
    return searchSource(this.client, query, this.#tuning);
  }

  /** Tracks by id, URI or link. */
  tracks(refs: readonly string[]): CatalogSource {
    return trackListSource(this.client, refs, this.#tuning);
  }

  /** Spotify's `/audio-features`; 403 for apps created after 2024-11-27 (see {@link AudioFeaturesUnavailableError}). */
  audioFeatures(): FeatureSource {
    return spotifyFeatureSource(this.client);
  }

  /** Creates a playlist (scope `playlist-modify-private` or `-public`) and adds the tracks, 100 a request. */
  writePlaylist(tracks: PlaylistInput, options: WritePlaylistOptions): Promise<PlaylistWriteResult> {
    return writePlaylist(this.client, tracks, options);
  }

  /** A summary without credentials. */
  toString(): string {
    return `SpotifyAdapter(${this.client.apiBaseUrl})`;
  }

  /** A summary without credentials. */
  toJSON(): Record<string, unknown> {
    return { client: this.client.toJSON() };
  }

  /** What `util.inspect` (and so `console.log` in Node) prints: the summary. */
  [INSPECT](): string {
    return this.toString();
  }
}

/** Creates a {@link SpotifyAdapter}. */
export function createSpotifyAdapter(options: SpotifyAdapterOptions): SpotifyAdapter {
  return new SpotifyAdapter(options);
}
