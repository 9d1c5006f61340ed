import * as tf from '@tensorflow/tfjs-core';
import type { ImageDataLike } from './types';

/** Where the image lands inside the square model input (aspect ratio kept, centred, black bars). */
export interface Letterbox {
  /** Model input side in pixels. */
  size: number;
  offsetX: number;
  offsetY: number;
  contentWidth: number;
  contentHeight: number;
  /** Input pixels per model-input pixel, per axis. */
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

/**
 * Bilinear taps (half-pixel centres, as `tf.image.resizeBilinear(..., false, true)`) for resizing
 * `from` samples to `to`: for each output index the lower source index and the weight of the upper one.
 */
function taps(from: number, to: number): { lo: Int32Array; hi: Int32Array; frac: Float32Array } {
  const lo = new Int32Array(to);
  const hi = new Int32Array(to);
  const frac = new Float32Array(to);
  const ratio = from / to;
  for (let i = 0; i < to; i++) {
    const src = Math.min(Math.max((i + 0.5) * ratio - 0.5, 0), from - 1);
    const floor = Math.floor(src);
    lo[i] = floor;
    hi[i] = Math.min(floor + 1, from - 1);
    frac[i] = src - floor;
  }
  return { lo, hi, frac };
}

/**
 * Writes the letterboxed, bilinearly resized RGB of an RGBA image into `out` (`size*size*3`,
 * values in [-1, 1], bars at -1). Reads the source once per tap: no full-frame tensor, no copy.
 */
export function pixelsToModelInput(image: ImageDataLike, box: Letterbox, out: Float32Array): Float32Array {
  const { size, offsetX, offsetY, contentWidth, contentHeight } = box;
  const { data, width } = image;
  out.fill(-1);
  const xs = taps(width, contentWidth);
  const ys = taps(image.height, contentHeight);
  const k = 2 / 255;
  for (let oy = 0; oy < contentHeight; oy++) {
    const row0 = ys.lo[oy]! * width * 4;
    const row1 = ys.hi[oy]! * width * 4;
    const fy = ys.frac[oy]!;
    let o = ((oy + offsetY) * size + offsetX) * 3;
    for (let ox = 0; ox < contentWidth; ox++, o += 3) {
      const c0 = xs.lo[ox]! * 4;
      const c1 = xs.hi[ox]! * 4;
      const fx = xs.frac[ox]!;
      for (let c = 0; c < 3; c++) {
        const top = data[row0 + c0 + c]! + (data[row0 + c1 + c]! - data[row0 + c0 + c]!) * fx;
        const bottom = data[row1 + c0 + c]! + (data[row1 + c1 + c]! - data[row1 + c0 + c]!) * fx;
        out[o + c] = (top + (bottom - top) * fy) * k - 1;
      }
    }
  }
  return out;
}

/** The same transform on the backend for tensor inputs: `[1, size, size, 3]` float32 in [-1, 1]. */
export function tensorToModelInput(image: tf.Tensor3D, box: Letterbox): tf.Tensor4D {
  return tf.tidy(() => {
    const rgb = image.shape[2] === 3 ? image : tf.slice(image, [0, 0, 0], [-1, -1, 3]);
    const resized = tf.image.resizeBilinear(tf.cast<tf.Tensor3D>(rgb, 'float32'), [box.contentHeight, box.contentWidth], false, true);
    const scaled = tf.sub(tf.mul(resized, 2 / 255), 1);
    const right = box.size - box.contentWidth - box.offsetX;
    const bottom = box.size - box.contentHeight - box.offsetY;
    const padded = tf.pad(
      scaled,
      [
        [box.offsetY, bottom],
        [box.offsetX, right],
        [0, 0],
      ],
      -1,
    );
    return tf.expandDims<tf.Tensor4D>(padded, 0);
  });
}
