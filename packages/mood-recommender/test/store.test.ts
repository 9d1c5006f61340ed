import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogStoreError, createCatalogStore, openPglite, type CatalogStore, type PgliteClient } from '../src/db/index';
import {
  EMOTIONS,
  EmptyCatalogError,
  InvalidOptionError,
  prepareCatalog,
  recommend,
  UnknownEmotionError,
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

describe('catalog store errors', () => {
  it('refuses what it cannot do, with typed errors', async () => {
    const store = await createCatalogStore(db, { table: 'empty' });
    await expect(store.recommend('happy')).rejects.toThrow(EmptyCatalogError);
    await store.load((await readCatalogFile(DATA_MOODS)).catalog);
    await expect(store.recommend('joy' as Emotion)).rejects.toThrow(UnknownEmotionError);
    await expect(store.recommend('happy', { strategy: 'kmeans' })).rejects.toThrow(/runs knn and cosine/);
    await expect(store.recommend('happy', { n: 0 })).rejects.toThrow(InvalidOptionError);
    await expect(createCatalogStore(db, { table: 'Robert"); DROP TABLE x; --' })).rejects.toThrow(InvalidOptionError);
    await expect(createCatalogStore({} as never)).rejects.toThrow(InvalidOptionError);
    const failing = { query: () => Promise.reject(new Error('connection refused')) };
    const attempt = createCatalogStore(failing);
    await expect(attempt).rejects.toThrow(CatalogStoreError);
    await expect(createCatalogStore(failing)).rejects.toThrow(/could not create the vector extension.*connection refused/);
  }, 60_000);
});
