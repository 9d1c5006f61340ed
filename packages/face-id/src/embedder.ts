import * as tf from '@tensorflow/tfjs-core';
import { alignFaces, type AlignableFace, type DetectorInput } from '@moodtunes/face-detect';
import { DisposedError, InvalidInputError, InvalidOptionError, loadWeights, platform, describeSource } from '@moodtunes/vision-core';
import { EMBEDDING_MODELS, type EmbeddingSpec } from './models';
import { embeddingNet, type EmbeddingNet } from './network';

/** Options of {@link createFaceEmbedder}. */
export interface FaceEmbedderOptions {
  /**
   * Self-hosted weights instead of the bundled ones: the URL (in Node also a path or `file:` URL)
   * of a weights manifest of the same network, with its .bin beside it. Not hash-checked.
   */
  modelUrl?: string | URL;
  /**
   * Context around the face when it is cut out, as a fraction of the face size on each side
   * (face-detect's `alignFaces` margin). Default {@link DEFAULT_EMBED_MARGIN}.
   */
  margin?: number;
  /** Most faces sent to the network in one batch; more are split. Default 16. */
  maxBatch?: number;
}

/**
 * Default crop margin: the best of 0, 0.05, 0.1, 0.15, 0.2 and 0.3 on the verification ROC over the
 * shared photos (`pnpm --filter @moodtunes/face-id eval`, see the README).
 */
export const DEFAULT_EMBED_MARGIN = 0.1;

/**
 * Loads the face embedding network (bundled: dlib's ResNet, 128-d) on the current tfjs backend;
 * register and select one first, as for face-detect.
 *
 * @throws {@link InvalidOptionError} for a bad option; `ModelIntegrityError` or `ModelLoadError` when the weights cannot be read.
 */
export async function createFaceEmbedder(options: FaceEmbedderOptions = {}): Promise<FaceEmbedder> {
  const { margin = DEFAULT_EMBED_MARGIN, maxBatch = 16 } = options;
  if (typeof margin !== 'number' || !(margin > -0.5 && margin < 2)) {
    throw new InvalidOptionError(`margin must be a number above -0.5 and below 2, got ${String(margin)}`);
  }
  if (!(Number.isInteger(maxBatch) && maxBatch >= 1))
    throw new InvalidOptionError(`maxBatch must be a positive integer, got ${String(maxBatch)}`);
  const entry = EMBEDDING_MODELS['dlib-resnet'];
  const source = options.modelUrl ?? { bundled: entry };
  const weights = await loadWeights(source, platform);
  let net: EmbeddingNet;
  try {
    net = embeddingNet(weights);
  } catch (error) {
    tf.dispose(weights);
    throw new InvalidOptionError(`${describeSource(source, platform)} is not this network's weights: ${(error as Error).message}`);
  }
  const embedder = new FaceEmbedder(net, entry.meta, describeSource(source, platform).replace(/^from /, ''), margin, maxBatch);
  embedder.warmUp();
  return embedder;
}

/** A loaded face embedding network. Create it with {@link createFaceEmbedder}; free it with `dispose()`. */
export class FaceEmbedder {
  /** Input size, embedding length and default threshold of the network. */
  readonly spec: EmbeddingSpec;
  /** Where the weights were loaded from. */
  readonly modelSource: string;
  /** Crop margin used by {@link FaceEmbedder.embed}. */
  readonly margin: number;
  private readonly net: EmbeddingNet;
  private readonly maxBatch: number;
  private disposed = false;

  /** @internal Use {@link createFaceEmbedder}. */
  constructor(net: EmbeddingNet, spec: EmbeddingSpec, modelSource: string, margin: number, maxBatch: number) {
    this.net = net;
    this.spec = spec;
    this.modelSource = modelSource;
    this.margin = margin;
    this.maxBatch = maxBatch;
  }

  /**
   * Embeds the given faces of an image (face-detect `Face`s, or anything with their keypoints):
   * each is cut out level-eyed at the network's input size, in colour, then embedded.
   *
   * @throws `InvalidInputError` and the other input errors of face-detect for an unusable image, `DisposedError` after `dispose()`.
   */
  async embed(image: DetectorInput, faces: readonly AlignableFace[]): Promise<Float32Array[]> {
    this.assertLive();
    if (faces.length === 0) return [];
    const crops = alignFaces(image, faces, { size: this.spec.inputSize, grayscale: false, margin: this.margin, scale: '0..255' });
    try {
      return await this.embedCrops(crops);
    } finally {
      crops.dispose();
    }
  }

  /**
   * Embeds face crops already cut out: `[n, 150, 150, 3]`, RGB, values 0..255 (the caller keeps
   * and disposes the tensor).
   */
  async embedCrops(crops: tf.Tensor4D): Promise<Float32Array[]> {
    this.assertLive();
    const size = this.spec.inputSize;
    if (!(crops instanceof tf.Tensor) || crops.rank !== 4 || crops.shape[1] !== size || crops.shape[2] !== size || crops.shape[3] !== 3) {
      throw new InvalidInputError(
        `embedCrops: expected a [n, ${size}, ${size}, 3] tensor, got ${crops instanceof tf.Tensor ? `[${crops.shape.join(', ')}]` : typeof crops}`,
      );
    }
    const out: Float32Array[] = [];
    const count = crops.shape[0];
    for (let start = 0; start < count; start += this.maxBatch) {
      const n = Math.min(this.maxBatch, count - start);
      const embeddings = tf.tidy(() => this.net.execute(tf.slice(crops, [start, 0, 0, 0], [n, -1, -1, -1])));
      try {
        const values = await embeddings.data<'float32'>();
        for (let i = 0; i < n; i++) out.push(values.slice(i * this.spec.dimensions, (i + 1) * this.spec.dimensions));
      } finally {
        embeddings.dispose();
      }
      this.assertLive();
    }
    return out;
  }

  /** @internal Runs the network once so kernels compile at load time. */
  warmUp(): void {
    tf.tidy(() => this.net.execute(tf.zeros([1, this.spec.inputSize, this.spec.inputSize, 3]))).dispose();
  }

  /** True after {@link FaceEmbedder.dispose}. */
  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Frees the weights. Calls in flight reject with `DisposedError`. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.net.dispose();
  }

  private assertLive(): void {
    if (this.disposed) throw new DisposedError('The face embedder has been disposed');
  }
}
