import * as tf from '@tensorflow/tfjs-core';
import { assertActiveBackend, claimBackend, selectBackend, type BackendName, type BackendOptions, type BackendSelection } from './backend';
import { DisposedError, InvalidInputError, InvalidOptionError } from './errors';
import { assertFiniteTensor, type InputScale } from '@moodtunes/vision-core';
import { isUniformPixelBatch, pixelsToGrayBatch, toGrayTensor, type FaceImage } from './input';
import { runClassifier } from './infer';
import { loadEmotionModel, type LoadedModel } from './load';
import type { BundledModel, ModelSpec } from './model-spec';
import { toPredictions } from './postprocess';
import { prepareBatch } from './preprocess';
import type { EmotionPrediction, PixelData } from './types';

/** Options of {@link createEmotionClassifier}. */
export interface EmotionClassifierOptions extends BackendOptions {
  /**
   * Which bundled model to load when no `modelUrl` is given: `'accurate'` (FerNet-S, default) or
   * `'fast'` (FerNet-T: faster than the mini-Xception baseline, less accurate than FerNet-S).
   */
  model?: BundledModel;
  /**
   * Self-hosted model: URL of a tfjs graph model's `model.json` (in Node also a path or `file:`
   * URL). Default: the FER2013 model shipped in this package, loaded without network.
   */
  modelUrl?: string | URL;
  /** Overrides the input size, channels, scale or class order read from the model's metadata. */
  modelSpec?: Partial<ModelSpec>;
  /** Flip test-time augmentation by default (mean of the face and its mirror image). Default false. */
  flip?: boolean;
  /** Most faces sent to the model in one batch; larger inputs are split. Default 64. */
  maxBatch?: number;
}

/** Per-call options of {@link EmotionClassifier.classify}. */
export interface ClassifyOptions {
  /** Flip test-time augmentation for this call (overrides the classifier's default). */
  flip?: boolean;
}

/**
 * Loads the emotion model on the best backend (see {@link selectBackend}) and returns a
 * classifier for already-cropped faces.
 *
 * @throws {@link InvalidOptionError} for a bad option; {@link BackendInitError} when no backend starts, or when live
 * models run on another backend (tfjs runs one per process or page); {@link ModelLoadError}.
 */
export async function createEmotionClassifier(options: EmotionClassifierOptions = {}): Promise<EmotionClassifier> {
  checkClassifierOptions(options);
  const selection = await selectBackend(options);
  const release = await claimBackend(selection);
  let classifier: EmotionClassifier | undefined;
  try {
    const loaded = await loadEmotionModel(options.modelUrl, options.modelSpec, options.model);
    classifier = new EmotionClassifier(loaded, selection, options, release);
    await classifier.warmUp();
    return classifier;
  } catch (error) {
    if (classifier) classifier.dispose();
    else release();
    throw error;
  }
}

function checkClassifierOptions(options: EmotionClassifierOptions): void {
  const { maxBatch, flip } = options;
  if (maxBatch !== undefined && !(Number.isInteger(maxBatch) && maxBatch >= 1)) {
    throw new InvalidOptionError(`maxBatch must be a positive integer, got ${String(maxBatch)}`);
  }
  if (flip !== undefined && typeof flip !== 'boolean') throw new InvalidOptionError(`flip must be true or false, got ${String(flip)}`);
}

/** A loaded emotion classifier. Create it with {@link createEmotionClassifier}; free it with `dispose()`. */
export class EmotionClassifier {
  /** The backend the model runs on. */
  readonly backend: BackendName;
  /** The backend and why it was chosen. */
  readonly backendSelection: BackendSelection;
  /** Input size, channels, scale and class order of the loaded model. */
  readonly spec: ModelSpec;
  /** Where the model was loaded from. */
  readonly modelSource: string;
  /**
   * The model's `userDefinedMetadata`: for the bundled models `name`, `parameters`,
   * `publicTestAccuracy` and `publicTestAccuracyFlipTTA`, besides the input spec.
   */
  readonly metadata: Readonly<Record<string, unknown>>;
  private readonly loaded: LoadedModel;
  private readonly flip: boolean;
  private readonly maxBatch: number;
  private readonly release: () => void;
  private disposed = false;

