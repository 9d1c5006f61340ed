import { InvalidModelError, InvalidOptionError, MoodRecommenderError } from '../errors';
import { createRng } from '../recommend/random';
import { MOODS, type AudioFeatures, type Mood, type Track } from '../types';
import { predictMlp, trainMlp, type MlpWeights } from './mlp';

/** Features the mood classifier reads by default (the audio features `data_moods.csv` has). */
export const CLASSIFIER_FEATURES: readonly (keyof AudioFeatures)[] = [
  'danceability',
  'acousticness',
  'energy',
  'instrumentalness',
  'liveness',
  'valence',
  'loudness',
  'speechiness',
  'tempo',
  'durationMs',
];

/** Features whose long right tail is compressed with `log(x + 0.01)` before standardising. */
const LOG_FEATURES = new Set<keyof AudioFeatures>(['instrumentalness', 'speechiness', 'liveness', 'acousticness', 'durationMs']);

/** Serialised mood classifier, as written by `toJSON()` and read by {@link loadMoodClassifier}. */
export interface MoodModelJson {
  /** Format marker. */
  format: 'moodtunes-mood-classifier';
  /** Format version. */
  version: 1;
  /** Output classes, in output order. */
  moods: Mood[];
  /** Input features, in input order. */
  features: (keyof AudioFeatures)[];
  /** Which features are log-transformed before standardising. */
  logFeatures: (keyof AudioFeatures)[];
  /** Per-feature mean used for standardising. */
  mean: number[];
  /** Per-feature standard deviation used for standardising. */
  std: number[];
  /** Ensemble members; their probabilities are averaged. */
  members: MlpWeights[];
  /** Free-form provenance, e.g. training data and CV accuracy. */
  meta?: Record<string, unknown>;
}

/** A mood prediction with its class probabilities. */
export interface MoodPrediction {
  /** The most probable mood. */
  mood: Mood;
  /** Probability of each mood. */
  probabilities: Record<Mood, number>;
}

/** Predicts one of {@link MOODS} from audio features; missing features count as the training mean. */
export interface MoodClassifier {
  /** The audio features the model reads, in input order. */
  readonly features: readonly (keyof AudioFeatures)[];
  /** The most likely mood of one track's features, with all probabilities. */
  predict(features: Partial<AudioFeatures>): MoodPrediction;
  /** Labels every track that has valence and energy, returning new track objects with `mood` set. */
  label(tracks: readonly Track[]): Track[];
  /** The model as JSON, for {@link loadMoodClassifier}. */
  toJSON(): MoodModelJson;
}

/** Options of {@link trainMoodClassifier}. */
export interface TrainMoodOptions {
  /** Hidden units (default 16; 0 = softmax regression). */
  hidden?: number;
  /** Full-batch Adam epochs per member. */
  epochs?: number;
  /** Adam learning rate. */
  learningRate?: number;
  /** L2 weight penalty. */
  l2?: number;
  /** Members of the ensemble, each from a different initialisation (default 5). */
  ensemble?: number;
  /** Random seed (same seed, same model). */
  seed?: number;
  /** Input features (default {@link CLASSIFIER_FEATURES}). */
  features?: readonly (keyof AudioFeatures)[];
  /** Progress over all members' epochs, 0..1. */
  onProgress?: (fraction: number) => void;
  /** Free-form provenance stored in the model JSON. */
  meta?: Record<string, unknown>;
}

/**
 * Trains the mood classifier: log-compress skewed features, standardise, then an ensemble of small
 * tanh MLPs (softmax output) trained with full-batch Adam. See the README for what else was tried.
 *
 * @throws {@link MoodRecommenderError} when fewer than 2 moods have labelled tracks with features.
 */
