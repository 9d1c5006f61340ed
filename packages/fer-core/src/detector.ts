import * as tf from '@tensorflow/tfjs-core';
import {
  alignFaces,
  assertPixelLimit,
  createFaceDetector,
  FER2013_FRAMING,
  type DetectMode,
  type DetectorInput,
  type Face,
  type FaceDetector,
  type FaceDetectorOptions,
} from '@moodtunes/face-detect';
import { DisposedError, InvalidOptionError, isBrowserImage, readBrowserPixels } from '@moodtunes/vision-core';
import type { BackendName, BackendSelection } from './backend';
import { createEmotionClassifier, type ClassifyOptions, type EmotionClassifier, type EmotionClassifierOptions } from './classifier';
import type { FaceImage } from './input';
import type { EmotionPrediction, FaceEmotion } from './types';

/**
 * A camera frame or photo: RGBA `{data, width, height}` (e.g. `ImageData`), a
 * `[height, width, 3|4]` tensor with values in 0..255, or, in browsers, an image, video,
 * canvas or bitmap.
 */
export type FrameImage = DetectorInput;

/** Options of {@link createEmotionDetector}. */
export interface EmotionDetectorOptions extends EmotionClassifierOptions {
  /**
   * Options of the `@moodtunes/face-detect` detector: `model` (`'auto'`, the default, for photos and
   * video; `'short'`; `'full'`), `tiles`, `rotations`, `minFaceSize`, `maxFaces`, `minScore`,
   * `iouThreshold`, `pixelLimit`, `fullRangeEvery`, `modelUrl` / `modelUrls`. Checked at creation.
   */
  faceDetector?: FaceDetectorOptions;
  /**
   * Context around the face in the crop, as a fraction of the face size per side. The default
   * (face-detect's `FER2013_FRAMING.margin`) frames crops like FER2013 images; keep it for the bundled model.
   */
  cropMargin?: number;
}

/** Per-call options of {@link EmotionDetector.detect} and `detectEmotion`. An `undefined` value means the default. */
export interface DetectEmotionOptions extends ClassifyOptions {
  /** Most faces to classify, best detection score first. */
  maxFaces?: number;
  /** Lowest face-detection score kept, 0..1. */
  minFaceScore?: number;
  /**
   * `'still'` (a photo: with the default face detector, every face, small or turned) or `'video'`
   * (a frame of a stream: the fast path, which follows the faces of earlier frames). Default:
   * `'video'` for an `HTMLVideoElement`, `'still'` for everything else; pass `'video'` for frames
   * you grab yourself (ImageData, canvas, tensors).
   */
  mode?: DetectMode;
}

function checkCropMargin(margin: number | undefined): number | undefined {
  if (margin === undefined) return undefined;
  // Beyond -0.5 the crop would have no size; NaN would make every crop fail later.
  if (typeof margin !== 'number' || !(margin > -0.5 && margin < Infinity)) {
    throw new InvalidOptionError(
      `cropMargin must be a number greater than -0.5 (default ${FER2013_FRAMING.margin.toFixed(3)}), got ${String(margin)}`,
    );
  }
  return margin;
}

function isVideo(image: FrameImage): boolean {
  const Video = (globalThis as { HTMLVideoElement?: abstract new () => HTMLVideoElement }).HTMLVideoElement;
  return Video !== undefined && image instanceof Video;
}

/**
 * Loads the face detector and the emotion model on the best backend (see {@link selectBackend}).
 * The face detector is face-detect's default, `'auto'`: photos get every clear face, small or
 * turned; video frames get the fast path (see {@link DetectEmotionOptions.mode}).
 *
 * @throws {@link InvalidOptionError} for a bad option (`cropMargin`, any `faceDetector` option, a
 * classifier option), {@link BackendInitError} or {@link ModelLoadError}.
 * @example
 * const detector = await createEmotionDetector();
 * const faces = await detector.detect(imageData);
 * console.log(detector.backend, faces[0]?.emotion, faces[0]?.confidence);
 * detector.dispose();
 */
