// The shape every strategy has, and the scoring they share: a strategy measures how well a track fits
// the query (0..1); the scorer adds popularity, the mood bonus and the seeded jitter and keeps the best.
import { MoodRecommenderError } from '../errors';
import type { MusicTarget } from '../map/emotion-map';
import type { PreparedCatalog } from '../recommend/prepare';
import { hashUnit } from '../recommend/random';
import { TopK } from '../recommend/top-k';

/** Scoring knobs shared by all strategies, resolved from {@link RecommendOptions}. */
export interface ScoreParams {
  /** 0..1 share of the score that comes from popularity; the fit gets `1 - popularityWeight`. */
  popularityWeight: number;
  /** Bonus by `mood index + 1` (slot 0: unknown mood): `moodWeight` for the target's moods, else 0. */
  moodBonus: Float64Array;
  /** Size of the seeded jitter. */
  randomness: number;
  /** Seed of the jitter. */
  seed: number;
}

/** One query, in the prepared catalog's vector space. */
export interface StrategyQuery {
  /** The target as weighted z-scores, one value per dimension of {@link VECTOR_FEATURES}. */
  readonly vector: Float64Array;
  /** How much each dimension counts (0 = ignored). */
  readonly weights: Float64Array;
  /** The music target the vector was built from. */
  readonly target: MusicTarget;
  /** How fit, popularity, mood and jitter add up to a score. */
  readonly scoring: ScoreParams;
}

/** A track (by index in the prepared catalog) and its score, higher is better. */
export interface Candidate {
  index: number;
  score: number;
}

/** What a strategy measured for one track: the fit its ranking used, in words and in numbers. */
export interface StrategyMeasure {
  /** 0..1 fit the ranking used, before popularity, the mood bonus and the jitter. */
  fit: number;
  /** Why the track fits, as a clause a listener reads (e.g. "its sound is close to the target"). */
  reason: string;
  /** The numbers behind `fit`, by name, for a details view (e.g. `{ distance: 0.54 }`). */
  values: Readonly<Record<string, number>>;
}

/** What {@link Strategy.prepare} may report while it builds its index. */
export interface StrategyContext {
  /** Called with 0..1 as preparation advances. */
  onProgress?: (fraction: number) => void;
}

/**
 * A way to find tracks for a query: it prepares an index over a prepared catalog once, then finds
 * the best candidates for each query and says what it measured for any track. `recommend` calls
 * these three and nothing else, so a strategy of your own is an object of this shape (see the
 * package README); score candidates with {@link createScorer} so popularity, mood and jitter count
 * as they do for the built-in ones.
 */
export interface Strategy<Index = unknown> {
  /** Name in results and explanations. */
  readonly name: string;
  /** One line on how it finds tracks, for settings screens and docs. */
  readonly description: string;
  /** Builds what {@link search} needs; called once per prepared catalog (the result is kept on it). */
  prepare(catalog: PreparedCatalog, context: StrategyContext): Index;
  /** The `k` best candidates for `query`, best first, scored as {@link createScorer} does. */
  search(catalog: PreparedCatalog, index: Index, query: StrategyQuery, k: number): Candidate[];
  /** The fit of track `track` for `query`, as {@link search} measured it. */
  measure(catalog: PreparedCatalog, index: Index, query: StrategyQuery, track: number): StrategyMeasure;
}

/** Keeps the best-scoring tracks of a search. */
export interface CandidateScorer {
  /** Offers track `index` with its 0..1 fit; popularity, mood and jitter are added here. */
  offer(index: number, fit: number): void;
  /** The kept tracks, best first. */
  candidates(): Candidate[];
}

/** Closeness 0..1 from a distance. */
export const closenessOf = (distance: number): number => 1 / (1 + distance);

/** Weighted Euclidean distance from track `i` to the query. */
export function queryDistance(p: PreparedCatalog, i: number, query: StrategyQuery): number {
  let s = 0;
  for (let d = 0; d < p.dims; d++) {
    const w = query.weights[d]!;
    if (w === 0) continue;
    const x = p.columns[d]![i]! - query.vector[d]!;
    s += w * x * x;
  }
  return Math.sqrt(s);
}

/** Weighted cosine similarity of track `i` and the query (0 when either vector is zero). */
export function querySimilarity(p: PreparedCatalog, i: number, query: StrategyQuery): number {
  let dot = 0;
  let vv = 0;
  let qq = 0;
  for (let d = 0; d < p.dims; d++) {
    const w = query.weights[d]!;
    if (w === 0) continue;
    const v = p.columns[d]![i]!;
    dot += w * v * query.vector[d]!;
    vv += w * v * v;
    qq += w * query.vector[d]! ** 2;
  }
  return vv > 0 && qq > 0 ? dot / Math.sqrt(vv * qq) : 0;
}

