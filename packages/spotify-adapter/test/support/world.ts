import { afterAll, afterEach, beforeAll } from 'vitest';
import { createSpotifyAdapter, type SpotifyAdapter, type SpotifyAdapterOptions } from '../../src';
import { apiFeaturesOf, apiTrackOf, moodRows, type MoodRow } from './data';
import { FakeSpotify, type FakeSpotifyOptions } from './fake-spotify';

/** Playlist ids of the standard world. */
export const PLAYLISTS = {
  /** 250 entries: 246 data_moods tracks, a local file, a podcast episode, an unavailable (null) entry, a repeat. */
  moods: '3cEYpjA9oz9GiPac4AsH4n',
  /** 40 data_moods tracks, owned by the user. */
  chill: '1h0CEZCm6IbFTbxThn6Xcs',
  /** Someone else's playlist: 403 in development mode. */
  foreign: '37i9dQZF1DXcBWIGoYBM5M',
} as const;

const rows = moodRows();

/** The data_moods rows (686 real tracks). */
export function worldRows(): MoodRow[] {
  return rows;
}

/** A {@link FakeSpotify} (not started) holding the data_moods tracks and features, three playlists and 120 saved tracks. */
function createWorld(options: FakeSpotifyOptions = {}): FakeSpotify {
  const server = new FakeSpotify(options);
  const tracks = rows.map(apiTrackOf);
  server.addTracks(tracks);
  for (const row of rows) server.features.set(row.id, apiFeaturesOf(row));
  const entry = (item: unknown, i: number) => ({
    added_at: `2025-03-${String(1 + (i % 28)).padStart(2, '0')}T12:00:00Z`,
    added_by: { id: 'moodtunes-user', type: 'user' },
    is_local: false,
    item,
  });
  const moods: unknown[] = tracks.slice(0, 246).map(entry);
  moods.splice(10, 0, {
    added_at: '2025-03-02T12:00:00Z',
    is_local: true,
    item: {
      type: 'track',
      id: null,
      name: 'demo take 3.mp3',
      uri: 'spotify:local:Me:Demos:demo+take+3:187',
      is_local: true,
      artists: [{ name: 'Me', id: null }],
      album: { name: 'Demos', images: [] },
    },
  });
  moods.splice(
    20,
    0,
    entry({ type: 'episode', id: '512ojhOuo1ktJprKbVcKyQ', name: 'A podcast episode', uri: 'spotify:episode:512ojhOuo1ktJprKbVcKyQ' }, 20),
  );
  moods.splice(30, 0, entry(null, 30));
  moods.push(entry(tracks[5], 249));
  server.addPlaylist({ id: PLAYLISTS.moods, name: 'Moods', ownerId: 'moodtunes-user', entries: moods });
  server.addPlaylist({ id: PLAYLISTS.chill, name: 'Chill', ownerId: 'moodtunes-user', entries: tracks.slice(300, 340).map(entry) });
  server.addPlaylist({
    id: PLAYLISTS.foreign,
    name: 'Someone else',
    ownerId: 'spotify',
    entries: tracks.slice(400, 450).map(entry),
    forbidden: true,
  });
  server.saved.push(...rows.slice(500, 620).map((row) => row.id));
  return server;
}

/** A started world, for a test that needs one of its own; close it when done. */
export function startWorld(options: FakeSpotifyOptions = {}): Promise<FakeSpotify> {
  return createWorld(options).start();
}

/** A world started before the tests of this file, closed after them; its request log is cleared after each test. */
export function useWorld(options: FakeSpotifyOptions = {}): FakeSpotify {
  const server = createWorld(options);
  beforeAll(() => server.start());
  afterAll(() => server.close());
  afterEach(() => {
    server.requests.length = 0;
  });
  return server;
}

/** Fast retry settings for tests (real backoff, small delays). */
export const FAST_RETRY = { minDelayMs: 5, maxDelayMs: 20 } as const;

/** An adapter on `server` with a fresh user token and {@link FAST_RETRY}. */
export function adapterFor(server: FakeSpotify, options: Partial<SpotifyAdapterOptions> = {}): SpotifyAdapter {
  return createSpotifyAdapter({ auth: server.issueToken(), apiBaseUrl: server.apiBaseUrl, retry: FAST_RETRY, ...options });
}
