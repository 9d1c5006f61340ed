/**
 * A uniform grid over the first two prepared dimensions (valence and energy, which every emotion
 * target sets). Tracks are bucketed by cell with a counting sort, so a nearest-neighbour query can
 * visit cells ring by ring outward from the target and stop once a whole ring is farther than the
 * current k-th best: the result is the same as a full scan, at a fraction of the work.
 */
export interface GridIndex {
  /** Cells per axis. */
  size: number;
  min0: number;
  min1: number;
  width0: number;
  width1: number;
  /** Track indices grouped by cell; cell `c` holds `order[start[c] .. start[c + 1])`. */
  order: Int32Array;
  start: Int32Array;
}

/** Builds the grid; about 256 tracks per cell, at most 64 x 64 cells. */
export function buildGrid(col0: Float32Array, col1: Float32Array, count: number): GridIndex {
  const size = Math.max(1, Math.min(64, Math.round(Math.sqrt(count / 256))));
  const [min0, max0] = range(col0, count);
  const [min1, max1] = range(col1, count);
  const width0 = (max0 - min0) / size || 1;
  const width1 = (max1 - min1) / size || 1;
  const cellOf = new Int32Array(count);
  const start = new Int32Array(size * size + 1);
  for (let i = 0; i < count; i++) {
    const cx = Math.min(size - 1, Math.floor((col0[i]! - min0) / width0));
    const cy = Math.min(size - 1, Math.floor((col1[i]! - min1) / width1));
    cellOf[i] = cy * size + cx;
    start[cellOf[i]! + 1]!++;
  }
  for (let c = 0; c < size * size; c++) start[c + 1]! += start[c]!;
  const fill = start.slice(0, size * size);
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[fill[cellOf[i]!]!++] = i;
  return { size, min0, min1, width0, width1, order, start };
}

function range(col: Float32Array, count: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < count; i++) {
    const v = col[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return count > 0 ? [lo, hi] : [0, 0];
}

/**
 * Visits the grid's cells ring by ring around `(q0, q1)`. `visit(from, to)` handles the tracks
 * `order[from .. to)` of one cell and returns the current squared-distance limit; a cell whose lower
 * bound `w0 * dx^2 + w1 * dy^2` is at or beyond the limit is skipped, and the walk stops after a
 * ring where every cell was.
 */
export function walkGrid(
  grid: GridIndex,
  q0: number,
  q1: number,
  w0: number,
  w1: number,
  initialLimit: number,
  visit: (from: number, to: number) => number,
): void {
  const { size, start } = grid;
  const cx0 = clampCell(Math.floor((q0 - grid.min0) / grid.width0), size);
  const cy0 = clampCell(Math.floor((q1 - grid.min1) / grid.width1), size);
  let limit = initialLimit;
  const gap = (q: number, min: number, width: number, c: number) => {
    const lo = min + c * width;
    return q < lo ? lo - q : q > lo + width ? q - lo - width : 0;
  };
  const cell = (cx: number, cy: number): boolean => {
    const dx = gap(q0, grid.min0, grid.width0, cx);
    const dy = gap(q1, grid.min1, grid.width1, cy);
    if (w0 * dx * dx + w1 * dy * dy >= limit) return false;
    const c = cy * size + cx;
    if (start[c + 1]! > start[c]!) limit = visit(start[c]!, start[c + 1]!);
    return true;
  };
  for (let r = 0; r < size; r++) {
    let any = false;
    for (let cx = cx0 - r; cx <= cx0 + r; cx++) {
      if (cx < 0 || cx >= size) continue;
      const edge = cx === cx0 - r || cx === cx0 + r;
      for (let cy = cy0 - r; cy <= cy0 + r; cy += edge ? 1 : 2 * r) {
        if (cy < 0 || cy >= size) continue;
        if (cell(cx, cy)) any = true;
      }
    }
    if (!any && r > 0) return;
  }
}

function clampCell(c: number, size: number): number {
  return Math.max(0, Math.min(size - 1, c));
}
