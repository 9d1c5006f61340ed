import { createRng } from './random';

/** Result of {@link kmeans}: `k` centroids (row-major, `k * dims`) and each row's cluster. */
export interface KMeansResult {
  k: number;
  centroids: Float32Array;
  assignment: Int32Array;
  /** Squared distance of each row to its centroid. */
  distances: Float32Array;
  /** Lloyd iterations run on the sample. */
  iterations: number;
}

/** Options of {@link kmeans}. */
export interface KMeansOptions {
  k: number;
  seed: number;
  maxIterations: number;
  /** Lloyd iterations run on at most this many random rows; all rows are then assigned once. */
  sampleSize: number;
}

/**
 * k-means++ seeding and Lloyd iterations on a random sample, then one assignment pass over every
 * row and a final centroid update. On 1M rows this is what keeps preparation within seconds; the
 * sample (default 65,536 rows) is large enough for stable centroids of up to 64 clusters.
 * `columns` holds one array per dimension (the prepared catalog's layout).
 */
export function kmeans(columns: readonly Float32Array[], rows: number, opts: KMeansOptions): KMeansResult {
  const dims = columns.length;
  const k = Math.min(opts.k, rows);
  const rng = createRng(opts.seed);
  const sample = sampleRows(rows, Math.min(rows, opts.sampleSize), rng);
  const sampleColumns = columns.map((col) => Float32Array.from(sample, (r) => col[r]!));

  const centroids = seedPlusPlus(sampleColumns, sample.length, k, rng);
  const sampleAssign = new Int32Array(sample.length).fill(-1);
  const scratch = new Float32Array(sample.length);
  let iterations = 0;
  for (; iterations < opts.maxIterations; iterations++) {
    const changed = assign(sampleColumns, sample.length, centroids, k, sampleAssign, scratch);
    update(sampleColumns, sample.length, centroids, k, sampleAssign);
    if (changed === 0) break;
  }
  const assignment = new Int32Array(rows).fill(-1);
  const distances = new Float32Array(rows);
  assign(columns, rows, centroids, k, assignment, distances);
  update(columns, rows, centroids, k, assignment);
  const row = new Float32Array(dims);
  for (let r = 0; r < rows; r++) {
    readRow(columns, r, row);
    distances[r] = sqDist(row, centroids, assignment[r]! * dims);
  }
  return { k, centroids, assignment, distances, iterations };
}

function readRow(columns: readonly Float32Array[], r: number, row: Float32Array): void {
  for (let d = 0; d < columns.length; d++) row[d] = columns[d]![r]!;
}

function sampleRows(rows: number, size: number, rng: () => number): Int32Array {
  const idx = Int32Array.from({ length: rows }, (_, i) => i);
  if (size === rows) return idx;
  // Partial Fisher-Yates.
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(rng() * (rows - i));
    const t = idx[i]!;
    idx[i] = idx[j]!;
    idx[j] = t;
  }
  return idx.slice(0, size);
}

function seedPlusPlus(columns: readonly Float32Array[], rows: number, k: number, rng: () => number): Float32Array {
  const dims = columns.length;
  const centroids = new Float32Array(k * dims);
  const row = new Float32Array(dims);
  readRow(columns, Math.floor(rng() * rows), row);
  centroids.set(row, 0);
  const best = new Float64Array(rows).fill(Infinity);
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let r = 0; r < rows; r++) {
      readRow(columns, r, row);
      const d = sqDist(row, centroids, (c - 1) * dims);
      if (d < best[r]!) best[r] = d;
      total += best[r]!;
    }
    let pick = rng() * total;
    let chosen = rows - 1;
    for (let r = 0; r < rows; r++) {
      pick -= best[r]!;
      if (pick <= 0) {
        chosen = r;
        break;
      }
    }
    readRow(columns, chosen, row);
    centroids.set(row, c * dims);
  }
  return centroids;
}

/** Assigns each row to its nearest centroid; returns how many rows changed cluster. */
function assign(
  columns: readonly Float32Array[],
  rows: number,
  centroids: Float32Array,
  k: number,
  assignment: Int32Array,
  distances: Float32Array,
): number {
  const dims = columns.length;
  const row = new Float32Array(dims);
  let changed = 0;
  for (let r = 0; r < rows; r++) {
    readRow(columns, r, row);
    let bestC = 0;
    let bestD = Infinity;
    for (let c = 0; c < k; c++) {
      const d = sqDist(row, centroids, c * dims);
      if (d < bestD) {
        bestD = d;
        bestC = c;
      }
    }
    if (assignment[r] !== bestC) changed++;
    assignment[r] = bestC;
    distances[r] = bestD;
  }
  return changed;
}

function update(columns: readonly Float32Array[], rows: number, centroids: Float32Array, k: number, assignment: Int32Array): void {
  const dims = columns.length;
  const sums = new Float64Array(k * dims);
  const counts = new Float64Array(k);
  for (let r = 0; r < rows; r++) counts[assignment[r]!]!++;
  for (let d = 0; d < dims; d++) {
    const col = columns[d]!;
    for (let r = 0; r < rows; r++) sums[assignment[r]! * dims + d]! += col[r]!;
  }
  for (let c = 0; c < k; c++) {
    // An empty cluster keeps its previous centroid.
    if (counts[c] === 0) continue;
    for (let d = 0; d < dims; d++) centroids[c * dims + d] = sums[c * dims + d]! / counts[c]!;
  }
}

/** Squared Euclidean distance between `row` and the centroid starting at `offset`. */
function sqDist(row: Float32Array, centroids: Float32Array, offset: number): number {
  let s = 0;
  for (let d = 0; d < row.length; d++) {
    const x = row[d]! - centroids[offset + d]!;
    s += x * x;
  }
  return s;
}
