import type { PreparedCatalog } from './prepare';
import { walkGrid } from './grid';
import { hashUnit } from './random';
import { TopK } from './top-k';

/** How candidates are found: see the package README for each. */
export type Strategy = 'kmeans' | 'knn' | 'cosine';

/** The supported strategies. */
export const STRATEGIES: readonly Strategy[] = ['kmeans', 'knn', 'cosine'];

/**
 * A query in the prepared vector space: `q` is the target (weighted z-scores) and `w` how much each
 * dimension counts (0 = ignored).
 */
export interface QueryVector {
  q: Float64Array;
  w: Float64Array;
}

/** Scoring knobs shared by all strategies. */
export interface ScoreParams {
  popularityWeight: number;
  /** Bonus by `mood index + 1` (slot 0: unknown mood): `moodWeight` for the target's moods, else 0. */
  moodBonus: Float64Array;
  randomness: number;
  seed: number;
}

/** A track index and its final score (higher is better). */
export interface Candidate {
  index: number;
  score: number;
}

/** Closeness 0..1 from a distance. */
export const closenessOf = (distance: number): number => 1 / (1 + distance);

/** Weighted Euclidean distance from track `i` to the query. */
export function queryDistance(p: PreparedCatalog, i: number, query: QueryVector): number {
  let s = 0;
  for (let d = 0; d < p.dims; d++) {
    const w = query.w[d]!;
    if (w === 0) continue;
    const x = p.columns[d]![i]! - query.q[d]!;
    s += w * x * x;
  }
  return Math.sqrt(s);
}

/** Weighted cosine similarity of track `i` and the query (0 when either vector is zero). */
export function querySimilarity(p: PreparedCatalog, i: number, query: QueryVector): number {
  let dot = 0;
  let vv = 0;
  let qq = 0;
  for (let d = 0; d < p.dims; d++) {
    const w = query.w[d]!;
    if (w === 0) continue;
    const v = p.columns[d]![i]!;
    dot += w * v * query.q[d]!;
    vv += w * v * v;
    qq += w * query.q[d]! ** 2;
  }
  return vv > 0 && qq > 0 ? dot / Math.sqrt(vv * qq) : 0;
}

/**
 * Adds popularity, the mood bonus and the seeded jitter to a strategy's 0..1 closeness and keeps the
 * `k` best. `slack` (the most the bonuses can add) lets a scan drop a track whose closeness alone
 * cannot reach the current k-th best before computing the bonuses.
 */
class Scorer {
  readonly top: TopK;
  readonly fit: number;
  readonly slack: number;

  constructor(
    private readonly p: PreparedCatalog,
    private readonly s: ScoreParams,
    k: number,
  ) {
    this.top = new TopK(Math.max(1, Math.min(k, p.size)));
    this.fit = 1 - s.popularityWeight;
    this.slack = s.popularityWeight + Math.max(...s.moodBonus) + s.randomness;
  }

  /** `weighted` is `fit * closeness`, already known to beat `top.threshold - slack`. */
  offer(i: number, weighted: number): void {
    const s = this.s;
    this.offerKnown(i, weighted + s.popularityWeight * this.p.popularity[i]! + s.moodBonus[this.p.moods[i]! + 1]!);
  }

  /** `known` is the score without the jitter. */
  offerKnown(i: number, known: number): void {
    const s = this.s;
    const threshold = this.top.threshold;
    // The jitter hash is the costly part: skip it when even the largest jitter cannot help.
    if (known + s.randomness <= threshold) return;
    const score = s.randomness > 0 ? known + s.randomness * hashUnit(s.seed, i) : known;
    if (score > threshold) this.top.push(i, score);
  }

  /**
   * Offers a track by squared distance (closeness `1 / (1 + distance)`); returns the squared
   * distance a later track must stay under to have a chance:
   * `fit / (1 + sqrt(sum)) + slack <= threshold  <=>  sum >= (fit / (threshold - slack) - 1)^2`.
   */
  offerDistance(i: number, sum: number): number {
    this.offer(i, this.fit / (1 + Math.sqrt(sum)));
    const room = this.top.threshold - this.slack;
    return room > 0 ? (this.fit / room - 1) ** 2 : Infinity;
  }

