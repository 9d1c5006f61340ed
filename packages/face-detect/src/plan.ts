// Which views a still image gets: the whole image, then overlapping tiles at finer scales. Pure geometry.
import type { Box, ModelType, Rotation } from './types';
import { makeView, type View } from './view';

/** One tile along an axis: the span it reads and the part of it whose detections it owns. */
export interface Span {
  start: number;
  end: number;
  coreStart: number;
  coreEnd: number;
}

/**
 * Splits `length` pixels into tiles of `tile` pixels that overlap by at least `overlap`, evenly
 * spread, the last one flush with the end. Each overlap is split at its middle between the two
 * tiles' cores, so the cores cover the axis exactly once and a face no longer than `overlap`
 * whose centre lies in a core lies wholly inside that tile.
 */
export function tileSpans(length: number, tile: number, overlap: number): Span[] {
  if (tile >= length) return [{ start: 0, end: length, coreStart: -Infinity, coreEnd: Infinity }];
  const count = Math.ceil((length - overlap) / (tile - overlap));
  const starts = Array.from({ length: count }, (_, i) => Math.round((i * (length - tile)) / (count - 1)));
  return starts.map((start, i) => ({
    start,
    end: start + tile,
    coreStart: i === 0 ? -Infinity : (start + starts[i - 1]! + tile) / 2,
    coreEnd: i === count - 1 ? Infinity : (starts[i + 1]! + start + tile) / 2,
  }));
}

/** One pyramid level: the scale the network sees the image at, and how much its tiles overlap. */
export interface Level {
  /** Model-input pixels per image pixel. */
  scale: number;
  /** Tile overlap in image pixels, and the longest face a tile of this level owns. */
  overlap: number;
}

/**
 * The pyramid for a `width x height` still and a network with a `size`-pixel input that finds faces
 * of `minFacePixels` and more in its input: the whole image first, then denser levels up to the
 * scale at which a face of 1.75 x `minFaceSize` image pixels has `minFacePixels`. Each level owns the
 * faces too small for the level before it (with 50 % slack); steps are at most 3.5x apart, because
 * the network finds faces over about that range of sizes in one input.
 *
 * `dense` levels are tiled in full. `closer` says whether faces down to `minFaceSize` need the
 * last step: a closer look around each weak candidate of the last level (see `scanStill`).
 * Without `tiles`, only the whole image.
 */
export function pyramid(
  width: number,
  height: number,
  size: number,
  minFacePixels: number,
  minFaceSize: number,
  tiles: boolean,
): { whole: number; dense: Level[]; closer: boolean } {
  const whole = size / Math.max(width, height);
  const finest = minFacePixels / minFaceSize;
  if (!tiles || finest <= whole * 1.3) return { whole, dense: [], closer: false };
  const dense: Level[] = [];
  let previous = whole;
  const target = finest / 1.75;
  while (previous * 1.3 < target) {
    const scale = Math.min(target, previous * 3.5);
    dense.push({ scale, overlap: Math.min(size / scale / 2, (1.5 * minFacePixels) / previous) });
    previous = scale;
  }
  return { whole, dense, closer: true };
}

/** The view of the whole image, turned by `rotation`. */
export function wholeView(range: ModelType, size: number, width: number, height: number, rotation: Rotation): View {
  return makeView(range, size, { x: 0, y: 0, width, height }, rotation, false);
}

/**
 * The tiles of one level, turned by `rotation`.
 */
export function tileViews(range: ModelType, size: number, width: number, height: number, level: Level, rotation: Rotation): View[] {
  const side = Math.round(size / level.scale);
  const xs = tileSpans(width, side, level.overlap);
  const ys = tileSpans(height, side, level.overlap);
  const views: View[] = [];
  ys.forEach((sy) => {
    xs.forEach((sx) => {
      const region: Box = { x: sx.start, y: sy.start, width: sx.end - sx.start, height: sy.end - sy.start };
      const core = { x0: sx.coreStart, y0: sy.coreStart, x1: sx.coreEnd, y1: sy.coreEnd };
      views.push(makeView(range, size, region, rotation, true, core, level.overlap));
    });
  });
  return views;
}

/**
 * A square crop around a face (or a weak candidate), `factor` times its long side (at least
 * `minSide`), moved inside the image and turned by `rotation` (the turn at which the face is upright). With `owns`, the crop
 * keeps only detections centred in its middle half and at most half its side long: the ones it is
 * centred enough on to see whole.
 */
export function cropView(
  range: ModelType,
  size: number,
  width: number,
  height: number,
  face: Box,
  rotation: Rotation,
  factor: number,
  minSide: number,
  owns = false,
): View {
  const side = Math.round(Math.min(Math.max(width, height), Math.max(minSide, factor * Math.max(face.width, face.height))));
  const w = Math.min(side, width);
  const h = Math.min(side, height);
  const cx = face.x + face.width / 2;
  const cy = face.y + face.height / 2;
  const x = Math.min(Math.max(0, Math.round(cx - w / 2)), width - w);
  const y = Math.min(Math.max(0, Math.round(cy - h / 2)), height - h);
  const region = { x, y, width: w, height: h };
  if (!owns) return makeView(range, size, region, rotation, true);
  const core = { x0: cx - side / 4, y0: cy - side / 4, x1: cx + side / 4, y1: cy + side / 4 };
  return makeView(range, size, region, rotation, true, core, side / 2);
}

/** The quarter turn that brings a face with this roll closest to upright. */
export function uprightRotation(roll: number): Rotation {
  const quarter = ((Math.round(-roll / 90) % 4) + 4) % 4;
  return (quarter * 90) as Rotation;
}
