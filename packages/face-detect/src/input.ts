import type * as tf from '@tensorflow/tfjs-core';
import {
  assertFiniteTensor,
  assertLiveTensor,
  checkImageSize,
  checkPixelData,
  describeInput,
  isBrowserImage,
  isTensor,
  readBrowserPixels,
  UnsupportedInputError,
} from '@moodtunes/vision-core';
import type { BrowserImageSource, DetectorInput, ImageDataLike } from './types';

/**
 * A validated input: raw RGBA pixels (read in JavaScript, no full-frame tensor) or a 3-D tensor.
 * `owned` tensors were created here (from a browser element) and must be disposed by the caller.
 */
export type ImageSource =
  | { kind: 'pixels'; image: ImageDataLike; width: number; height: number }
  | { kind: 'tensor'; tensor: tf.Tensor3D; owned: boolean; width: number; height: number };

/** Default {@link FaceDetectorOptions.pixelLimit}: 100 megapixels. */
export const DEFAULT_PIXEL_LIMIT = 100_000_000;

/** Width and height of a browser element or bitmap, as `tf.browser.fromPixels` would read it. */
function browserSize(input: BrowserImageSource): { width: number; height: number } {
  if ('videoWidth' in input) return { width: input.videoWidth, height: input.videoHeight };
  if ('naturalWidth' in input) return { width: input.naturalWidth, height: input.naturalHeight };
  return { width: input.width, height: input.height };
}

function checkPixelLimit(width: number, height: number, limit: number): void {
  if (width * height < limit) return;
  throw new UnsupportedInputError(
    `Image is ${width}x${height} (${((width * height) / 1e6).toFixed(1)} megapixels), at or above the limit of ${(limit / 1e6).toFixed(1)} ` +
      'megapixels (pixelLimit). Scale it down first: the detector looks at photos at a third of 1,500 px resolution or less anyway.',
  );
}

/**
 * Refuses an input of `pixelLimit` pixels or more with {@link UnsupportedInputError}, from its
 * declared size only: nothing is read or allocated (for a browser element, before it is drawn).
 * Inputs of no known size pass; `detect` and `alignFaces` reject them with the right error.
 * For callers that read or copy a frame before detecting (fer-core does).
 */
export function assertPixelLimit(input: DetectorInput, pixelLimit = DEFAULT_PIXEL_LIMIT): void {
  let size: { width: number; height: number } | undefined;
  if (isTensor(input)) size = { width: input.shape[1] ?? 0, height: input.shape[0] ?? 0 };
  else if (isBrowserImage(input)) size = browserSize(input);
  else if (typeof input === 'object' && input !== null && 'width' in input && 'height' in input) size = input;
  if (size && Number.isFinite(size.width) && Number.isFinite(size.height)) checkPixelLimit(size.width, size.height, pixelLimit);
}

/**
 * Validates an input and classifies it. Throws a typed error for anything unusable, including
 * inputs of `pixelLimit` pixels or more (checked before a browser element is read); never allocates for pixels.
 */
export function toImageSource(input: DetectorInput, pixelLimit = DEFAULT_PIXEL_LIMIT): ImageSource {
  if (isTensor(input)) {
    assertLiveTensor(input);
    if (input.rank !== 3)
      throw new UnsupportedInputError(`Unsupported input: tensor of rank ${input.rank} (shape [${input.shape.join(', ')}])${EXPECTED}`);
    const [height, width, channels] = input.shape;
    checkImageSize(width, height);
    checkPixelLimit(width, height, pixelLimit);
    if (channels !== 3 && channels !== 4) throw new UnsupportedInputError(`Unsupported input: tensor with ${channels} channels${EXPECTED}`);
    if (input.dtype !== 'float32' && input.dtype !== 'int32') {
      throw new UnsupportedInputError(`Unsupported input: tensor of dtype ${input.dtype}${EXPECTED}`);
    }
    return { kind: 'tensor', tensor: input, owned: false, width, height };
  }
  if (typeof input === 'object' && input !== null && 'data' in input && 'width' in input && 'height' in input) {
    checkPixelData(input, 'Image', [4]);
    checkPixelLimit(input.width, input.height, pixelLimit);
    return { kind: 'pixels', image: input, width: input.width, height: input.height };
  }
  if (isBrowserImage(input)) {
    const size = browserSize(input);
    checkPixelLimit(size.width, size.height, pixelLimit);
    const tensor = readBrowserPixels(input);
    const [height, width] = tensor.shape;
    return { kind: 'tensor', tensor, owned: true, width, height };
  }
  throw new UnsupportedInputError(`Unsupported input: ${describeInput(input)}${EXPECTED}`);
}

const EXPECTED =
  '. Expected {data, width, height} RGBA, a [height, width, 3|4] tensor, or (in browsers) an HTMLImageElement, ' +
  'HTMLVideoElement, HTMLCanvasElement, OffscreenCanvas or ImageBitmap.';

/** Rejects float tensors holding NaN or ±Infinity. */
export function assertFinite(tensor: tf.Tensor): Promise<void> {
  return assertFiniteTensor(tensor, 'Input tensor');
}
