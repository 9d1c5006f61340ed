import { describe, expect, it } from 'vitest';
import {
  SpotifyAbortError,
  SpotifyInputError,
  SpotifyResponseError,
  SpotifyServerError,
  createSpotifyAdapter,
  parseSpotifyId,
  type Progress,
  type SpotifyAdapterOptions,
} from '../src';
import { FAST_RETRY, PLAYLISTS, adapterFor, startWorld, useWorld, worldRows } from './support/world';

const server = useWorld();

const adapter = (options: Partial<SpotifyAdapterOptions> = {}) => adapterFor(server, options);

const rows = worldRows();

describe('references', () => {
  it('parses ids, URIs and open.spotify.com links, and refuses anything else', () => {
    const id = '2H7PHVdQ3mXqEHXcvclTB0';
    expect(parseSpotifyId(id, 'track')).toBe(id);
    expect(parseSpotifyId(`spotify:track:${id}`, 'track')).toBe(id);
    expect(parseSpotifyId(`https://open.spotify.com/track/${id}?si=abc`, 'track')).toBe(id);
    expect(parseSpotifyId(`https://open.spotify.com/intl-de/track/${id}`, 'track')).toBe(id);
    for (const bad of [`spotify:album:${id}`, 'abc', `https://example.com/track/${id}`, `${id}x`]) {
      expect(() => parseSpotifyId(bad, 'track')).toThrow(SpotifyInputError);
    }
  });
});

