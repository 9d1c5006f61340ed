// Turns whatever the caller passes into a gray float tensor, after checking it is usable.
import * as tf from '@tensorflow/tfjs-core';
import { InvalidInputError } from './errors';
import type { BrowserImageSource } from '@moodtunes/face-detect';
import type { PixelData } from './types';

export type { BrowserImageSource };

/**
 * A face image for the classifier: {@link PixelData} (gray, RGB or RGBA), a `[h, w]` or
 * `[h, w, 1|3|4]` tensor with values in 0..255, or, in browsers, an element or bitmap.
 * Any size: it is resized to the model input.
 */
export type FaceImage = PixelData | tf.Tensor2D | tf.Tensor3D | BrowserImageSource;

const LUMA = [0.299, 0.587, 0.114];

/** Checks dimensions, buffer length and pixel values; returns the channel count. */
export function checkPixels(image: PixelData, what = 'image'): 1 | 3 | 4 {
  const { data, width, height } = image;
  if (!data || typeof (data as ArrayLike<number>).length !== 'number') {
    throw new InvalidInputError(`${what}: \`data\` must be a Uint8ClampedArray, Uint8Array or Float32Array`);
  }
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new InvalidInputError(`${what}: width and height must be positive integers, got ${width}x${height}`);
  }
  const pixels = width * height;
  const channels = image.channels ?? ([4, 3, 1] as const).find((c) => data.length === pixels * c);
  if (channels === undefined || data.length !== pixels * channels) {
    const expected = image.channels ? `${pixels * image.channels}` : `${pixels} (gray), ${pixels * 3} (RGB) or ${pixels * 4} (RGBA)`;
    throw new InvalidInputError(`${what}: buffer has ${data.length} values but ${width}x${height} needs ${expected}`);
  }
  if (data instanceof Float32Array) {
    for (let i = 0; i < data.length; i++) {
      if (!Number.isFinite(data[i])) throw new InvalidInputError(`${what}: pixel value at index ${i} is ${data[i]}`);
    }
  }
  return channels;
}

const BROWSER_IMAGES = ['HTMLImageElement', 'HTMLVideoElement', 'HTMLCanvasElement', 'OffscreenCanvas', 'ImageBitmap'];

/** True for an image element, video, canvas, offscreen canvas or bitmap of the running browser. */
export function isBrowserImage(input: unknown): boolean {
  const scope = globalThis as Record<string, unknown>;
  return BROWSER_IMAGES.some((name) => typeof scope[name] === 'function' && input instanceof (scope[name] as abstract new () => unknown));
}

type FromPixelsInput = Parameters<typeof tf.browser.fromPixels>[0];

/**
 * `tf.browser.fromPixels` that also works for `<video>` on tfjs-backend-webgpu, which imports a
 * video as an external GPU texture; some adapters refuse that ("Failed to import texture from
 * video", seen on SwiftShader). A 2D-canvas copy of the current frame works on every backend.
 */
export function browserPixels(input: unknown, channels = 3): tf.Tensor3D {
  try {
    return tf.browser.fromPixels(input as FromPixelsInput, channels);
  } catch (error) {
    const Video = (globalThis as { HTMLVideoElement?: abstract new () => HTMLVideoElement }).HTMLVideoElement;
    if (!Video || !(input instanceof Video) || typeof OffscreenCanvas !== 'function') throw error;
    const canvas = new OffscreenCanvas(input.videoWidth, input.videoHeight);
    (canvas.getContext('2d') as OffscreenCanvasRenderingContext2D).drawImage(input, 0, 0);
    return tf.browser.fromPixels(canvas as unknown as FromPixelsInput, channels);
  }
}

function isPixelData(input: unknown): input is PixelData {
  return typeof input === 'object' && input !== null && 'data' in input && 'width' in input && 'height' in input;
}

