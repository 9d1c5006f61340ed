import { beforeAll, describe, expect, it } from 'vitest';
import {
  EmptyCatalogError,
  InvalidOptionError,
  MissingFeaturesError,
  InvalidFeatureError,
  MoodRecommenderError,
  STRATEGY_NAMES,
  UnknownEmotionError,
  VECTOR_FEATURES,
  createEmotionMapping,
  createKmeansStrategy,
  kmeans,
  prepareCatalog,
  strategyIndex,
  recommend,
  type Emotion,
  type PreparedCatalog,
  type Track,
} from '../src/index';
import { readCatalogFile } from '../src/node';
import { DATA_MOODS } from './paths';

let tracks: Track[];
let prepared: PreparedCatalog;

beforeAll(async () => {
  tracks = (await readCatalogFile(DATA_MOODS)).catalog.tracks;
  prepared = prepareCatalog({ tracks }, { strategies: STRATEGY_NAMES });
});

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const valences = (items: { track: Track }[]) => items.map((i) => i.track.features!.valence!);
const energies = (items: { track: Track }[]) => items.map((i) => i.track.features!.energy!);

/** A tiny fixture: `count` tracks on a valence/energy grid, one artist per track unless given. */
function grid(count: number, artist?: (i: number) => string): Track[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `t${i}`,
    title: `Track ${i}`,
    artists: [artist ? artist(i) : `Artist ${i}`],
    popularity: i % 100,
    features: { valence: (i % 10) / 9, energy: Math.floor(i / 10) / Math.max(1, Math.ceil(count / 10) - 1) },
  }));
}

describe('prepareCatalog on data_moods.csv', () => {
  it('normalises, indexes and clusters once', () => {
    expect(prepared.size).toBe(686);
    const clusters = strategyIndex(prepared, kmeans);
    expect(clusters.k).toBe(19);
    expect(clusters.members.reduce((s, m) => s + m.length, 0)).toBe(686);
    for (const column of prepared.columns) expect(column.every(Number.isFinite)).toBe(true);
    expect(prepared.idIndex.get('2H7PHVdQ3mXqEHXcvclTB0')).toBe(0);
    // z-scored valence has mean ~0 (times its weight 2).
    let sum = 0;
    for (let i = 0; i < prepared.size; i++) sum += prepared.columns[0]![i]!;
    expect(Math.abs(sum / prepared.size)).toBeLessThan(1e-5);
  });
});

describe('prepareCatalog columns', () => {
  it('column d holds the feature VECTOR_FEATURES[d] names', () => {
    const base = {
      valence: 0.5,
      energy: 0.5,
      danceability: 0.5,
      acousticness: 0.5,
      tempo: 120,
      loudness: -8,
      instrumentalness: 0.5,
      speechiness: 0.5,
    };
    VECTOR_FEATURES.forEach((name, d) => {
      const p = prepareCatalog([
        { id: 'a', title: 'a', artists: [], features: base },
        { id: 'b', title: 'b', artists: [], features: { ...base, [name]: base[name] / 2 } },
      ]);
      // Only the changed feature's column differs between the two tracks.
      expect(p.columns.map((column) => column[0] !== column[1])).toEqual(VECTOR_FEATURES.map((_, e) => e === d));
    });
  });
});

