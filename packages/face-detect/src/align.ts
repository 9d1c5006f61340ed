import * as tf from '@tensorflow/tfjs-core';
import { grayTensor, INPUT_SCALES, InvalidInputError, InvalidOptionError, rescale, type InputScale } from '@moodtunes/vision-core';
import { toImageSource, type ImageSource } from './input';
import type { DetectorInput, Face } from './types';

/** What alignment reads of a face: its keypoints (a {@link Face} from `detect` fits). */
export type AlignableFace = Pick<Face, 'keypoints'>;

/** Options of {@link alignFaces} and {@link faceAlignment}. */
export interface AlignOptions {
  /** Output side in pixels. Default 48 (FER2013). */
  size?: number;
  /** One gray channel (ITU-R BT.601 luma: 0.299 R + 0.587 G + 0.114 B) or three RGB channels. Default `true`. */
  grayscale?: boolean;
  /**
   * Context added around the face square, as a fraction of the face size on each side. The
   * default, 0.067, reproduces FER2013's framing (see {@link FER2013_FRAMING}); 0.3 or more
   * shows the whole head; negative values crop tighter.
   */
  margin?: number;
  /**
   * Value range of the crops: `'0..1'` (default), `'-1..1'` or `'0..255'`. Pass the range your
   * model reads (fer-core passes its classifier's), so nothing rescales the crops again.
   */
  scale?: InputScale;
}

/** Where a face is cut out: a square of `side` input pixels centred at `center`, turned by `angle`. */
export interface FaceAlignment {
  /** Centre of the crop square in input pixels. */
  center: {
    /** Horizontal position in input pixels. */
    x: number;
    /** Vertical position in input pixels. */
    y: number;
  };
  /** Eye-line angle in radians (positive: the subject's left eye is lower in the image); the crop is rotated by it. */
  angle: number;
  /** Side of the square in input pixels, margin included. */
  side: number;
}

/**
 * FER2013 framing measured with this detector (short range) on 800 FER2013 PublicTest faces
 * (`pnpm --filter @moodtunes/face-detect eval:fer --model short --limit 800`, medians, fractions of
 * the 48 px side): the eye midpoint sits at x 0.50, y 0.39, the eyes 0.37 apart, the mouth 0.40
 * below the eyes, and the detector box spans 0.87 of the frame. The face size is estimated from
 * keypoints (equal to that box side on frontal faces, unchanged by rotation); relative to it, the
 * FER frame is 1.134 face sizes wide and centred 0.123 face sizes below the eyes.
 */
export const FER2013_FRAMING = {
  /** Face size / eye-to-mouth distance. */
  facePerEyeMouth: 0.866 / 0.398,
  /** Face size / distance between the eyes. */
  facePerEyeDistance: 0.866 / 0.372,
  /** Crop centre below the eye midpoint, in face sizes. */
  centreBelowEyes: 0.123,
  /** Margin at which the crop is 1.134 face sizes wide, as in FER2013. */
  margin: (1.134 - 1) / 2,
} as const;

const DEFAULTS = { size: 48, grayscale: true, margin: FER2013_FRAMING.margin, scale: '0..1' as InputScale };

function keypoint(face: AlignableFace, name: string): { x: number; y: number } {
  const k = face.keypoints.find((p) => p.name === name);
  if (!k) throw new InvalidInputError(`face has no ${name} keypoint`);
  // NaN would reach tf.image.transform as a NaN crop size and fail there with a shape error.
  if (!Number.isFinite(k.x) || !Number.isFinite(k.y)) throw new InvalidInputError(`face keypoint ${name} is not finite: (${k.x}, ${k.y})`);
  return k;
}

/**
 * The crop square of a face: level eyes, centred a little below the eyes, sized from the
 * keypoints (the larger of the eye-distance and eye-to-mouth estimates, so a turned or tilted
 * head does not shrink it). Pure; `alignFaces` cuts these squares out.
 */
export function faceAlignment(face: AlignableFace, options: Pick<AlignOptions, 'margin'> = {}): FaceAlignment {
  const margin = options.margin ?? DEFAULTS.margin;
  if (!(margin > -0.5)) throw new InvalidOptionError(`margin must be > -0.5, got ${margin}`);
  const right = keypoint(face, 'rightEye');
  const left = keypoint(face, 'leftEye');
  const mouth = keypoint(face, 'mouthCenter');
  const eyes = { x: (right.x + left.x) / 2, y: (right.y + left.y) / 2 };
  const angle = Math.atan2(left.y - right.y, left.x - right.x);
  const size = Math.max(
    Math.hypot(mouth.x - eyes.x, mouth.y - eyes.y) * FER2013_FRAMING.facePerEyeMouth,
    Math.hypot(left.x - right.x, left.y - right.y) * FER2013_FRAMING.facePerEyeDistance,
  );
  // "Down" in the face's own frame is the eye line turned by +90 degrees.
  const down = FER2013_FRAMING.centreBelowEyes * size;
  return {
    center: { x: eyes.x - Math.sin(angle) * down, y: eyes.y + Math.cos(angle) * down },
    angle,
    side: size * (1 + 2 * margin),
  };
}

