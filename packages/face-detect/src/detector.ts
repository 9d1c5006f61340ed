import * as tf from '@tensorflow/tfjs-core';
import { DisposedError, InvalidOptionError, loadGraph, ModelLoadError, platform, registryEntry } from '@moodtunes/vision-core';
import { createAnchors } from './anchors';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { decodeDetections, VALUES_PER_ANCHOR } from './decode';
import { runDetector } from './infer';
import { assertFinite, toImageSource } from './input';
import { DETECTOR_MODELS, type DetectorSpec } from './models';
import { toFaces, weightedNms } from './postprocess';
import { letterbox, pixelsToModelInput, tensorToModelInput } from './preprocess';
import type { DetectOptions, FaceDetector, FaceDetectorOptions, ModelType } from './types';

/** Default `maxFaces`: enough for group photos; the cost of a face after NMS is negligible. */
const DEFAULT_MAX_FACES = 100;
/** Default IoU above which boxes merge, as in MediaPipe's face detection graph. */
const DEFAULT_IOU_THRESHOLD = 0.3;

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
async function warmUp(graph: GraphModel, type: ModelType, spec: DetectorSpec, anchors: Float32Array): Promise<void> {
  const expected = (anchors.length / 2) * VALUES_PER_ANCHOR;
  try {
    const raw = await runDetector(graph, tf.zeros([1, spec.inputSize, spec.inputSize, 3]), spec.outputNode);
    if (raw.length !== expected)
      throw new Error(`output ${spec.outputNode} has ${raw.length} values, expected ${expected} ([1, ${anchors.length / 2}, 17])`);
  } catch (error) {
    graph.dispose();
    throw new ModelLoadError(`as the ${type}-range detector`, error);
  }
}

/**
 * Loads a face detector. The weights come from the package's `models/` folder (read with `fs` in
 * Node, fetched from the URLs your bundler resolves in browsers) and are checked against their
 * SHA-256 where `crypto.subtle` exists, or from `options.modelUrl`. Runs on the current tfjs
 * backend: register and select one first (`await tf.setBackend('wasm')`, `'webgl'`, `'webgpu'`).
 *
 * @throws {@link InvalidOptionError} for a bad option, {@link ModelLoadError} (or its subclass
 * {@link ModelIntegrityError}) when the model cannot be loaded.
 * @example
 * const detector = await createFaceDetector({ model: 'full', minScore: 0.6 });
 * const faces = await detector.detect({ data: rgba, width: 640, height: 480 });
 */
export async function createFaceDetector(options: FaceDetectorOptions = {}): Promise<FaceDetector> {
  const entry = registryEntry(DETECTOR_MODELS, options.model ?? 'short');
  const type = entry.name;
  const spec = entry.meta;
  const defaults = checkSettings({
    maxFaces: options.maxFaces ?? DEFAULT_MAX_FACES,
    minScore: options.minScore ?? spec.defaultMinScore,
    iouThreshold: options.iouThreshold ?? DEFAULT_IOU_THRESHOLD,
  });
  const graph = await loadGraph(options.modelUrl ?? { bundled: entry }, platform);
  const anchors = createAnchors(spec.anchors);
  const size = spec.inputSize;
  await warmUp(graph, type, spec, anchors);
  // Reused for every ImageData-like frame; safe because the tensor made from it is disposed
  // synchronously inside runDetector before any later call can refill it.
  const inputBuffer = new Float32Array(size * size * 3);
  let disposed = false;

  return {
    model: type,
    async detect(input, overrides) {
      if (disposed) throw new DisposedError('This face detector was disposed; create a new one.');
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
