import * as tf from '@tensorflow/tfjs-core';
import { createAnchors } from './anchors';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { decodeDetections, VALUES_PER_ANCHOR } from './decode';
import { FaceDetectError, InvalidOptionError, ModelLoadError } from './errors';
import { runDetector } from './infer';
import { assertFinite, toImageSource } from './input';
import { loadDetectorModel, type AssetPlatform } from './load';
import { MODEL_SPECS, type ModelSpec } from './models';
import { toFaces, weightedNms } from './postprocess';
import { letterbox, pixelsToModelInput, tensorToModelInput } from './preprocess';
import type { DetectOptions, FaceDetector, FaceDetectorOptions } from './types';

/** Default `maxFaces`: enough for group photos; the cost of a face after NMS is negligible. */
export const DEFAULT_MAX_FACES = 100;
/** Default IoU above which boxes merge, as in MediaPipe's face detection graph. */
export const DEFAULT_IOU_THRESHOLD = 0.3;

type Settings = Required<DetectOptions>;

function checkSettings(s: Settings): Settings {
  if (!(Number.isInteger(s.maxFaces) && s.maxFaces >= 1) && s.maxFaces !== Infinity) {
    throw new InvalidOptionError(`maxFaces must be a positive integer, got ${s.maxFaces}`);
  }
  if (!(s.minScore >= 0 && s.minScore <= 1)) throw new InvalidOptionError(`minScore must be in [0, 1], got ${s.minScore}`);
  if (!(s.iouThreshold >= 0 && s.iouThreshold <= 1)) {
    throw new InvalidOptionError(`iouThreshold must be in [0, 1], got ${s.iouThreshold}`);
  }
  return s;
}

/**
 * Runs the model once on a blank input: the backend compiles its kernels (or shaders) now rather
 * than on the first frame, and a self-hosted model with the wrong output layout fails here, clearly.
 */
async function warmUp(graph: GraphModel, spec: ModelSpec, anchors: Float32Array): Promise<void> {
  const expected = (anchors.length / 2) * VALUES_PER_ANCHOR;
  try {
    const raw = await runDetector(graph, tf.zeros([1, spec.inputSize, spec.inputSize, 3]), spec.outputNode);
    if (raw.length !== expected)
      throw new Error(`output ${spec.outputNode} has ${raw.length} values, expected ${expected} ([1, ${anchors.length / 2}, 17])`);
  } catch (error) {
    graph.dispose();
    throw new ModelLoadError(`as the ${spec.type}-range detector`, error);
  }
}

/** Builds a detector on a given asset platform; the public `createFaceDetector` of each entry point binds one. */
export async function createDetectorOn(options: FaceDetectorOptions, platform: AssetPlatform): Promise<FaceDetector> {
  const type = options.model ?? 'short';
  const spec = MODEL_SPECS[type];
  if (!spec) throw new InvalidOptionError(`model must be 'short' or 'full', got ${String(type)}`);
  const defaults = checkSettings({
    maxFaces: options.maxFaces ?? DEFAULT_MAX_FACES,
    minScore: options.minScore ?? spec.defaultMinScore,
    iouThreshold: options.iouThreshold ?? DEFAULT_IOU_THRESHOLD,
  });
  const graph = await loadDetectorModel(spec, options.modelUrl, platform);
  const anchors = createAnchors(spec.anchors);
  const size = spec.inputSize;
  await warmUp(graph, spec, anchors);
  // Reused for every ImageData-like frame; safe because the tensor made from it is disposed
  // synchronously inside runDetector before any later call can refill it.
  const inputBuffer = new Float32Array(size * size * 3);
  let disposed = false;

  return {
    model: type,
    async detect(input, overrides) {
      if (disposed) throw new FaceDetectError('This detector was disposed; create a new one.');
      const settings = overrides ? checkSettings({ ...defaults, ...overrides }) : defaults;
      const source = toImageSource(input);
      try {
        const box = letterbox(source.width, source.height, size);
        let modelInput: tf.Tensor4D;
        if (source.kind === 'pixels') {
          modelInput = tf.tensor4d(pixelsToModelInput(source.image, box, inputBuffer), [1, size, size, 3]);
        } else {
          await assertFinite(source.tensor);
          modelInput = tensorToModelInput(source.tensor, box);
        }
        const raw = await runDetector(graph, modelInput, spec.outputNode);
        const candidates = decodeDetections(raw, anchors, size, settings.minScore);
        return toFaces(weightedNms(candidates, settings.iouThreshold, settings.maxFaces), box, source.width, source.height);
      } finally {
        if (source.kind === 'tensor' && source.owned) source.tensor.dispose();
      }
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      graph.dispose();
    },
  };
}