  candidates(): Candidate[] {
    return this.top.sorted().map(({ id, score }) => ({ index: id, score }));
  }
}

function active(query: QueryVector, p: PreparedCatalog): { cols: Float32Array[]; q: Float64Array; w: Float64Array } {
  const cols: Float32Array[] = [];
  const q: number[] = [];
  const w: number[] = [];
  query.w.forEach((weight, d) => {
    if (weight <= 0) return;
    cols.push(p.columns[d]!);
    q.push(query.q[d]!);
    w.push(weight);
  });
  return { cols, q: Float64Array.from(q), w: Float64Array.from(w) };
}

/**
 * `knn`: one pass over every track, keeping the `k` best by closeness to the query (plus
 * popularity, mood and jitter). Hand-written over the columnar Float32Arrays because it is the hot
 * loop (the README has the ml-distance comparison).
 */
export function knnCandidates(p: PreparedCatalog, query: QueryVector, s: ScoreParams, k: number): Candidate[] {
  const { cols, q, w } = active(query, p);
  const scorer = new Scorer(p, s, k);
  const unrolled = cols.length <= 4;
  const [c0, c1, c2, c3] = pad4(cols);
  const [q0, q1, q2, q3] = pad4(Array.from(q), 0);
  const [w0, w1, w2, w3] = pad4(Array.from(w), 0);
  const A = cols.length;
  const order = p.grid.order;
  // Squared distance beyond which a track cannot make the top k; tightened as the heap fills.
  let limit = Infinity;
  const visit = (from: number, to: number): number => {
    for (let n = from; n < to; n++) {
      const i = order[n]!;
      let sum = 0;
      if (unrolled) {
        // Up to 4 active dimensions (every emotion target without seeds): no inner loop.
        const x0 = c0[i]! - q0;
        const x1 = c1[i]! - q1;
        const x2 = c2[i]! - q2;
        const x3 = c3[i]! - q3;
        sum = w0 * x0 * x0 + w1 * x1 * x1 + w2 * x2 * x2 + w3 * x3 * x3;
      } else {
        for (let j = 0; j < A; j++) {
          const x = cols[j]![i]! - q[j]!;
          sum += w[j]! * x * x;
        }
      }
      if (sum < limit) limit = scorer.offerDistance(i, sum);
    }
    return limit;
  };
  // The grid bounds distance on valence (dimension 0) and energy (1); other dimensions only add to it.
  walkGrid(p.grid, query.q[0]!, query.q[1]!, query.w[0]!, query.w[1]!, limit, visit);
  return scorer.candidates();
}

/** Pads to 4 entries with `fill` (or the first entry: a column read with weight 0 adds nothing). */
function pad4<T>(values: T[], fill: T = values[0]!): [T, T, T, T] {
  return [values[0] ?? fill, values[1] ?? fill, values[2] ?? fill, values[3] ?? fill];
}

/**
 * `cosine`: the same pass by cosine similarity between each track's vector and the query, so it
 * ranks by direction from the catalog average rather than by distance. A query at the average (no
 * direction) falls back to distance. Tracks' inverse norms over the active dimensions are computed
 * once per dimension set and kept on the prepared catalog, so the pass is a dot product and one
 * comparison per track.
 */