describe('recommend on data_moods.csv', () => {
  it.each(STRATEGY_NAMES)('%s: happy gets high-valence tracks, sad low-valence, angry high-energy', (strategy) => {
    const happy = recommend('happy', prepared, { strategy, n: 20 }).items;
    const sad = recommend('sad', prepared, { strategy, n: 20 }).items;
    const angry = recommend('angry', prepared, { strategy, n: 20 }).items;
    expect(happy).toHaveLength(20);
    expect(mean(valences(happy))).toBeGreaterThan(0.6);
    expect(mean(valences(sad))).toBeLessThan(0.3);
    expect(mean(energies(sad))).toBeLessThan(0.45);
    expect(mean(energies(angry))).toBeGreaterThan(0.75);
    expect(mean(valences(angry))).toBeLessThan(0.45);
    // Most of the sad list is labelled Sad or Calm in the data.
    expect(sad.filter((i) => i.track.mood === 'sad' || i.track.mood === 'calm').length).toBeGreaterThanOrEqual(15);
  });

  it('defaults to 40 tracks, at most 2 per artist, with explanations', () => {
    const result = recommend('neutral', prepared);
    expect(result.items).toHaveLength(40);
    expect(result.items.map((i) => i.rank)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const perArtist = new Map<string, number>();
    for (const { track } of result.items) perArtist.set(track.artists[0]!, (perArtist.get(track.artists[0]!) ?? 0) + 1);
    expect(Math.max(...perArtist.values())).toBeLessThanOrEqual(2);
    const e = result.items[0]!.explanation!;
    expect(e).toMatchObject({ strategy: 'knn', emotion: 'neutral', mode: 'match', step: 0, steps: 1 });
    expect(e.text).toContain('For neutral');
    expect(e.distance).toBeGreaterThanOrEqual(0);
  });

  it('uplift starts near the mood and moves toward positive valence', () => {
    for (const strategy of STRATEGY_NAMES) {
      const { items, targets } = recommend('sad', prepared, { strategy, mode: 'uplift', n: 20 });
      expect(targets).toHaveLength(5);
      expect(items).toHaveLength(20);
      const v = valences(items);
      expect(mean(v.slice(0, 4))).toBeLessThan(0.3);
      expect(mean(v.slice(-4))).toBeGreaterThan(0.6);
      expect(items.map((i) => i.explanation!.step)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4]);
    }
  });

  it('is reproducible for a seed and varies across seeds', () => {
    const ids = (seed: number) => recommend('happy', prepared, { seed, randomness: 0.1, n: 20 }).items.map((i) => i.track.id);
    expect(ids(3)).toEqual(ids(3));
    expect(ids(3)).not.toEqual(ids(4));
  });

  it('honours exclusions and never returns seed tracks', () => {
    const first = recommend('happy', prepared, { n: 5 }).items.map((i) => i.track.id);
    const next = recommend('happy', prepared, { n: 5, exclude: first.slice(0, 2), seeds: [first[2]!] }).items.map((i) => i.track.id);
    for (const id of first.slice(0, 3)) expect(next).not.toContain(id);
  });

  it('seed tracks pull results toward them', () => {
    const calmSeeds = tracks.filter((t) => t.mood === 'calm').slice(0, 5);
    const plain = recommend('neutral', prepared, { n: 20 }).items;
    const seeded = recommend('neutral', prepared, { n: 20, seeds: calmSeeds, seedWeight: 0.9, strategy: 'cosine' }).items;
    const acoustic = (items: { track: Track }[]) => mean(items.map((i) => i.track.features!.acousticness!));
    expect(acoustic(seeded)).toBeGreaterThan(acoustic(plain) + 0.2);
  });

  it('popularityWeight 1 ranks by popularity', () => {
    const items = recommend('happy', prepared, { n: 10, popularityWeight: 1, moodWeight: 0, randomness: 0, strategy: 'knn' }).items;
    const pops = items.map((i) => i.track.popularity!);
    expect(pops).toEqual([...pops].sort((a, b) => b - a));
  });

  it('a custom mapping changes the target', () => {
    const mapping = createEmotionMapping({
      disgust: { match: { valence: 0.9, energy: 0.9, moods: [] }, uplift: { valence: 0.9, energy: 0.9, moods: [] }, rationale: 'test' },
    });
    const items = recommend('disgust', prepared, { n: 10, mapping }).items;
    expect(mean(valences(items))).toBeGreaterThan(0.75);
  });
});

