import { EmptyCatalogError, InvalidOptionError, MissingFeaturesError, UnknownEmotionError } from '../errors';
import { DEFAULT_STRATEGY, resolveStrategy, type StrategyName } from '../strategies/builtin';
import {
  queryDistance,
  querySimilarity,
  strategyIndex,
  type Candidate,
  type ScoreParams,
  type Strategy,
  type StrategyMeasure,
  type StrategyQuery,
} from '../strategies/strategy';
import {
  DEFAULT_EMOTION_MAPPING,
  emotionTargets,
  isEmotion,
  type EmotionMapping,
  type MusicTarget,
  type RecommendMode,
} from '../map/emotion-map';
import { EMOTIONS, MOODS, type Catalog, type Emotion, type Mood, type Track } from '../types';
import { assertUsable, isFiniteNumber, isPreparedCatalog, prepareCatalog, VECTOR_FEATURES, type PreparedCatalog } from './prepare';
import { profileMode, profileTuning, resolveProfiles, type ListenerProfile, type ProfileTuning } from './profile';
import { hashUnit } from './random';
import { soundNumbers, soundWords } from './words';

/** Options of {@link recommend}. Every number is validated: NaN or out of range throws {@link InvalidOptionError}. */
export interface RecommendOptions {
  /** How many tracks (default 40). */
  n?: number;
  /** How candidates are found: a strategy object or a built-in's name (default {@link DEFAULT_STRATEGY}, `knn`). */
  strategy?: Strategy | StrategyName;
  /** Default `'match'`. */
  mode?: RecommendMode;
  /** Seed tracks (ids in the catalog, or tracks with features): results lean toward their mean vector. */
  seeds?: readonly (string | Track)[];
  /** 0..1, how much the seeds' mean outweighs the emotion target (default 0.5 when seeds are given). */
  seedWeight?: number;
  /** Track ids never to return (seed tracks are never returned either). */
  exclude?: Iterable<string>;
  /** At most this many tracks per primary artist (default 2; `Infinity` for no cap). */
  maxPerArtist?: number;
  /** 0..1 share of the score that comes from popularity (default 0.15). */
  popularityWeight?: number;
  /** 0..1 bonus for tracks whose mood label fits the target's moods (default 0.1). */
  moodWeight?: number;
  /** >= 0, size of the seeded jitter that varies near-ties between seeds (default 0.02). */
  randomness?: number;
  /** Integer seed for the jitter: same seed, same output (default 0). */
  seed?: number;
  /** Uplift waypoints (default `min(n, 5)`); ignored in match mode. */
  steps?: number;
  /** A custom mapping (see {@link createEmotionMapping}). */
  mapping?: EmotionMapping;
  /** Attach a "why this track" explanation to each item (default true). */
  explain?: boolean;
  /**
   * The listener (see {@link recordFeedback}), or several for one shared list (people in the same
   * frame): the list leans toward their liked tracks and away from their skipped ones, never
   * returns a skipped or liked track, and takes their preferred `mode` when all who state one agree
   * and the call passes none. Each listener counts once, however many tracks they rated. Ids not
   * in the catalog are left out.
   */
  profile?: ListenerProfile | readonly ListenerProfile[];
  /** 0..1, how far the query moves toward the liked tracks' mean (default 0.4). */
  likeWeight?: number;
  /** 0..1, how far the query moves away from the skipped tracks' mean (default 0.3). */
  skipWeight?: number;
}

/** How a score was added up: the parts sum to the item's `score`. */
export interface ScoreParts {
  /** The strategy's fit times its share, `1 - popularityWeight`. */
  fit: number;
  /** Popularity (0..1) times `popularityWeight`. */
  popularity: number;
  /** `moodWeight` when the track's mood label is one the target favours, else 0. */
  mood: number;
  /** The seeded jitter that orders near-ties (`randomness`). */
  jitter: number;
}

/**
 * Why a track was picked: one sentence for listeners (`text`), and the numbers behind it for a
 * details view. The sentence names only what raised the track's score.
 */
