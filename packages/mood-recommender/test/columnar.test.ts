import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EMOTIONS, parseCatalogCsv, prepareCatalog, recommend, STRATEGY_NAMES, type Catalog, type PreparedCatalog } from '../src/index';
import { readCatalogFile } from '../src/node';
import { DATA_MOODS, SPOTIFY_FEATURES_SAMPLE } from './paths';

/** JSON with sorted keys, so the digest does not depend on property order. */
const canonical = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(canonical)
    : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
        )
      : v;
const digest = (value: unknown) =>
  createHash('sha256')
    .update(JSON.stringify(canonical(value)))
    .digest('hex');

/**
 * What the import before the columnar table produced (`Track` objects built row by row), digested
 * with this test's `digest` at commit 7fdc391: the table must give back the very same tracks.
 */
const BEFORE = {
  [DATA_MOODS]: { tracks: 686, digest: '60883b002fd940ae7cc17420be289f3b3f2bda1e02d6f2a8201177c95da74037' },
  [SPOTIFY_FEATURES_SAMPLE]: { tracks: 1395, digest: 'c83cf599489914b723fc7924c52028130d946d1b6097305ff3f5c4e229edee5f' },
};

const fresh = async (path: string): Promise<Catalog> => (await readCatalogFile(path)).catalog;

describe.each([
  ['data_moods.csv', DATA_MOODS],
  ['SpotifyFeatures-sample.csv.gz', SPOTIFY_FEATURES_SAMPLE],
])('columnar engine on %s', (_name, path) => {
  it('the table gives back the tracks the row-by-row import built', async () => {
    const imported = await readCatalogFile(path);
    const catalog = imported.catalog;
    expect(imported.trackCount).toBe(BEFORE[path]!.tracks);
    expect(catalog.table!.size).toBe(BEFORE[path]!.tracks);
    expect(digest(catalog.tracks)).toBe(BEFORE[path]!.digest);
  });

  it('recommend over the table equals recommend over Track objects: same ids, order, scores and explanations', async () => {
    const fromTable = prepareCatalog(await fresh(path), { strategies: STRATEGY_NAMES });
    const fromObjects = prepareCatalog((await fresh(path)).tracks, { strategies: STRATEGY_NAMES });
    expectSamePreparation(fromTable, fromObjects);
    const seeds = [fromObjects.tracks[3]!.id, fromObjects.tracks[10]!.id];
    const exclude = [fromObjects.tracks[0]!.id];
    for (const strategy of STRATEGY_NAMES) {
      for (const emotion of EMOTIONS) {
        for (const opts of [{ mode: 'match' as const }, { mode: 'uplift' as const }, { seeds, exclude, n: 15 }]) {
          const a = recommend(emotion, fromTable, { strategy, ...opts });
          const b = recommend(emotion, fromObjects, { strategy, ...opts });
          expect(a.items.length).toBeGreaterThan(0);
          expect(a).toEqual(b);
        }
      }
    }
  });
});

function expectSamePreparation(a: PreparedCatalog, b: PreparedCatalog): void {
  expect(a.size).toBe(b.size);
  expect(a.mean).toEqual(b.mean);
  expect(a.std).toEqual(b.std);
  a.columns.forEach((column, d) => expect(column).toEqual(b.columns[d]));
  expect(a.popularity).toEqual(b.popularity);
  expect(a.moods).toEqual(b.moods);
  expect(a.imputed).toEqual(b.imputed);
  // Keys are numbered differently; the tracks that share one must be the same.
  const groups = (p: PreparedCatalog) => Array.from(p.artistKeys, (k) => p.artistKeys.indexOf(k));
  expect(groups(a)).toEqual(groups(b));
}

describe('the columnar catalog', () => {
  const csv = [
    'genre,artist_name,track_name,track_id,popularity,acousticness,danceability,duration_ms,energy,instrumentalness,key,liveness,loudness,mode,speechiness,tempo,time_signature,valence',
    'Pop,Ann,Sunny,t1,70,0.1,0.8,200000,0.8,0,C,0.1,-5,Major,0.05,124,4/4,0.9',
    'Folk,ann,Grey,t2,40,0.9,0.3,240000,0.2,0.1,A,0.1,-15,Minor,0.03,70,4/4,0.1',
    'Rock,Cy,Red,t3,55,0.05,0.4,210000,,0,E,0.3,-3,Minor,0.08,150,4/4,0.25',
    'Soul,Zoë,Bloom,t4,,0.6,0.5,230000,0.45,0,D,0.1,-9,Major,0.04,96,4/4,0.6',
  ].join('\n');

  it('prepares without building Track objects, and builds them only for picks', () => {
    const { catalog } = parseCatalogCsv(csv);
    const prepared = prepareCatalog(catalog);
    expect(prepared.excluded).toEqual([{ id: 't3', missing: ['energy'] }]);
    expect(prepared.idIndex.get('t4')).toBe(2);
    expect(prepared.idIndex.get('t3')).toBeUndefined();
    expect(prepared.idIndex.has('nope')).toBe(false);
    // Ann and ann are one artist for the cap.
    expect(prepared.artistKeys[0]).toBe(prepared.artistKeys[1]);
    const bloom = prepared.track(2);
    expect(bloom).toMatchObject({ id: 't4', title: 'Bloom', artists: ['Zoë'], genre: 'Soul' });
    expect(bloom).not.toHaveProperty('popularity');
    expect(bloom.features).toMatchObject({ valence: 0.6, energy: 0.45, key: 2, mode: 1, timeSignature: 4 });
    const picks = recommend('happy', prepared, { n: 1, maxPerArtist: 1 }).items;
    expect(picks[0]!.track.id).toBe('t1');
  });

  it('edits to catalog.tracks count: once read, the tracks and not the table are prepared', () => {
    const { catalog } = parseCatalogCsv(csv);
    catalog.tracks.splice(0, 1);
    expect(prepareCatalog(catalog).idIndex.has('t1')).toBe(false);
    const again = parseCatalogCsv(csv).catalog;
    again.tracks = again.tracks.filter((t) => t.id !== 't2');
    expect(prepareCatalog(again).size).toBe(2);
  });

  it('keepDuplicates: the first kept copy of an id is the one returned, as for Track objects', () => {
    const header = csv.split('\n')[0]!;
    const rows = [
      'Pop,A,First,d1,10,0.1,0.8,200000,0.8,0,C,0.1,-5,Major,0.05,124,4/4,0.9',
      'Pop,B,Second,d1,90,0.1,0.8,200000,0.8,0,C,0.1,-5,Major,0.05,124,4/4,0.9',
    ];
    const { catalog } = parseCatalogCsv([header, ...rows].join('\n'), { keepDuplicates: true });
    const prepared = prepareCatalog(catalog);
    expect(prepared.duplicates).toEqual([{ id: 'd1', index: 1 }]);
    expect(recommend('happy', prepared, { maxPerArtist: Infinity }).items.map((i) => i.track.title)).toEqual(['First']);
  });
});