describe('small fixtures', () => {
  it('knn returns exactly the nearest grid points', () => {
    const p = prepareCatalog(grid(100));
    const items = recommend('happy', p, { n: 1, popularityWeight: 0, moodWeight: 0, randomness: 0 }).items;
    // happy = valence 0.82, energy 0.72 (danceability absent here, so ignored): nearest grid point is (0.78, 0.67).
    expect(items[0]!.track.features).toMatchObject({ valence: 7 / 9, energy: 6 / 9 });
  });

  it('the per-artist cap spreads results and reports exhaustion', () => {
    const p = prepareCatalog(grid(30, (i) => `A${i % 3}`));
    const result = recommend('happy', p, { n: 10, maxPerArtist: 2 });
    expect(result.items).toHaveLength(6);
    expect(result.exhausted).toBe(true);
    expect(recommend('happy', p, { n: 10, maxPerArtist: Infinity }).items).toHaveLength(10);
  });

  it('tracks missing valence or energy are excluded and reported, or throw on request', () => {
    const ts = grid(20);
    delete ts[3]!.features!.energy;
    const p = prepareCatalog(ts);
    expect(p.size).toBe(19);
    expect(p.excluded).toEqual([{ id: 't3', missing: ['energy'] }]);
    expect(() => prepareCatalog(ts, { missingFeatures: 'throw' })).toThrow(MissingFeaturesError);
    expect(() => prepareCatalog([{ id: 'x', title: 'x', artists: [] }])).toThrow(MissingFeaturesError);
    const outOfRange = [{ id: 'bad', title: 'x', artists: [], features: { valence: 3, energy: 0.5 } }];
    expect(() => prepareCatalog(outOfRange)).toThrow(InvalidFeatureError);
    expect(() => prepareCatalog(outOfRange)).toThrow(/"bad" has valence=3, outside 0\.\.1/);
    expect(() => prepareCatalog([{ id: 't', title: 'x', artists: [], features: { valence: 0.5, energy: 0.5, tempo: -4 } }])).toThrow(
      InvalidFeatureError,
    );
  });

  it('missing optional features are imputed, never NaN', () => {
    const p = prepareCatalog(grid(10));
    for (const column of p.columns) expect(column.every(Number.isFinite)).toBe(true);
    expect(p.imputed[0]).toBe(6);
    const e = recommend('sad', p, { n: 1 }).items[0]!.explanation!;
    expect(e.text).toContain('6 of its features were missing and taken as the catalog average');
  });

  it('accepts a plain catalog (prepared per call)', () => {
    expect(recommend('sad', { tracks: grid(50) }, { n: 3, strategy: 'kmeans' }).items).toHaveLength(3);
  });
});

describe('typed errors', () => {
  const p = () => prepareCatalog(grid(20), { strategies: [createKmeansStrategy({ clusters: 2 })] });
  it.each([
    ['n = 0', { n: 0 }],
    ['n < 0', { n: -3 }],
    ['n not an integer', { n: 2.5 }],
    ['NaN popularityWeight', { popularityWeight: NaN }],
    ['NaN randomness', { randomness: NaN }],
    ['NaN seed', { seed: NaN }],
    ['NaN n', { n: NaN }],
    ['unknown strategy', { strategy: 'magic' }],
    ['unknown mode', { mode: 'down' }],
    ['maxPerArtist 0', { maxPerArtist: 0 }],
  ])('%s -> InvalidOptionError', (_, opts) => {
    expect(() => recommend('happy', p(), opts as never)).toThrow(InvalidOptionError);
  });

  it('unknown emotion', () => {
    expect(() => recommend('joy' as Emotion, p())).toThrow(UnknownEmotionError);
    expect(() => recommend('joy' as Emotion, p())).toThrow(/Unknown emotion "joy"; expected one of: angry, disgust/);
  });

  it('empty catalog', () => {
    expect(() => prepareCatalog({ tracks: [] })).toThrow(EmptyCatalogError);
    expect(() => recommend('happy', [])).toThrow(EmptyCatalogError);
  });

  it('seed without features, bad k-means settings, disposed catalog', () => {
    expect(() => recommend('happy', p(), { seeds: ['nope'] })).toThrow(MissingFeaturesError);
    expect(() => createKmeansStrategy({ clusters: 0 })).toThrow(InvalidOptionError);
    expect(() => createKmeansStrategy({ iterations: 1.5 })).toThrow(InvalidOptionError);
    expect(() => createKmeansStrategy({ seed: NaN })).toThrow(InvalidOptionError);
    expect(() => recommend('happy', p(), { strategy: { name: 'half' } as never })).toThrow(InvalidOptionError);
    const q = p();
    q.dispose();
    expect(() => recommend('happy', q)).toThrow(MoodRecommenderError);
  });

  it('invalid mapping values', () => {
    expect(() => createEmotionMapping({ sad: { match: { valence: NaN, energy: 0.2, moods: [] } } })).toThrow(InvalidOptionError);
    expect(() => createEmotionMapping({ joy: {} } as never)).toThrow(UnknownEmotionError);
  });
});
