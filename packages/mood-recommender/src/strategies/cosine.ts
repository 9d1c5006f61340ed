// `cosine`: the tracks that lean the same way as the target from the catalog's average sound.
import type { PreparedCatalog } from '../recommend/prepare';
import { knn } from './knn';
import { activeDimensions, pad4, Scorer, strategyIndex, type Candidate, type Strategy, type StrategyQuery } from './strategy';

/** Per dimension set (the query's weights), each track's `1 / sqrt(sum w v^2)`; a handful of sets at most. */
type NormCache = Map<string, Float32Array>;

/** Below this squared norm the query sits at the catalog average and has no direction. */
const NO_DIRECTION = 1e-9;

function queryNorm(query: StrategyQuery): number {
  let qq = 0;
  query.weights.forEach((w, d) => (qq += w * query.vector[d]! ** 2));
  return qq;
}

/** `1 / sqrt(sum w v^2)` per track over the dimensions `weights` selects (0 for a zero vector), cached. */
function inverseNorms(p: PreparedCatalog, cache: NormCache, weights: Float64Array): Float32Array {
  const key = Array.from(weights).join(',');
  const cached = cache.get(key);
  if (cached) return cached;
  const inverse = new Float32Array(p.size);
  const dims = Array.from(weights.keys()).filter((d) => weights[d]! > 0);
  for (const d of dims) {
    const col = p.columns[d]!;
    const wd = weights[d]!;
    for (let i = 0; i < p.size; i++) inverse[i]! += wd * col[i]! * col[i]!;
  }
  for (let i = 0; i < p.size; i++) inverse[i] = inverse[i]! > 0 ? 1 / Math.sqrt(inverse[i]!) : 0;
  cache.set(key, inverse);
  return inverse;
}

/**
 * One pass by cosine similarity between each track's vector and the query, so it ranks by direction
 * from the catalog average rather than by distance; the fit is `(1 + cos) / 2`. A query at the
 * average (no direction) falls back to `knn`. Tracks' inverse norms are computed once per dimension
 * set, so the pass is a dot product and one comparison per track.
 */
function search(p: PreparedCatalog, cache: NormCache, query: StrategyQuery, k: number): Candidate[] {
  const qq = queryNorm(query);
  if (qq < NO_DIRECTION) return knn.search(p, strategyIndex(p, knn), query, k);
  const { cols, q, w } = activeDimensions(query, p);
  const A = cols.length;
  const qNorm = Math.sqrt(qq);
  const qw = Array.from(q, (x, j) => x * w[j]!);
  const inverse = inverseNorms(p, cache, query.weights);
  const scorer = new Scorer(p, query.scoring, k);
  const { top, share, slack } = scorer;
  const unrolled = A <= 4;
  const [c0, c1, c2, c3] = pad4(cols);
  const [a0, a1, a2, a3] = pad4(qw, 0);
  // weighted = share * (1 + cos) / 2 = base + scale * dot * inverse[i]
  const base = share / 2;
  const scale = share / (2 * qNorm);
  // A track needs dot * inverse[i] > need to beat the k-th best even with every bonus; `known`
  // (with popularity and mood) then needs to beat it allowing only for the jitter.
  let need = -Infinity;
  let bar = -Infinity;
  const { popularity, moods } = p;
  const { moodBonus, popularityWeight, randomness } = query.scoring;
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

/** `cosine`: the tracks that lean the same way as the target from the catalog's average sound. */
export const cosine: Strategy<NormCache> & { readonly name: 'cosine' } = {
  name: 'cosine',
  description: "the tracks that lean the same way as the target from the catalog's average sound",
  prepare: () => new Map(),
  search,
  measure(p, cache, query, i) {
    const qq = queryNorm(query);
    if (qq < NO_DIRECTION) return knn.measure(p, strategyIndex(p, knn), query, i);
    let dot = 0;
    query.weights.forEach((w, d) => (dot += w * p.columns[d]![i]! * query.vector[d]!));
    const similarity = (dot * inverseNorms(p, cache, query.weights)[i]!) / Math.sqrt(qq);
    return {
      fit: (1 + similarity) / 2,
      reason: "it leans the same way as the target from the catalog's average sound",
      values: { similarity },
    };
  },
};
