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
 */
export function kmeans(data: Float32Array, rows: number, dims: number, opts: KMeansOptions): KMeansResult {
  const k = Math.min(opts.k, rows);
  const rng = createRng(opts.seed);
  const sample = sampleRows(rows, Math.min(rows, opts.sampleSize), rng);
  const sampleData = new Float32Array(sample.length * dims);
  sample.forEach((row, i) => sampleData.set(data.subarray(row * dims, row * dims + dims), i * dims));

  const centroids = seedPlusPlus(sampleData, sample.length, dims, k, rng);
  const sampleAssign = new Int32Array(sample.length).fill(-1);
  const scratch = new Float32Array(sample.length);
  let iterations = 0;
  for (; iterations < opts.maxIterations; iterations++) {
    const changed = assign(sampleData, sample.length, dims, centroids, k, sampleAssign, scratch);
    update(sampleData, sample.length, dims, centroids, k, sampleAssign);
    if (changed === 0) break;
  }
  const assignment = new Int32Array(rows).fill(-1);
  const distances = new Float32Array(rows);
  assign(data, rows, dims, centroids, k, assignment, distances);
  update(data, rows, dims, centroids, k, assignment);
  for (let r = 0; r < rows; r++) distances[r] = sqDist(data, r * dims, centroids, assignment[r]! * dims, dims);
  return { k, centroids, assignment, distances, iterations };
}

function sampleRows(rows: number, size: number, rng: () => number): Int32Array {
  if (size === rows) return Int32Array.from({ length: rows }, (_, i) => i);
  // Partial Fisher-Yates over an index array.
  const idx = Int32Array.from({ length: rows }, (_, i) => i);
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(rng() * (rows - i));
    const t = idx[i]!;
    idx[i] = idx[j]!;
    idx[j] = t;
  }
  return idx.slice(0, size);
}

function seedPlusPlus(data: Float32Array, rows: number, dims: number, k: number, rng: () => number): Float32Array {
  const centroids = new Float32Array(k * dims);
  const first = Math.floor(rng() * rows);
  centroids.set(data.subarray(first * dims, first * dims + dims), 0);
  const best = new Float64Array(rows).fill(Infinity);
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let r = 0; r < rows; r++) {
      const d = sqDist(data, r * dims, centroids, (c - 1) * dims, dims);
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
    centroids.set(data.subarray(chosen * dims, chosen * dims + dims), c * dims);
  }
  return centroids;
}

/** Assigns each row to its nearest centroid; returns how many rows changed cluster. */
function assign(
  data: Float32Array,
  rows: number,
  dims: number,
  centroids: Float32Array,
  k: number,
  assignment: Int32Array,
  distances: Float32Array,
): number {
  let changed = 0;
  for (let r = 0; r < rows; r++) {
    let bestC = 0;
    let bestD = Infinity;
    const off = r * dims;
    for (let c = 0; c < k; c++) {
      const d = sqDist(data, off, centroids, c * dims, dims);
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

function update(data: Float32Array, rows: number, dims: number, centroids: Float32Array, k: number, assignment: Int32Array): void {
  const sums = new Float64Array(k * dims);
  const counts = new Float64Array(k);
  for (let r = 0; r < rows; r++) {
    const c = assignment[r]!;
    counts[c]!++;
    for (let d = 0; d < dims; d++) sums[c * dims + d]! += data[r * dims + d]!;
  }
  for (let c = 0; c < k; c++) {
    // An empty cluster keeps its previous centroid.
    if (counts[c] === 0) continue;
    for (let d = 0; d < dims; d++) centroids[c * dims + d] = sums[c * dims + d]! / counts[c]!;
  }
}

/** Squared Euclidean distance between two rows of (possibly different) flat matrices. */
export function sqDist(a: Float32Array, aOff: number, b: Float32Array, bOff: number, dims: number): number {
  let s = 0;
  for (let d = 0; d < dims; d++) {
    const x = a[aOff + d]! - b[bOff + d]!;
    s += x * x;
  }
  return s;
}
