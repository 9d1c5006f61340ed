import type { CatalogLoad, CatalogSource, LoadOptions } from '../contract';
import type { SpotifyClient } from '../api/client';
import { parseSpotifyId } from '../api/ids';
import {
  entryTrack,
  playlistSize,
  type ApiPage,
  type ApiPlaylist,
  type ApiPlaylistEntry,
  type ApiSavedTrack,
  type ApiTrack,
} from '../api/parse';
import { SpotifyHttpError } from '../errors';
import { TrackCollector } from './collector';
import { abortable } from './guard';

/** Page sizes per endpoint (Spotify's maximums, except search: see {@link SpotifySourceOptions.searchPageSize}). */
const PLAYLIST_PAGE = 100;
const LIBRARY_PAGE = 50;

/** Tuning shared by the Spotify catalog sources. */
export interface SpotifySourceOptions {
  /**
   * Results per search request (default 10). Spotify lowered the search `limit` cap for
   * development-mode apps in 2026; extended-quota apps may raise this to 50.
   */
  searchPageSize?: number;
  /** Single-track requests in flight at once for id lists (default 4). */
  trackConcurrency?: number;
  /**
   * Use the batch `GET /tracks?ids=` (50 a request). Off by default: Spotify removed it for
   * development-mode apps in February 2026.
   */
  batchTrackLookup?: boolean;
}

/** Runs a load with a collector; failures carry the tracks collected so far. */
function load(name: string, options: LoadOptions, fill: (collector: TrackCollector) => Promise<void>): Promise<CatalogLoad> {
  const collector = new TrackCollector(name, options);
  return abortable(`load ${name}`, options.signal, { tracks: collector.tracks, source: name }, async () => {
    await fill(collector);
    return collector.result();
  });
}

async function collectPlaylist(
  client: SpotifyClient,
  playlistId: string,
  collector: TrackCollector,
  signal: AbortSignal | undefined,
  withTotal: boolean,
): Promise<void> {
  let index = 0;
  for await (const page of client.pages<ApiPlaylistEntry>(client.playlistItemsUrl(playlistId, collector.wanted(PLAYLIST_PAGE)), signal)) {
    if (withTotal) collector.total = page.total;
    for (const entry of page.items) collector.add(entryTrack(entry), `spotify:playlist:${playlistId}#${index++}`);
    collector.report();
    if (collector.full) return;
  }
}

/** One playlist's tracks (`GET /playlists/{id}/items`). */
export function playlistSource(client: SpotifyClient, playlist: string): CatalogSource {
  const id = parseSpotifyId(playlist, 'playlist');
  const name = `spotify:playlist:${id}`;
  return {
    name,
    load: (options = {}) => load(name, options, (collector) => collectPlaylist(client, id, collector, options.signal, true)),
  };
}

/** Options of {@link myPlaylistsSource}. */
export interface MyPlaylistsOptions {
  /** Read at most this many playlists (default: all). */
  maxPlaylists?: number;
}

/**
 * The tracks of the current user's playlists (`GET /me/playlists`, then each playlist's items).
 * Playlists Spotify refuses (403/404; in development mode other users' playlists are off limits
 * since 2026) are reported as `inaccessible` and the rest are still loaded.
 */
export function myPlaylistsSource(client: SpotifyClient, settings: MyPlaylistsOptions = {}): CatalogSource {
  const name = 'spotify:me:playlists';
  return {
    name,
    load: (options = {}) =>
      load(name, options, async (collector) => {
        const playlists: ApiPlaylist[] = [];
        const max = settings.maxPlaylists ?? Number.POSITIVE_INFINITY;
        for await (const page of client.pages<ApiPlaylist>(client.url('me/playlists', { limit: LIBRARY_PAGE }), options.signal)) {
          playlists.push(...page.items.filter(Boolean).slice(0, max - playlists.length));
          if (playlists.length >= max) break;
        }
        collector.total = playlists.reduce((sum, playlist) => sum + (playlistSize(playlist) ?? 0), 0);
        collector.report();
        for (const playlist of playlists) {
          if (collector.full) return;
          try {
            await collectPlaylist(client, playlist.id, collector, options.signal, false);
          } catch (error) {
            if (!(error instanceof SpotifyHttpError) || (error.status !== 403 && error.status !== 404)) throw error;
            collector.skipped.push({ reason: 'inaccessible', where: `spotify:playlist:${playlist.id}`, name: playlist.name });
          }
        }
      }),
  };
}

/** The current user's saved tracks (`GET /me/tracks`; needs the `user-library-read` scope). */
export function savedTracksSource(client: SpotifyClient): CatalogSource {
  const name = 'spotify:me:tracks';
  return {
    name,
    load: (options = {}) =>
      load(name, options, async (collector) => {
        let index = 0;
        const first = client.url('me/tracks', { limit: collector.wanted(LIBRARY_PAGE), market: client.market });
        for await (const page of client.pages<ApiSavedTrack>(first, options.signal)) {
          collector.total = page.total;
          for (const entry of page.items) collector.add(entry?.track, `${name}#${index++}`);
          collector.report();
          if (collector.full) return;
        }
      }),
  };
}

function unwrapSearch(body: unknown): ApiPage<ApiTrack> | undefined {
  return (body as { tracks?: ApiPage<ApiTrack> } | undefined)?.tracks;
}

/** Tracks matching a search query (`GET /search?type=track`), e.g. `genre:jazz year:2020`. */
export function searchSource(client: SpotifyClient, query: string, tuning: SpotifySourceOptions = {}): CatalogSource {
  const name = `spotify:search:${query}`;
  const pageSize = tuning.searchPageSize ?? 10;
  return {
    name,
    // Search has no natural end, so an unset limit reads one page.
    load: (options = {}) =>
      load(name, { ...options, limit: options.limit ?? pageSize }, async (collector) => {
        let index = 0;
        const first = client.url('search', { q: query, type: 'track', limit: collector.wanted(pageSize), market: client.market });
        for await (const page of client.pages(first, options.signal, unwrapSearch)) {
          collector.total = page.total;
          for (const item of page.items) collector.add(item, `${name}#${index++}`);
          collector.report();
          if (collector.full) return;
        }
      }),
  };
}

/**
 * Tracks by id, `spotify:track:` URI or open.spotify.com link, in the order given. Malformed
 * references throw {@link SpotifyInputError} before any request; ids Spotify does not know are
 * reported as `unavailable`.
 */
export function trackListSource(client: SpotifyClient, refs: readonly string[], tuning: SpotifySourceOptions = {}): CatalogSource {
  const ids = refs.map((ref) => parseSpotifyId(ref, 'track'));
  const name = `spotify:tracks(${ids.length})`;
  const batched = tuning.batchTrackLookup ?? false;
  const width = batched ? 50 : Math.max(1, tuning.trackConcurrency ?? 4);
  return {
    name,
    load: (options = {}) =>
      load(name, options, async (collector) => {
        const wanted = ids.slice(0, collector.limit);
        collector.total = wanted.length;
        for (let start = 0; start < wanted.length && !collector.full; start += width) {
          options.signal?.throwIfAborted();
          const group = wanted.slice(start, start + width);
          const found = batched
            ? await client.getTracks(group, options.signal)
            : await Promise.all(group.map((id) => client.getTrack(id, options.signal)));
          group.forEach((id, i) => collector.add(found[i] ?? null, `spotify:track:${id}`));
          collector.report();
        }
      }),
  };
}
