import type { PreparedCatalog } from './prepare';
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

function activeDims(query: QueryVector): number[] {
  const dims: number[] = [];
  query.w.forEach((w, d) => {
    if (w > 0) dims.push(d);
  });
  return dims;
}

/** Weighted Euclidean distance from track `i` to the query. */
export function queryDistance(p: PreparedCatalog, i: number, query: QueryVector): number {
  let s = 0;
  for (let d = 0; d < p.dims; d++) {
    const w = query.w[d]!;
    if (w === 0) continue;
    const x = p.vectors[i * p.dims + d]! - query.q[d]!;
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
    const v = p.vectors[i * p.dims + d]!;
    dot += w * v * query.q[d]!;
    vv += w * v * v;
    qq += w * query.q[d]! ** 2;
  }
  return vv > 0 && qq > 0 ? dot / Math.sqrt(vv * qq) : 0;
}

function finalScore(p: PreparedCatalog, i: number, closeness: number, s: ScoreParams): number {
  let score = (1 - s.popularityWeight) * closeness + s.popularityWeight * p.popularity[i]!;
  score += s.moodBonus[p.moods[i]! + 1]!;
  if (s.randomness > 0) score += s.randomness * hashUnit(s.seed, i);
  return score;
}

/** Closeness 0..1 from a distance. */
export const closenessOf = (distance: number): number => 1 / (1 + distance);

/**
 * `knn`: scans every track once, keeping the `k` best by closeness to the query (plus popularity,
 * mood and jitter). Hand-written over the Float32Array because it is the hot loop (README: the
 * ml-distance call per track was measured slower).
 */
export function knnCandidates(p: PreparedCatalog, query: QueryVector, s: ScoreParams, k: number): Candidate[] {
  const dims = activeDims(query);
  const top = new TopK(Math.min(k, p.size));
  const { vectors } = p;
  const D = p.dims;
  const q = query.q;
  const w = query.w;
  for (let i = 0; i < p.size; i++) {
    let sum = 0;
    const off = i * D;
    for (let j = 0; j < dims.length; j++) {
      const d = dims[j]!;
      const x = vectors[off + d]! - q[d]!;
      sum += w[d]! * x * x;
    }
    const score = finalScore(p, i, 1 / (1 + Math.sqrt(sum)), s);
    if (score > top.threshold) top.push(i, score);
  }
  return top.sorted().map(({ id, score }) => ({ index: id, score }));
}

/**
 * `cosine`: the same scan by cosine similarity between each track's vector and the query, so it
 * ranks by direction from the catalog average rather than by distance. A query at the average (no
 * direction) falls back to distance.
 */
export function cosineCandidates(p: PreparedCatalog, query: QueryVector, s: ScoreParams, k: number): Candidate[] {
  const dims = activeDims(query);
  let qq = 0;
  for (const d of dims) qq += query.w[d]! * query.q[d]! ** 2;
  if (qq < 1e-9) return knnCandidates(p, query, s, k);
  const top = new TopK(Math.min(k, p.size));
  const { vectors } = p;
  const D = p.dims;
  const qw = Float64Array.from(query.q, (x, d) => x * query.w[d]!);
  const w = query.w;
  const qNorm = Math.sqrt(qq);
  for (let i = 0; i < p.size; i++) {
    let dot = 0;
    let vv = 0;
    const off = i * D;
    for (let j = 0; j < dims.length; j++) {
      const d = dims[j]!;
      const v = vectors[off + d]!;
      dot += v * qw[d]!;
      vv += w[d]! * v * v;
    }
    const similarity = vv > 0 ? dot / (Math.sqrt(vv) * qNorm) : 0;
    const score = finalScore(p, i, (1 + similarity) / 2, s);
    if (score > top.threshold) top.push(i, score);
  }
  return top.sorted().map(({ id, score }) => ({ index: id, score }));
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
 * collected, then ranks those members by the cluster's fit, their closeness to its centroid and
 * popularity. Cost grows with cluster size, not catalog size.
 */
export function kmeansCandidates(p: PreparedCatalog, query: QueryVector, s: ScoreParams, k: number): Candidate[] {
  const c = p.clusters!;
  const out: Candidate[] = [];
  for (const { cluster, distance } of rankClusters(p, query)) {
    const fit = closenessOf(distance);
    const members = c.members[cluster]!;
    const dist = c.memberDistances[cluster]!;
    for (let m = 0; m < members.length; m++) {
      out.push({ index: members[m]!, score: finalScore(p, members[m]!, 0.5 * fit + 0.5 * closenessOf(dist[m]!), s) });
    }
    if (out.length >= k) break;
  }
  return out.sort((a, b) => b.score - a.score || a.index - b.index);
}
