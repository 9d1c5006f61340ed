import * as tf from '@tensorflow/tfjs-core';

/** ITU-R BT.601 luma weights of R, G and B: the gray of FER2013 and of every gray model input here. */
export const LUMA = [0.299, 0.587, 0.114] as const;

/** Gray value of one RGB triple with {@link LUMA} weights. */
function luma(r: number, g: number, b: number): number {
  return LUMA[0] * r + LUMA[1] * g + LUMA[2] * b;
}

/**
 * Writes the gray of `pixels` pixels (`channels` values each, 1, 3 or 4; alpha ignored) from `data`
 * into `out` starting at `offset`. Gray input is copied as it is.
 */
export function grayInto(data: ArrayLike<number>, channels: 1 | 3 | 4, out: Float32Array, offset = 0): void {
  const pixels = data.length / channels;
  if (channels === 1) {
    for (let i = 0; i < pixels; i++) out[offset + i] = data[i]!;
    return;
  }
  for (let i = 0, j = 0; i < pixels; i++, j += channels) out[offset + i] = luma(data[j]!, data[j + 1]!, data[j + 2]!);
}

/**
 * Gray of a tensor whose last axis holds 1, 3 or 4 channels (alpha ignored), keeping that axis
 * with size 1. Gray input is returned as it is. Call inside `tf.tidy`.
 */
export function grayTensor<T extends tf.Tensor>(image: T): T {
  const channels = image.shape[image.rank - 1];
  if (channels === 1) return image;
  const begin = image.shape.map(() => 0);
  const size = image.shape.map((d, axis) => (axis === image.rank - 1 ? 3 : d));
  const rgb = channels === 4 ? tf.slice(image, begin, size) : image;
  return tf.sum<T>(tf.mul(tf.cast(rgb, 'float32'), tf.tensor1d([...LUMA])), -1, true);
}