/**
 * Adds popularity, the mood bonus and the seeded jitter to a strategy's 0..1 fit and keeps the
 * `k` best. `slack` (the most the bonuses can add) lets a scan drop a track whose fit alone
 * cannot reach the current k-th best before computing the bonuses.
 */
export class Scorer implements CandidateScorer {
  readonly top: TopK;
  /** The fit's share of the score: `1 - popularityWeight`. */
  readonly share: number;
  readonly slack: number;
  private readonly keys: Int32Array | undefined;

  constructor(
    private readonly p: PreparedCatalog,
    private readonly s: ScoreParams,
    k: number,
  ) {
    this.top = new TopK(Math.max(1, Math.min(k, p.size)));
    this.share = 1 - s.popularityWeight;
    this.slack = s.popularityWeight + Math.max(...s.moodBonus) + s.randomness;
    this.keys = p.jitterKeys;
  }

  offer(i: number, fit: number): void {
    this.offerWeighted(i, this.share * fit);
  }

  /** `weighted` is `share * fit`. */
  offerWeighted(i: number, weighted: number): void {
    const s = this.s;
    this.offerKnown(i, weighted + s.popularityWeight * this.p.popularity[i]! + s.moodBonus[this.p.moods[i]! + 1]!);
  }

  /** `known` is the score without the jitter. */
  offerKnown(i: number, known: number): void {
    const s = this.s;
    const threshold = this.top.threshold;
    // The jitter hash is the costly part: skip it when even the largest jitter cannot help.
    if (known + s.randomness <= threshold) return;
    const score = s.randomness > 0 ? known + s.randomness * hashUnit(s.seed, this.keys?.[i] ?? i) : known;
    if (score > threshold) this.top.push(i, score);
  }

  /**
   * Offers a track by squared distance (fit `1 / (1 + distance)`); returns the squared distance a
   * later track must stay under to have a chance:
   * `share / (1 + sqrt(sum)) + slack <= threshold  <=>  sum >= (share / (threshold - slack) - 1)^2`.
   */
  offerDistance(i: number, sum: number): number {
    this.offerWeighted(i, this.share / (1 + Math.sqrt(sum)));
    const room = this.top.threshold - this.slack;
    return room > 0 ? (this.share / room - 1) ** 2 : Infinity;
  }

  candidates(): Candidate[] {
    return this.top.sorted().map(({ id, score }) => ({ index: id, score }));
  }
}

/** A scorer for a search over `catalog` that keeps the `k` best tracks for `query`. */
export function createScorer(catalog: PreparedCatalog, query: StrategyQuery, k: number): CandidateScorer {
  return new Scorer(catalog, query.scoring, k);
}

/** The dimensions a query uses: their columns, target values and weights. */
export function activeDimensions(query: StrategyQuery, p: PreparedCatalog): { cols: Float32Array[]; q: Float64Array; w: Float64Array } {
  const cols: Float32Array[] = [];
  const q: number[] = [];
  const w: number[] = [];
  query.weights.forEach((weight, d) => {
    if (weight <= 0) return;
    cols.push(p.columns[d]!);
    q.push(query.vector[d]!);
    w.push(weight);
  });
  return { cols, q: Float64Array.from(q), w: Float64Array.from(w) };
}

/** Pads to 4 entries with `fill` (or the first entry: a column read with weight 0 adds nothing). */
export function pad4<T>(values: T[], fill: T = values[0]!): [T, T, T, T] {
  return [values[0] ?? fill, values[1] ?? fill, values[2] ?? fill, values[3] ?? fill];
}

/**
 * The index `strategy` built over `prepared`, building it on first use (once per prepared catalog
 * and strategy object): `recommend` calls this, and so may a strategy that builds on another's index.
 *
 * @throws {@link MoodRecommenderError} when `prepared` was disposed.
 */
export function strategyIndex<Index>(prepared: PreparedCatalog, strategy: Strategy<Index>, onProgress?: (fraction: number) => void): Index {
  if (prepared.disposed) throw new MoodRecommenderError('This prepared catalog was disposed');
  const indexes = prepared.indexes as Map<Strategy<Index>, Index>;
  if (indexes.has(strategy)) return indexes.get(strategy)!;
  const index = strategy.prepare(prepared, onProgress ? { onProgress } : {});
  indexes.set(strategy, index);
  return index;
}
