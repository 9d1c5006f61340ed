import * as tf from '@tensorflow/tfjs-core';
import { BufferSizeError, EmptyImageError, InvalidInputError, NonFiniteInputError, UnsupportedInputError } from './errors';

/** RGBA pixels, row-major, 4 bytes per pixel: the shape of the DOM `ImageData` and of decoded PNG/JPEG buffers. */
export interface ImageDataLike {
  /** `width * height * 4` bytes, RGBA. */
  readonly data: Uint8ClampedArray | Uint8Array;
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
}

/**
 * Raw pixels, as in the DOM `ImageData` but with any channel count: row-major, `channels` values
 * per pixel (4 = RGBA, 3 = RGB, 1 = gray). `channels` is inferred from `data.length` when omitted.
 */
export interface PixelData {
  /** `width * height * channels` values, 0..255. */
  data: Uint8ClampedArray | Uint8Array | Float32Array;
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  /** Values per pixel; inferred from `data.length` when omitted. */
  channels?: 1 | 3 | 4;
}

/** Browser image sources, read through `tf.browser.fromPixels`. */
export type BrowserImageSource = HTMLImageElement | HTMLVideoElement | HTMLCanvasElement | OffscreenCanvas | ImageBitmap;

const BROWSER_SOURCES = ['HTMLImageElement', 'HTMLVideoElement', 'HTMLCanvasElement', 'OffscreenCanvas', 'ImageBitmap'] as const;

/** True for an image element, video, canvas, offscreen canvas or bitmap of the running browser (false in Node). */
export function isBrowserImage(input: unknown): input is BrowserImageSource {
  const scope = globalThis as Record<string, unknown>;
  return BROWSER_SOURCES.some((name) => typeof scope[name] === 'function' && input instanceof (scope[name] as abstract new () => unknown));
}

/** Intrinsic size of a browser source: a video's frame size, an image's natural size, else its width and height. */
function browserImageSize(input: BrowserImageSource): { width: number; height: number } {
  if ('videoWidth' in input) return { width: input.videoWidth, height: input.videoHeight };
  if ('naturalWidth' in input) return { width: input.naturalWidth, height: input.naturalHeight };
  return { width: input.width, height: input.height };
}

/**
 * True for a tfjs tensor, also one made by another copy of tfjs-core (duck-typed, so it can be
 * rejected clearly if unusable). See {@link assertLiveTensor} for disposed ones.
 */
export function isTensor(input: unknown): input is tf.Tensor {
  return (
    input instanceof tf.Tensor || (typeof input === 'object' && input !== null && 'dataId' in input && 'shape' in input && 'dtype' in input)
  );
}

/** Throws {@link InvalidInputError} for a disposed tensor, whose data tfjs can no longer read. */
export function assertLiveTensor(tensor: tf.Tensor, what = 'Input tensor'): void {
  if (tensor.isDisposed) throw new InvalidInputError(`${what}: the tensor is disposed`);
}

/** True when `input` has the `{data, width, height}` shape of {@link PixelData} (not yet validated). */
export function isPixelData(input: unknown): input is PixelData {
  return typeof input === 'object' && input !== null && 'data' in input && 'width' in input && 'height' in input;
}

/** A short name of what was passed, for error messages. */
export function describeInput(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  if (ArrayBuffer.isView(input)) return `a bare ${input.constructor.name} (wrap pixels as { data, width, height })`;
  if (typeof input === 'object') return input.constructor?.name ?? 'object';
  return typeof input;
}

/** Throws {@link UnsupportedInputError} for non-integer or negative sizes and {@link EmptyImageError} for zero ones. */
export function checkImageSize(width: number, height: number, what = 'Image'): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new UnsupportedInputError(`${what}: width and height must be non-negative integers, got ${width}x${height}`);
  }
  if (width === 0 || height === 0) throw new EmptyImageError(width, height, what);
}

/**
 * Validates {@link PixelData} (buffer type, size, length, and for float buffers every value) and
 * returns its channel count. Allocates nothing.
 */
export function checkPixelData(image: PixelData, what = 'Image', allowed: readonly (1 | 3 | 4)[] = [1, 3, 4]): 1 | 3 | 4 {
  const { data, width, height } = image;
  if (!(data instanceof Uint8Array || data instanceof Uint8ClampedArray || data instanceof Float32Array)) {
    throw new UnsupportedInputError(
      `${what}: \`data\` must be a Uint8ClampedArray, Uint8Array or Float32Array, got ${describeInput(data)}`,
    );
  }
  checkImageSize(width, height, what);
  if (image.channels !== undefined && !allowed.includes(image.channels)) {
    throw new UnsupportedInputError(`${what}: channels must be ${allowed.join(', ')}, got ${String(image.channels)}`);
  }
  const pixels = width * height;
  const channels = image.channels ?? allowed.find((c) => data.length === pixels * c);
  if (channels === undefined || !allowed.includes(channels) || data.length !== pixels * channels) {
    const counts = image.channels ? [image.channels] : allowed;
    const names = counts.map((c) => CHANNEL_NAMES[c]);
    throw new BufferSizeError(
      counts.map((c) => pixels * c),
      data.length,
      what,
      width,
      height,
      names,
    );
  }
  if (data instanceof Float32Array) {
    for (let i = 0; i < data.length; i++) {
      if (!Number.isFinite(data[i])) throw new NonFiniteInputError(what, `pixel value at index ${i} is ${data[i]}`);
    }
  }
  return channels;
}

const CHANNEL_NAMES = { 1: 'gray', 3: 'RGB', 4: 'RGBA' } as const;

type FromPixelsInput = Parameters<typeof tf.browser.fromPixels>[0];

/**
 * `tf.browser.fromPixels` that also works for `<video>` on tfjs-backend-webgpu, which imports a
 * video as an external GPU texture; some adapters refuse that ("Failed to import texture from
 * video", seen on SwiftShader). A 2D-canvas copy of the current frame works on every backend.
 * The caller owns the `[h, w, channels]` int32 tensor.
 */
export function readBrowserPixels(input: BrowserImageSource, channels: 3 | 4 = 3): tf.Tensor3D {
  const { width, height } = browserImageSize(input);
  checkImageSize(width, height, describeInput(input));
  try {
    return tf.browser.fromPixels(input as FromPixelsInput, channels);
  } catch (error) {
    const Video = (globalThis as { HTMLVideoElement?: abstract new () => HTMLVideoElement }).HTMLVideoElement;
    if (!Video || !(input instanceof Video) || typeof OffscreenCanvas !== 'function') throw error;
    const canvas = new OffscreenCanvas(width, height);
    (canvas.getContext('2d') as OffscreenCanvasRenderingContext2D).drawImage(input, 0, 0);
    return tf.browser.fromPixels(canvas as unknown as FromPixelsInput, channels);
  }
}

/**
 * Throws {@link NonFiniteInputError} when a float tensor holds NaN or ±Infinity (one reduction,
 * one value read back). Integer tensors cannot, and are not read.
 */
export async function assertFiniteTensor(tensor: tf.Tensor, what = 'Input tensor'): Promise<void> {
  if (tensor.dtype !== 'float32') return;
  const allFinite = tf.tidy(() => tf.all(tf.isFinite(tensor)));
  try {
    if ((await allFinite.data())[0] !== 1) throw new NonFiniteInputError(what);
  } finally {
    allFinite.dispose();
  }
}