  /** @internal Use {@link createEmotionClassifier}. */
  constructor(loaded: LoadedModel, selection: BackendSelection, options: EmotionClassifierOptions, release: () => void = () => {}) {
    this.loaded = loaded;
    this.spec = loaded.spec;
    this.modelSource = loaded.source;
    const metadata = loaded.model.metadata;
    this.metadata = Object.freeze(typeof metadata === 'object' && metadata !== null ? { ...(metadata as Record<string, unknown>) } : {});
    this.backendSelection = selection;
    this.backend = selection.backend;
    this.flip = options.flip ?? false;
    this.maxBatch = options.maxBatch ?? 64;
    this.release = release;
  }

  /**
   * Classifies already-cropped faces, all of them in batches. Each face should be framed like
   * a FER2013 image (see the face-detect align step); any size is resized to the model input.
   *
   * @throws {@link InvalidInputError} for an unusable image, {@link DisposedError} after `dispose()`.
   */
  async classify(faces: readonly FaceImage[], options: ClassifyOptions = {}): Promise<EmotionPrediction[]> {
    this.assertLive();
    // Not Array.isArray: it would narrow `faces` to any[].
    if (!(faces instanceof Array)) throw new InvalidInputError('classify: expected an array of face images');
    if (isUniformPixelBatch(faces)) {
      const batch = pixelsToGrayBatch(faces as readonly PixelData[]);
      try {
        return await this.classifyGray(batch, options.flip);
      } finally {
        batch.dispose();
      }
    }
    const gray: tf.Tensor3D[] = [];
    try {
      // Pushed one by one so a bad face half-way through does not leak the ones before it.
      for (const face of faces) gray.push(toGrayTensor(face));
      for (const [i, face] of faces.entries()) {
        if (face instanceof tf.Tensor && face.dtype === 'float32') await assertFiniteTensor(gray[i] as tf.Tensor, `face image ${i}`);
      }
      return await this.classifyGray(gray, options.flip);
    } finally {
      tf.dispose(gray);
    }
  }

  /**
   * @internal Classifies gray faces (a list of `[h, w, 1]` or one `[n, h, w, 1]` batch) with values
   * in `scale` that the caller owns and disposes.
   */
  async classifyGray(
    faces: readonly tf.Tensor3D[] | tf.Tensor4D,
    flip = this.flip,
    scale: InputScale = '0..255',
  ): Promise<EmotionPrediction[]> {
    this.assertLive();
    assertActiveBackend(this.backend);
    const results: EmotionPrediction[] = [];
    const count = faces instanceof tf.Tensor ? (faces.shape[0] ?? 0) : faces.length;
    for (let start = 0; start < count; start += this.maxBatch) {
      const end = Math.min(count, start + this.maxBatch);
      const probs = tf.tidy(() => {
        const chunk = faces instanceof tf.Tensor ? tf.slice(faces, [start, 0, 0, 0], [end - start, -1, -1, -1]) : faces.slice(start, end);
        return runClassifier(this.loaded.model, prepareBatch(chunk, this.spec, flip, scale), flip);
      });
      try {
        const values = await probs.data();
        results.push(...toPredictions(values, this.spec.classes));
      } finally {
        probs.dispose();
      }
      this.assertLive();
    }
    return results;
  }

  /** @internal Runs the model once so shader compilation and allocation happen at load time. */
  async warmUp(): Promise<void> {
    const blank = tf.zeros<tf.Rank.R3>([this.spec.inputSize, this.spec.inputSize, 1]);
    try {
      await this.classifyGray([blank], false);
    } finally {
      blank.dispose();
    }
  }

  /** True after {@link EmotionClassifier.dispose}. */
  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Frees the model weights. Calls in flight reject with {@link DisposedError}. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.loaded.model.dispose();
    this.release();
  }

  private assertLive(): void {
    if (this.disposed) throw new DisposedError('The emotion classifier has been disposed');
  }
}
