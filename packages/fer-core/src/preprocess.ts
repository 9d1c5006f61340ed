import * as tf from '@tensorflow/tfjs-core';
import { rescale, type InputScale } from '@moodtunes/vision-core';
import type { ModelSpec } from './model-spec';

/**
 * Turns gray faces (values in `scale`, 0..255 by default; a list of `[h, w, 1]` of any sizes, or
 * one `[n, h, w, 1]` batch) into the model's input batch: resized to `inputSize`, replicated to
 * 3 channels if asked, mapped to the model's range (nothing to do for crops already in it). With `flip`, the horizontally mirrored faces follow the
 * originals, so the batch is twice as long. The caller owns the result; inputs are left alone.
 */
export function prepareBatch(
  faces: readonly tf.Tensor3D[] | tf.Tensor4D,
  spec: ModelSpec,
  flip = false,
  scale: InputScale = '0..255',
): tf.Tensor4D {
  return tf.tidy(() => {
    const size = spec.inputSize;
    const fit = <T extends tf.Tensor3D | tf.Tensor4D>(t: T): T => {
      const h = t.shape[t.rank - 3] as number;
      const w = t.shape[t.rank - 2] as number;
      if (h === size && w === size) return t;
      // Area-average large crops first: 2-tap bilinear sampling alone would alias them.
      const pool = Math.min(Math.floor(h / size), Math.floor(w / size));
      const pooled = pool >= 2 ? tf.avgPool<T>(t, pool, pool, 'valid') : t;
      const ph = pooled.shape[pooled.rank - 3];
      const pw = pooled.shape[pooled.rank - 2];
      return ph === size && pw === size ? pooled : tf.image.resizeBilinear<T>(pooled, [size, size], false, true);
    };
    let batch = faces instanceof tf.Tensor ? fit(faces) : (tf.stack(faces.map(fit)) as tf.Tensor4D);
    if (flip) batch = tf.concat([batch, tf.reverse(batch, 2)], 0);
    if (spec.channels === 3) batch = tf.tile(batch, [1, 1, 1, 3]);
    return rescale(batch, scale, spec.scale);
  });
}