export function trainMoodClassifier(tracks: readonly Track[], opts: TrainMoodOptions = {}): MoodClassifier {
  const features = [...(opts.features ?? CLASSIFIER_FEATURES)];
  const labelled = tracks.filter((t) => t.mood && t.features);
  const classes = new Set(labelled.map((t) => t.mood));
  if (classes.size < 2) throw new MoodRecommenderError('Training needs labelled tracks of at least 2 moods');
  const hidden = opts.hidden ?? 16;
  const epochs = opts.epochs ?? 400;
  const members = opts.ensemble ?? 5;
  for (const [name, value, min] of [
    ['hidden', hidden, 0],
    ['epochs', epochs, 1],
    ['ensemble', members, 1],
  ] as const) {
    if (!(Number.isInteger(value) && value >= min)) throw new InvalidOptionError(name, value, `expected an integer >= ${min}`);
  }
  const logFeatures = features.filter((f) => LOG_FEATURES.has(f));
  const raw = labelled.map((t) => rawVector(t.features!, features, logFeatures));
  const { mean, std } = columnStats(raw);
  const x = raw.map((r) => standardise(r, mean, std));
  const y = Int32Array.from(labelled, (t) => MOODS.indexOf(t.mood!));
  const seed = opts.seed ?? 7;
  const weights: MlpWeights[] = [];
  for (let m = 0; m < members; m++) {
    weights.push(
      trainMlp(x, y, MOODS.length, {
        hidden,
        epochs,
        learningRate: opts.learningRate ?? 0.01,
        l2: opts.l2 ?? 1e-3,
        seed: seed + 7919 * m,
        onEpoch: opts.onProgress && ((e) => opts.onProgress!((m * epochs + e) / (members * epochs))),
      }),
    );
  }
  const json: MoodModelJson = {
    format: 'moodtunes-mood-classifier',
    version: 1,
    moods: [...MOODS],
    features,
    logFeatures,
    mean,
    std,
    members: weights,
  };
  if (opts.meta) json.meta = opts.meta;
  return fromJson(json);
}

/**
 * Loads a classifier from its JSON (an object or a JSON string).
 *
 * @throws {@link InvalidModelError} when the JSON is not a valid mood model.
 */
export function loadMoodClassifier(json: unknown): MoodClassifier {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (err) {
      throw new InvalidModelError(`Mood model is not valid JSON: ${(err as Error).message}`);
    }
  }
  return fromJson(validate(value));
}

function fromJson(model: MoodModelJson): MoodClassifier {
  const predictVector = (f: Partial<AudioFeatures>): Float64Array => {
    const x = standardise(rawVector(f, model.features, model.logFeatures), model.mean, model.std);
    const sum = new Float64Array(MOODS.length);
    for (const member of model.members) {
      const p = predictMlp(member, x);
      for (let c = 0; c < sum.length; c++) sum[c]! += p[c]! / model.members.length;
    }
    return sum;
  };
  const predict = (f: Partial<AudioFeatures>): MoodPrediction => {
    const p = predictVector(f);
    let best = 0;
    for (let c = 1; c < p.length; c++) if (p[c]! > p[best]!) best = c;
    return {
      mood: MOODS[best]!,
      probabilities: Object.fromEntries(MOODS.map((m, c) => [m, p[c]!])) as Record<Mood, number>,
    };
  };
  return {
    features: model.features,
    predict,
    label: (tracks) =>
      tracks.map((t) =>
        t.features && Number.isFinite(t.features.valence) && Number.isFinite(t.features.energy)
          ? { ...t, mood: predict(t.features).mood }
          : t,
      ),
    toJSON: () => model,
  };
}

function rawVector(
  f: Partial<AudioFeatures>,
  features: readonly (keyof AudioFeatures)[],
  logFeatures: readonly (keyof AudioFeatures)[],
): number[] {
  return features.map((name) => {
    const v = f[name];
    if (typeof v !== 'number' || !Number.isFinite(v)) return NaN;
    return logFeatures.includes(name) ? Math.log(Math.max(v, 0) + 0.01) : v;
  });
}

/** z-scores; a missing (NaN) value becomes 0, the training mean, so it never propagates. */
function standardise(raw: number[], mean: number[], std: number[]): Float64Array {
  return Float64Array.from(raw, (v, i) => (Number.isNaN(v) ? 0 : (v - mean[i]!) / std[i]!));
}

function columnStats(rows: number[][]): { mean: number[]; std: number[] } {
  const dims = rows[0]?.length ?? 0;
  const mean: number[] = [];
  const std: number[] = [];
  for (let d = 0; d < dims; d++) {
    const values = rows.map((r) => r[d]!).filter((v) => !Number.isNaN(v));
    const mu = values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
    const variance = values.reduce((a, b) => a + (b - mu) ** 2, 0) / Math.max(1, values.length);
    mean.push(mu);
    std.push(variance > 1e-12 ? Math.sqrt(variance) : 1);
  }
  return { mean, std };
}

