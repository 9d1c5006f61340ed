import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { DisposedError, InvalidOptionError, loadGraph, ModelLoadError, platform, registryEntry } from '@moodtunes/vision-core';
import { createAnchors } from './anchors';
import { VALUES_PER_ANCHOR } from './decode';
import { runDetector } from './infer';
import { assertFinite, DEFAULT_PIXEL_LIMIT, toImageSource } from './input';
import { DETECTOR_MODELS } from './models';
import { toFaces } from './postprocess';
import { BATCH, scanStill, scanVideo, type Network, type ScanSettings, type StillPlan, type VideoState } from './scan';
import type {
  DetectMode,
  DetectOptions,
  DetectorInput,
  DetectorModel,
  FaceDetector,
  FaceDetectorOptions,
  ModelSource,
  ModelType,
  Rotation,
} from './types';

/** Default `maxFaces`: enough for group photos; the cost of a face after NMS is negligible. */
const DEFAULT_MAX_FACES = 100;
/** Default IoU above which boxes merge, as in MediaPipe's face detection graph. */
const DEFAULT_IOU_THRESHOLD = 0.3;
/** Default smallest face that tiling aims for, long side in input pixels. */
const DEFAULT_MIN_FACE_SIZE = 24;
/** Default video-mode period of the full-range pass (`'auto'`): about 0.75 s at 20 frames/s. */
const DEFAULT_FULL_RANGE_EVERY = 15;
const ALL_ROTATIONS: readonly Rotation[] = [0, 90, 180, 270];
const MODELS: readonly DetectorModel[] = ['auto', 'short', 'full'];
const MODES: readonly DetectMode[] = ['still', 'video'];

function checkSettings(s: ScanSettings): ScanSettings {
  if (!(Number.isInteger(s.maxFaces) && s.maxFaces >= 1) && s.maxFaces !== Infinity) {
    throw new InvalidOptionError(`maxFaces must be a positive integer, got ${s.maxFaces}`);
  }
  if (s.minScore !== undefined && !(s.minScore >= 0 && s.minScore <= 1)) {
    throw new InvalidOptionError(`minScore must be in [0, 1], got ${s.minScore}`);
  }
  if (!(s.iouThreshold >= 0 && s.iouThreshold <= 1)) {
    throw new InvalidOptionError(`iouThreshold must be in [0, 1], got ${s.iouThreshold}`);
  }
  return s;
}

/** Per-call overrides on top of the detector's settings; an `undefined` value keeps the detector's own. */
function withOverrides(defaults: ScanSettings, overrides: DetectOptions): ScanSettings {
  return checkSettings({
    maxFaces: overrides.maxFaces ?? defaults.maxFaces,
    minScore: overrides.minScore ?? defaults.minScore,
    iouThreshold: overrides.iouThreshold ?? defaults.iouThreshold,
  });
}

function checkPlan(options: FaceDetectorOptions, model: DetectorModel): StillPlan & { pixelLimit: number; fullRangeEvery: number } {
  const auto = model === 'auto';
  const tiles = options.tiles ?? auto;
  if (typeof tiles !== 'boolean') throw new InvalidOptionError(`tiles must be true or false, got ${String(tiles)}`);
  const list: unknown = options.rotations ?? (auto ? ALL_ROTATIONS : [0]);
  if (
    !Array.isArray(list) ||
    list.length === 0 ||
    !list.every((r: unknown) => ALL_ROTATIONS.includes(r as Rotation)) ||
    new Set(list).size !== list.length
  ) {
    throw new InvalidOptionError(`rotations must be a non-empty list of distinct values out of 0, 90, 180, 270, got ${String(list)}`);
  }
  const rotations = list as Rotation[];
  const minFaceSize = options.minFaceSize ?? DEFAULT_MIN_FACE_SIZE;
  if (!(minFaceSize >= 4 && minFaceSize < Infinity))
    throw new InvalidOptionError(`minFaceSize must be a number of pixels >= 4, got ${minFaceSize}`);
  const pixelLimit = options.pixelLimit ?? DEFAULT_PIXEL_LIMIT;
  if (!(pixelLimit >= 1)) throw new InvalidOptionError(`pixelLimit must be a positive number of pixels, got ${pixelLimit}`);
  const fullRangeEvery = options.fullRangeEvery ?? DEFAULT_FULL_RANGE_EVERY;
  if (!(Number.isInteger(fullRangeEvery) && fullRangeEvery >= 1)) {
    throw new InvalidOptionError(`fullRangeEvery must be a positive integer, got ${fullRangeEvery}`);
  }
  return { tiles, rotations, minFaceSize, pixelLimit, fullRangeEvery };
}

/** Which self-hosted source (if any) each network loads from; a bundled network is hash-checked. */
function modelSources(options: FaceDetectorOptions, model: DetectorModel): Partial<Record<ModelType, ModelSource>> {
  if (model === 'auto') {
    if (options.modelUrl !== undefined)
      throw new InvalidOptionError("modelUrl takes one network: with model 'auto', pass modelUrls: { short, full }");
    const urls = options.modelUrls ?? {};
    const unknown = Object.keys(urls).filter((k) => k !== 'short' && k !== 'full');
    if (unknown.length > 0) throw new InvalidOptionError(`modelUrls takes the keys short and full, got ${unknown.join(', ')}`);
    return urls;
  }
  if (options.modelUrls !== undefined) throw new InvalidOptionError(`modelUrls is for model 'auto'; with model '${model}', pass modelUrl`);
  return options.modelUrl !== undefined ? { [model]: options.modelUrl } : {};
}

