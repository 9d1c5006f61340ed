import type { Box, ModelType, Rotation } from './types';

/** Where the (turned) region lands inside the square model input (aspect ratio kept, centred, black bars). */
export interface Letterbox {
  /** Model input side in pixels. */
  size: number;
  offsetX: number;
  offsetY: number;
  contentWidth: number;
  contentHeight: number;
  /** Region pixels per model-input pixel, per axis of the turned region. */
  scaleX: number;
  scaleY: number;
}

/** Computes the letterbox of a `width x height` image in a `size x size` model input. */
export function letterbox(width: number, height: number, size: number): Letterbox {
  const fit = size / Math.max(width, height);
  const contentWidth = Math.max(1, Math.round(width * fit));
  const contentHeight = Math.max(1, Math.round(height * fit));
  return {
    size,
    offsetX: Math.floor((size - contentWidth) / 2),
    offsetY: Math.floor((size - contentHeight) / 2),
    contentWidth,
    contentHeight,
    scaleX: width / contentWidth,
    scaleY: height / contentHeight,
  };
}

/** A rectangle by its edges, in input pixels. */
export interface Edges {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * One look of a network at the input: a region (whole image or tile, integer pixels), turned
 * clockwise by `rotation`, letterboxed into the model input. `core` and `maxFace` say which of its
 * detections it owns, so that a face seen by two overlapping tiles is kept once.
 */
export interface View {
  range: ModelType;
  region: Box;
  rotation: Rotation;
  box: Letterbox;
  /** True when `region` is a tile (or a crop around a known face) rather than the whole input. */
  tile: boolean;
  /** A detection is kept only when its box centre lies inside (tiles split their overlaps at the middle). */
  core: Edges;
  /** A detection with a longer side than this is left to a coarser pass (it may be cut by the tile edge). */
  maxFace: number;
}

/** Whether a rotation swaps width and height. */
export const swapsAxes = (rotation: Rotation): boolean => rotation === 90 || rotation === 270;

/** A view of `region` turned by `rotation` for a network with a `size`-pixel input; owns everything in `region` unless told otherwise. */
export function makeView(
  range: ModelType,
  size: number,
  region: Box,
  rotation: Rotation,
  tile: boolean,
  core: Edges = { x0: -Infinity, y0: -Infinity, x1: Infinity, y1: Infinity },
  maxFace = Infinity,
): View {
  const swap = swapsAxes(rotation);
  const box = letterbox(swap ? region.height : region.width, swap ? region.width : region.height, size);
  return { range, region, rotation, box, tile, core, maxFace };
}

/**
 * Maps a point in normalised model-input coordinates (0..1 of the square input) back to input
 * pixels: undo the letterbox, then the rotation, then the region's offset.
 */
export function toInputPoint(view: View, nx: number, ny: number): [number, number] {
  const { box, region, rotation } = view;
  const u = (nx * box.size - box.offsetX) * box.scaleX;
  const v = (ny * box.size - box.offsetY) * box.scaleY;
  const { width: w, height: h } = region;
  switch (rotation) {
    case 0:
      return [region.x + u, region.y + v];
    case 90:
      return [region.x + v, region.y + h - u];
    case 180:
      return [region.x + w - u, region.y + h - v];
    case 270:
      return [region.x + w - v, region.y + u];
  }
}
