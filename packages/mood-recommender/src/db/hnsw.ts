// HNSW indexes for the catalog store. A query ranks by distance over the features its target names
// (valence and energy, and danceability or acousticness when the mapping sets them), so one index
// per feature mask: an expression index over the masked first four dimensions, which the query's
// ORDER BY repeats word for word so that the planner picks it.
import { emotionTargets, type EmotionMapping } from '../map/emotion-map';
import { EMOTIONS } from '../types';
import { run, type SqlClient } from './sql';

/** Dimensions a target can name: valence, energy, danceability, acousticness (the first four of a prepared vector). */
const TARGET_DIMS = 4;

/** The distance an index orders by: `l2` for knn, `cosine` for cosine. */
export type IndexOps = 'l2' | 'cosine';

/** One HNSW index: the features it covers (`1101` = valence, energy, acousticness) and its distance. */
export interface HnswIndex {
  /** One digit per target feature (valence, energy, danceability, acousticness): 1 when indexed. */
  mask: string;
  /** The strategy's distance. */
  ops: IndexOps;
}

/** The masks of every target `mapping` makes: an uplift path's middle steps use one end's mask or the other's. */
export function mappingMasks(mapping: EmotionMapping): string[] {
  const masks = new Set<string>();
  for (const emotion of EMOTIONS) {
    for (const target of emotionTargets(emotion, 'uplift', 2, mapping)) {
      const named = [true, true, target.danceability !== undefined, target.acousticness !== undefined];
      masks.add(named.map((on) => (on ? '1' : '0')).join(''));
    }
  }
  return [...masks].sort();
}

/**
 * The mask a query's weights select, or undefined when no index can serve it: weights other than
 * 0 and 1 (seeds mix their own features in) or a weight beyond the first four dimensions.
 */
export function queryMask(weights: Float64Array): string | undefined {
  for (let d = TARGET_DIMS; d < weights.length; d++) if (weights[d] !== 0) return undefined;
  let mask = '';
  for (let d = 0; d < TARGET_DIMS; d++) {
    if (weights[d] !== 0 && weights[d] !== 1) return undefined;
    mask += weights[d] === 1 ? '1' : '0';
  }
  return mask;
}

/** The masked features: what knn's distance reads. */
function maskedVector(mask: string): string {
  return `((subvector(vec, 1, ${TARGET_DIMS}) * '[${mask.split('').join(',')}]'::vector))::vector(${TARGET_DIMS})`;
}

/**
 * The indexed expression of an index; queries spell it the same way. Cosine's index holds the
 * masked direction, the popularity and sqrt(1 - popularity^2): the inner product with
 * `[(1 - popularityWeight) / 2 * unit target, popularityWeight, 0]` is then the whole cosine
 * score but the mood bonus and the jitter, and as every such vector has the same length, the
 * nearest by L2 are the best by that product. Measured at 20,000 tracks, recall@40 of match lists
 * against exact: by angle alone 0.20 (a wide cone of tracks fits a direction, and popularity ranks
 * them), by inner product on pgvector's ip index 0.90, by this L2 form 1.00.
 */
export function indexedVector(index: HnswIndex): string {
  if (index.ops === 'l2') return maskedVector(index.mask);
  return `((l2_normalize(${maskedVector(index.mask)}) || ARRAY[popularity, sqrt(1 - popularity * popularity)]::vector))::vector(${TARGET_DIMS + 2})`;
}

/** Both order by L2 distance (see {@link indexedVector} for cosine's). */

export function indexName(tracks: string, index: HnswIndex): string {
  return `${tracks}_hnsw_${index.ops}_${index.mask}`;
}

/** Graph settings of an HNSW build (pgvector's defaults: m 16, ef_construction 64). */
export interface HnswBuildSettings {
  m: number;
  efConstruction: number;
  maintenanceWorkMem: string;
  /** Let a server build with parallel workers (never in PGlite). */
  parallel: boolean;
}

export async function buildIndex(client: SqlClient, tracks: string, index: HnswIndex, settings: HnswBuildSettings): Promise<void> {
  // The graph is built in memory when it fits: measured 44 s for 200,000 tracks in PGlite with 1 GB,
  // against minutes when it spills to disk.
  await run(client, 'set the memory for an index build', `SET maintenance_work_mem = '${settings.maintenanceWorkMem}'`);
  // A parallel build maps shared memory, which PGlite cannot ("could not map shared memory segment").
  if (!settings.parallel) await run(client, 'turn off parallel index builds', 'SET max_parallel_maintenance_workers = 0');
  await run(
    client,
    `build the HNSW index ${indexName(tracks, index)}`,
    `CREATE INDEX IF NOT EXISTS ${indexName(tracks, index)} ON ${tracks}
     USING hnsw ((${indexedVector(index)}) vector_l2_ops) WITH (m = ${settings.m}, ef_construction = ${settings.efConstruction})`,
  );
}

export async function dropIndex(client: SqlClient, tracks: string, index: HnswIndex): Promise<void> {
  await run(client, `drop the HNSW index ${indexName(tracks, index)}`, `DROP INDEX IF EXISTS ${indexName(tracks, index)}`);
}
