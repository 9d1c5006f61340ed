// face-api's expression model (the 310 KB `face_expression_model` of face-api.js, as shipped in
// @vladmandic/face-api) as a second baseline. Its weights are data; the network below is ours,
// written from face-api's published architecture: four dense blocks of separable convolutions
// on a 112x112 RGB face, average pooling, one fully connected layer, softmax.
import * as tf from '@tensorflow/tfjs-core';
import { loadWeights, platform } from '@moodtunes/vision-core';
import { claimBackend, selectBackend, type BackendOptions } from '../../src/backend';
import { EmotionClassifier } from '../../src/classifier';
import type { ClassifierModel } from '../../src/load';
import type { ModelSpec } from '../../src/model-spec';
import type { Emotion } from '../../src/types';
import { resolveFaceApiExpressionModel } from './paths';

/** face-api's output order (its `FACE_EXPRESSION_LABELS`) in our class names. */
export const FACE_API_CLASSES: readonly Emotion[] = ['neutral', 'happy', 'sad', 'angry', 'fear', 'disgust', 'surprise'];

/**
 * 112x112, 3 channels, 0..255 in: the network subtracts face-api's mean RGB and divides by 255
 * itself. A gray FER2013 face is replicated to 3 channels, as face-api sees a gray photo.
 */
export const FACE_API_EXPRESSION_SPEC: ModelSpec = { inputSize: 112, channels: 3, scale: '0..255', classes: FACE_API_CLASSES };

/** How many PublicTest faces test/fixtures/parity-face-api.json holds (tools/face-api-reference.ts). */
export const FACE_API_PARITY_ROWS = 8;

/**
 * A 48x48 gray face as the 112x112 RGB input both implementations get in the parity test:
 * nearest-neighbour, so that no resize kernel differs between them.
 */
export function upsampleForFaceApi(gray: Uint8Array): Uint8Array {
  const out = new Uint8Array(112 * 112 * 3);
  for (let y = 0; y < 112; y++) {
    for (let x = 0; x < 112; x++) {
      const value = gray[Math.floor((y * 48) / 112) * 48 + Math.floor((x * 48) / 112)]!;
      out.fill(value, (y * 112 + x) * 3, (y * 112 + x) * 3 + 3);
    }
  }
  return out;
}

const MEAN_RGB = [122.782, 117.001, 104.298];
const BLOCKS = ['dense0', 'dense1', 'dense2', 'dense3'] as const;

/** face-api's expression network over decoded weights; `execute` maps `[n, 112, 112, 3]` 0..255 to `[n, 7]` probabilities. */
export function faceApiExpressionNet(weights: tf.NamedTensorMap): ClassifierModel {
  const get = (name: string): tf.Tensor => {
    const tensor = weights[name];
    if (!tensor) throw new Error(`face-api expression weights: no tensor ${name}`);
    return tensor;
  };
  const separable = (x: tf.Tensor4D, prefix: string, stride: 1 | 2): tf.Tensor4D =>
    tf.add(
      tf.separableConv2d(
        x,
        get(`${prefix}/depthwise_filter`) as tf.Tensor4D,
        get(`${prefix}/pointwise_filter`) as tf.Tensor4D,
        stride,
        'same',
      ),
      get(`${prefix}/bias`),
    );
  // Each block halves the size; every later conv sees the relu of the sum of all earlier outputs.
  const denseBlock = (x: tf.Tensor4D, block: string, first: boolean): tf.Tensor4D => {
    const conv0 = first
      ? tf.add<tf.Tensor4D>(tf.conv2d(x, get(`${block}/conv0/filters`) as tf.Tensor4D, 2, 'same'), get(`${block}/conv0/bias`))
      : separable(x, `${block}/conv0`, 2);
    const outs = [tf.relu(conv0)];
    for (const conv of ['conv1', 'conv2', 'conv3']) {
      const input = outs.length === 1 ? outs[0]! : tf.relu(tf.addN(outs));
      outs.push(separable(input, `${block}/${conv}`, 1));
    }
    return tf.relu(tf.addN(outs));
  };
  const meanRgb = tf.tensor1d(MEAN_RGB);
  return {
    metadata: { name: 'face-api expression (face_expression_model)' },
    execute(input) {
      return tf.tidy(() => {
        let x = tf.div<tf.Tensor4D>(tf.sub(input as tf.Tensor4D, meanRgb), 255);
        BLOCKS.forEach((block, i) => (x = denseBlock(x, block, i === 0)));
        const pooled = tf.avgPool(x, 7, 2, 'valid');
        const features = tf.reshape<tf.Rank.R2>(pooled, [pooled.shape[0], -1]);
        return tf.softmax(tf.add(tf.matMul(features, get('fc/weights') as tf.Tensor2D), get('fc/bias')));
      });
    },
    dispose() {
      meanRgb.dispose();
      tf.dispose(weights);
    },
  };
}

/**
 * face-api's expression model as an {@link EmotionClassifier} (same batching, flip TTA and
 * input checks as ours), weights from the npm package cache.
 */
export async function createFaceApiExpressionClassifier(options: BackendOptions = {}): Promise<EmotionClassifier> {
  const manifest = resolveFaceApiExpressionModel();
  const selection = await selectBackend(options);
  const release = await claimBackend(selection);
  // Decoded (uint8 dequantized) on the selected backend, by the loader face-id uses for its own weights.
  const model = faceApiExpressionNet(await loadWeights(manifest, platform));
  const classifier = new EmotionClassifier({ model, spec: FACE_API_EXPRESSION_SPEC, source: manifest }, selection, {}, release);
  await classifier.warmUp();
  return classifier;
}
