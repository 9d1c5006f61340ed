// Regression tests for issue 13 ("hostile input"), items 5-10, one behaviour per test.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CatalogInputError,
  CsvFieldTooLongError,
  CsvRowError,
  DuplicateTrackIdError,
  FEATURE_RANGES,
  InvalidCatalogError,
  InvalidFeatureError,
  InvalidOptionError,
  parseCatalogCsv,
  prepareCatalog,
  readCatalog,
  recommend,
  STRATEGY_NAMES,
  type CatalogImport,
  type ImportOptions,
  type RangedValue,
  type Track,
} from '../src/index';
import { readCatalogFile } from '../src/node';

const HEADER =
  'genre,artist_name,track_name,track_id,popularity,acousticness,danceability,duration_ms,energy,instrumentalness,key,liveness,loudness,mode,speechiness,tempo,time_signature,valence';
const COLUMNS = HEADER.split(',');
const DEFAULTS: Record<string, string> = {
  genre: 'Pop',
  popularity: '50',
  acousticness: '0.1',
  danceability: '0.5',
  duration_ms: '200000',
  energy: '0.6',
  instrumentalness: '0',
  key: 'C',
  liveness: '0.1',
  loudness: '-5',
  mode: 'Major',
  speechiness: '0.05',
  tempo: '120',
  time_signature: '4/4',
  valence: '0.5',
};

/** A SpotifyFeatures.csv row for track `i`; `values` overrides columns by name. */
function row(i: number, values: Record<string, string> = {}): string {
  const cells: Record<string, string> = {
    ...DEFAULTS,
    artist_name: `Artist ${i}`,
    track_name: `Track ${i}`,
    track_id: `id${i}`,
    ...values,
  };
  return COLUMNS.map((c) => cells[c]).join(',');
}

/** A CSV of `count` rows where `special` replaces the title of some rows (0-based row index). */
function csv(count: number, special: Record<number, string> = {}): string {
  const rows = Array.from({ length: count }, (_, i) => (i in special ? row(i, { track_name: special[i]! }) : row(i)));
  return `${[HEADER, ...rows].join('\n')}\n`;
}

async function* chunks(text: string | Uint8Array, size: number): AsyncGenerator<string | Uint8Array> {
  for (let i = 0; i < text.length; i += size) yield await Promise.resolve(text.slice(i, i + size));
}

const track = (id: string, extra: Partial<Track> = {}): Track => ({
  id,
  title: id,
  artists: [`artist of ${id}`],
  features: { valence: 0.3, energy: 0.3 },
  ...extra,
});

const dir = mkdtempSync(join(tmpdir(), 'moodtunes-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('item 5: repeated track ids in a catalog built in code', () => {
  const tracks = [track('a'), track('dup'), track('b'), track('dup', { title: 'second copy' }), track('c')];

  it.each(STRATEGY_NAMES)('%s: a repeated id is returned once, and exclude and seeds reach every copy', (strategy) => {
    const prepared = prepareCatalog(tracks);
    expect(prepared.duplicates).toEqual([{ id: 'dup', index: 3 }]);
    expect(prepared.duplicateCount).toBe(1);
    const ids = (opts = {}) => recommend('sad', prepared, { strategy, maxPerArtist: Infinity, ...opts }).items.map((i) => i.track.id);
    expect(ids().sort()).toEqual(['a', 'b', 'c', 'dup']);
    expect(ids({ exclude: ['dup'] })).not.toContain('dup');
    expect(ids({ seeds: ['dup'] })).not.toContain('dup');
    // The first copy is the one kept, as CSV import does.
    expect(recommend('sad', prepared, { strategy, exclude: ['a', 'b', 'c'] }).items[0]!.track.title).toBe('dup');
  });

  it('duplicateIds: "throw" names the repeated ids in a DuplicateTrackIdError', () => {
    const attempt = () => prepareCatalog([...tracks, track('a')], { duplicateIds: 'throw' });
    expect(attempt).toThrow(DuplicateTrackIdError);
    expect(attempt).toThrow(InvalidCatalogError);
    expect(attempt).toThrow('2 track(s) repeat an id already in the catalog: "dup", "a"');
    try {
      attempt();
    } catch (err) {
      expect((err as DuplicateTrackIdError).ids).toEqual(['dup', 'a']);
    }
    expect(() => prepareCatalog(tracks, { duplicateIds: 'merge' as never })).toThrow(InvalidOptionError);
  });
});

