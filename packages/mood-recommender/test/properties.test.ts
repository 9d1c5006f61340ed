// Property-based tests (fast-check): CSV round trips through a real writer (csv-stringify) under
// any chunking and line ending, and recommend's invariants over generated catalogs and options.
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvTokenizer, type CsvRecord } from '../src/load/csv-tokenizer';
import { MOODS, STRATEGY_NAMES, prepareCatalog, readCatalog, recommend, type Track } from '../src/index';

/**
 * Characters that stress the tokenizer, mixed with arbitrary ones. Left out: U+FEFF (a leading one
 * is a BOM to every reader) and U+FFFD (by design the importer refuses a field holding it, as the
 * mark of text that did not decode: see `encoding` in ImportOptions and test/hostile-input).
 */
const tricky = fc.constantFrom('"', ',', '\n', '\r', '\r\n', ' ', 'a', 'é', '😀', '""', '12" Mix');
const field = fc
  .array(fc.oneof(tricky, fc.string({ maxLength: 4, unit: 'grapheme' })), { maxLength: 6 })
  .map((parts) => parts.join('').replace(/[\uFEFF\uFFFD]/g, ''));

const writerOptions = fc.record({
  record_delimiter: fc.constantFrom('unix', 'windows'),
  quoted: fc.boolean(),
  bom: fc.boolean(),
  eof: fc.boolean(),
});

/** Splits `text` at the given fractions of its length. */
function cut<T extends string | Uint8Array>(text: T, fractions: number[]): T[] {
  const points = [...new Set(fractions.map((f) => Math.floor(f * text.length)))].sort((a, b) => a - b);
  const pieces: T[] = [];
  let from = 0;
  for (const p of [...points, text.length]) {
    if (p > from) pieces.push(text.slice(from, p) as T);
    from = Math.max(from, p);
  }
  return pieces;
}

async function* chunked<T>(pieces: T[]): AsyncGenerator<T> {
  for (const piece of pieces) yield await Promise.resolve(piece);
}

const fractions = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 });

describe('CSV round trip (property)', () => {
  it('any table csv-stringify writes parses back equal, under any chunking, LF or CRLF, quoted or not', () => {
    const table = fc
      .integer({ min: 1, max: 5 })
      .chain((width) => fc.array(fc.array(field, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 8 }));
    fc.assert(
      fc.property(table, writerOptions, fractions, (rows, options, at) => {
        // A one-column row with an empty field would be a blank line, which readers skip; the
        // writer quotes empty fields then. Fields with a CR or LF are quoted as RFC 4180 asks:
        // by default csv-stringify only quotes its own record delimiter (a bare LF under CRLF is not).
        const text = stringify(rows, { ...options, quoted_empty: rows[0]!.length === 1, quoted_match: /[\r\n]/ });
        const tokenizer = new CsvTokenizer({ widthFromHeader: true });
        const out: CsvRecord[] = [];
        for (const piece of cut(text, at)) tokenizer.push(piece, out);
        tokenizer.end(out);
        expect(out.map((r) => r.error)).toEqual(rows.map(() => undefined));
        expect(out.map((r) => r.fields)).toEqual(rows);
      }),
      { numRuns: 400 },
    );
  });

  const HEADER = [
    'genre',
    'artist_name',
    'track_name',
    'track_id',
    'popularity',
    'acousticness',
    'danceability',
    'duration_ms',
    'energy',
    'instrumentalness',
    'key',
    'liveness',
    'loudness',
    'mode',
    'speechiness',
    'tempo',
    'time_signature',
    'valence',
  ];
  const unit = fc.integer({ min: 0, max: 1000 }).map((x) => x / 1000);
  const text = field.map((s) => s.trim());
  const track = fc.record({
    title: text,
    artist: text,
    popularity: fc.integer({ min: 0, max: 100 }),
    valence: unit,
    energy: unit,
    danceability: unit,
    acousticness: unit,
    instrumentalness: unit,
    liveness: unit,
    speechiness: unit,
    tempo: fc.integer({ min: 0, max: 400_000 }).map((x) => x / 1000),
    loudness: fc.integer({ min: -60_000, max: 5_000 }).map((x) => x / 1000),
    durationMs: fc.integer({ min: 1, max: 1e7 }),
    mode: fc.constantFrom(0, 1),
  });

  it('any catalog written as SpotifyFeatures.csv reads back equal from UTF-8 bytes split anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(track, { minLength: 1, maxLength: 12 }), writerOptions, fractions, async (tracks, options, at) => {
        const rows = tracks.map((t, i) => [
          'Pop',
          t.artist,
          t.title,
          `id ${i}, "quoted"`,
          t.popularity,
          t.acousticness,
          t.danceability,
          t.durationMs,
          t.energy,
          t.instrumentalness,
          'C#',
          t.liveness,
          t.loudness,
          t.mode ? 'Major' : 'Minor',
          t.speechiness,
          t.tempo,
          '4/4',
          t.valence,
        ]);
        const bytes = new TextEncoder().encode(stringify([HEADER, ...rows], { ...options, quoted_match: /[\r\n]/ }));
        const { catalog, skipped } = await readCatalog(chunked(cut(bytes, at)));
        expect(skipped).toEqual([]);
        expect(catalog.tracks).toEqual(
          tracks.map((t, i) => {
            const expected: Track = {
              id: `id ${i}, "quoted"`,
              title: t.title,
              artists: t.artist ? [t.artist] : [],
              genre: 'Pop',
              popularity: t.popularity,
              features: {
                acousticness: t.acousticness,
                danceability: t.danceability,
                durationMs: t.durationMs,
                energy: t.energy,
                instrumentalness: t.instrumentalness,
                key: 1,
                liveness: t.liveness,
                loudness: t.loudness,
                mode: t.mode,
                speechiness: t.speechiness,
                tempo: t.tempo,
                timeSignature: 4,
                valence: t.valence,
              },
            };
            return expected;
          }),
        );
      }),
      { numRuns: 150 },
    );
  });
});

