import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CsvRowError, MOODS, UnknownCsvFormatError, parseCatalogCsv, readCatalog, type ImportProgress } from '../src/index';
import { readCatalogFile } from '../src/node';
import { DATA_MOODS, SPOTIFY_FEATURES_SAMPLE } from './paths';

const TRACKS_1921 = [
  'id,name,popularity,duration_ms,explicit,artists,id_artists,release_date,danceability,energy,key,loudness,mode,speechiness,acousticness,instrumentalness,liveness,valence,tempo,time_signature',
  `35iwgR4jXetI318WEWsa1Q,Carve,6,126903,0,['Uli'],['45tIt06XoI0Iio4LBEVpls'],1922-02-22,0.645,0.445,0,-13.338,1,0.451,0.674,0.744,0.151,0.127,104.851,3`,
  `08FmqUhxtyLTn6pAh6bk45,Lady Madonna,43,136000,0,"['The Beatles', ""Guns N' Roses"", 'Sam \\'Lightnin\\' Hopkins']","['3WrFJ7ztbogyGnTHbHJFl2']",1968,0.5,0.8,9,-5.2,0,0.05,0.1,0,0.2,0.9,110.5,4`,
].join('\n');

const DATA_1921 = [
  'valence,year,acousticness,artists,danceability,duration_ms,energy,explicit,id,instrumentalness,key,liveness,loudness,mode,name,popularity,release_date,speechiness,tempo',
  `0.0594,1921,0.982,"['Sergei Rachmaninoff', 'James Levine', 'Berliner Philharmoniker']",0.279,831667,0.211,0,4BJqT0PrAfrxzMOxytFOIz,0.878,10,0.665,-20.096,1,"Piano Concerto No.3 in D Minor, Op.30: III. Finale. Alla breve",4,1921,0.0366,80.954`,
  `0.963,1921,0.732,['Dennis Day'],0.819,180533,0.341,0,7xPhfUan2yNtyFG0cUWkt8,0,7,0.16,-12.441,1,Clancy Lowered the Boom,5,,0.415,60.936`,
].join('\n');

describe('data_moods.csv (real file, CRLF)', () => {
  it('imports all 686 rows with moods, features and Spotify ids', async () => {
    const result = await readCatalogFile(DATA_MOODS);
    expect(result.format).toBe('data-moods');
    expect(result.rowsRead).toBe(686);
    expect(result.catalog.tracks).toHaveLength(686);
    const counts = Object.fromEntries(MOODS.map((m) => [m, result.catalog.tracks.filter((t) => t.mood === m).length]));
    expect(counts).toEqual({ sad: 197, calm: 195, energetic: 154, happy: 140 });
    const first = result.catalog.tracks[0]!;
    expect(first).toMatchObject({
      id: '2H7PHVdQ3mXqEHXcvclTB0',
      title: '1999',
      artists: ['Prince'],
      album: '1999',
      popularity: 68,
      mood: 'happy',
      spotifyUri: 'spotify:track:2H7PHVdQ3mXqEHXcvclTB0',
    });
    expect(first.features).toMatchObject({ valence: 0.625, energy: 0.73, tempo: 118.523, key: 5, timeSignature: 4, durationMs: 379266 });
    // data_moods.csv has no mode column: absent, never NaN.
    expect(first.features).not.toHaveProperty('mode');
    for (const t of result.catalog.tracks) {
      for (const v of Object.values(t.features ?? {})) expect(Number.isFinite(v)).toBe(true);
    }
  });
});

describe('SpotifyFeatures.csv (real sample, read as a gzip stream)', () => {
  it('maps note-name keys, Major/Minor and 4/4, and drops duplicate ids', async () => {
    const progress: ImportProgress[] = [];
    const stream = createReadStream(SPOTIFY_FEATURES_SAMPLE).pipe(createGunzip());
    const result = await readCatalog(stream, { progressEvery: 500, onProgress: (p) => progress.push(p) });
    expect(result.format).toBe('spotify-features');
    expect(result.rowsRead).toBe(1397);
    expect(result.duplicates).toBe(2);
    expect(result.catalog.tracks).toHaveLength(1395);
    const first = result.catalog.tracks[0]!;
    expect(first).toMatchObject({ title: "C'est beau de faire un Show", artists: ['Henri Salvador'], genre: 'Movie', popularity: 0 });
    expect(first.features).toMatchObject({ key: 1, mode: 1, timeSignature: 4, valence: 0.814 });
    expect(result.catalog.tracks[1]!.features).toMatchObject({ key: 6, mode: 0 });
    expect(progress.map((p) => p.rowsRead)).toEqual([500, 1000, 1397]);
    const genres = new Set(result.catalog.tracks.map((t) => t.genre));
    expect([...genres].sort()).toEqual(['A Capella', 'Alternative', 'Country', 'Movie', 'R&B']);
  });

  it('reads spreadsheet-mangled time signatures (4-Apr, 04-Apr, 4-Mar)', () => {
    const header =
      'genre,artist_name,track_name,track_id,popularity,acousticness,danceability,duration_ms,energy,instrumentalness,key,liveness,loudness,mode,speechiness,tempo,time_signature,valence';
    const row = (id: string, ts: string) => `Pop,A,T,${id},50,0.1,0.5,200000,0.6,0,A#,0.1,-5,Minor,0.05,120,${ts},0.5`;
    const { catalog } = parseCatalogCsv([header, row('a', '4-Apr'), row('b', '04-Apr'), row('c', '4-Mar'), row('d', '5/4')].join('\n'));
    expect(catalog.tracks.map((t) => t.features!.timeSignature)).toEqual([4, 4, 3, 5]);
    expect(catalog.tracks[0]!.features!.key).toBe(10);
  });
});

