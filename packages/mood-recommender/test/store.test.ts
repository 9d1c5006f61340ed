import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CatalogStoreError,
  createCatalogStore,
  HNSW_MIN_TRACKS,
  openPglite,
  type CatalogStore,
  type IndexProgress,
  type PgliteClient,
} from '../src/db/index';
import { indexedVector, mappingMasks } from '../src/db/hnsw';
import {
  EMOTIONS,
  EmptyCatalogError,
  InvalidOptionError,
  loadDefaultMoodClassifier,
  prepareCatalog,
  recommend,
  UnknownEmotionError,
  DEFAULT_EMOTION_MAPPING,
  type Emotion,
  type PreparedCatalog,
  type RecommendOptions,
} from '../src/index';
import { readCatalogFile } from '../src/node';
import { fitCopula, generateTracks } from '../bench/synthetic';
import { DATA_MOODS, SPOTIFY_FEATURES_SAMPLE } from './paths';

let db: PgliteClient;

beforeAll(async () => {
  db = await openPglite();
}, 60_000);
afterAll(() => db.close());

/** The store's answer next to the in-memory one, for the same options. */
async function expectSame(store: CatalogStore, prepared: PreparedCatalog, emotion: Emotion, opts: RecommendOptions): Promise<void> {
  const inMemory = recommend(emotion, prepared, opts);
  expect(inMemory.items.length).toBeGreaterThan(0);
  expect(await store.recommend(emotion, opts)).toEqual(inMemory);
}

describe('catalog store on PGlite + pgvector: the same recommend() as in memory', () => {
  it('data_moods.csv: same ids, order, scores and explanations for knn and cosine, every emotion and mode', async () => {
    const prepared = prepareCatalog((await readCatalogFile(DATA_MOODS)).catalog);
    const store = await createCatalogStore(db, { table: 'moods' });
    const progress: number[] = [];
    await store.load(prepared, { batchSize: 250, onProgress: (p) => progress.push(p.rows) });
    expect(progress).toEqual([250, 500, 686]);
    expect(await store.size()).toBe(686);
    const seeds = [prepared.track(3).id, prepared.track(40).id];
    for (const strategy of ['knn', 'cosine'] as const) {
      for (const emotion of EMOTIONS) {
        await expectSame(store, prepared, emotion, { strategy });
        await expectSame(store, prepared, emotion, { strategy, mode: 'uplift', n: 15 });
      }
      await expectSame(store, prepared, 'sad', { strategy, seeds, exclude: [prepared.track(0).id], n: 12 });
      await expectSame(store, prepared, 'happy', { strategy, maxPerArtist: 1, n: 30, explain: false });
      const ids = (from: number) => [0, 1, 2, 3, 4].map((k) => prepared.track(from + 7 * k).id);
      await expectSame(store, prepared, 'neutral', { strategy, profile: { name: 'ada', liked: ids(100), skipped: ids(300) }, n: 20 });
      await expectSame(store, prepared, 'sad', { strategy, profile: [{ liked: ids(50) }, { skipped: ids(500), mode: 'uplift' }], n: 10 });
    }
  }, 120_000);

  it('a 100,000-track generated catalog: the same lists as in memory, fetched a few hundred rows at a time', async () => {
    const real = [
      ...(await readCatalogFile(DATA_MOODS)).catalog.tracks,
      ...(await readCatalogFile(SPOTIFY_FEATURES_SAMPLE)).catalog.tracks,
    ];
    const prepared = prepareCatalog(generateTracks(fitCopula(real), 100_000, 7));
    const store = await createCatalogStore(db, { table: 'generated' });
    await store.load(prepared, { batchSize: 5000 });
    expect(await store.size()).toBe(100_000);
    for (const strategy of ['knn', 'cosine'] as const) {
      for (const emotion of ['happy', 'sad', 'angry'] as const) await expectSame(store, prepared, emotion, { strategy });
      await expectSame(store, prepared, 'fear', { strategy, mode: 'uplift' });
    }
  }, 240_000);
});