function validate(value: unknown): MoodModelJson {
  const m = value as Partial<MoodModelJson> | null;
  const fail = (why: string): never => {
    throw new InvalidModelError(`Invalid mood model: ${why}`);
  };
  if (!m || typeof m !== 'object') return fail('not an object');
  if (m.format !== 'moodtunes-mood-classifier') fail(`format is ${JSON.stringify(m.format)}`);
  if (m.version !== 1) fail(`unsupported version ${JSON.stringify(m.version)}`);
  if (!Array.isArray(m.moods) || m.moods.join() !== MOODS.join()) fail('moods differ from MOODS');
  if (!Array.isArray(m.features) || m.features.length === 0) fail('no features');
  const dims = m.features!.length;
  for (const key of ['mean', 'std'] as const) {
    const arr = m[key];
    if (!Array.isArray(arr) || arr.length !== dims || !arr.every(Number.isFinite)) fail(`${key} must be ${dims} finite numbers`);
  }
  if (!Array.isArray(m.logFeatures)) fail('logFeatures missing');
  if (!Array.isArray(m.members) || m.members.length === 0) fail('no ensemble members');
  m.members!.forEach((w, i) => {
    const mid = w.hidden || w.inputs;
    const sizes: [keyof MlpWeights, number][] = [
      ['w1', w.inputs * w.hidden],
      ['b1', w.hidden],
      ['w2', mid * w.outputs],
      ['b2', w.outputs],
    ];
    if (w.inputs !== dims || w.outputs !== MOODS.length) fail(`member ${i} has shape ${w.inputs}->${w.outputs}`);
    for (const [key, size] of sizes) {
      const arr = w[key] as number[];
      if (!Array.isArray(arr) || arr.length !== size || !arr.every(Number.isFinite))
        fail(`member ${i}.${key} must be ${size} finite numbers`);
    }
  });
  return m as MoodModelJson;
}

/** Result of {@link crossValidateMoodClassifier}. */
export interface CrossValidationResult {
  /** Pooled accuracy over all held-out rows. */
  accuracy: number;
  /** Accuracy of each fold. */
  foldAccuracies: number[];
  /** `confusion[actual][predicted]`, indices into {@link MOODS}. */
  confusion: number[][];
}

/**
 * Stratified k-fold cross-validation: each mood's tracks are shuffled (seeded) and dealt round-robin
 * into `folds` folds, then the classifier is trained on k-1 folds and tested on the rest.
 */
export function crossValidateMoodClassifier(
  tracks: readonly Track[],
  opts: TrainMoodOptions & { folds?: number } = {},
): CrossValidationResult {
  const folds = opts.folds ?? 10;
  if (!(Number.isInteger(folds) && folds >= 2)) throw new InvalidOptionError('folds', folds, 'expected an integer >= 2');
  const labelled = tracks.filter((t) => t.mood && t.features);
  const fold = stratifiedFolds(labelled, folds, opts.seed ?? 7);
  const confusion = MOODS.map(() => MOODS.map(() => 0));
  const foldAccuracies: number[] = [];
  for (let f = 0; f < folds; f++) {
    const train = labelled.filter((_, i) => fold[i] !== f);
    const test = labelled.filter((_, i) => fold[i] === f);
    const { onProgress: _ignored, ...trainOpts } = opts;
    const model = trainMoodClassifier(train, trainOpts);
    let correct = 0;
    for (const t of test) {
      const predicted = model.predict(t.features!).mood;
      confusion[MOODS.indexOf(t.mood!)]![MOODS.indexOf(predicted)]!++;
      if (predicted === t.mood) correct++;
    }
    foldAccuracies.push(correct / test.length);
    opts.onProgress?.((f + 1) / folds);
  }
  const correct = confusion.reduce((s, row, i) => s + row[i]!, 0);
  return { accuracy: correct / labelled.length, foldAccuracies, confusion };
}

/** Fold index (0..folds-1) per track, stratified by mood. */
export function stratifiedFolds(tracks: readonly Track[], folds: number, seed: number): Int32Array {
  const rng = createRng(seed);
  const fold = new Int32Array(tracks.length);
  // Continuing the deal across moods keeps fold sizes within one of each other.
  let offset = 0;
  for (const mood of MOODS) {
    const idx = tracks.flatMap((t, i) => (t.mood === mood ? [i] : []));
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    idx.forEach((trackIndex, k) => (fold[trackIndex] = (offset + k) % folds));
    offset += idx.length;
  }
  return fold;
}
