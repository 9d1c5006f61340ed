import * as tf from '@tensorflow/tfjs-core';

/** A range of pixel values: `0..255` raw, `0..1` = v / 255, `-1..1` = (v / 255 - 0.5) * 2. */
export type InputScale = '0..1' | '-1..1' | '0..255';

/** Every {@link InputScale}. */
export const INPUT_SCALES: readonly InputScale[] = ['0..1', '-1..1', '0..255'];

/** Lowest and highest value of each scale. */
const RANGES: Record<InputScale, readonly [number, number]> = { '0..255': [0, 255], '0..1': [0, 1], '-1..1': [-1, 1] };

/**
 * Maps pixel values from one {@link InputScale} to another with one multiply-add; the same scale
 * returns the input unchanged. Call inside `tf.tidy`.
 */
export function rescale<T extends tf.Tensor>(values: T, from: InputScale, to: InputScale): T {
  if (from === to) return values;
  const [a0, a1] = RANGES[from];
  const [b0, b1] = RANGES[to];
  const k = (b1 - b0) / (a1 - a0);
  const scaled = tf.mul(values, k);
  const shift = b0 - a0 * k;
  return (shift === 0 ? scaled : tf.add(scaled, shift)) as T;
}