describe('catalog store HNSW indexes', () => {
  let prepared: PreparedCatalog;
  let store: CatalogStore;

  beforeAll(async () => {
    const real = [
      ...(await readCatalogFile(DATA_MOODS)).catalog.tracks,
      ...(await readCatalogFile(SPOTIFY_FEATURES_SAMPLE)).catalog.tracks,
    ];
    // With moods (from the classifier), so both mood sides of an HNSW search have tracks.
    prepared = prepareCatalog(generateTracks(fitCopula(real), 20_000, 11), { classifier: loadDefaultMoodClassifier() });
    store = await createCatalogStore(db, { table: 'indexed' });
    await store.load(prepared, { batchSize: 5000 });
  }, 120_000);

  it('builds one index per strategy and feature set of the mapping, with progress, and the queries use them', async () => {
    // valence+energy, +danceability (happy), +acousticness (sad; calm uplifts).
    expect(mappingMasks(DEFAULT_EMOTION_MAPPING)).toEqual(['1100', '1101', '1110']);
    const progress: IndexProgress[] = [];
    await store.createIndex({ onProgress: (p) => progress.push(p) });
    expect(progress.map((p) => p.built)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(progress.every((p) => p.total === 6)).toBe(true);
    const built = await db.query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE tablename = 'indexed_tracks' AND indexname LIKE '%hnsw%' ORDER BY indexname`,
    );
    expect(built.rows.map((r) => r.indexname)).toEqual(progress.map((p) => p.index).sort());
    for (const index of await store.indexes()) {
      const dims = index.ops === 'l2' ? 4 : 6;
      const plan = await db.query<Record<string, string>>(
        `EXPLAIN SELECT idx FROM indexed_tracks ORDER BY ${indexedVector(index)} <-> $1::vector LIMIT 40`,
        [`[${Array(dims).fill(0.1).join(',')}]`],
      );
      expect(plan.rows.map((r) => Object.values(r)[0]).join('\n')).toContain(
        `Index Scan using indexed_tracks_hnsw_${index.ops}_${index.mask}`,
      );
    }
  }, 240_000);

  it("search: 'hnsw' finds at least 95 % of the exact lists, every emotion, both strategies and modes", async () => {
    for (const strategy of ['knn', 'cosine'] as const) {
      for (const mode of ['match', 'uplift'] as const) {
        let found = 0;
        let wanted = 0;
        for (const emotion of EMOTIONS) {
          const exact = await store.recommend(emotion, { strategy, mode, search: 'exact' });
          expect(exact).toEqual(recommend(emotion, prepared, { strategy, mode }));
          const approx = await store.recommend(emotion, { strategy, mode, search: 'hnsw' });
          expect(approx.items).toHaveLength(40);
          expect(new Set(approx.items.map((item) => item.track.id)).size).toBe(40);
          const ids = new Set(exact.items.map((item) => item.track.id));
          found += approx.items.filter((item) => ids.has(item.track.id)).length;
          wanted += ids.size;
        }
        expect(found / wanted, `${strategy} ${mode}`).toBeGreaterThanOrEqual(0.95);
      }
    }
  }, 240_000);

  it("HNSW lists keep exclude and the artist cap; seeded queries (no index covers them) and 'auto' below the threshold are exact", async () => {
    const first = await store.recommend('happy', { search: 'hnsw' });
    const exclude = first.items.slice(0, 10).map((item) => item.track.id);
    const next = await store.recommend('happy', { search: 'hnsw', exclude, maxPerArtist: 1 });
    expect(next.items.some((item) => exclude.includes(item.track.id))).toBe(false);
    const artists = next.items.map((item) => item.track.artists[0]);
    expect(new Set(artists).size).toBe(artists.length);
    const seeds = [prepared.track(5).id, prepared.track(99).id];
    expect(await store.recommend('sad', { search: 'hnsw', seeds })).toEqual(recommend('sad', prepared, { seeds }));
    expect(prepared.size).toBeLessThan(HNSW_MIN_TRACKS);
    expect(await store.recommend('angry', { strategy: 'cosine' })).toEqual(recommend('angry', prepared, { strategy: 'cosine' }));
  }, 120_000);

  it('a new load keeps the indexes the store had', async () => {
    const progress: IndexProgress[] = [];
    await store.load(prepared, { batchSize: 5000, onIndexProgress: (p) => progress.push(p) });
    expect(progress).toHaveLength(6);
    expect(await store.indexes()).toHaveLength(6);
    const built = await db.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'indexed_tracks' AND indexname LIKE '%hnsw%'`);
    expect(built.rows).toHaveLength(6);
    // Asking again builds only what is missing: none, then the one dropped behind the store's back.
    const again: IndexProgress[] = [];
    await store.createIndex({ onProgress: (p) => again.push(p) });
    expect(again).toEqual([]);
    await db.query('DROP INDEX indexed_tracks_hnsw_cosine_1101');
    await store.createIndex({ strategies: ['knn'], onProgress: (p) => again.push(p) });
    expect(again).toEqual([{ built: 1, total: 1, index: 'indexed_tracks_hnsw_cosine_1101' }]);
  }, 240_000);
});

describe('catalog store errors', () => {
  it('refuses what it cannot do, with typed errors', async () => {
    const store = await createCatalogStore(db, { table: 'empty' });
    await expect(store.recommend('happy')).rejects.toThrow(EmptyCatalogError);
    await store.load((await readCatalogFile(DATA_MOODS)).catalog);
    await expect(store.recommend('joy' as Emotion)).rejects.toThrow(UnknownEmotionError);
    await expect(store.recommend('happy', { strategy: 'kmeans' })).rejects.toThrow(/runs knn and cosine/);
    await expect(store.recommend('happy', { n: 0 })).rejects.toThrow(InvalidOptionError);
    await expect(store.recommend('happy', { search: 'fast' as never })).rejects.toThrow(/search.*auto, exact or hnsw/);
    await expect(store.createIndex({ strategies: ['kmeans' as never] })).rejects.toThrow(InvalidOptionError);
    await expect(store.createIndex({ m: 1 })).rejects.toThrow(InvalidOptionError);
    await expect(store.createIndex({ maintenanceWorkMem: "1GB'; DROP TABLE x; --" })).rejects.toThrow(InvalidOptionError);
    await expect(createCatalogStore(db, { efSearch: 0 })).rejects.toThrow(InvalidOptionError);
    await expect(createCatalogStore(db, { table: 'Robert"); DROP TABLE x; --' })).rejects.toThrow(InvalidOptionError);
    await expect(createCatalogStore({} as never)).rejects.toThrow(InvalidOptionError);
    const failing = { query: () => Promise.reject(new Error('connection refused')) };
    const attempt = createCatalogStore(failing);
    await expect(attempt).rejects.toThrow(CatalogStoreError);
    await expect(createCatalogStore(failing)).rejects.toThrow(/could not create the vector extension.*connection refused/);
  }, 60_000);
});