describe('one playlist', () => {
  it('pages through /items with next, keeps links, artwork and previews, and reports what it skipped', async () => {
    const progress: Progress[] = [];
    const { catalog, skipped } = await adapter()
      .playlist(`https://open.spotify.com/playlist/${PLAYLISTS.moods}`)
      .load({ onProgress: (p) => progress.push(p) });

    expect(catalog.source).toBe(`spotify:playlist:${PLAYLISTS.moods}`);
    expect(catalog.tracks).toHaveLength(246);
    expect(catalog.tracks.map((t) => t.id)).toEqual(rows.slice(0, 246).map((r) => r.id));
    const calls = server.hits(new RegExp(`^/v1/playlists/${PLAYLISTS.moods}/items$`));
    expect(calls.map((c) => c.query.offset ?? '0')).toEqual(['0', '100', '200']);
    expect(calls.every((c) => c.query.limit === '100')).toBe(true);
    expect(progress.map((p) => p.done)).toEqual([97, 197, 246]);
    expect(progress.every((p) => p.total === 250 && p.stage === 'tracks')).toBe(true);
    expect(skipped).toEqual([
      { reason: 'local-file', where: `spotify:playlist:${PLAYLISTS.moods}#10`, name: 'demo take 3.mp3' },
      { reason: 'not-a-track', where: `spotify:playlist:${PLAYLISTS.moods}#20`, name: 'A podcast episode' },
      { reason: 'unavailable', where: `spotify:playlist:${PLAYLISTS.moods}#30` },
      { reason: 'duplicate', where: `spotify:playlist:${PLAYLISTS.moods}#249`, name: rows[5]?.name },
    ]);

    const prince = catalog.tracks[0];
    expect(prince).toEqual({
      id: '2H7PHVdQ3mXqEHXcvclTB0',
      title: '1999',
      artists: ['Prince'],
      album: '1999',
      releaseDate: '1982-10-27',
      popularity: 68,
      explicit: true,
      spotifyId: '2H7PHVdQ3mXqEHXcvclTB0',
      spotifyUri: 'spotify:track:2H7PHVdQ3mXqEHXcvclTB0',
      spotifyUrl: 'https://open.spotify.com/track/2H7PHVdQ3mXqEHXcvclTB0',
      imageUrl: expect.stringMatching(/^https:\/\/i\.scdn\.co\/image\/ab67616d0000b273/) as string,
    });
    expect(prince?.previewUrl).toBeUndefined(); // null preview stays absent
    expect(catalog.tracks[1]?.previewUrl).toMatch(/^https:\/\/p\.scdn\.co\/mp3-preview\//);
  });

  it('stops at the caller limit without reading further pages', async () => {
    const progress: Progress[] = [];
    const { catalog } = await adapter()
      .playlist(PLAYLISTS.moods)
      .load({ limit: 120, onProgress: (p) => progress.push(p) });
    expect(catalog.tracks).toHaveLength(120);
    expect(server.hits(/\/items$/)).toHaveLength(2);
    expect(progress.at(-1)).toEqual({ stage: 'tracks', source: `spotify:playlist:${PLAYLISTS.moods}`, done: 120, total: 120 });

    server.requests.length = 0;
    await adapter().playlist(PLAYLISTS.moods).load({ limit: 5 });
    expect(server.hits(/\/items$/).map((c) => c.query.limit)).toEqual(['5']);
    // Skipped entries (a local file at #10, an episode at #20) make a second page necessary.
    server.requests.length = 0;
    const { catalog: thirty } = await adapter().playlist(PLAYLISTS.moods).load({ limit: 30 });
    expect(thirty.tracks).toHaveLength(30);
    expect(server.hits(/\/items$/).map((c) => c.query.offset ?? '0')).toEqual(['0', '30']);
  });

  it('reads the pre-2026 /tracks endpoint and its `track` entries', async () => {
    const { catalog } = await adapter({ playlistItemsPath: 'tracks' }).playlist(`spotify:playlist:${PLAYLISTS.chill}`).load();
    expect(server.hits(/\/tracks$/)).toHaveLength(1);
    expect(catalog.tracks.map((t) => t.id)).toEqual(rows.slice(300, 340).map((r) => r.id));
  });

  it('rides out 429 and 5xx blips in the middle of paging', async () => {
    server.failNext(/\/items$/, { status: 503 });
    server.failNext(/\/items$/, { status: 429, headers: { 'retry-after': '0' } });
    const { catalog } = await adapter().playlist(PLAYLISTS.moods).load();
    expect(catalog.tracks).toHaveLength(246);
    expect(server.hits(/\/items$/).map((c) => c.fault)).toEqual([503, 429, undefined, undefined, undefined]);
  });

  it('re-roots next links on api.spotify.com onto the configured base, and refuses other hosts', async () => {
    const canonical = await startWorld({ canonicalNext: true });
    try {
      const { catalog } = await createSpotifyAdapter({ auth: canonical.issueToken(), apiBaseUrl: canonical.apiBaseUrl })
        .playlist(PLAYLISTS.moods)
        .load();
      expect(catalog.tracks).toHaveLength(246);
      expect(canonical.hits(/\/items$/)).toHaveLength(3);
    } finally {
      await canonical.close();
    }
    server.failNext(/\/items$/, { status: 200, body: { items: [], next: 'https://evil.example.com/v1/steal', total: 5 } });
    const error = await adapter()
      .playlist(PLAYLISTS.moods)
      .load()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyResponseError);
  });

  it('keeps what it loaded when a page fails for good', async () => {
    server.failNext(/\/items$/, { status: 500 }, { times: 2, query: { offset: '100' } });
    const error = await adapter({ retry: { ...FAST_RETRY, retries: 1 } })
      .playlist(PLAYLISTS.moods)
      .load()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyServerError);
    expect((error as SpotifyServerError).operation).toBe(`GET /v1/playlists/${PLAYLISTS.moods}/items`);
    expect((error as SpotifyServerError).partial?.catalog?.tracks).toHaveLength(97);
  });

  it('cancels a long build on abort and hands back the tracks loaded so far', async () => {
    const controller = new AbortController();
    server.failNext(/\/items$/, { status: 429, headers: { 'retry-after': '20' } }, { query: { offset: '200' } });
    const pending = adapter()
      .playlist(PLAYLISTS.moods)
      .load({
        signal: controller.signal,
        onProgress: (p) => {
          if (p.done >= 197) setTimeout(() => controller.abort(), 20);
        },
      });
    const started = performance.now();
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyAbortError);
    expect(performance.now() - started).toBeLessThan(2000);
    expect((error as SpotifyAbortError).partial?.catalog?.tracks).toHaveLength(197);
  });

  it('refuses a malformed playlist reference before any request', () => {
    expect(() => adapter().playlist('spotify:album:3cEYpjA9oz9GiPac4AsH4n')).toThrow(SpotifyInputError);
    expect(server.requests).toHaveLength(0);
  });
});

