import type { Tensor3D, io } from '@tensorflow/tfjs-core';
import type { BrowserImageSource, ImageDataLike } from '@moodtunes/vision-core';

export type { BrowserImageSource, ImageDataLike };

/** A bundled BlazeFace network: `short` (128 px input, faces within ~2 m) or `full` (192 px, up to ~5 m). */
export type ModelType = 'short' | 'full';

/**
 * What {@link createFaceDetector} runs. `'auto'` (the default) loads both networks: photos get the
 * full-range scan (whole image, tiles for small faces, four rotations); video frames get the
 * short-range network with a full-range pass every few frames. `'short'` and `'full'` run one network.
 */
export type DetectorModel = ModelType | 'auto';

/** An in-plane rotation of the image in degrees, clockwise, that a pass looked at. */
export type Rotation = 0 | 90 | 180 | 270;

/**
 * How a call treats its input: `'still'` (a photo: every pass the detector is set up for) or
 * `'video'` (one frame of a stream: the cheap path, which follows the faces of earlier frames).
 */
export type DetectMode = 'still' | 'video';

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

/** Which pass of the detector found a face (of the passes merged into it, the one with the best score). */
export interface FacePass {
  /** The network: short or full range. */
  range: ModelType;
  /** How far the image was turned, clockwise, before the network saw it. */
  rotation: Rotation;
  /** The part of the input the pass saw, in input pixels; `null` for the whole input. */
  tile: Box | null;
}

/** One detected face. */
export interface Face {
  /** Face box in input pixels, clipped to the image. */
  box: Box;
  /** Detection confidence in 0..1 (sigmoid of the model logit, of the best box in its NMS cluster). */
  score: number;
  /** The six keypoints, always in {@link KeypointName} order; may lie outside the image. */
  keypoints: Keypoint[];
  /**
   * In-plane angle of the face in degrees, in (-180, 180]: the direction from the right eye to the
   * left eye, clockwise from the image's x axis. 0 is upright, 90 lies on its right side (top of
   * the head towards the image's right), 180 is upside down.
   */
  roll: number;
  /** How the face was found. */
  pass: FacePass;
}

/** Where a self-hosted model is: a `model.json` URL (in Node also a path or `file:` URL), or a tfjs `IOHandler`. */
export type ModelSource = string | URL | io.IOHandler;

/** Options of {@link createFaceDetector}. */
export interface FaceDetectorOptions {
  /** `'auto'` (default): photos and video; `'short'`: faces near the camera; `'full'`: smaller or farther faces. */
  model?: DetectorModel;
  /** Most faces returned per frame, best first. Default 100. */
  maxFaces?: number;
  /** Lowest score kept, 0..1. Default 0.5 (short) or 0.6 (full), MediaPipe's defaults, per network. */
  minScore?: number;
  /** Boxes overlapping more than this IoU are merged (weighted NMS). Default 0.3. */
  iouThreshold?: number;
  /**
   * Stills only: also scan the image in overlapping tiles at higher resolution, so that faces down
   * to {@link FaceDetectorOptions.minFaceSize} are found. Default `true` for `'auto'`, `false` otherwise.
   */
  tiles?: boolean;
  /**
   * Stills only: the rotations of the image to look at, so that faces turned in the image plane
   * (lying down, upside down, a phone held sideways) are found. Default `[0, 90, 180, 270]` for
   * `'auto'`, `[0]` otherwise. The network itself finds faces turned up to about 45 degrees.
   */
  rotations?: readonly Rotation[];
  /** Smallest face, long side in input pixels, that tiling aims for. Default 24. */
  minFaceSize?: number;
  /**
   * Inputs of this many pixels (width x height) or more are refused with {@link UnsupportedInputError},
   * before anything is allocated. Default 100,000,000 (100 megapixels).
   */
  pixelLimit?: number;
  /** `'auto'`, video mode: run the full-range network on the whole frame every this many frames. Default 15. */
  fullRangeEvery?: number;
  /**
   * Self-hosted weights instead of the bundled ones, for `'short'` or `'full'`: the URL (or, in
   * Node, a path or `file:` URL) of the graph model's `model.json`, with its weight files beside it
   * as the manifest names them, or a tfjs `IOHandler`. These weights are not hash-checked (they may be your own).
   */
  modelUrl?: ModelSource;
  /** Self-hosted weights for `'auto'`, per network (see {@link FaceDetectorOptions.modelUrl}); a network not named here is bundled. */
  modelUrls?: Partial<Record<ModelType, ModelSource>>;
}

/** Per-call overrides of the detector's options. An `undefined` value means the detector's own setting. */
export interface DetectOptions {
  /** Most faces returned for this frame (see {@link FaceDetectorOptions.maxFaces}). */
  maxFaces?: number;
  /** Lowest score kept for this frame (see {@link FaceDetectorOptions.minScore}). */
  minScore?: number;
  /** NMS overlap threshold for this frame (see {@link FaceDetectorOptions.iouThreshold}). */
  iouThreshold?: number;
  /** `'still'` or `'video'`. Default: `'video'` for an `HTMLVideoElement`, `'still'` for everything else. */
  mode?: DetectMode;
}

/** A loaded detector. Holds the networks until {@link FaceDetector.dispose}. */
export interface FaceDetector {
  /** What this detector runs: `'auto'`, `'short'` or `'full'`. */
  readonly model: DetectorModel;
  /** Inputs of this many pixels or more are refused (see {@link FaceDetectorOptions.pixelLimit}). */
  readonly pixelLimit: number;
  /**
   * Finds faces, best score first. In video mode the detector follows the faces of the previous
   * video call, so use one detector per stream. Rejects with a {@link FaceDetectError} subclass on bad input.
   */
  detect(input: DetectorInput, options?: DetectOptions): Promise<Face[]>;
  /** Frees the model weights. The detector must not be used afterwards. */
  dispose(): void;
}
