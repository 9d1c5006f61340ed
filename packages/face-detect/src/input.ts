import * as tf from '@tensorflow/tfjs-core';
import { BufferSizeError, EmptyImageError, NonFiniteInputError, UnsupportedInputError } from './errors';
import type { BrowserImageSource, DetectorInput, ImageDataLike } from './types';

/**
 * A validated input: raw RGBA pixels (read in JavaScript, no full-frame tensor) or a 3-D tensor.
 * `owned` tensors were created here (from a browser element) and must be disposed by the caller.
 */
export type ImageSource =
  | { kind: 'pixels'; image: ImageDataLike; width: number; height: number }
  | { kind: 'tensor'; tensor: tf.Tensor3D; owned: boolean; width: number; height: number };

const BROWSER_SOURCES = ['HTMLImageElement', 'HTMLVideoElement', 'HTMLCanvasElement', 'OffscreenCanvas', 'ImageBitmap'] as const;

function browserSourceName(input: unknown): (typeof BROWSER_SOURCES)[number] | undefined {
  const scope = globalThis as Record<string, unknown>;
  return BROWSER_SOURCES.find((name) => {
    const ctor = scope[name];
    return typeof ctor === 'function' && input instanceof (ctor as abstract new () => unknown);
  });
}

function isTensor(input: unknown): input is tf.Tensor {
  // Duck-typed so a tensor from another copy of tfjs-core is still recognised (and rejected clearly if unusable).
  return (
    input instanceof tf.Tensor || (typeof input === 'object' && input !== null && 'dataId' in input && 'shape' in input && 'dtype' in input)
  );
}

function isImageDataLike(input: unknown): input is ImageDataLike {
  if (typeof input !== 'object' || input === null) return false;
  const { data, width, height } = input as Partial<ImageDataLike>;
  return (data instanceof Uint8Array || data instanceof Uint8ClampedArray) && typeof width === 'number' && typeof height === 'number';
}

function checkSize(width: number, height: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new UnsupportedInputError(`width and height must be non-negative integers, got ${width}x${height}`);
  }
  if (width === 0 || height === 0) throw new EmptyImageError(width, height);
}

function browserSize(input: BrowserImageSource): [number, number] {
  if ('videoWidth' in input) return [input.videoWidth, input.videoHeight];
  if ('naturalWidth' in input) return [input.naturalWidth, input.naturalHeight];
  return [input.width, input.height];
}

/** Validates an input and classifies it. Throws a typed error for anything unusable; never allocates for pixels. */
export function toImageSource(input: DetectorInput): ImageSource {
  if (isTensor(input)) {
    if (input.rank !== 3) throw new UnsupportedInputError(`tensor of rank ${input.rank} (shape [${input.shape}])`);
    const [height, width, channels] = input.shape as [number, number, number];
    checkSize(width, height);
    if (channels !== 3 && channels !== 4) throw new UnsupportedInputError(`tensor with ${channels} channels`);
    if (input.dtype !== 'float32' && input.dtype !== 'int32') throw new UnsupportedInputError(`tensor of dtype ${input.dtype}`);
    return { kind: 'tensor', tensor: input as tf.Tensor3D, owned: false, width, height };
  }
  if (isImageDataLike(input)) {
    checkSize(input.width, input.height);
    const expected = input.width * input.height * 4;
    if (input.data.length !== expected) throw new BufferSizeError(expected, input.data.length, input.width, input.height);
    return { kind: 'pixels', image: input, width: input.width, height: input.height };
  }
  if (browserSourceName(input)) {
    const [width, height] = browserSize(input as BrowserImageSource);
    checkSize(width, height);
    const tensor = tf.browser.fromPixels(input as Exclude<BrowserImageSource, OffscreenCanvas>);
    return { kind: 'tensor', tensor, owned: true, width, height };
  }
  const described =
    input === null
      ? 'null'
      : Array.isArray(input)
        ? 'array'
        : typeof input === 'object'
          ? (input.constructor?.name ?? 'object')
          : typeof input;
  throw new UnsupportedInputError(described);
}

/** Rejects float tensors holding NaN or ±Infinity (one reduction and one scalar read). */
export async function assertFinite(tensor: tf.Tensor): Promise<void> {
  if (tensor.dtype !== 'float32') return;
  const total = tf.sum(tensor);
  const [value] = await total.data();
  total.dispose();
  if (!Number.isFinite(value)) throw new NonFiniteInputError();
}
