import * as tf from '@tensorflow/tfjs-core';

/** The network as a function: `[n, 150, 150, 3]` RGB in 0..255 to `[n, 128]` embeddings. The caller owns the result. */
export interface EmbeddingNet {
  execute(batch: tf.Tensor4D): tf.Tensor2D;
  dispose(): void;
}

const MEAN_RGB = [122.782, 117.001, 104.298];
const STAGES: [string, 'residual' | 'down'][] = [
  ['conv32_1', 'residual'],
  ['conv32_2', 'residual'],
  ['conv32_3', 'residual'],
  ['conv64_down', 'down'],
  ['conv64_1', 'residual'],
  ['conv64_2', 'residual'],
  ['conv64_3', 'residual'],
  ['conv128_down', 'down'],
  ['conv128_1', 'residual'],
  ['conv128_2', 'residual'],
  ['conv256_down', 'down'],
  ['conv256_1', 'residual'],
  ['conv256_2', 'residual'],
  ['conv256_down_out', 'down'],
];

/**
 * dlib's face recognition ResNet over its decoded weights (names as in the weights manifest):
 * a 7x7 stride-2 convolution and max pool, 14 residual blocks, global average, a 256 -> 128
 * matrix. Each convolution carries a bias and a per-channel affine "scale" layer (dlib's folded
 * batch norm); a down block's shortcut is a 2x2 average pool, zero-padded to the new width.
 * Throws when a tensor is missing, before any inference.
 */
export function embeddingNet(weights: tf.NamedTensorMap): EmbeddingNet {
  const get = <T extends tf.Tensor>(name: string): T => {
    const tensor = weights[name];
    if (!tensor) throw new Error(`face embedding weights: no tensor ${name}`);
    return tensor as T;
  };
  const conv = (x: tf.Tensor4D, prefix: string, stride: 1 | 2, relu: boolean): tf.Tensor4D => {
    const out = tf.conv2d(x, get<tf.Tensor4D>(`${prefix}/conv/filters`), stride, stride === 2 ? 'valid' : 'same');
    const scaled = tf.add<tf.Tensor4D>(
      tf.mul(tf.add(out, get(`${prefix}/conv/bias`)), get(`${prefix}/scale/weights`)),
      get(`${prefix}/scale/biases`),
    );
    return relu ? tf.relu(scaled) : scaled;
  };
  const residual = (x: tf.Tensor4D, block: string): tf.Tensor4D =>
    tf.relu(tf.add<tf.Tensor4D>(conv(conv(x, `${block}/conv1`, 1, true), `${block}/conv2`, 1, false), x));
  const residualDown = (x: tf.Tensor4D, block: string): tf.Tensor4D => {
    let out = conv(conv(x, `${block}/conv1`, 2, true), `${block}/conv2`, 1, false);
    let shortcut = tf.avgPool(x, 2, 2, 'valid');
    // The 'valid' 3x3 stride-2 convolution is one pixel short of the pooled shortcut: pad it.
    const [, ph, pw, pc] = shortcut.shape;
    if (out.shape[1] !== ph || out.shape[2] !== pw)
      out = tf.pad(out, [
        [0, 0],
        [0, ph - out.shape[1]],
        [0, pw - out.shape[2]],
        [0, 0],
      ]);
    if (pc !== out.shape[3])
      shortcut = tf.pad(shortcut, [
        [0, 0],
        [0, 0],
        [0, 0],
        [0, out.shape[3] - pc],
      ]);
    return tf.relu(tf.add<tf.Tensor4D>(shortcut, out));
  };
  // Fail now, not at the first frame, when a file is not this network's.
  for (const [block] of STAGES) for (const part of ['conv1', 'conv2']) get(`${block}/${part}/conv/filters`);
  get('fc');
  const mean = tf.tensor1d(MEAN_RGB);
  return {
    execute(batch) {
      return tf.tidy(() => {
        let x = conv(tf.div<tf.Tensor4D>(tf.sub(batch, mean), 255), 'conv32_down', 2, true);
        x = tf.maxPool(x, 3, 2, 'valid');
        for (const [block, kind] of STAGES) x = kind === 'down' ? residualDown(x, block) : residual(x, block);
        return tf.matMul(tf.mean<tf.Tensor2D>(x, [1, 2]), get<tf.Tensor2D>('fc'));
      });
    },
    dispose() {
      mean.dispose();
      tf.dispose(weights);
    },
  };
}
