import { describe, expect, it } from 'vitest';
import { SpotifyAbortError, SpotifyHttpError, SpotifyInputError, resolvePlaylistUris, type Progress } from '../src';
import { adapterFor, useWorld, worldRows } from './support/world';

const rows = worldRows();
const server = useWorld();

const adapter = () => adapterFor(server);

describe('playlist input', () => {
  it('accepts ids, URIs, links, tracks, { track } wrappers, { items } and { tracks }, reporting what it cannot use', () => {
    const [a, b, c, d] = rows.map((r) => r.id);
    const entries = [
      a!,
      `spotify:track:${b}`,
      { spotifyUri: `spotify:track:${c}`, title: 'C' },
      { track: { spotifyId: d, title: 'D' } },
      { title: 'Only in a CSV' },
      { track: { spotifyId: a, title: 'A again' } },
    ];
    const expected = {
      uris: [a, b, c, d].map((id) => `spotify:track:${id}`),
      skipped: [
        { reason: 'not-on-spotify', where: 'input#4', name: 'Only in a CSV' },
        { reason: 'duplicate', where: 'input#5', name: 'A again' },
      ],
    };
    expect(resolvePlaylistUris(entries)).toEqual(expected);
    expect(resolvePlaylistUris({ items: entries })).toEqual(expected);
    expect(resolvePlaylistUris({ tracks: entries })).toEqual(expected);
    expect(() => resolvePlaylistUris(['spotify:album:2H7PHVdQ3mXqEHXcvclTB0'])).toThrow(SpotifyInputError);
  });
});

describe('writePlaylist', () => {
  it('creates the playlist with POST /me/playlists and adds 250 tracks 100 a request', async () => {
    const uris = rows.slice(0, 250).map((r) => `spotify:track:${r.id}`);
    const progress: Progress[] = [];
    const result = await adapter().writePlaylist(uris, {
      name: 'moodtunes: happy',
      description: 'Picked by moodtunes for a happy face',
      onProgress: (p) => progress.push(p),
    });
    const create = server.hits(/^\/v1\/me\/playlists$/, 'POST');
    expect(create).toHaveLength(1);
    expect(create[0]?.body).toEqual({ name: 'moodtunes: happy', description: 'Picked by moodtunes for a happy face', public: false });
    const adds = server.hits(/^\/v1\/playlists\/[^/]+\/items$/, 'POST');
    expect(adds.map((r) => (r.body as { uris: string[] }).uris.length)).toEqual([100, 100, 50]);
    expect(adds.every((r) => r.path === `/v1/playlists/${result.playlist.id}/items`)).toBe(true);
    expect(server.created.get(result.playlist.id)?.uris).toEqual(uris);
    expect(result).toMatchObject({
      playlist: {
        uri: `spotify:playlist:${result.playlist.id}`,
        url: `https://open.spotify.com/playlist/${result.playlist.id}`,
      },
      snapshotId: 'snap-250',
      skipped: [],
    });
    expect(result.addedUris).toEqual(uris);
    expect(progress.map((p) => p.done)).toEqual([100, 200, 250]);
  });

  it('refuses an empty name or no usable track before creating anything', async () => {
    await expect(adapter().writePlaylist([rows[0]!.id], { name: '  ' })).rejects.toBeInstanceOf(SpotifyInputError);
    await expect(adapter().writePlaylist([{ title: 'x' }], { name: 'n' })).rejects.toBeInstanceOf(SpotifyInputError);
    expect(server.requests).toHaveLength(0);
  });

  it('retries a 429 on an add, and names the playlist and what was added when an add fails for good', async () => {
    const uris = rows.slice(0, 250).map((r) => `spotify:track:${r.id}`);
    server.failNext(/\/items$/, { status: 429, headers: { 'retry-after': '0' } }, { method: 'POST' });
    server.failNext(/\/items$/, { status: 429, headers: { 'retry-after': '0' } }, { method: 'POST' });
    server.failNext(
      /\/items$/,
      { status: 400, body: { error: { status: 400, message: 'Payload contains a non-existing ID' } } },
      { method: 'POST' },
    );
    const error = await adapter()
      .writePlaylist(uris, { name: 'partial' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyHttpError);
    const { partial, operation, status } = error as SpotifyHttpError;
    expect(status).toBe(400);
    expect(operation).toMatch(/^POST \/v1\/playlists\/[^/]+\/items$/);
    expect(partial?.playlist?.id).toBeDefined();
    expect(partial?.addedUris).toEqual([]);
    expect(server.hits(/\/items$/, 'POST').map((r) => r.fault)).toEqual([429, 429, 400]);
  });

  it('stops between batches on abort and reports what was added', async () => {
    const controller = new AbortController();
    const error = await adapter()
      .writePlaylist(
        rows.slice(0, 300).map((r) => r.id),
        { name: 'aborted', signal: controller.signal, onProgress: (p) => p.done === 100 && controller.abort() },
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyAbortError);
    expect((error as SpotifyAbortError).partial?.addedUris).toHaveLength(100);
    expect(server.hits(/\/items$/, 'POST')).toHaveLength(1);
  });
});