describe('item 6: a stray quote in a title', () => {
  it('a stray quote in a lenient import loses no rows after it; the skipped lines are reported', () => {
    // Row 20 (line 22) opens a quote; row 40 has a real quoted title whose quote used to close it.
    const text = csv(60, { 20: '"Stray title', 40: '"Quoted, title"' });
    const result = parseCatalogCsv(text, { strict: false });
    expect(result.catalog.tracks).toHaveLength(59);
    expect(result.catalog.tracks.map((t) => t.id)).not.toContain('id20');
    expect(result.catalog.tracks.find((t) => t.id === 'id40')!.title).toBe('Quoted, title');
    expect(result.skippedCount).toBe(1);
    expect(result.skipped).toEqual([{ line: 22, endLine: 22, reason: expect.stringContaining('the quote opened on line 22') as string }]);
    expect(result.rowsRead).toBe(60);
  });

  it('a stray quote that never closes costs one row of a 130,000-row stream, not the rest of the file', async () => {
    const text = csv(130_000, { 20: '"Stray title' });
    const result = await readCatalog(chunks(text, 65_536), { strict: false });
    expect(result.catalog.tracks).toHaveLength(129_999);
    expect(result.skippedCount).toBe(1);
    // Past maxFieldLength (1 MiB by default) the open quote is given up on.
    expect(result.skipped[0]).toMatchObject({ line: 22, endLine: 22 });
    expect(result.skipped[0]!.reason).toContain('quoted field opened on line 22');
    expect(result.skipped[0]!.reason).toContain('maxFieldLength');
  });

  it('a stray quote closed by a later field is caught by the row width; the rows it spanned are kept', () => {
    // Row 2's stray quote runs to the bare quote of row 5's artist `Bo"`, which is followed by a
    // comma: a well-formed field holding three line breaks, in a row of 19 fields instead of 18.
    const rows = Array.from({ length: 10 }, (_, i) => row(i, i === 2 ? { track_name: '"Stray' } : i === 5 ? { artist_name: 'Bo"' } : {}));
    const result = parseCatalogCsv(`${[HEADER, ...rows].join('\n')}\n`, { strict: false });
    expect(result.catalog.tracks.map((t) => t.id)).toEqual(['id0', 'id1', 'id3', 'id4', 'id5', 'id6', 'id7', 'id8', 'id9']);
    expect(result.catalog.tracks[4]!.artists).toEqual(['Bo"']);
    expect(result.skipped).toEqual([
      {
        line: 4,
        endLine: 4,
        reason: 'expected 18 fields, found 19: the quoted field opened on line 4 runs to line 7 (a stray quote?)',
      },
    ]);
  });

  it('strict mode names the line where the stray quote opened', () => {
    const attempt = () => parseCatalogCsv(csv(60, { 20: '"Stray title', 40: '"Quoted, title"' }));
    expect(attempt).toThrow(CsvRowError);
    expect(attempt).toThrow(/^CSV line 22: .*the quote opened on line 22 and closed on line 42, a stray quote\?$/);
    const neverClosed = () => parseCatalogCsv(csv(5, { 3: '"Stray' }));
    expect(neverClosed).toThrow('CSV line 5: field 3: the quote opened on line 5 is never closed');
  });

  it('a legitimate quoted field with line breaks still parses, and its lines are counted', () => {
    const text = csv(4, { 1: '"Two\nlines"' });
    const result = parseCatalogCsv(text);
    expect(result.catalog.tracks[1]!.title).toBe('Two\nlines');
    expect(() => parseCatalogCsv(`${text}${row(9, { energy: 'x' })}\n`)).toThrow('CSV line 7: column energy');
  });
});

