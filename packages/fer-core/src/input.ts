// Turns whatever the caller passes into a gray float tensor, after checking it is usable.
import * as tf from '@tensorflow/tfjs-core';
import {
  assertLiveTensor,
  checkPixelData,
  grayInto,
  grayTensor,
  InvalidInputError,
  isBrowserImage,
  isPixelData,
  readBrowserPixels,
  type BrowserImageSource,
  type PixelData,
} from '@moodtunes/vision-core';

export type { BrowserImageSource };

/**
 * A face image for the classifier: {@link PixelData} (gray, RGB or RGBA), a `[h, w]` or
 * `[h, w, 1|3|4]` tensor with values in 0..255, or, in browsers, an element or bitmap.
 * Any size: it is resized to the model input.
 */
export type FaceImage = PixelData | tf.Tensor2D | tf.Tensor3D | BrowserImageSource;

/** Gray `[h, w, 1]` float32 tensor in 0..255 from any {@link FaceImage}. The caller owns it. */
export function toGrayTensor(input: FaceImage): tf.Tensor3D {
  if (input instanceof tf.Tensor) return grayFromTensor(input);
  if (isPixelData(input)) {
    const channels = checkPixelData(input, 'face image');
    return tf.tidy(() => {
      const values = input.data instanceof Float32Array ? input.data : Float32Array.from(input.data);
      return grayTensor(tf.tensor3d(values, [input.height, input.width, channels], 'float32'));
    });
  }
  if (isBrowserImage(input)) return tf.tidy(() => grayTensor(readBrowserPixels(input, 3)));
  throw new InvalidInputError('face image: expected PixelData ({data, width, height}), a tensor, or a browser image source');
}

function grayFromTensor(t: tf.Tensor): tf.Tensor3D {
  assertLiveTensor(t, 'face image');
  const shape = t.shape;
  const channels = t.rank === 2 ? 1 : shape[2];
  if ((t.rank !== 2 && t.rank !== 3) || !(channels === 1 || channels === 3 || channels === 4)) {
    throw new InvalidInputError(`face image: tensor shape [${shape.join(', ')}] is not [h, w] or [h, w, 1|3|4]`);
  }
  if ((shape[0] ?? 0) <= 0 || (shape[1] ?? 0) <= 0) {
    throw new InvalidInputError(`face image: tensor shape [${shape.join(', ')}] has zero size`);
  }
  return tf.tidy(() => grayTensor(tf.cast(t.rank === 2 ? tf.expandDims(t, 2) : t, 'float32') as tf.Tensor3D));
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
    const channels = checkPixelData(face, `face image ${n}`);
    if (face.width !== width || face.height !== height) {
      throw new InvalidInputError(`face image ${n}: ${face.width}x${face.height}, expected ${width}x${height} like the first`);
    }
    grayInto(face.data, channels, out, n * size);
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