export interface Explanation {
  /** The name of the strategy that found the track. */
  strategy: string;
  /** The emotion recommended for. */
  emotion: Emotion;
  /** `match` or `uplift`. */
  mode: RecommendMode;
  /** 0-based waypoint in uplift mode (always 0 in match mode). */
  step: number;
  /** Number of waypoints (1 in match mode). */
  steps: number;
  /** The target of this waypoint. */
  target: MusicTarget;
  /** That target in words, e.g. `"bright, upbeat"`. */
  targetWords: string;
  /** The track's own sound in words, from its valence and energy. */
  trackWords: string;
  /** What the strategy measured: the fit its ranking used, why, and the numbers. */
  measure: StrategyMeasure;
  /** The score, split into what the ranking added up. */
  scoreParts: ScoreParts;
  /** Weighted z-space distance from the track to the target (lower is closer), whatever the strategy. */
  distance: number;
  /** Weighted cosine similarity to the target vector (-1..1), whatever the strategy. */
  similarity: number;
  /** The track's popularity 0..100, when the catalog has it. */
  popularity?: number;
  /** The track's mood label, when it has one. */
  mood?: Mood;
  /** Whether the mood label came from the data or the classifier. */
  moodSource?: 'data' | 'classifier';
  /** Whether the mood label is one the target favours (and so earned `moodWeight`). */
  moodMatched: boolean;
  /** Optional features that were missing and imputed with the catalog mean. */
  imputedFeatures: number;
  /** One or two sentences a listener reads. */
  text: string;
}

/** One recommended track. */
export interface Recommendation {
  /** The track. */
  track: Track;
  /** 1-based position in the result. */
  rank: number;
  /** Ranking score, higher is better (closeness, popularity and mood combined). */
  score: number;
  /** Why it was picked (unless `explain: false`). */
  explanation?: Explanation;
}

/** What {@link recommend} returns. */
export interface RecommendationResult {
  /** The emotion recommended for. */
  emotion: Emotion;
  /** `match` or `uplift`. */
  mode: RecommendMode;
  /** The name of the strategy used. */
  strategy: string;
  /** One target in match mode, the uplift path otherwise. */
  targets: MusicTarget[];
  /** The tracks, best first. */
  items: Recommendation[];
  /** True when the catalog (after exclusions and the artist cap) had fewer than `n` tracks to give. */
  exhausted: boolean;
  /** With `profile`: whose list this is, and how many of their liked and skipped ids the catalog has. */
  listeners?: { names: string[]; likes: number; skips: number };
}

export interface Resolved {
  n: number;
  strategy: Strategy;
  mode: RecommendMode;
  seedWeight: number;
  maxPerArtist: number;
  popularityWeight: number;
  moodWeight: number;
  randomness: number;
  seed: number;
  steps: number;
  mapping: EmotionMapping;
  explain: boolean;
  profiles: readonly ListenerProfile[];
  likeWeight: number;
  skipWeight: number;
}

/**
 * Recommends tracks for an emotion. Pass a {@link PreparedCatalog} (from {@link prepareCatalog}) to
 * query many times; a plain catalog is prepared on every call.
 *
 * @throws {@link UnknownEmotionError}, {@link InvalidOptionError}, {@link EmptyCatalogError},
 * {@link MissingFeaturesError}, and for a plain catalog everything {@link prepareCatalog} throws
 * ({@link InvalidCatalogError} for `undefined`, `null` or a malformed track, among others).
 */
export function recommend(
  emotion: Emotion,
  catalog: PreparedCatalog | Catalog | readonly Track[],
  opts: RecommendOptions = {},
): RecommendationResult {
  if (!isEmotion(emotion)) throw new UnknownEmotionError(emotion, EMOTIONS);
  const o = resolveOptions(opts);
  const prepared = isPreparedCatalog(catalog) ? catalog : prepareCatalog(catalog, { strategies: [o.strategy] });
  assertUsable(prepared);
  if (prepared.size === 0) throw new EmptyCatalogError('The prepared catalog has no tracks');
  const index = strategyIndex(prepared, o.strategy);

  // Tracks that repeat an earlier id are never returned, so an id comes back once at most and
  // exclude and seeds (which find the first track of an id) reach every copy.
  const repeated = prepared.repeated;
  const blocked = new Set<number>();
  for (const id of opts.exclude ?? []) {
    if (typeof id !== 'string') throw new InvalidOptionError('exclude', id, 'expected track ids (strings)');
    const i = prepared.idIndex.get(id);
    if (i !== undefined) blocked.add(i);
  }
  const seedVector = seedMean(prepared, opts.seeds ?? [], blocked);
  const tuning = o.profiles.length > 0 ? profileTuning(prepared, o.profiles, blocked) : undefined;
  const plan = planSteps(prepared, emotion, o, seedVector, tuning);
  const targets = plan.map((s) => s.target);
  const perArtist = new Map<number, number>();
  const items: Recommendation[] = [];
  let exhausted = false;

  plan.forEach(({ target, want, query }, step) => {
    let picked: Candidate[];
    for (let k = Math.max(4 * want, 64) + blocked.size; ; k *= 4) {
      picked = select(o.strategy.search(prepared, index, query, k), want, blocked, repeated, perArtist, prepared, o.maxPerArtist, true);
      if (picked.length >= want || k >= prepared.size) break;
    }
    if (picked.length < want) exhausted = true;
    select(picked, want, blocked, repeated, perArtist, prepared, o.maxPerArtist, false);
    for (const c of picked) {
      const item: Recommendation = { track: prepared.track(c.index), rank: items.length + 1, score: c.score };
      if (o.explain) {
        const measure = o.strategy.measure(prepared, index, query, c.index);
        item.explanation = explain(prepared, c.index, item.track, query, measure, {
          strategy: o.strategy.name,
          emotion,
          mode: o.mode,
          step,
          steps: targets.length,
          target,
          tuned: tuning?.pull || tuning?.push ? tuning : undefined,
        });
      }
      items.push(item);
    }
  });
  const result: RecommendationResult = { emotion, mode: o.mode, strategy: o.strategy.name, targets, items, exhausted };
  if (tuning) result.listeners = { names: tuning.names, likes: tuning.likes, skips: tuning.skips };
  return result;
}

