import { beforeAll, describe, expect, it } from 'vitest';
import {
  createKmeansStrategy,
  createScorer,
  DEFAULT_STRATEGY,
  InvalidOptionError,
  knn,
  prepareCatalog,
  recommend,
  STRATEGIES,
  STRATEGY_NAMES,
  strategyIndex,
  type PreparedCatalog,
  type Strategy,
  type Track,
} from '../src/index';
import { readCatalogFile } from '../src/node';
import { DATA_MOODS } from './paths';

let tracks: Track[];
let prepared: PreparedCatalog;

beforeAll(async () => {
  tracks = (await readCatalogFile(DATA_MOODS)).catalog.tracks;
  prepared = prepareCatalog({ tracks });
});

/** A strategy of the user's own: the fastest tracks first, whatever the emotion (tempo only). */
function fastestFirst(): Strategy<Float32Array> & { prepared: number } {
  const strategy = {
    name: 'fastest-first',
    description: 'the fastest tracks',
    prepared: 0,
    prepare(p: PreparedCatalog) {
      strategy.prepared++;
      return Float32Array.from(p.tracks, (t) => (t.features?.tempo ?? 0) / 250);
    },
    search(p: PreparedCatalog, tempo: Float32Array, query: Parameters<Strategy['search']>[2], k: number) {
      const scorer = createScorer(p, query, k);
      for (let i = 0; i < p.size; i++) scorer.offer(i, tempo[i]!);
      return scorer.candidates();
    },
    measure: (_p: PreparedCatalog, tempo: Float32Array, _q: unknown, i: number) => ({
      fit: tempo[i]!,
      reason: 'it is one of the fastest tracks',
      values: { tempo: tempo[i]! * 250 },
    }),
  };
  return strategy;
}

describe('strategies as units', () => {
  it('one default strategy, knn, used when none is given', () => {
    expect(DEFAULT_STRATEGY).toBe(knn);
    expect(recommend('happy', prepared, { n: 3 }).strategy).toBe('knn');
    expect(STRATEGY_NAMES).toEqual(['kmeans', 'knn', 'cosine']);
    for (const name of STRATEGY_NAMES) expect(STRATEGIES[name].name).toBe(name);
  });

  it('a name and its strategy object give the same result', () => {
    for (const name of STRATEGY_NAMES) {
      const byName = recommend('sad', prepared, { strategy: name, n: 12 });
      const byObject = recommend('sad', prepared, { strategy: STRATEGIES[name], n: 12 });
      expect(byObject.items.map((i) => i.track.id)).toEqual(byName.items.map((i) => i.track.id));
    }
  });

  it("a user's own strategy runs through recommend, its index built once per catalog", () => {
    const own = fastestFirst();
    const first = recommend('sad', prepared, { strategy: own, n: 10, popularityWeight: 0, moodWeight: 0, randomness: 0 });
    recommend('happy', prepared, { strategy: own, n: 10 });
    expect(own.prepared).toBe(1);
    expect(first.strategy).toBe('fastest-first');
    const tempos = first.items.map((i) => i.track.features!.tempo!);
    expect(tempos).toEqual([...tempos].sort((a, b) => b - a));
    // The per-artist cap keeps at most 2 per artist, so the list is the fastest tracks after that cap.
    const fastest = Math.max(...tracks.map((t) => t.features?.tempo ?? 0));
    expect(tempos[0]).toBe(fastest);
    const e = first.items[0]!.explanation!;
    expect(e.strategy).toBe('fastest-first');
    expect(e.text).toContain('it is one of the fastest tracks');
    expect(e.measure.values.tempo).toBeCloseTo(fastest, 3);
  });

  it('indexes are built on first use, or up front when listed, and dropped on dispose', () => {
    const own = fastestFirst();
    const p = prepareCatalog({ tracks }, { strategies: [own, 'kmeans'] });
    expect(own.prepared).toBe(1);
    expect(p.indexes.has(STRATEGIES.kmeans)).toBe(true);
    expect(p.indexes.has(STRATEGIES.cosine)).toBe(false);
    recommend('happy', p, { strategy: 'cosine', n: 3 });
    expect(p.indexes.has(STRATEGIES.cosine)).toBe(true);
    p.dispose();
    expect(p.indexes.size).toBe(0);
    expect(() => strategyIndex(p, knn)).toThrow(/disposed/);
  });

  it('k-means settings live on their strategy and are checked when it is made', () => {
    const four = createKmeansStrategy({ clusters: 4, seed: 3 });
    expect(strategyIndex(prepared, four).k).toBe(4);
    expect(recommend('happy', prepared, { strategy: four, n: 5 }).items).toHaveLength(5);
    expect(() => createKmeansStrategy({ sampleSize: 0 })).toThrow(InvalidOptionError);
  });

  it('progress names the strategy being prepared', () => {
    const seen: string[] = [];
    prepareCatalog({ tracks }, { strategies: ['kmeans'], onProgress: (e) => seen.push(`${e.stage}:${e.strategy ?? ''}:${e.fraction}`) });
    expect(seen).toContain('strategy:kmeans:0');
    expect(seen).toContain('strategy:kmeans:1');
    expect(seen.at(-1)).toBe('strategy:kmeans:1');
  });

  it('anything that is not a strategy is refused with the names it could be', () => {
    expect(() => recommend('happy', prepared, { strategy: 'magic' as never })).toThrow(/kmeans, knn, cosine or a strategy object/);
    expect(() => prepareCatalog({ tracks }, { strategies: [{ name: 'x' } as never] })).toThrow(InvalidOptionError);
  });
});