/** RGB float pixels of an axis-aligned region `[x0, x1) x [y0, y1)` as `[1, h, w, 3]`. */
function regionTensor(source: ImageSource, x0: number, y0: number, x1: number, y1: number): tf.Tensor4D {
  const w = x1 - x0;
  const h = y1 - y0;
  if (source.kind === 'tensor') {
    return tf.tidy(() => tf.expandDims<tf.Tensor4D>(tf.cast(tf.slice(source.tensor, [y0, x0, 0], [h, w, 3]), 'float32'), 0));
  }
  const { data, width } = source.image;
  const out = new Float32Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = ((y + y0) * width + x + x0) * 4;
      const o = (y * w + x) * 3;
      out[o] = data[i]!;
      out[o + 1] = data[i + 1]!;
      out[o + 2] = data[i + 2]!;
    }
  }
  return tf.tensor4d(out, [1, h, w, 3]);
}

/** Cuts one aligned face as `[1, size, size, 3]` in 0..255; the caller owns the result (inside a tidy). */
function cutFace(source: ImageSource, geometry: FaceAlignment, size: number): tf.Tensor4D {
  const { center, angle, side } = geometry;
  const scale = side / size;
  // Area-average by an integer factor first so a large face is not aliased by 2-tap bilinear sampling.
  const pool = Math.max(1, Math.floor(scale));
  const half = (side / 2) * (Math.abs(Math.cos(angle)) + Math.abs(Math.sin(angle))) + 2 * pool;
  const x0 = Math.max(0, Math.floor(center.x - half));
  const y0 = Math.max(0, Math.floor(center.y - half));
  const x1 = Math.min(source.width, Math.ceil(center.x + half));
  const y1 = Math.min(source.height, Math.ceil(center.y + half));
  if (x1 - x0 < pool || y1 - y0 < pool) return tf.zeros([1, size, size, 3]);
  let region = regionTensor(source, x0, y0, x1, y1);
  if (pool > 1) region = tf.avgPool(region, pool, pool, 'valid');
  // Output pixel (u, v) -> pooled-region pixel index, with pixel centres at +0.5.
  const step = scale / pool;
  const a0 = step * Math.cos(angle);
  const a1 = -step * Math.sin(angle);
  const b0 = step * Math.sin(angle);
  const b1 = step * Math.cos(angle);
  const d = 0.5 - size / 2;
  const a2 = (center.x - x0) / pool - 0.5 + (a0 + a1) * d;
  const b2 = (center.y - y0) / pool - 0.5 + (b0 + b1) * d;
  return tf.image.transform(region, [[a0, a1, a2, b0, b1, b2, 0, 0]], 'bilinear', 'nearest', 0, [size, size]);
}

/**
 * Cuts out each face, rotated so the eyes are level, framed like FER2013 by default, resized to
 * `size` x `size`, in gray or RGB. Returns one `[faces.length, size, size, 1|3]` float32 tensor with
 * values in `options.scale` (default [0, 1]), ready to batch into an emotion model; intermediate tensors are freed, and the
 * caller disposes the result. Accepts the same inputs as `detect`; pass the frame the faces were
 * detected in.
 *
 * @example
 * const faces = await detector.detect(frame);
 * const crops = alignFaces(frame, faces); // [n, 48, 48, 1]
 * const logits = emotionModel.predict(crops);
 * crops.dispose();
 */
export function alignFaces(input: DetectorInput, faces: readonly AlignableFace[], options: AlignOptions = {}): tf.Tensor4D {
  const size = options.size ?? DEFAULTS.size;
  const grayscale = options.grayscale ?? DEFAULTS.grayscale;
  const scale = options.scale ?? DEFAULTS.scale;
  if (!(Number.isInteger(size) && size >= 1)) throw new InvalidOptionError(`size must be a positive integer, got ${size}`);
  if (!INPUT_SCALES.includes(scale)) throw new InvalidOptionError(`scale must be one of ${INPUT_SCALES.join(', ')}, got ${String(scale)}`);
  const geometries = faces.map((face) => faceAlignment(face, options));
  const source = toImageSource(input);
  try {
    return tf.tidy(() => {
      const channels = grayscale ? 1 : 3;
      if (faces.length === 0) return tf.zeros<tf.Rank.R4>([0, size, size, channels]);
      const crops = tf.concat(geometries.map((g) => cutFace(source, g, size)));
      return rescale(grayscale ? grayTensor(crops) : crops, '0..255', scale);
    });
  } finally {
    if (source.kind === 'tensor' && source.owned) source.tensor.dispose();
  }
}