describe('other sources', () => {
  it("loads the user's playlists, reporting the ones Spotify refuses", async () => {
    const progress: Progress[] = [];
    const { catalog, skipped } = await adapter()
      .myPlaylists()
      .load({ onProgress: (p) => progress.push(p) });
    expect(catalog.source).toBe('spotify:me:playlists');
    expect(catalog.tracks).toHaveLength(246 + 40);
    expect(skipped.filter((s) => s.reason === 'inaccessible')).toEqual([
      { reason: 'inaccessible', where: `spotify:playlist:${PLAYLISTS.foreign}`, name: 'Someone else' },
    ]);
    expect(server.hits(/^\/v1\/me\/playlists$/)[0]?.query.limit).toBe('50');
    expect(progress[0]).toMatchObject({ done: 0, total: 250 + 40 + 50 });
  });

  it('honours maxPlaylists and the track limit across playlists', async () => {
    const { catalog } = await adapter().myPlaylists({ maxPlaylists: 1 }).load();
    expect(catalog.tracks).toHaveLength(246);
    const limited = await adapter().myPlaylists().load({ limit: 260 });
    expect(limited.catalog.tracks).toHaveLength(260);
    expect(limited.catalog.tracks.slice(246).map((t) => t.id)).toEqual(rows.slice(300, 314).map((r) => r.id));
  });

  it('loads saved tracks 50 a page', async () => {
    const { catalog } = await adapter().savedTracks().load();
    expect(catalog.tracks.map((t) => t.id)).toEqual(rows.slice(500, 620).map((r) => r.id));
    expect(server.hits(/^\/v1\/me\/tracks$/).map((c) => c.query.limit)).toEqual(['50', '50', '50']);
  });

  it('searches within the development-mode page size, one page unless a limit is set', async () => {
    const one = await adapter().search('love').load();
    expect(one.catalog.tracks).toHaveLength(10);
    expect(server.hits(/^\/v1\/search$/)).toHaveLength(1);
    expect(server.hits(/^\/v1\/search$/)[0]?.query).toMatchObject({ q: 'love', type: 'track', limit: '10' });
    const matching = rows.filter((r) => r.name.toLowerCase().includes('love') || r.artist.toLowerCase().includes('love'));
    const all = await adapter().search('love').load({ limit: 1000 });
    expect(all.catalog.tracks).toHaveLength(new Set(matching.map((r) => r.id)).size);
  });

  it('fetches a list of ids one by one (batch GET /tracks is gone in development mode)', async () => {
    const refs = [
      rows[0]!.id,
      `spotify:track:${rows[1]!.id}`,
      `https://open.spotify.com/track/${rows[2]!.id}`,
      '0000000000000000000000',
      rows[0]!.id,
    ];
    const { catalog, skipped } = await adapter().tracks(refs).load();
    expect(catalog.tracks.map((t) => t.id)).toEqual([rows[0]!.id, rows[1]!.id, rows[2]!.id]);
    expect(skipped).toEqual([
      { reason: 'unavailable', where: 'spotify:track:0000000000000000000000' },
      { reason: 'duplicate', where: `spotify:track:${rows[0]!.id}`, name: rows[0]!.name },
    ]);
    expect(server.hits(/^\/v1\/tracks\//)).toHaveLength(5);
    expect(() => adapter().tracks(['not an id'])).toThrow(SpotifyInputError);
  });

  it('uses batch GET /tracks?ids= when asked', async () => {
    const ids = rows.slice(0, 120).map((r) => r.id);
    const { catalog } = await adapter({ batchTrackLookup: true }).tracks(ids).load();
    expect(catalog.tracks).toHaveLength(120);
    expect(server.hits(/^\/v1\/tracks$/).map((c) => c.query.ids?.split(',').length)).toEqual([50, 50, 20]);
  });
});
