// Playlists: extended M3U for players, or JSON whose `tracks` can be handed as is to
// @moodtunes/spotify-adapter's writePlaylist (it reads `spotifyUri`/`spotifyId` of each entry).
import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Emotion } from '@moodtunes/fer-core';
import { FileError } from './errors';
import type { Pick } from './music';

/** Playlist file formats, chosen by the file extension. */
export type PlaylistFormat = 'm3u' | 'json';

/** What goes into a playlist. */
export interface PlaylistContent {
  name: string;
  /** Emotions the tracks were picked for, in order of appearance. */
  emotions: Emotion[];
  /** Catalog path. */
  catalog: string;
  /** Tracks in order, each once. */
  tracks: Pick[];
}

/** `.m3u`/`.m3u8` -> m3u, `.json` -> json. */
export function playlistFormat(path: string): PlaylistFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.m3u' || ext === '.m3u8') return 'm3u';
  if (ext === '.json') return 'json';
  throw new FileError(path, 'playlist must end in .m3u, .m3u8 or .json');
}

/** Merges pick lists in order, keeping the first occurrence of each track. */
export function mergePicks(lists: readonly Pick[][]): Pick[] {
  const seen = new Set<string>();
  return lists.flat().filter((p) => !seen.has(p.id) && seen.add(p.id));
}

/**
 * Where a player finds the track: its Spotify page, else its preview, else a Spotify search for
 * artist and title (catalogs without ids, such as the generated demo, have nothing better).
 */
function trackLocation(pick: Pick): string {
  if (pick.spotifyUrl) return pick.spotifyUrl;
  if (pick.previewUrl) return pick.previewUrl;
  return `https://open.spotify.com/search/${encodeURIComponent(`${pick.artists.join(' ')} ${pick.title}`.trim())}`;
}

/** Extended M3U text (`#EXTINF:<seconds>,<artists> - <title>` then the location). */
function toM3u(content: PlaylistContent): string {
  const lines = ['#EXTM3U', `#PLAYLIST:${oneLine(content.name)}`];
  for (const pick of content.tracks) {
    const seconds = pick.durationMs !== undefined ? Math.round(pick.durationMs / 1000) : -1;
    lines.push(`#EXTINF:${seconds},${oneLine(`${pick.artists.join(', ')} - ${pick.title}`)}`, trackLocation(pick));
  }
  return lines.join('\n') + '\n';
}

/** The JSON playlist document. */
function toPlaylistJson(content: PlaylistContent, createdAt = new Date()): string {
  return (
    JSON.stringify(
      { ...content, createdAt: createdAt.toISOString(), tracks: content.tracks.map((t) => ({ ...t, location: trackLocation(t) })) },
      null,
      2,
    ) + '\n'
  );
}

/** Writes the playlist in the format its extension names. */
export async function writePlaylistFile(path: string, content: PlaylistContent): Promise<void> {
  const text = playlistFormat(path) === 'm3u' ? toM3u(content) : toPlaylistJson(content);
  try {
    await writeFile(path, text, 'utf8');
  } catch (error) {
    throw new FileError(path, `cannot write playlist: ${(error as Error).message}`, { cause: error });
  }
}

const oneLine = (text: string) => text.replace(/[\r\n]+/g, ' ');