/**
 * Walks candidates best first, skipping blocked and repeated tracks and artists at their cap. With `dryRun` it
 * leaves `blocked`/`perArtist` untouched, so a too-short pick can be retried with more candidates.
 */
function select(
  ranked: Candidate[],
  want: number,
  blocked: Set<number>,
  repeated: Uint8Array | undefined,
  perArtist: Map<number, number>,
  p: PreparedCatalog,
  cap: number,
  dryRun: boolean,
): Candidate[] {
  const counts = dryRun ? new Map(perArtist) : perArtist;
  const picked: Candidate[] = [];
  for (const c of ranked) {
    if (picked.length >= want) break;
    if (blocked.has(c.index) || repeated?.[c.index]) continue;
    const artist = p.artistKeys[c.index]!;
    const used = counts.get(artist) ?? 0;
    if (used >= cap) continue;
    counts.set(artist, used + 1);
    if (!dryRun) blocked.add(c.index);
    picked.push(c);
  }
  return picked;
}

/** One waypoint of a recommendation: its target, how many picks it gives, and its query. */
export interface PlannedStep {
  target: MusicTarget;
  want: number;
  query: StrategyQuery;
}

/**
 * The waypoints for `emotion` (one in match mode): `n` picks shared out in turn, each with the
 * query its target, the seeds, the listeners' tuning and the scoring options make. The catalog
 * store plans the same way.
 */
export function planSteps(
  p: Pick<PreparedCatalog, 'dims' | 'mean' | 'std' | 'weights'>,
  emotion: Emotion,
  o: Resolved,
  seedVector: Float64Array | undefined,
  tuning?: ProfileTuning,
): PlannedStep[] {
  const targets = emotionTargets(emotion, o.mode, o.mode === 'uplift' ? o.steps : 1, o.mapping);
  return targets.map((target, step) => {
    const moodBonus = new Float64Array(MOODS.length + 1);
    for (const m of target.moods) moodBonus[MOODS.indexOf(m) + 1] = o.moodWeight;
    const scoring: ScoreParams = { popularityWeight: o.popularityWeight, moodBonus, randomness: o.randomness, seed: o.seed };
    return {
      target,
      want: Math.floor(o.n / targets.length) + (step < o.n % targets.length ? 1 : 0),
      query: tune(buildQuery(p, target, seedVector, o.seedWeight, scoring), tuning, o),
    };
  });
}

function buildQuery(
  p: Pick<PreparedCatalog, 'dims' | 'mean' | 'std' | 'weights'>,
  target: MusicTarget,
  seed: Float64Array | undefined,
  seedWeight: number,
  scoring: ScoreParams,
): StrategyQuery {
  const q = new Float64Array(p.dims);
  const w = new Float64Array(p.dims);
  VECTOR_FEATURES.forEach((name, d) => {
    const raw = (target as unknown as Record<string, unknown>)[name];
    if (!isFiniteNumber(raw)) return;
    q[d] = ((raw - p.mean[d]!) / p.std[d]!) * p.weights[d]!;
    w[d] = 1;
  });
  if (seed) {
    for (let d = 0; d < p.dims; d++) {
      if (w[d]! > 0) {
        q[d] = (1 - seedWeight) * q[d]! + seedWeight * seed[d]!;
      } else {
        q[d] = seed[d]!;
        w[d] = seedWeight;
      }
    }
  }
  return { vector: q, weights: w, target, scoring };
}

