import { beforeAll, describe, expect, it } from 'vitest';
import {
  InvalidModelError,
  MOODS,
  crossValidateMoodClassifier,
  loadDefaultMoodClassifier,
  loadMoodClassifier,
  prepareCatalog,
  stratifiedFolds,
  trainMoodClassifier,
  type Track,
} from '../src/index';
import { readCatalogFile } from '../src/node';
import { DATA_MOODS, SPOTIFY_FEATURES_SAMPLE } from './paths';

let tracks: Track[];

beforeAll(async () => {
  tracks = (await readCatalogFile(DATA_MOODS)).catalog.tracks;
});

const accuracy = (model: { predict: (f: NonNullable<Track['features']>) => { mood: string } }, set: Track[]) =>
  set.filter((t) => model.predict(t.features!).mood === t.mood).length / set.length;

describe('mood classifier on data_moods.csv', () => {
  it('stratified folds keep every mood in every fold, sizes within one', () => {
    const fold = stratifiedFolds(tracks, 10, 1);
    const sizes = Array.from({ length: 10 }, (_, f) => fold.filter((x) => x === f).length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    for (let f = 0; f < 10; f++) {
      const moods = new Set(tracks.filter((_, i) => fold[i] === f).map((t) => t.mood));
      expect(moods.size).toBe(4);
    }
  });

  it('a small model beats the Keras MLP baseline (76.9%) on a stratified 80/20 holdout', () => {
    const fold = stratifiedFolds(tracks, 5, 42);
    const train = tracks.filter((_, i) => fold[i] !== 0);
    const test = tracks.filter((_, i) => fold[i] === 0);
    const model = trainMoodClassifier(train, { hidden: 0, ensemble: 1, epochs: 300, learningRate: 0.05 });
    expect(accuracy(model, test)).toBeGreaterThan(0.769);
  });

  it('3-fold CV of softmax regression is far above chance (quick check; 10-fold figures are in the README)', () => {
    const cv = crossValidateMoodClassifier(tracks, { folds: 3, hidden: 0, ensemble: 1, epochs: 200, learningRate: 0.05 });
    expect(cv.accuracy).toBeGreaterThan(0.74);
    expect(cv.foldAccuracies).toHaveLength(3);
    expect(cv.confusion.flat().reduce((a, b) => a + b, 0)).toBe(686);
  });

  it('serialises to JSON and loads back with identical predictions', () => {
    const model = trainMoodClassifier(tracks.slice(0, 300), { hidden: 8, ensemble: 2, epochs: 50 });
    const restored = loadMoodClassifier(JSON.stringify(model.toJSON()));
    for (const t of tracks.slice(300, 340)) {
      expect(restored.predict(t.features!).probabilities).toEqual(model.predict(t.features!).probabilities);
    }
  });

  it('the shipped default model loads, fits its training data and reports its CV in meta', () => {
    const model = loadDefaultMoodClassifier();
    expect(accuracy(model, tracks)).toBeGreaterThan(0.85);
    const meta = model.toJSON().meta as { cv10Accuracy: number };
    expect(meta.cv10Accuracy).toBeGreaterThan(0.8);
  });

  it('labels an unlabelled catalog (SpotifyFeatures sample) with probabilities that sum to 1', async () => {
    const { catalog } = await readCatalogFile(SPOTIFY_FEATURES_SAMPLE);
    const model = loadDefaultMoodClassifier();
    const labelled = model.label(catalog.tracks);
    const counts = MOODS.map((m) => labelled.filter((t) => t.mood === m).length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(catalog.tracks.length);
    // A mixed-genre catalog gets all four moods.
    for (const c of counts) expect(c).toBeGreaterThan(20);
    const p = model.predict(catalog.tracks[0]!.features!).probabilities;
    expect(Object.values(p).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    const prepared = prepareCatalog(catalog, { classifier: model });
    expect(prepared.moodSource.every((s) => s === 2)).toBe(true);
  });

  it('missing features are treated as the training mean, never NaN', () => {
    const p = loadDefaultMoodClassifier().predict({ valence: 0.9, energy: 0.8 });
    for (const v of Object.values(p.probabilities)) expect(Number.isFinite(v)).toBe(true);
    expect(['happy', 'energetic']).toContain(p.mood);
  });

  it('rejects invalid model JSON with InvalidModelError', () => {
    const good = loadDefaultMoodClassifier().toJSON();
    expect(() => loadMoodClassifier('{not json')).toThrow(InvalidModelError);
    expect(() => loadMoodClassifier({ ...good, version: 2 })).toThrow(/unsupported version/);
    expect(() => loadMoodClassifier({ ...good, mean: good.mean.slice(1) })).toThrow(InvalidModelError);
    const broken = structuredClone(good);
    broken.members[0]!.w2[0] = Number.NaN;
    expect(() => loadMoodClassifier(broken)).toThrow(/member 0.w2/);
  });
});