/** Gray `[h, w, 1]` float32 tensor in 0..255 from any {@link FaceImage}. The caller owns it. */
export function toGrayTensor(input: FaceImage): tf.Tensor3D {
  if (input instanceof tf.Tensor) return grayFromTensor(input);
  if (isPixelData(input)) {
    const channels = checkPixels(input, 'face image');
    return tf.tidy(() => {
      const values = input.data instanceof Float32Array ? input.data : Float32Array.from(input.data);
      return toGray(tf.tensor3d(values, [input.height, input.width, channels], 'float32'));
    });
  }
  if (isBrowserImage(input)) {
    return tf.tidy(() => toGray(browserPixels(input, 3)));
  }
  throw new InvalidInputError('face image: expected PixelData ({data, width, height}), a tensor, or a browser image source');
}

function grayFromTensor(t: tf.Tensor): tf.Tensor3D {
  if (t.isDisposed) throw new InvalidInputError('face image: the tensor is disposed');
  const shape = t.shape;
  const channels = t.rank === 2 ? 1 : shape[2];
  if ((t.rank !== 2 && t.rank !== 3) || !(channels === 1 || channels === 3 || channels === 4)) {
    throw new InvalidInputError(`face image: tensor shape [${shape.join(', ')}] is not [h, w] or [h, w, 1|3|4]`);
  }
  if ((shape[0] ?? 0) <= 0 || (shape[1] ?? 0) <= 0) {
    throw new InvalidInputError(`face image: tensor shape [${shape.join(', ')}] has zero size`);
  }
  return tf.tidy(() => {
    const hwc = tf.cast(t.rank === 2 ? tf.expandDims(t, 2) : t, 'float32') as tf.Tensor3D;
    return toGray(hwc);
  });
}

/**
 * Gray `[n, h, w, 1]` float32 batch (0..255) straight from same-sized {@link PixelData}, built
 * in one buffer: one tensor instead of n tensors and a stack.
 */
export function pixelsToGrayBatch(faces: readonly PixelData[]): tf.Tensor4D {
  const { width, height } = faces[0] as PixelData;
  const size = width * height;
  const out = new Float32Array(faces.length * size);
  faces.forEach((face, n) => {
    const channels = checkPixels(face, `face image ${n}`);
    if (face.width !== width || face.height !== height) {
      throw new InvalidInputError(`face image ${n}: ${face.width}x${face.height}, expected ${width}x${height} like the first`);
    }
    const { data } = face;
    const base = n * size;
    if (channels === 1) {
      out.set(data, base);
      return;
    }
    for (let i = 0, j = 0; i < size; i++, j += channels) {
      out[base + i] = LUMA[0]! * data[j]! + LUMA[1]! * data[j + 1]! + LUMA[2]! * data[j + 2]!;
    }
  });
  return tf.tensor4d(out, [faces.length, height, width, 1]);
}

/** True when every face is {@link PixelData} of one size, so {@link pixelsToGrayBatch} applies. */
export function isUniformPixelBatch(faces: readonly FaceImage[]): boolean {
  const first = faces[0];
  return (
    first !== undefined &&
    faces.every((f) => isPixelData(f) && f.width === (first as PixelData).width && f.height === (first as PixelData).height)
  );
}

/** Luma (ITU-R BT.601) of an RGB(A) tensor; gray passes through; alpha is ignored. */
function toGray(hwc: tf.Tensor3D): tf.Tensor3D {
  const channels = hwc.shape[2];
  if (channels === 1) return hwc;
  const rgb = channels === 4 ? tf.slice(hwc, [0, 0, 0], [-1, -1, 3]) : hwc;
  return tf.sum(tf.mul(rgb, tf.tensor1d(LUMA)), 2, true) as tf.Tensor3D;
}

/** Throws {@link InvalidInputError} when a tensor holds NaN or infinite values (reads it back). */
export async function checkFinite(t: tf.Tensor, what: string): Promise<void> {
  const bad = tf.tidy(() => tf.logicalNot(tf.all(tf.isFinite(t))));
  const hasBad = (await bad.data())[0] === 1;
  bad.dispose();
  if (hasBad) throw new InvalidInputError(`${what}: contains NaN or infinite values`);
}