describe('Kaggle 1921-2020 formats (fixtures)', () => {
  it('tracks.csv: Python-style artist lists with quotes and escapes', () => {
    const { catalog, format } = parseCatalogCsv(TRACKS_1921);
    expect(format).toBe('spotify-1921-tracks');
    expect(catalog.tracks[0]).toMatchObject({
      id: '35iwgR4jXetI318WEWsa1Q',
      title: 'Carve',
      artists: ['Uli'],
      explicit: false,
      releaseDate: '1922-02-22',
    });
    expect(catalog.tracks[1]!.artists).toEqual(['The Beatles', "Guns N' Roses", "Sam 'Lightnin' Hopkins"]);
    expect(catalog.tracks[1]!.features).toMatchObject({ mode: 0, key: 9, timeSignature: 4, valence: 0.9 });
  });

  it('data.csv: different column order, year used when release_date is empty', () => {
    const { catalog, format } = parseCatalogCsv(DATA_1921);
    expect(format).toBe('spotify-1921-data');
    expect(catalog.tracks[0]!.title).toBe('Piano Concerto No.3 in D Minor, Op.30: III. Finale. Alla breve');
    expect(catalog.tracks[0]!.artists).toHaveLength(3);
    expect(catalog.tracks[0]!.features).toMatchObject({ valence: 0.0594, energy: 0.211, durationMs: 831667 });
    expect(catalog.tracks[1]!.releaseDate).toBe('1921');
  });
});

describe('malformed input', () => {
  const bad = [
    'name,album,artist,id,release_date,popularity,length,danceability,acousticness,energy,instrumentalness,liveness,valence,loudness,speechiness,tempo,key,time_signature,mood',
    'Ok,A,B,id1,2000,50,1000,0.5,0.5,0.5,0,0.1,0.5,-5,0.05,120,1,4,Happy',
    'Short,A,B,id2,2000,50',
    'NaNs,A,B,id3,2000,50,1000,0.5,0.5,abc,0,0.1,0.5,-5,0.05,120,1,4,Sad',
    'Range,A,B,id4,2000,50,1000,0.5,0.5,1.7,0,0.1,0.5,-5,0.05,120,1,4,Sad',
    'NoEnergy,A,B,id5,2000,50,1000,0.5,0.5,,0,0.1,0.5,-5,0.05,120,1,4,Calm',
    'BadMood,A,B,id6,2000,50,1000,0.5,0.5,0.5,0,0.1,0.5,-5,0.05,120,1,4,Angry',
  ].join('\r\n');

  it('strict (default): throws CsvRowError naming the line', () => {
    const attempt = () => parseCatalogCsv(bad);
    expect(attempt).toThrow(CsvRowError);
    expect(attempt).toThrow('CSV line 3: expected 19 fields, found 6');
  });

  it('lenient: skips bad rows, lists them with reasons, keeps missing features absent', () => {
    const result = parseCatalogCsv(bad, { strict: false });
    expect(result.catalog.tracks.map((t) => t.id)).toEqual(['id1', 'id5']);
    expect(result.skipped).toEqual([
      { line: 3, endLine: 3, reason: 'expected 19 fields, found 6' },
      { line: 4, endLine: 4, reason: 'column energy: not a number: "abc"' },
      { line: 5, endLine: 5, reason: 'column energy: 1.7 is outside 0..1' },
      { line: 7, endLine: 7, reason: 'column mood: not a mood: "Angry"' },
    ]);
    expect(result.skippedCount).toBe(4);
    const noEnergy = result.catalog.tracks[1]!;
    expect(noEnergy.features).not.toHaveProperty('energy');
    expect(noEnergy.features!.valence).toBe(0.5);
  });

  it('rejects an unknown header and empty input', () => {
    expect(() => parseCatalogCsv('foo,bar\n1,2')).toThrow(UnknownCsvFormatError);
    expect(() => parseCatalogCsv('')).toThrow(CsvRowError);
  });

  it('reads a WHATWG ReadableStream of bytes split inside multi-byte characters', async () => {
    const header =
      'genre,artist_name,track_name,track_id,popularity,acousticness,danceability,duration_ms,energy,instrumentalness,key,liveness,loudness,mode,speechiness,tempo,time_signature,valence';
    const bytes = new TextEncoder().encode(
      `${header}\nMovie,Martin & les fées,Perdu d'avance,0BjC1NfoEOOusryehmNudP,1,0.246,0.59,137373,0.737,0,F#,0.151,-5.559,Minor,0.0868,174.003,4/4,0.816\n`,
    );
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 3) controller.enqueue(bytes.slice(i, i + 3));
        controller.close();
      },
    });
    const { catalog } = await readCatalog(stream);
    expect(catalog.tracks[0]!.artists).toEqual(['Martin & les fées']);
  });
});
