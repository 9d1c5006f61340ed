// `kmeans`: the clusters of similar-sounding tracks nearest the target, then the best tracks in them.
import { InvalidOptionError } from '../errors';
import type { PreparedCatalog } from '../recommend/prepare';
import { kmeans as clusterRows } from '../recommend/kmeans';
import { closenessOf, Scorer, type Candidate, type Strategy, type StrategyQuery } from './strategy';

/** k-means clusters of a prepared catalog: the index of a {@link createKmeansStrategy} strategy. */
export interface ClusterIndex {
  /** Number of clusters. */
  k: number;
  /** `k * dims` weighted z-score centroids. */
  centroids: Float32Array;
  /** Cluster of each track. */
  assignment: Int32Array;
  /** Per cluster: member track indices. */
  members: Int32Array[];
  /** Per cluster: members' distances to the centroid, same order as `members`. */
  memberDistances: Float32Array[];
  /** Per track: its distance to its cluster's centroid. */
  distances: Float32Array;
}

/** Options of {@link createKmeansStrategy}. */
export interface KmeansOptions {
  /** Number of clusters; default `clamp(round(sqrt(tracks / 2)), 2, 64)`. */
  clusters?: number;
  /** Seed for the k-means++ initialisation (default 1). */
  seed?: number;
  /** Lloyd iterations on the sample (default 25). */
  iterations?: number;
  /** Rows k-means iterates on before assigning every track (default 65,536). */
  sampleSize?: number;
}

function checkInteger(name: string, value: number | undefined, min: number): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= min)) {
    throw new InvalidOptionError(name, value, `expected an integer >= ${min}`);
  }
}

/** Clusters ranked by how close their centroid is to the query, best first. */
function rankClusters(p: PreparedCatalog, c: ClusterIndex, query: StrategyQuery): { cluster: number; distance: number }[] {
  const ranked: { cluster: number; distance: number }[] = [];
  for (let k = 0; k < c.k; k++) {
    let s = 0;
    for (let d = 0; d < p.dims; d++) {
      const x = c.centroids[k * p.dims + d]! - query.vector[d]!;
      s += query.weights[d]! * x * x;
    }
    ranked.push({ cluster: k, distance: Math.sqrt(s) });
  }
  return ranked.sort((a, b) => a.distance - b.distance || a.cluster - b.cluster);
}

/**
 * Takes the clusters whose centroids fit the query best until at least `k` members are collected,
 * then ranks those members by the cluster's fit and their closeness to its centroid (half each),
 * plus popularity. Cost grows with cluster size, not catalog size.
 */
function search(p: PreparedCatalog, c: ClusterIndex, query: StrategyQuery, k: number): Candidate[] {
  const picked: { members: Int32Array; distances: Float32Array; fit: number }[] = [];
  let total = 0;
  for (const { cluster, distance } of rankClusters(p, c, query)) {
    picked.push({ members: c.members[cluster]!, distances: c.memberDistances[cluster]!, fit: closenessOf(distance) });
    total += c.members[cluster]!.length;
    if (total >= k) break;
  }
  const scorer = new Scorer(p, query.scoring, k);
  const { top, share, slack } = scorer;
  for (const { members, distances, fit } of picked) {
    for (let m = 0; m < members.length; m++) {
      const weighted = share * (0.5 * fit + 0.5 * closenessOf(distances[m]!));
      if (weighted + slack > top.threshold) scorer.offerWeighted(members[m]!, weighted);
    }
  }
  return scorer.candidates();
}

/**
 * A `kmeans` strategy with its own clustering settings; {@link kmeans} is the one with the defaults.
 * The options are checked here, so a bad one fails before any catalog is clustered.
 *
 * @throws {@link InvalidOptionError} for a cluster count, iteration count or sample size that is not
 *   a positive integer, or a seed that is not finite.
 */
export function createKmeansStrategy(options: KmeansOptions = {}): Strategy<ClusterIndex> & { readonly name: 'kmeans' } {
  checkInteger('clusters', options.clusters, 1);
  checkInteger('iterations', options.iterations, 1);
  checkInteger('sampleSize', options.sampleSize, 1);
  const seed = options.seed ?? 1;
  if (!Number.isFinite(seed)) throw new InvalidOptionError('seed', seed, 'expected a finite number');
  const ranked = new WeakMap<StrategyQuery, { cluster: number; distance: number }[]>();
  return {
    name: 'kmeans',
    description: 'the clusters of similar-sounding tracks nearest the target, then the best tracks in them',
    prepare(p, context) {
      const k = options.clusters ?? Math.min(64, Math.max(2, Math.round(Math.sqrt(p.size / 2))));
      context.onProgress?.(0);
      const result = clusterRows(p.columns, p.size, {
        k,
        seed,
        maxIterations: options.iterations ?? 25,
        sampleSize: options.sampleSize ?? 65_536,
      });
      const counts = new Int32Array(result.k);
      for (let i = 0; i < p.size; i++) counts[result.assignment[i]!]!++;
      const members = Array.from(counts, (n) => new Int32Array(n));
      const fill = new Int32Array(result.k);
      for (let i = 0; i < p.size; i++) {
        const c = result.assignment[i]!;
        members[c]![fill[c]!++] = i;
      }
      const distances = result.distances.map(Math.sqrt);
      const memberDistances = members.map((m) => Float32Array.from(m, (i) => distances[i]!));
      context.onProgress?.(1);
      return { k: result.k, centroids: result.centroids, assignment: result.assignment, members, memberDistances, distances };
    },
    search,
    measure(p, c, query, i) {
      // One query explains up to n picks: rank the clusters once for it.
      let ranks = ranked.get(query);
      if (!ranks) ranked.set(query, (ranks = rankClusters(p, c, query)));
      const cluster = c.assignment[i]!;
      const rank = ranks.findIndex((r) => r.cluster === cluster);
      const clusterFit = closenessOf(ranks[rank]!.distance);
      const centroidCloseness = closenessOf(c.distances[i]!);
      return {
        fit: 0.5 * clusterFit + 0.5 * centroidCloseness,
        reason:
          rank === 0
            ? 'it belongs to the group of similar-sounding tracks nearest the target'
            : `it belongs to a group of similar-sounding tracks near the target (the ${ordinal(rank + 1)} nearest of ${c.k})`,
        values: { cluster, clusterRank: rank + 1, clusters: c.k, clusterFit, centroidCloseness },
      };
    },
  };
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** `kmeans` with the default settings. */
export const kmeans = createKmeansStrategy();