describe('recommend invariants (property)', () => {
  // Ids and artists come from small pools, so catalogs have repeated ids and artists; some tracks
  // lack valence, energy or popularity.
  const generatedTrack = fc.record(
    {
      id: fc.integer({ min: 0, max: 30 }).map((i) => `t${i}`),
      artist: fc.option(fc.constantFrom('Ann', 'Bo', 'Cy', 'Di', 'Ed'), { nil: undefined }),
      valence: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined, freq: 8 }),
      energy: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined, freq: 8 }),
      danceability: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
      tempo: fc.option(fc.double({ min: 40, max: 220, noNaN: true }), { nil: undefined }),
      popularity: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
      mood: fc.option(fc.constantFrom(...MOODS), { nil: undefined }),
    },
    { requiredKeys: ['id'] },
  );
  const toTrack = (g: Record<string, unknown>): Track => {
    const features: Record<string, number> = {};
    for (const name of ['valence', 'energy', 'danceability', 'tempo'] as const) if (typeof g[name] === 'number') features[name] = g[name];
    const t: Track = { id: g.id as string, title: String(g.id), artists: typeof g.artist === 'string' ? [g.artist] : [], features };
    if (typeof g.popularity === 'number') t.popularity = g.popularity;
    if (typeof g.mood === 'string') t.mood = g.mood as Track['mood'];
    return t;
  };
  const options = fc.record({
    n: fc.integer({ min: 1, max: 30 }),
    strategy: fc.constantFrom(...STRATEGY_NAMES),
    mode: fc.constantFrom('match' as const, 'uplift' as const),
    maxPerArtist: fc.constantFrom(1, 2, 3, Infinity),
    popularityWeight: fc.double({ min: 0, max: 1, noNaN: true }),
    moodWeight: fc.double({ min: 0, max: 1, noNaN: true }),
    randomness: fc.double({ min: 0, max: 0.3, noNaN: true }),
    seed: fc.integer({ min: -1000, max: 1000 }),
    exclude: fc.array(
      fc.integer({ min: 0, max: 30 }).map((i) => `t${i}`),
      { maxLength: 6 },
    ),
    seedCount: fc.integer({ min: 0, max: 2 }),
  });
  const usable = (t: Track) => typeof t.features?.valence === 'number' && typeof t.features.energy === 'number';

  it('no id twice, exclude and seeds honoured, n and the artist cap respected, same seed same list, for every strategy and mode', () => {
    fc.assert(
      fc.property(fc.array(generatedTrack, { minLength: 1, maxLength: 60 }), options, (generated, { seedCount, ...o }) => {
        const tracks = generated.map(toTrack);
        // Of each id, the first track with valence and energy is the one returned (duplicateIds: 'skip').
        const firstOfId = new Map<string, Track>();
        for (const t of tracks.filter(usable)) if (!firstOfId.has(t.id)) firstOfId.set(t.id, t);
        const kept = [...firstOfId.values()];
        fc.pre(kept.length > 0);
        const prepared = prepareCatalog(tracks);
        expect(prepared.size - prepared.duplicateCount).toBe(kept.length);
        const seeds = kept.slice(0, seedCount).map((t) => t.id);
        const opts = { ...o, seeds };
        const result = recommend('sad', prepared, opts);
        const ids = result.items.map((i) => i.track.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const { track } of result.items) expect(track).toBe(firstOfId.get(track.id));
        for (const id of [...o.exclude, ...seeds]) expect(ids).not.toContain(id);
        expect(ids.length).toBeLessThanOrEqual(o.n);
        expect(result.exhausted).toBe(ids.length < o.n);
        expect(result.items.map((i) => i.rank)).toEqual(ids.map((_, i) => i + 1));
        const perArtist = new Map<string, number>();
        for (const { track } of result.items) {
          const artist = track.artists[0]?.toLowerCase();
          if (artist) perArtist.set(artist, (perArtist.get(artist) ?? 0) + 1);
        }
        for (const count of perArtist.values()) expect(count).toBeLessThanOrEqual(o.maxPerArtist);
        if (o.maxPerArtist === Infinity) {
          const blocked = new Set([...o.exclude, ...seeds]);
          expect(ids.length).toBe(Math.min(o.n, kept.filter((t) => !blocked.has(t.id)).length));
        }
        const again = recommend('sad', prepared, opts);
        expect(again.items.map((i) => [i.track.id, i.score])).toEqual(result.items.map((i) => [i.track.id, i.score]));
      }),
      { numRuns: 300 },
    );
  });
});
