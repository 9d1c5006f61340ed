import * as tf from '@tensorflow/tfjs-core';
import type { ClassifierModel } from './load';

/**
 * Runs the classifier on a prepared batch and returns `[n, classes]` probabilities. With
 * `flip`, the batch holds n originals followed by n mirrored copies and each face gets the
 * mean of its two rows (flip test-time augmentation). The caller owns the result.
 */
export function runClassifier(model: Pick<ClassifierModel, 'execute'>, batch: tf.Tensor4D, flip = false): tf.Tensor2D {
  return tf.tidy(() => {
    const out = model.execute(batch) as tf.Tensor;
    const probs = out.rank === 2 ? (out as tf.Tensor2D) : tf.reshape<tf.Rank.R2>(out, [out.shape[0] ?? 0, -1]);
    if (!flip) return probs;
    const n = probs.shape[0] / 2;
    const [original, mirrored] = tf.split(probs, [n, n], 0) as [tf.Tensor2D, tf.Tensor2D];
    return tf.div<tf.Tensor2D>(tf.add(original, mirrored), 2);
  });
}
