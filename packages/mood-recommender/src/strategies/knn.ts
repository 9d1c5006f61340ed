// `knn`: the tracks nearest the target, by weighted distance in the prepared vector space.
import type { PreparedCatalog } from '../recommend/prepare';
import { buildGrid, walkGrid, type GridIndex } from './grid';
import { activeDimensions, closenessOf, pad4, queryDistance, Scorer, type Candidate, type Strategy, type StrategyQuery } from './strategy';

/**
 * One pass over the tracks near the target, keeping the `k` best by closeness to the query (plus
 * popularity, mood and jitter); a valence x energy grid lets it skip cells that cannot hold a better
 * track, with the same result as a full scan. Hand-written over the columnar Float32Arrays because
 * it is the hot loop (the README has the ml-distance comparison).
 */
function search(p: PreparedCatalog, grid: GridIndex, query: StrategyQuery, k: number): Candidate[] {
  const { cols, q, w } = activeDimensions(query, p);
  const scorer = new Scorer(p, query.scoring, k);
  const unrolled = cols.length <= 4;
  const [c0, c1, c2, c3] = pad4(cols);
  const [q0, q1, q2, q3] = pad4(Array.from(q), 0);
  const [w0, w1, w2, w3] = pad4(Array.from(w), 0);
  const A = cols.length;
  const order = grid.order;
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
  walkGrid(grid, query.vector[0]!, query.vector[1]!, query.weights[0]!, query.weights[1]!, limit, visit);
  return scorer.candidates();
}

/** `knn`, the default strategy: the tracks whose sound is nearest the target. */
export const knn: Strategy<GridIndex> & { readonly name: 'knn' } = {
  name: 'knn',
  description: 'the tracks whose sound is nearest the target',
  prepare: (p) => buildGrid(p.columns[0]!, p.columns[1]!, p.size),
  search,
  measure(p, _grid, query, i) {
    const distance = queryDistance(p, i, query);
    const fit = closenessOf(distance);
    return { fit, reason: 'its sound is close to the target', values: { distance, closeness: fit } };
  },
};