describe('item 7: one huge field in a stream', () => {
  const bigFieldCsv = (megabytes: number) => `${HEADER}\n${row(1, { track_name: `"${'x'.repeat(megabytes * 1e6)}"` })}\n${row(2)}\n`;
  const timeStreamed = async (text: string) => {
    const t0 = performance.now();
    const result = await readCatalog(chunks(text, 16_384), { maxFieldLength: Infinity });
    expect(result.catalog.tracks).toHaveLength(2);
    return performance.now() - t0;
  };

  it('a 10 MB field, and a 20 MB one, streamed in 16 KiB chunks each parse in well under 1.5 s', async () => {
    // Before the fix the held-back tail was rescanned on every chunk: 4.8 s for 10 MB and 14 s
    // for 20 MB on this machine (quadratic); now about 20 and 40 ms. A ratio of the two times
    // would say "linear" more directly, but at tens of milliseconds it is mostly noise.
    const ten = bigFieldCsv(10);
    await timeStreamed(ten); // warm-up
    expect(Math.min(await timeStreamed(ten), await timeStreamed(ten))).toBeLessThan(1500);
    const twenty = bigFieldCsv(20);
    expect(Math.min(await timeStreamed(twenty), await timeStreamed(twenty))).toBeLessThan(1500);
  });

  it('a field over maxFieldLength gives CsvFieldTooLongError (strict) or a reported skip (lenient)', async () => {
    const text = bigFieldCsv(2);
    const strict = readCatalog(chunks(text, 16_384));
    await expect(strict).rejects.toThrow(CsvFieldTooLongError);
    await expect(readCatalog(chunks(text, 16_384))).rejects.toThrow(
      'CSV line 2: field 3 is longer than maxFieldLength (1048576 characters); it is a quoted field opened on line 2',
    );
    const err = await readCatalog(chunks(text, 16_384)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CsvRowError);
    expect((err as CsvFieldTooLongError).maxFieldLength).toBe(1_048_576);
    const lenient = await readCatalog(chunks(text, 16_384), { strict: false });
    expect(lenient.catalog.tracks.map((t) => t.id)).toEqual(['id2']);
    expect(lenient.skipped).toEqual([{ line: 2, endLine: 2, reason: expect.stringContaining('maxFieldLength') as string }]);
    // Unquoted fields are capped too, and the cap is an option.
    expect(() => parseCatalogCsv(csv(3, { 1: 'y'.repeat(50) }), { maxFieldLength: 40 })).toThrow(CsvFieldTooLongError);
    expect(parseCatalogCsv(csv(3, { 1: 'y'.repeat(50) }), { maxFieldLength: 50 }).catalog.tracks).toHaveLength(3);
    expect(() => parseCatalogCsv(csv(1), { maxFieldLength: 0 })).toThrow(InvalidOptionError);
  });
});

describe('item 8: truncated or corrupt gzip', () => {
  const text = csv(2000);
  const gz = gzipSync(Buffer.from(text));
  const truncatedPath = join(dir, 'truncated.csv.gz');
  writeFileSync(truncatedPath, gz.subarray(0, Math.floor(gz.length / 2)));
  const garbagePath = join(dir, 'garbage.csv.gz');
  writeFileSync(garbagePath, Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.from('this is not deflate data at all')]));

  it('a truncated .gz in strict mode throws CatalogInputError saying how far it got', async () => {
    const err = await readCatalogFile(truncatedPath).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CatalogInputError);
    const e = err as CatalogInputError;
    expect(e.code).toBe('Z_BUF_ERROR');
    expect(e.rowsRead).toBeGreaterThan(100);
    expect(e.line).toBe(e.rowsRead + 2);
    expect(e.message).toContain(`failed at line ${e.line}, after ${e.rowsRead} data row(s): the gzip data ends early`);
    expect(e.message).toContain(JSON.stringify(truncatedPath));
  });

  it('a truncated .gz in lenient mode keeps the rows before the damage and reports the truncation', async () => {
    const result = await readCatalogFile(truncatedPath, { strict: false });
    expect(result.truncated).toMatchObject({ code: 'Z_BUF_ERROR', reason: expect.stringContaining('ends early') as string });
    const { line } = result.truncated!;
    expect(result.rowsRead).toBe(line - 2);
    expect(result.catalog.tracks).toHaveLength(result.rowsRead);
    // Every kept row is a whole row: the last one is the same as in the intact file.
    const last = result.catalog.tracks.at(-1)!;
    expect(last).toEqual(parseCatalogCsv(text).catalog.tracks[result.rowsRead - 1]);
  });

  it('gzip magic followed by garbage gives CatalogInputError (Z_DATA_ERROR), in lenient mode too', async () => {
    for (const strict of [true, false]) {
      const err = await readCatalogFile(garbagePath, { strict }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CatalogInputError);
      expect(err).toMatchObject({ code: 'Z_DATA_ERROR', line: 1, rowsRead: 0 });
      expect((err as Error).message).toContain('the gzip data is corrupt');
    }
  });

  it('a stream that fails part-way: typed error or kept rows; an AbortError is passed through as it is', async () => {
    const failing = (error: Error) =>
      (async function* () {
        yield await Promise.resolve(`${HEADER}\n${row(1)}\n${row(2)}\n${row(3).slice(0, 20)}`);
        throw error;
      })();
    await expect(readCatalog(failing(new Error('connection reset')))).rejects.toThrow(CatalogInputError);
    const kept: CatalogImport = await readCatalog(failing(new Error('connection reset')), { strict: false });
    expect(kept.catalog.tracks.map((t) => t.id)).toEqual(['id1', 'id2']);
    expect(kept.truncated).toEqual({ line: 4, reason: 'connection reset' });
    const abort = new DOMException('stopped', 'AbortError');
    await expect(readCatalog(failing(abort), { strict: false })).rejects.toBe(abort);
  });
});

