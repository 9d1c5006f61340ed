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
import type { DetectorInput, ImageDataLike } from './types';

/**
 * A validated input: raw RGBA pixels (read in JavaScript, no full-frame tensor) or a 3-D tensor.
 * `owned` tensors were created here (from a browser element) and must be disposed by the caller.
 */
export type ImageSource =
  | { kind: 'pixels'; image: ImageDataLike; width: number; height: number }
  | { kind: 'tensor'; tensor: tf.Tensor3D; owned: boolean; width: number; height: number };

/** Validates an input and classifies it. Throws a typed error for anything unusable; never allocates for pixels. */
export function toImageSource(input: DetectorInput): ImageSource {
  if (isTensor(input)) {
    assertLiveTensor(input);
    if (input.rank !== 3)
      throw new UnsupportedInputError(`Unsupported input: tensor of rank ${input.rank} (shape [${input.shape.join(', ')}])${EXPECTED}`);
    const [height, width, channels] = input.shape;
    checkImageSize(width, height);
    if (channels !== 3 && channels !== 4) throw new UnsupportedInputError(`Unsupported input: tensor with ${channels} channels${EXPECTED}`);
    if (input.dtype !== 'float32' && input.dtype !== 'int32') {
      throw new UnsupportedInputError(`Unsupported input: tensor of dtype ${input.dtype}${EXPECTED}`);
    }
    return { kind: 'tensor', tensor: input, owned: false, width, height };
  }
  if (typeof input === 'object' && input !== null && 'data' in input && 'width' in input && 'height' in input) {
    checkPixelData(input, 'Image', [4]);
    return { kind: 'pixels', image: input, width: input.width, height: input.height };
  }
  if (isBrowserImage(input)) {
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
