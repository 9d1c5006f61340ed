import type { Tensor3D, io } from '@tensorflow/tfjs-core';
import type { BrowserImageSource, ImageDataLike } from '@moodtunes/vision-core';

export type { BrowserImageSource, ImageDataLike };

/** Which MediaPipe face detector to run: `short` (128 px input, faces within ~2 m) or `full` (192 px, up to ~5 m). */
export type ModelType = 'short' | 'full';

/**
 * Anything `detect` and `alignFaces` accept: an {@link ImageDataLike}, a `[height, width, 3|4]`
 * tensor with values in 0..255 (int32 or float32; a 4th channel is ignored), or, in browsers, an
 * element or bitmap.
 */
export type DetectorInput = ImageDataLike | Tensor3D | BrowserImageSource;

/** An axis-aligned rectangle in input pixels, origin top-left. */
export interface Box {
  /** Left edge, in pixels from the image's left. */
  x: number;
  /** Top edge, in pixels from the image's top. */
  y: number;
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
}

/** Names of the six BlazeFace keypoints, in model order. "Right" is the subject's right (image left in a frontal photo). */
export type KeypointName = 'rightEye' | 'leftEye' | 'noseTip' | 'mouthCenter' | 'rightEarTragion' | 'leftEarTragion';

/** One keypoint in input pixels. */
export interface Keypoint {
  /** Which keypoint this is. */
  name: KeypointName;
  /** Horizontal position in input pixels. */
  x: number;
  /** Vertical position in input pixels. */
  y: number;
}

/** One detected face. */
export interface Face {
  /** Face box in input pixels, clipped to the image. */
  box: Box;
  /** Detection confidence in 0..1 (sigmoid of the model logit, of the best box in its NMS cluster). */
  score: number;
  /** The six keypoints, always in {@link KeypointName} order; may lie outside the image. */
  keypoints: Keypoint[];
}

/** Options of {@link createFaceDetector}. */
export interface FaceDetectorOptions {
  /** `short` (default) for faces near the camera, `full` for smaller or farther faces. */
  model?: ModelType;
  /** Most faces returned per frame, best first. Default 100. */
  maxFaces?: number;
  /** Lowest score kept, 0..1. Default 0.5 (short) or 0.6 (full), MediaPipe's defaults. */
  minScore?: number;
  /** Boxes overlapping more than this IoU are merged (weighted NMS). Default 0.3. */
  iouThreshold?: number;
  /**
   * Self-hosted weights instead of the bundled ones: the URL (or, in Node, a path or `file:` URL)
   * of the graph model's `model.json`, with its weight files beside it as the manifest names
   * them, or a tfjs `IOHandler`. These weights are not hash-checked (they may be your own).
   */
  modelUrl?: string | URL | io.IOHandler;
}

/** Per-call overrides of the detector's options. */
export interface DetectOptions {
  /** Most faces returned for this frame (see {@link FaceDetectorOptions.maxFaces}). */
  maxFaces?: number;
  /** Lowest score kept for this frame (see {@link FaceDetectorOptions.minScore}). */
  minScore?: number;
  /** NMS overlap threshold for this frame (see {@link FaceDetectorOptions.iouThreshold}). */
  iouThreshold?: number;
}

/** A loaded detector. Holds the model and its reused tensors until {@link FaceDetector.dispose}. */
export interface FaceDetector {
  /** Which model this detector runs. */
  readonly model: ModelType;
  /** Finds faces, best score first. Rejects with a {@link FaceDetectError} subclass on bad input. */
  detect(input: DetectorInput, options?: DetectOptions): Promise<Face[]>;
  /** Frees the model weights. The detector must not be used afterwards. */
  dispose(): void;
}
