import type { PlaylistEntry, PlaylistInput, PlaylistWriteResult, SkippedItem, TrackRef, WritePlaylistOptions } from '../contract';
import type { SpotifyClient } from '../api/client';
import { openUrl, parseSpotifyId, trackUri } from '../api/ids';
import { SpotifyAbortError, SpotifyError, SpotifyInputError, SpotifyResponseError, type PlaylistRef } from '../errors';

/** Spotify's cap on URIs per add-items request. */
export const PLAYLIST_BATCH = 100;

function refOf(entry: PlaylistEntry): TrackRef {
  return typeof entry === 'object' && entry !== null && 'track' in entry ? entry.track : entry;
}

/** Track URIs to write, and the inputs left out. */
export interface ResolvedPlaylist {
  /** `spotify:track:<id>`, in input order, without repeats. */
  uris: string[];
  /** Inputs without a Spotify reference, and repeats. */
  skipped: SkippedItem[];
}

/**
 * Resolves playlist input to track URIs. Strings must parse (else {@link SpotifyInputError});
 * objects without `spotifyUri`/`spotifyId` and repeats are reported in `skipped`.
 */
export function resolvePlaylistUris(input: PlaylistInput): ResolvedPlaylist {
  const entries: Iterable<PlaylistEntry> = Symbol.iterator in input ? input : 'items' in input ? input.items : input.tracks;
  const uris: string[] = [];
  const skipped: SkippedItem[] = [];
  const seen = new Set<string>();
  let index = 0;
  for (const entry of entries) {
    const ref = refOf(entry);
    const where = `input#${index++}`;
    let id: string | undefined;
    if (typeof ref === 'string') id = parseSpotifyId(ref, 'track');
    else if (ref?.spotifyUri) id = parseSpotifyId(ref.spotifyUri, 'track');
    else if (ref?.spotifyId) id = parseSpotifyId(ref.spotifyId, 'track');
    const name = typeof ref === 'object' && ref?.title ? ref.title : undefined;
    if (id === undefined) {
      skipped.push(name ? { reason: 'not-on-spotify', where, name } : { reason: 'not-on-spotify', where });
    } else if (seen.has(id)) {
      skipped.push(name ? { reason: 'duplicate', where, name } : { reason: 'duplicate', where });
    } else {
      seen.add(id);
      uris.push(trackUri(id));
    }
  }
  return { uris, skipped };
}

/**
 * Creates a playlist for the current user (`POST /me/playlists`, name and description set) and
 * adds the tracks 100 a request. A batch whose answer is lost (5xx, timeout, dropped connection)
 * is reconciled by reading the playlist back before it is retried, so no track is written twice.
 * If adding fails, the error's `partial` names the playlist and the URIs added, so the caller can
 * resume instead of creating a second playlist.
 */
export async function writePlaylist(
  client: SpotifyClient,
  input: PlaylistInput,
  options: WritePlaylistOptions,
): Promise<PlaylistWriteResult> {
  const operation = 'write playlist';
  if (typeof options.name !== 'string' || options.name.trim() === '') {
    throw new SpotifyInputError('A playlist needs a non-empty name', { operation });
  }
  const { uris, skipped } = resolvePlaylistUris(input);
  if (uris.length === 0) {
    throw new SpotifyInputError('None of the given tracks has a Spotify id or URI; no playlist was created', {
      operation,
    });
  }
  const { signal } = options;
  const created = await client.createPlaylist(
    { name: options.name, description: options.description, public: options.public ?? false },
    signal,
  );
  if (typeof created?.id !== 'string') {
    throw new SpotifyResponseError('POST /me/playlists: the answer has no playlist id', { operation: 'POST /me/playlists' });
  }
  const playlist: PlaylistRef = {
    id: created.id,
    uri: created.uri ?? `spotify:playlist:${created.id}`,
    url: created.external_urls?.spotify ?? openUrl('playlist', created.id),
  };
  const addedUris: string[] = [];
  let snapshotId: string | undefined;
  try {
    for (let start = 0; start < uris.length; start += PLAYLIST_BATCH) {
      signal?.throwIfAborted();
      const batch = uris.slice(start, start + PLAYLIST_BATCH);
      // The playlist is new, so its length is what was added: an uncertain failure can be reconciled.
      snapshotId = (await client.addPlaylistItems(playlist.id, batch, signal, addedUris.length))?.snapshot_id;
      addedUris.push(...batch);
      options.onProgress?.({ stage: 'playlist', source: playlist.uri, done: addedUris.length, total: uris.length });
    }
  } catch (error) {
    const typed =
      error instanceof SpotifyError
        ? error
        : signal?.aborted
          ? new SpotifyAbortError(`${operation} was aborted`, { operation, cause: signal.reason })
          : undefined;
    if (!typed) throw error;
    typed.partial = { ...typed.partial, playlist, addedUris };
    throw typed;
  }
  return snapshotId === undefined ? { playlist, addedUris, skipped } : { playlist, addedUris, skipped, snapshotId };
}
