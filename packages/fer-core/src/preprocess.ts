import * as tf from '@tensorflow/tfjs-core';
import type { ModelSpec } from './model-spec';

/**
 * Stacks gray `[h, w, 1]` faces (0..255) into the model's input batch: resized to
 * `inputSize`, replicated to 3 channels if asked, scaled to the model's range. With `flip`,
 * the horizontally mirrored faces follow the originals, so the batch is twice as long.
 * The caller owns the result; the inputs are left alone.
 */
export function prepareBatch(faces: readonly tf.Tensor3D[], spec: ModelSpec, flip = false): tf.Tensor4D {
  return tf.tidy(() => {
    const size = spec.inputSize;
    const resized = faces.map((face) =>
      face.shape[0] === size && face.shape[1] === size
        ? face
        : tf.image.resizeBilinear(face, [size, size], false, true),
    );
    let batch = tf.stack(resized) as tf.Tensor4D;
    if (flip) batch = tf.concat([batch, tf.reverse(batch, 2)], 0);
    if (spec.channels === 3) batch = tf.tile(batch, [1, 1, 1, 3]);
    return scaleInput(batch, spec.scale);
  });
}

function scaleInput(batch: tf.Tensor4D, scale: ModelSpec['scale']): tf.Tensor4D {
  if (scale === '0..255') return batch;
  const unit = tf.div(batch, 255);
  return (scale === '-1..1' ? tf.mul(tf.sub(unit, 0.5), 2) : unit) as tf.Tensor4D;
}
