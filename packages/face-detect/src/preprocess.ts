import * as tf from '@tensorflow/tfjs-core';
import type { ImageDataLike } from './types';
import { swapsAxes, type View } from './view';

/** Bilinear taps along one axis: for each output index the lower source index and the weight of the upper one. */
interface Taps {
  lo: Int32Array;
  hi: Int32Array;
  frac: Float32Array;
}

/**
 * Taps for resampling the `length` source pixels from `start` to `count` samples, with half-pixel
 * centres as `tf.image.resizeBilinear(..., false, true)`; `flip` reads the span backwards (a
 * rotation). Samples are clamped to the span, so a tile never reads its neighbour's pixels.
 */
function taps(start: number, length: number, count: number, flip: boolean): Taps {
  const lo = new Int32Array(count);
  const hi = new Int32Array(count);
  const frac = new Float32Array(count);
  const ratio = length / count;
  for (let i = 0; i < count; i++) {
    const along = (i + 0.5) * ratio;
    const src = Math.min(Math.max((flip ? length - along : along) - 0.5, 0), length - 1);
    const floor = Math.floor(src);
    lo[i] = start + floor;
    hi[i] = start + Math.min(floor + 1, length - 1);
    frac[i] = src - floor;
  }
  return { lo, hi, frac };
}

/**
 * Writes the view of an RGBA image (its region, turned, letterboxed and bilinearly resized) into
 * `out` from `offset` (`size*size*3` values in [-1, 1], bars at -1). Reads the source once per tap:
 * no full-frame tensor, no copy.
 */
export function pixelsToModelInput(image: ImageDataLike, view: View, out: Float32Array, offset = 0): Float32Array {
  const { size, offsetX, offsetY, contentWidth, contentHeight } = view.box;
  const { region, rotation } = view;
  const { data, width } = image;
  const swap = swapsAxes(rotation);
  out.fill(-1, offset, offset + size * size * 3);
  // Which output axis walks along the source x axis, and in which direction.
  const xs = taps(region.x, region.width, swap ? contentHeight : contentWidth, rotation === 180 || rotation === 270);
  const ys = taps(region.y, region.height, swap ? contentWidth : contentHeight, rotation === 90 || rotation === 180);
  const k = 2 / 255;
  for (let oy = 0; oy < contentHeight; oy++) {
    let o = offset + ((oy + offsetY) * size + offsetX) * 3;
    for (let ox = 0; ox < contentWidth; ox++, o += 3) {
      const ix = swap ? oy : ox;
      const iy = swap ? ox : oy;
      const row0 = ys.lo[iy]! * width * 4;
      const row1 = ys.hi[iy]! * width * 4;
      const fy = ys.frac[iy]!;
      const c0 = xs.lo[ix]! * 4;
      const c1 = xs.hi[ix]! * 4;
      const fx = xs.frac[ix]!;
      for (let c = 0; c < 3; c++) {
        const top = data[row0 + c0 + c]! + (data[row0 + c1 + c]! - data[row0 + c0 + c]!) * fx;
        const bottom = data[row1 + c0 + c]! + (data[row1 + c1 + c]! - data[row1 + c0 + c]!) * fx;
        out[o + c] = (top + (bottom - top) * fy) * k - 1;
      }
    }
  }
  return out;
}

/** Turns an `[h, w, c]` tensor clockwise by a multiple of 90 degrees. */
function turn(image: tf.Tensor3D, rotation: View['rotation']): tf.Tensor3D {
  switch (rotation) {
    case 0:
      return image;
    case 90:
      return tf.reverse(tf.transpose(image, [1, 0, 2]), 1);
    case 180:
      return tf.reverse(image, [0, 1]);
    case 270:
      return tf.reverse(tf.transpose(image, [1, 0, 2]), 0);
  }
}

/** The same transform on the backend for tensor inputs: `[1, size, size, 3]` float32 in [-1, 1]. */
export function tensorToModelInput(image: tf.Tensor3D, view: View): tf.Tensor4D {
  const { box, region } = view;
  return tf.tidy(() => {
    const whole = region.x === 0 && region.y === 0 && region.width === image.shape[1] && region.height === image.shape[0];
    const rgb = whole && image.shape[2] === 3 ? image : tf.slice(image, [region.y, region.x, 0], [region.height, region.width, 3]);
    const turned = turn(tf.cast(rgb, 'float32'), view.rotation);
    const resized = tf.image.resizeBilinear(turned, [box.contentHeight, box.contentWidth], false, true);
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
