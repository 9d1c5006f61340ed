import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { AudioFeatures } from '@moodtunes/mood-recommender';
import type { ApiAudioFeatures, ApiTrack } from '../../src';

/** `<repo>/../shared/data/music/data_moods.csv`: 686 real Spotify tracks with their audio features. */
export const DATA_MOODS = fileURLToPath(new URL('../../../../../shared/data/music/data_moods.csv', import.meta.url));

export interface MoodRow {
  name: string;
  album: string;
  artist: string;
  id: string;
  release_date: string;
  popularity: string;
  length: string;
  danceability: string;
  acousticness: string;
  energy: string;
  instrumentalness: string;
  liveness: string;
  valence: string;
  loudness: string;
  speechiness: string;
  tempo: string;
  key: string;
  time_signature: string;
  mood: string;
}

/** The rows of data_moods.csv. */
export function moodRows(): MoodRow[] {
  return parse(readFileSync(DATA_MOODS), { columns: true, skip_empty_lines: true, trim: true }) as MoodRow[];
}

/** A Web API track object as Spotify returns it, built from a data_moods row. */
export function apiTrackOf(row: MoodRow, index: number): ApiTrack {
  const albumId = row.id.split('').reverse().join('');
  const image = (size: number) => ({
    url: `https://i.scdn.co/image/ab67616d0000${size === 640 ? 'b273' : size === 300 ? '1e02' : '4851'}${row.id.slice(0, 16).toLowerCase()}`,
    width: size,
    height: size,
  });
  const track = {
    type: 'track',
    id: row.id,
    name: row.name,
    uri: `spotify:track:${row.id}`,
    href: `https://api.spotify.com/v1/tracks/${row.id}`,
    is_local: false,
    is_playable: true,
    duration_ms: Number(row.length),
    explicit: index % 7 === 0,
    popularity: Number(row.popularity),
    track_number: 1 + (index % 12),
    disc_number: 1,
    // Spotify stopped sending previews to new apps in 2024; keep both cases.
    preview_url: index % 3 === 0 ? null : `https://p.scdn.co/mp3-preview/${row.id.toLowerCase()}`,
    external_ids: { isrc: `USRC1${String(index).padStart(7, '0')}` },
    external_urls: { spotify: `https://open.spotify.com/track/${row.id}` },
    artists: row.artist.split(', ').map((name, i) => ({
      type: 'artist',
      id: `${row.id.slice(0, 20)}a${i}`,
      name,
      uri: `spotify:artist:${row.id.slice(0, 20)}a${i}`,
      external_urls: { spotify: `https://open.spotify.com/artist/${row.id.slice(0, 20)}a${i}` },
    })),
    album: {
      type: 'album',
      album_type: 'album',
      id: albumId,
      name: row.album,
      release_date: row.release_date,
      release_date_precision: row.release_date.length === 4 ? 'year' : 'day',
      total_tracks: 12,
      uri: `spotify:album:${albumId}`,
      images: [image(640), image(300), image(64)],
      external_urls: { spotify: `https://open.spotify.com/album/${albumId}` },
      artists: [{ name: row.artist.split(', ')[0] }],
    },
  };
  return track;
}

/** The `/audio-features` object of a data_moods row. data_moods has no `mode` column, so it is left out. */
export function apiFeaturesOf(row: MoodRow): ApiAudioFeatures & Record<string, unknown> {
  return {
    type: 'audio_features',
    id: row.id,
    uri: `spotify:track:${row.id}`,
    danceability: Number(row.danceability),
    energy: Number(row.energy),
    key: Number(row.key),
    loudness: Number(row.loudness),
    speechiness: Number(row.speechiness),
    acousticness: Number(row.acousticness),
    instrumentalness: Number(row.instrumentalness),
    liveness: Number(row.liveness),
    valence: Number(row.valence),
    tempo: Number(row.tempo),
    duration_ms: Number(row.length),
    time_signature: Number(row.time_signature),
  };
}

/** data_moods features keyed by Spotify id, as an app would build from the Kaggle dump. */
export function moodFeatureMap(rows: MoodRow[]): Map<string, Partial<AudioFeatures>> {
  return new Map(
    rows.map((row) => [
      row.id,
      {
        valence: Number(row.valence),
        energy: Number(row.energy),
        danceability: Number(row.danceability),
        acousticness: Number(row.acousticness),
        instrumentalness: Number(row.instrumentalness),
        liveness: Number(row.liveness),
        speechiness: Number(row.speechiness),
        loudness: Number(row.loudness),
        tempo: Number(row.tempo),
        key: Number(row.key),
        durationMs: Number(row.length),
        timeSignature: Number(row.time_signature),
      },
    ]),
  );
}