export async function createEmotionDetector(options: EmotionDetectorOptions = {}): Promise<EmotionDetector> {
  const cropMargin = checkCropMargin(options.cropMargin);
  const classifier = await createEmotionClassifier(options);
  let faceDetector: FaceDetector;
  try {
    faceDetector = await createFaceDetector(options.faceDetector);
  } catch (error) {
    classifier.dispose();
    throw error;
  }
  return new EmotionDetector(classifier, faceDetector, cropMargin);
}

/** Faces and their emotions in a frame. Create it with {@link createEmotionDetector}; free it with `dispose()`. */
export class EmotionDetector {
  /** The backend both models run on. */
  readonly backend: BackendName;
  /** The backend and why it was chosen. */
  readonly backendSelection: BackendSelection;
  /** The emotion classifier inside (for already-cropped faces). */
  readonly classifier: EmotionClassifier;
  private readonly faceDetector: FaceDetector;
  private readonly cropMargin: number | undefined;
  private disposed = false;

  /** @internal Use {@link createEmotionDetector}. */
  constructor(classifier: EmotionClassifier, faceDetector: FaceDetector, cropMargin?: number) {
    this.classifier = classifier;
    this.faceDetector = faceDetector;
    this.cropMargin = cropMargin;
    this.backend = classifier.backend;
    this.backendSelection = classifier.backendSelection;
  }

  /**
   * Finds the faces in a frame and classifies all of them in one batch. Results are ordered by
   * detection score, best first; an image without faces gives `[]`. Each face says how it was
   * found (`roll`, `pass`); a turned face is cut out upright before it is classified.
   *
   * @throws {@link InvalidInputError} for an unusable frame (including one of the face detector's
   * `pixelLimit` or more, refused before it is read), {@link InvalidOptionError} for a bad option,
   * {@link DisposedError} after `dispose()`.
   */
  async detect(image: FrameImage, options: DetectEmotionOptions = {}): Promise<FaceEmotion[]> {
    this.assertLive();
    const overrides = {
      maxFaces: options.maxFaces,
      minScore: options.minFaceScore,
      mode: options.mode ?? (isVideo(image) ? 'video' : 'still'),
    };
    assertPixelLimit(image, this.faceDetector.pixelLimit);
    // A video or canvas may change between two reads: read it once, detect and crop from that.
    const frame = isBrowserImage(image) ? readBrowserPixels(image) : image;
    let crops: tf.Tensor4D;
    let faces: Face[];
    const { inputSize, scale } = this.classifier.spec;
    try {
      faces = await this.faceDetector.detect(frame, overrides);
      if (faces.length === 0) return [];
      this.assertLive();
      const margin = this.cropMargin !== undefined ? { margin: this.cropMargin } : {};
      crops = alignFaces(frame, faces, { size: inputSize, grayscale: true, scale, ...margin });
    } finally {
      if (frame !== image) (frame as tf.Tensor).dispose();
    }
    try {
      const predictions = await this.classifier.classifyGray(crops, options.flip, scale);
      return faces.map((face, i) => ({
        box: face.box,
        faceScore: face.score,
        keypoints: face.keypoints,
        roll: face.roll,
        pass: face.pass,
        ...(predictions[i] as EmotionPrediction),
      }));
    } finally {
      crops.dispose();
    }
  }

  /**
   * Classifies one already-cropped face (framed like FER2013; any size, gray or colour).
   *
   * @throws {@link InvalidInputError} for an unusable image, {@link DisposedError} after `dispose()`.
   */
  async classifyFace(face: FaceImage, options: ClassifyOptions = {}): Promise<EmotionPrediction> {
    this.assertLive();
    const [prediction] = await this.classifier.classify([face], options);
    return prediction as EmotionPrediction;
  }

  /** True after {@link EmotionDetector.dispose}. */
  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Frees both models. Calls in flight reject with {@link DisposedError}. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.classifier.dispose();
    this.faceDetector.dispose();
  }

  private assertLive(): void {
    if (this.disposed) throw new DisposedError('The emotion detector has been disposed');
  }
}
