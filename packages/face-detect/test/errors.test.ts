import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BufferSizeError,
  DisposedError,
  EmptyImageError,
  FaceDetectError,
  InvalidOptionError,
  NonFiniteInputError,
  UnsupportedInputError,
  createFaceDetector,
  type DetectorInput,
  type FaceDetector,
} from '@moodtunes/face-detect';
import { useBackend } from './backend';

let detector: FaceDetector;
beforeAll(async () => {
  await useBackend('wasm');
  detector = await createFaceDetector();
});
afterAll(() => detector.dispose());

async function rejection(input: unknown, options?: object): Promise<Error> {
  const before = tf.memory().numTensors;
  const error = await detector.detect(input as DetectorInput, options).then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: Error) => e,
  );
  expect(tf.memory().numTensors).toBe(before);
  expect(error).toBeInstanceOf(FaceDetectError);
  return error;
}

describe('typed errors', () => {
  it('zero-sized images', async () => {
    const error = await rejection({ data: new Uint8Array(0), width: 0, height: 10 });
    expect(error).toBeInstanceOf(EmptyImageError);
    expect(error.message).toContain('0x10');
    const empty = tf.zeros([5, 0, 3]);
    expect(await rejection(empty)).toBeInstanceOf(EmptyImageError);
    empty.dispose();
  });

  it('buffer length not width x height x 4', async () => {
    const error = await rejection({ data: new Uint8Array(10 * 10 * 3), width: 10, height: 10 });
    expect(error).toBeInstanceOf(BufferSizeError);
    expect(error.message).toMatch(/300 values but 10x10 needs 400 \(RGBA\)/);
    expect((error as BufferSizeError).expected).toBe(400);
  });

  it('NaN or Infinity in a tensor', async () => {
    const withNaN = tf.tidy(() => tf.add(tf.zeros([8, 8, 3]), tf.scalar(NaN)));
    expect(await rejection(withNaN)).toBeInstanceOf(NonFiniteInputError);
    withNaN.dispose();
    const withInf = tf.fill([8, 8, 3], Infinity);
    expect(await rejection(withInf)).toBeInstanceOf(NonFiniteInputError);
    withInf.dispose();
  });

  it('unsupported inputs', async () => {
    for (const input of [null, 'image.png', 42, [1, 2, 3], { width: 2, height: 2 }, new Float32Array(16)]) {
      expect(await rejection(input)).toBeInstanceOf(UnsupportedInputError);
    }
    const batch = tf.zeros([1, 8, 8, 3]);
    const error = await rejection(batch);
    expect(error).toBeInstanceOf(UnsupportedInputError);
    expect(error.message).toContain('rank 4');
    batch.dispose();
    const twoChannels = tf.zeros([8, 8, 2]);
    expect(await rejection(twoChannels)).toBeInstanceOf(UnsupportedInputError);
    twoChannels.dispose();
    const bools = tf.zeros([8, 8, 3], 'bool');
    expect(await rejection(bools)).toBeInstanceOf(UnsupportedInputError);
    bools.dispose();
  });

  it('invalid options', async () => {
    const image = { data: new Uint8Array(16), width: 2, height: 2 };
    expect(await rejection(image, { minScore: 2 })).toBeInstanceOf(InvalidOptionError);
    expect(await rejection(image, { maxFaces: 0 })).toBeInstanceOf(InvalidOptionError);
    await expect(createFaceDetector({ model: 'tiny' as 'short' })).rejects.toBeInstanceOf(InvalidOptionError);
  });

  it('use after dispose', async () => {
    const short = await createFaceDetector();
    short.dispose();
    const error = await short.detect({ data: new Uint8Array(16), width: 2, height: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FaceDetectError);
    expect(error).toBeInstanceOf(DisposedError);
  });
});