/**
 * Moves a query toward the liked tracks' mean and away from the skipped tracks' mean. A feature
 * the target leaves free is set by the likes alone, weighted `likeWeight`.
 */
function tune(query: StrategyQuery, tuning: ProfileTuning | undefined, o: Pick<Resolved, 'likeWeight' | 'skipWeight'>): StrategyQuery {
  const { vector: q, weights: w } = query;
  const { pull, push } = tuning ?? {};
  for (let d = 0; d < q.length; d++) {
    if (pull && w[d]! > 0) q[d] = q[d]! + o.likeWeight * (pull[d]! - q[d]!);
    else if (pull && o.likeWeight > 0) {
      q[d] = pull[d]!;
      w[d] = o.likeWeight;
    }
    if (push && w[d]! > 0) q[d] = q[d]! + o.skipWeight * (q[d]! - push[d]!);
  }
  return query;
}

/** Mean weighted z-vector of the seed tracks; seeds in the catalog are blocked from the output. */
export function seedMean(p: PreparedCatalog, seeds: readonly (string | Track)[], blocked: Set<number>): Float64Array | undefined {
  if (seeds.length === 0) return undefined;
  const mean = new Float64Array(p.dims);
  const unknown: string[] = [];
  for (const seed of seeds) {
    const index = p.idIndex.get(typeof seed === 'string' ? seed : seed.id);
    if (index !== undefined) {
      blocked.add(index);
      for (let d = 0; d < p.dims; d++) mean[d]! += p.columns[d]![index]!;
      continue;
    }
    const f = typeof seed === 'string' ? undefined : seed.features;
    if (!f || !isFiniteNumber(f.valence) || !isFiniteNumber(f.energy)) {
      unknown.push(typeof seed === 'string' ? seed : seed.id);
      continue;
    }
    VECTOR_FEATURES.forEach((name, d) => {
      const raw = f[name];
      if (isFiniteNumber(raw)) mean[d]! += ((raw - p.mean[d]!) / p.std[d]!) * p.weights[d]!;
    });
  }
  if (unknown.length > 0) {
    throw new MissingFeaturesError(
      `Seed tracks not in the catalog and without valence/energy: ${unknown.slice(0, 5).join(', ')}`,
      unknown.slice(0, 100),
      ['valence', 'energy'],
    );
  }
  return mean.map((x) => x / seeds.length);
}

type ExplainContext = Pick<Explanation, 'strategy' | 'emotion' | 'mode' | 'step' | 'steps' | 'target'> & {
  tuned?: ProfileTuning | undefined;
};

function explain(
  p: PreparedCatalog,
  i: number,
  track: Track,
  query: StrategyQuery,
  measure: StrategyMeasure,
  ctx: ExplainContext,
): Explanation {
  const f = track.features!;
  const { target } = ctx;
  const { scoring } = query;
  const moodIndex = p.moods[i]!;
  const mood = moodIndex >= 0 ? MOODS[moodIndex] : undefined;
  const scoreParts: ScoreParts = {
    fit: (1 - scoring.popularityWeight) * measure.fit,
    popularity: scoring.popularityWeight * p.popularity[i]!,
    mood: scoring.moodBonus[moodIndex + 1]!,
    jitter: scoring.randomness > 0 ? scoring.randomness * hashUnit(scoring.seed, p.jitterKeys?.[i] ?? i) : 0,
  };
  const { tuned, ...context } = ctx;
  const e: Explanation = {
    ...context,
    targetWords: soundWords(target.valence, target.energy),
    trackWords: soundWords(f.valence!, f.energy!),
    measure,
    scoreParts,
    distance: queryDistance(p, i, query),
    similarity: querySimilarity(p, i, query),
    moodMatched: mood !== undefined && target.moods.includes(mood),
    imputedFeatures: p.imputed[i]!,
    text: '',
  };
  if (isFiniteNumber(track.popularity)) e.popularity = track.popularity;
  if (mood) {
    e.mood = mood;
    e.moodSource = p.moodSource[i] === 1 ? 'data' : 'classifier';
  }
  const aim = `${e.targetWords} music (${soundNumbers(target.valence, target.energy)})`;
  const lead =
    ctx.mode === 'uplift'
      ? `Step ${ctx.step + 1} of ${ctx.steps} for ${ctx.emotion}: this step aims at ${aim}`
      : `For ${ctx.emotion}: ${aim}`;
  // Only what raised the score is named: a mood label that earned nothing is no reason.
  const reasons = [`${measure.reason}`];
  if (e.moodMatched && scoreParts.mood > 0) {
    reasons.push(
      `labelled ${mood}${e.moodSource === 'classifier' ? ' by the mood classifier' : ''}, a mood this ${ctx.steps > 1 ? 'step' : 'pick'} favours`,
    );
  }
  if (e.popularity !== undefined && scoreParts.popularity > 0) reasons.push(`popularity ${e.popularity}/100`);
  const sound = `This track is ${e.trackWords} (${soundNumbers(f.valence!, f.energy!)})`;
  const imputed = e.imputedFeatures > 0 ? ` ${e.imputedFeatures} of its features were missing and taken as the catalog average.` : '';
  const what = tuned && (tuned.pull && tuned.push ? 'likes and skips' : tuned.pull ? 'likes' : 'skips');
  const who = tuned && tuned.names.length > 0 ? ` (${tuned.names.join(', ')})` : '';
  const listeners = tuned ? ` Tuned to the ${tuned.names.length > 1 ? "listeners'" : "listener's"} ${what}${who}.` : '';
  e.text = `${lead}. ${sound}: ${reasons.join('; ')}.${imputed}${listeners}`;
  return e;
}