export function cosineCandidates(p: PreparedCatalog, query: QueryVector, s: ScoreParams, k: number): Candidate[] {
  const { cols, q, w } = active(query, p);
  const A = cols.length;
  let qq = 0;
  for (let j = 0; j < A; j++) qq += w[j]! * q[j]! ** 2;
  if (qq < 1e-9) return knnCandidates(p, query, s, k);
  const qNorm = Math.sqrt(qq);
  const qw = Array.from(q, (x, j) => x * w[j]!);
  const inverse = inverseNorms(p, query.w);
  const scorer = new Scorer(p, s, k);
  const { top, fit, slack } = scorer;
  const unrolled = A <= 4;
  const [c0, c1, c2, c3] = pad4(cols);
  const [a0, a1, a2, a3] = pad4(qw, 0);
  // weighted = fit * (1 + cos) / 2 = base + scale * dot * inverse[i]
  const base = fit / 2;
  const scale = fit / (2 * qNorm);
  // A track needs dot * inverse[i] > need to beat the k-th best even with every bonus; `known`
  // (with popularity and mood) then needs to beat it allowing only for the jitter.
  let need = -Infinity;
  let bar = -Infinity;
  const { popularity, moods } = p;
  const { moodBonus, popularityWeight, randomness } = s;
  const size = p.size;
  // The bounds are updated inline (no closure) to keep the per-track loop tight.
  if (unrolled) {
    // Up to 4 active dimensions (every emotion target without seeds): no inner loop.
    for (let i = 0; i < size; i++) {
      const x = (c0[i]! * a0 + c1[i]! * a1 + c2[i]! * a2 + c3[i]! * a3) * inverse[i]!;
      if (x <= need) continue;
      const known = base + scale * x + popularityWeight * popularity[i]! + moodBonus[moods[i]! + 1]!;
      if (known <= bar) continue;
      scorer.offerKnown(i, known);
      bar = top.threshold - randomness;
      need = (top.threshold - slack - base) / scale;
    }
  } else {
    for (let i = 0; i < size; i++) {
      let dot = 0;
      for (let j = 0; j < A; j++) dot += cols[j]![i]! * qw[j]!;
      const x = dot * inverse[i]!;
      if (x <= need) continue;
      const known = base + scale * x + popularityWeight * popularity[i]! + moodBonus[moods[i]! + 1]!;
      if (known <= bar) continue;
      scorer.offerKnown(i, known);
      bar = top.threshold - randomness;
      need = (top.threshold - slack - base) / scale;
    }
  }
  return scorer.candidates();
}

/** `1 / sqrt(sum w v^2)` per track over the dimensions `weights` selects (0 for a zero vector), cached. */
function inverseNorms(p: PreparedCatalog, weights: Float64Array): Float32Array {
  const key = Array.from(weights).join(',');
  const cached = p.normCache.get(key);
  if (cached) return cached;
  const inverse = new Float32Array(p.size);
  const dims = Array.from(weights.keys()).filter((d) => weights[d]! > 0);
  for (const d of dims) {
    const col = p.columns[d]!;
    const wd = weights[d]!;
    for (let i = 0; i < p.size; i++) inverse[i]! += wd * col[i]! * col[i]!;
  }
  for (let i = 0; i < p.size; i++) inverse[i] = inverse[i]! > 0 ? 1 / Math.sqrt(inverse[i]!) : 0;
  p.normCache.set(key, inverse);
  return inverse;
}

/** Clusters ranked by how close their centroid is to the query, best first. */
export function rankClusters(p: PreparedCatalog, query: QueryVector): { cluster: number; distance: number }[] {
  const c = p.clusters!;
  const ranked: { cluster: number; distance: number }[] = [];
  for (let k = 0; k < c.k; k++) {
    let s = 0;
    for (let d = 0; d < p.dims; d++) {
      const x = c.centroids[k * p.dims + d]! - query.q[d]!;
      s += query.w[d]! * x * x;
    }
    ranked.push({ cluster: k, distance: Math.sqrt(s) });
  }
  return ranked.sort((a, b) => a.distance - b.distance || a.cluster - b.cluster);
}

/**
 * `kmeans`: takes the clusters whose centroids fit the query best until at least `k` members are
 * collected, then ranks those members by the cluster's fit and their closeness to its centroid (half
 * each), plus popularity. Cost grows with cluster size, not catalog size.
 */
export function kmeansCandidates(p: PreparedCatalog, query: QueryVector, s: ScoreParams, k: number): Candidate[] {
  const c = p.clusters!;
  const picked: { members: Int32Array; distances: Float32Array; fit: number }[] = [];
  let total = 0;
  for (const { cluster, distance } of rankClusters(p, query)) {
    picked.push({ members: c.members[cluster]!, distances: c.memberDistances[cluster]!, fit: closenessOf(distance) });
    total += c.members[cluster]!.length;
    if (total >= k) break;
  }
  const scorer = new Scorer(p, s, k);
  const { top, fit: share, slack } = scorer;
  for (const { members, distances, fit } of picked) {
    for (let m = 0; m < members.length; m++) {
      const weighted = share * (0.5 * fit + 0.5 * closenessOf(distances[m]!));
      if (weighted + slack > top.threshold) scorer.offer(members[m]!, weighted);
    }
  }
  return scorer.candidates();
}