describe('item 9: values and headers that used to be misread', () => {
  it.each(['0x1', '0b1', '0o1', '0X1'])('valence %s is refused, not read as 1', (value) => {
    expect(() => parseCatalogCsv(csv(1).replace(',0.5\n', `,${value}\n`))).toThrow(`CSV line 2: column valence: not a number: "${value}"`);
  });

  it('a header that names a used column twice is refused with both positions', () => {
    const text = `${HEADER},valence\n${row(1)},0.9\n`;
    expect(() => parseCatalogCsv(text, { strict: false })).toThrow(CsvRowError);
    expect(() => parseCatalogCsv(text)).toThrow('CSV line 1: header: column "valence" appears twice (columns 18 and 19)');
    // An unused column twice (pandas index columns, say) is harmless.
    expect(parseCatalogCsv(`${HEADER},extra,extra\n${row(1)},1,2\n`).catalog.tracks).toHaveLength(1);
  });

  it('Latin-1 bytes are reported as not UTF-8 instead of becoming U+FFFD; encoding: windows-1252 reads them', async () => {
    const latin1 = Buffer.from(csv(3, { 1: 'Café Ñandú' }), 'latin1');
    await expect(readCatalog(chunks(latin1, 7))).rejects.toThrow(
      /^CSV line 3: column track_name holds U\+FFFD \("Caf\uFFFD \uFFFDand\uFFFD"\), the mark of text that did not decode: it is not valid utf-8/,
    );
    const lenient = await readCatalog(chunks(latin1, 7), { strict: false });
    expect(lenient.skipped.map((s) => s.line)).toEqual([3]);
    const decoded = await readCatalog(chunks(latin1, 7), { encoding: 'windows-1252' });
    expect(decoded.catalog.tracks[1]!.title).toBe('Café Ñandú');
    expect(() => parseCatalogCsv(csv(2, { 0: 'Caf\uFFFD' }))).toThrow(/wrong encoding/);
  });

  it.each<[string, ImportOptions]>([
    ['format: "bogus"', { format: 'bogus' as never }],
    ['strict: "no"', { strict: 'no' as never }],
    ['encoding: "klingon"', { encoding: 'klingon' }],
    ['onProgress: 5', { onProgress: 5 as never }],
  ])('%s gives InvalidOptionError', async (_, opts) => {
    expect(() => parseCatalogCsv(csv(1), opts)).toThrow(InvalidOptionError);
    await expect(readCatalog(chunks(csv(1), 100), opts)).rejects.toThrow(InvalidOptionError);
  });

  it('a forced format whose columns the header lacks is refused at the header', () => {
    expect(() => parseCatalogCsv(csv(1), { format: 'data-moods' })).toThrow(
      'CSV line 1: header: the data-moods format needs the column(s) id, name, artist, mood',
    );
  });

  it('a missing file or a directory gives CatalogInputError with ENOENT / EISDIR', async () => {
    const missing = join(dir, 'nope.csv');
    await expect(readCatalogFile(missing)).rejects.toThrow(
      new CatalogInputError(`Cannot read the catalog file ${JSON.stringify(missing)}: it does not exist (ENOENT)`, 1, 0, 'ENOENT'),
    );
    await expect(readCatalogFile(dir)).rejects.toMatchObject({ name: 'CatalogInputError', code: 'EISDIR', line: 1, rowsRead: 0 });
    await expect(readCatalogFile(dir)).rejects.toThrow('it is a directory (EISDIR)');
    await expect(readCatalogFile(undefined as never)).rejects.toThrow(InvalidOptionError);
  });
});

