import type * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';

/**
 * Runs the detector on a prepared `[1, S, S, 3]` input and returns the raw `[N * 17]` detections.
 * Takes ownership of `input`: it and the output tensor are disposed before this resolves.
 */
export async function runDetector(model: GraphModel, input: tf.Tensor4D, outputNode: string): Promise<Float32Array> {
  let output: tf.Tensor;
  try {
    output = model.execute(input, outputNode) as tf.Tensor;
  } finally {
    input.dispose();
  }
  try {
    return (await output.data()) as Float32Array;
  } finally {
    output.dispose();
  }
}