/**
 * Runs the model once on a blank input: the backend compiles its kernels (or shaders) now rather
 * than on the first frame, and a self-hosted model with the wrong output layout fails here, clearly.
 */
async function warmUp(graph: GraphModel, net: Omit<Network, 'graph'>): Promise<void> {
  const { spec, anchors, range } = net;
  const expected = (anchors.length / 2) * VALUES_PER_ANCHOR;
  try {
    const raw = await runDetector(graph, tf.zeros([1, spec.inputSize, spec.inputSize, 3]), spec.outputNode);
    if (raw.length !== expected)
      throw new Error(`output ${spec.outputNode} has ${raw.length} values, expected ${expected} ([1, ${anchors.length / 2}, 17])`);
  } catch (error) {
    graph.dispose();
    throw new ModelLoadError(`as the ${range}-range detector`, error);
  }
}

async function loadNetwork(range: ModelType, source: ModelSource | undefined): Promise<Network> {
  const entry = registryEntry(DETECTOR_MODELS, range);
  const spec = entry.meta;
  const graph = await loadGraph(source ?? { bundled: entry }, platform);
  const net = { range, spec, anchors: createAnchors(spec.anchors), buffer: new Float32Array(BATCH * spec.inputSize * spec.inputSize * 3) };
  await warmUp(graph, net);
  return { ...net, graph };
}

function isVideo(input: DetectorInput): boolean {
  const Video = (globalThis as { HTMLVideoElement?: abstract new () => HTMLVideoElement }).HTMLVideoElement;
  return Video !== undefined && input instanceof Video;
}

/**
 * Loads a face detector. The weights come from the package's `models/` folder (read with `fs` in
 * Node, fetched from the URLs your bundler resolves in browsers) and are checked against their
 * SHA-256 where `crypto.subtle` exists, or from `options.modelUrl` / `modelUrls`. Runs on the
 * current tfjs backend: register and select one first (`await tf.setBackend('wasm')`, `'webgl'`, `'webgpu'`).
 *
 * The default, `model: 'auto'`, serves photos and video: a still image gets the full-range
 * network on the whole image at four rotations and on tiles for small faces; a video frame
 * (`mode: 'video'`, the default for an `HTMLVideoElement`) gets the short-range network, with the
 * full-range one every `fullRangeEvery` frames, following the faces it found.
 *
 * @throws {@link InvalidOptionError} for a bad option (before anything is loaded), {@link ModelLoadError}
 * (or its subclass {@link ModelIntegrityError}) when a model cannot be loaded.
 * @example
 * const detector = await createFaceDetector();
 * const faces = await detector.detect({ data: rgba, width: 1500, height: 1000 });
 * console.log(faces.map((f) => [f.box, f.roll, f.pass]));
 */
export async function createFaceDetector(options: FaceDetectorOptions = {}): Promise<FaceDetector> {
  const model = options.model ?? 'auto';
  if (!MODELS.includes(model)) throw new InvalidOptionError(`model must be one of ${MODELS.join(', ')}, got ${String(model)}`);
  const defaults = checkSettings({
    maxFaces: options.maxFaces ?? DEFAULT_MAX_FACES,
    minScore: options.minScore,
    iouThreshold: options.iouThreshold ?? DEFAULT_IOU_THRESHOLD,
  });
  const plan = checkPlan(options, model);
  const sources = modelSources(options, model);
  const ranges: ModelType[] = model === 'auto' ? ['short', 'full'] : [model];
  const loaded = await Promise.allSettled(ranges.map((range) => loadNetwork(range, sources[range])));
  const nets = loaded.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = loaded.find((r) => r.status === 'rejected');
  if (failed) {
    for (const net of nets) net.graph.dispose();
    throw failed.reason;
  }
  const [first, second] = nets as [Network, Network | undefined];
  const video: VideoState = { width: 0, height: 0, frames: 0, faces: [] };
  let disposed = false;

  return {
    model,
    pixelLimit: plan.pixelLimit,
    async detect(input, overrides = {}) {
      if (disposed) throw new DisposedError('This face detector was disposed; create a new one.');
      const settings = withOverrides(defaults, overrides);
      const mode = overrides.mode ?? (isVideo(input) ? 'video' : 'still');
      if (!MODES.includes(mode)) throw new InvalidOptionError(`mode must be 'still' or 'video', got ${String(mode)}`);
      const source = toImageSource(input, plan.pixelLimit);
      try {
        if (source.kind === 'tensor') await assertFinite(source.tensor);
        let found;
        if (second) {
          found =
            mode === 'video'
              ? await scanVideo(first, second, source, video, plan.fullRangeEvery, settings)
              : await scanStill(second, first, source, plan, settings);
        } else {
          // One network in video mode: one look at the whole frame, as fast as a frame can be.
          found = await scanStill(first, first, source, mode === 'video' ? { ...plan, tiles: false, rotations: [0] } : plan, settings);
        }
        return toFaces(found, source.width, source.height);
      } catch (error) {
        // A call in flight when dispose() freed the weights fails inside tfjs; say why instead.
        if (disposed) throw new DisposedError('This face detector was disposed during the call.', { cause: error });
        throw error;
      } finally {
        if (source.kind === 'tensor' && source.owned) source.tensor.dispose();
      }
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const net of nets) net.graph.dispose();
    },
  };
}