export function resolveOptions(opts: RecommendOptions): Resolved {
  if (typeof opts !== 'object' || opts === null) throw new InvalidOptionError('options', opts, 'expected an object');
  const { exclude, seeds } = opts as { exclude?: unknown; seeds?: unknown };
  // A string is iterable too, but excluding its characters is never what was meant.
  if (exclude !== undefined && (typeof exclude !== 'object' || exclude === null || !(Symbol.iterator in exclude))) {
    throw new InvalidOptionError('exclude', exclude, 'expected an iterable of track ids (an array or a Set)');
  }
  if (
    seeds !== undefined &&
    !(
      Array.isArray(seeds) && seeds.every((seed) => typeof seed === 'string' || (typeof seed === 'object' && seed !== null && 'id' in seed))
    )
  ) {
    throw new InvalidOptionError('seeds', seeds, 'expected an array of track ids or tracks');
  }
  const n = opts.n ?? 40;
  if (!(Number.isInteger(n) && n > 0)) throw new InvalidOptionError('n', n, 'expected an integer > 0');
  const strategy = resolveStrategy(opts.strategy ?? DEFAULT_STRATEGY, 'strategy');
  const profiles = resolveProfiles(opts.profile);
  const mode = opts.mode ?? profileMode(profiles) ?? 'match';
  if (mode !== 'match' && mode !== 'uplift') throw new InvalidOptionError('mode', mode, 'expected match or uplift');
  const unitOption = (name: keyof RecommendOptions, fallback: number) => {
    const value = (opts[name] as number | undefined) ?? fallback;
    if (!(typeof value === 'number' && value >= 0 && value <= 1)) throw new InvalidOptionError(name, value, 'expected a number in 0..1');
    return value;
  };
  const maxPerArtist = opts.maxPerArtist ?? 2;
  if (!(maxPerArtist === Infinity || (Number.isInteger(maxPerArtist) && maxPerArtist >= 1))) {
    throw new InvalidOptionError('maxPerArtist', maxPerArtist, 'expected an integer >= 1 or Infinity');
  }
  const randomness = opts.randomness ?? 0.02;
  if (!(Number.isFinite(randomness) && randomness >= 0))
    throw new InvalidOptionError('randomness', randomness, 'expected a finite number >= 0');
  const seed = opts.seed ?? 0;
  if (!Number.isInteger(seed)) throw new InvalidOptionError('seed', seed, 'expected an integer');
  const steps = opts.steps ?? Math.min(n, 5);
  if (!(Number.isInteger(steps) && steps >= 1 && steps <= n))
    throw new InvalidOptionError('steps', steps, `expected an integer in 1..n (${n})`);
  return {
    n,
    strategy,
    mode,
    seedWeight: unitOption('seedWeight', 0.5),
    maxPerArtist,
    popularityWeight: unitOption('popularityWeight', 0.15),
    moodWeight: unitOption('moodWeight', 0.1),
    randomness,
    seed,
    steps,
    mapping: opts.mapping ?? DEFAULT_EMOTION_MAPPING,
    explain: opts.explain ?? true,
    profiles,
    likeWeight: unitOption('likeWeight', 0.4),
    skipWeight: unitOption('skipWeight', 0.3),
  };
}