describe('item 10: malformed catalogs and popularity', () => {
  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'tracks.csv'],
    ['an object without tracks', { items: [] }],
  ])('recommend with %s as the catalog gives InvalidCatalogError', (_, catalog) => {
    expect(() => recommend('happy', catalog as never)).toThrow(InvalidCatalogError);
    expect(() => recommend('happy', catalog as never)).toThrow(
      /^Expected a catalog \(\{ tracks: \[\.\.\.\] \}\), an array of tracks or a prepared catalog; got /,
    );
  });

  it('a malformed track is named: not an object, no string id, artists that are not a list', () => {
    expect(() => prepareCatalog([track('a'), null as never])).toThrow(
      new InvalidCatalogError('Track 1 of the catalog is null, not a track object', 1),
    );
    expect(() => prepareCatalog([{ ...track('a'), id: 7 as never }])).toThrow(
      'Track 0 of the catalog has id 7; expected a non-empty string',
    );
    expect(() => prepareCatalog([{ ...track('a'), artists: 'Ann' as never }])).toThrow(
      'Track "a" has artists "Ann"; expected an array of names (or none)',
    );
  });

  it('a track without artists is recommended, and artist-less tracks are not capped together', () => {
    const tracks = ['a', 'b', 'c', 'd'].map((id) => {
      const { artists: _, ...rest } = track(id);
      return rest as Track;
    });
    expect(recommend('sad', tracks, { n: 4, maxPerArtist: 1 }).items).toHaveLength(4);
    expect(recommend('sad', [...tracks, track('e', { artists: [] })], { n: 5, maxPerArtist: 1 }).items).toHaveLength(5);
  });

  it.each([-50, 1e6, 100.5])('popularity %s is refused like an out-of-range feature', (popularity) => {
    expect(() => prepareCatalog([track('p', { popularity })])).toThrow(new InvalidFeatureError('p', 'popularity', popularity, '0..100'));
    expect(() => parseCatalogCsv(csv(1).replace('Pop,Artist 0,Track 0,id0,50,', `Pop,Artist 0,Track 0,id0,${popularity},`))).toThrow(
      'column popularity',
    );
  });

  it('bad exclude and seeds options give InvalidOptionError', () => {
    const p = prepareCatalog([track('a'), track('b')]);
    expect(() => recommend('sad', p, { exclude: 'a' as never })).toThrow(InvalidOptionError);
    expect(() => recommend('sad', p, { exclude: [5 as never] })).toThrow(InvalidOptionError);
    expect(() => recommend('sad', p, { seeds: [null as never] })).toThrow(InvalidOptionError);
    expect(() => recommend('sad', p, null as never)).toThrow(InvalidOptionError);
  });
});

describe('one feature range table for CSV import and prepareCatalog', () => {
  // Column of each ranged value in the SpotifyFeatures layout, and a way to write it there.
  const COLUMN: Record<RangedValue, string> = {
    valence: 'valence',
    energy: 'energy',
    danceability: 'danceability',
    acousticness: 'acousticness',
    instrumentalness: 'instrumentalness',
    speechiness: 'speechiness',
    liveness: 'liveness',
    tempo: 'tempo',
    loudness: 'loudness',
    key: 'key',
    mode: 'mode',
    durationMs: 'duration_ms',
    timeSignature: 'time_signature',
    popularity: 'popularity',
  };
  const imports = (name: RangedValue, value: number) => {
    try {
      parseCatalogCsv(`${HEADER}\n${row(1, { [COLUMN[name]]: String(value) })}\n`);
      return true;
    } catch (err) {
      if (!(err instanceof CsvRowError)) throw err;
      return false;
    }
  };
  const prepares = (name: RangedValue, value: number) => {
    const t = track('t');
    if (name === 'popularity') t.popularity = value;
    else t.features = { ...t.features, [name]: value };
    try {
      prepareCatalog([t]);
      return true;
    } catch (err) {
      if (!(err instanceof InvalidFeatureError)) throw err;
      return false;
    }
  };

  it.each(Object.keys(FEATURE_RANGES) as RangedValue[])('%s: the bounds are accepted and just outside them refused, by both', (name) => {
    const { min, max } = FEATURE_RANGES[name];
    const step = FEATURE_RANGES[name].integer ? 1 : 0.001;
    for (const [value, ok] of [
      [min, true],
      [max, true],
      [min - step, false],
      [max + step, false],
    ] as const) {
      expect([name, value, imports(name, value)]).toEqual([name, value, ok]);
      expect([name, value, prepares(name, value)]).toEqual([name, value, ok]);
    }
  });

  it('liveness 1.5, tempo 500 and loudness 15 are now refused by prepareCatalog as by import', () => {
    expect(prepares('liveness', 1.5)).toBe(false);
    expect(prepares('tempo', 500)).toBe(false);
    expect(prepares('loudness', 15)).toBe(false);
  });
});
