// The shared stage functions, with no model: input checks, gray, value ranges, registries, errors.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  assertFiniteTensor,
  assertLiveTensor,
  describeInput,
  BufferSizeError,
  checkImageSize,
  checkPixelData,
  DisposedError,
  EmptyImageError,
  grayInto,
  grayTensor,
  InvalidInputError,
  InvalidOptionError,
  isBrowserImage,
  isTensor,
  LUMA,
  ModelIntegrityError,
  ModelLoadError,
  NonFiniteInputError,
  registryEntry,
  registryNames,
  rescale,
  UnsupportedInputError,
  VisionError,
  type ModelRegistry,
} from '@moodtunes/vision-core';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('checkPixelData', () => {
  it('infers channels from the buffer length', () => {
    expect(checkPixelData({ data: new Uint8Array(12), width: 2, height: 2 })).toBe(3);
    expect(checkPixelData({ data: new Uint8Array(16), width: 2, height: 2 })).toBe(4);
    expect(checkPixelData({ data: new Uint8Array(4), width: 2, height: 2 })).toBe(1);
  });

  it('rejects zero size, wrong lengths, NaN and wrong buffer types, each with its own InvalidInputError subclass', () => {
    expect(() => checkPixelData({ data: new Uint8Array(0), width: 0, height: 10 })).toThrow(EmptyImageError);
    const wrongLength = (() => {
      try {
        checkPixelData({ data: new Uint8Array(10), width: 2, height: 2 });
      } catch (error) {
        return error;
      }
    })();
    expect(wrongLength).toBeInstanceOf(BufferSizeError);
    expect((wrongLength as Error).message).toMatch(/10 values but 2x2 needs 4 \(gray\), 12 \(RGB\) or 16 \(RGBA\)/);
    expect((wrongLength as BufferSizeError).accepted).toEqual([4, 12, 16]);
    expect(() => checkPixelData({ data: new Uint8Array(16), width: 2, height: 2, channels: 3 })).toThrow(/needs 12/);
    expect(() => checkPixelData({ data: new Uint8Array(12), width: 2, height: 2 }, 'Frame', [4])).toThrow(/needs 16 \(RGBA\)/);
    expect(() => checkPixelData({ data: new Float32Array([0, Number.NaN, 0, 0]), width: 2, height: 2 })).toThrow(NonFiniteInputError);
    expect(() => checkPixelData({ data: new Float32Array([0, Number.NaN, 0, 0]), width: 2, height: 2 })).toThrow(/index 1 is NaN/);
    expect(() => checkPixelData({ data: [1, 2, 3, 4] as never, width: 2, height: 2 })).toThrow(UnsupportedInputError);
    expect(() => checkPixelData({ data: new Uint8Array(8), width: 2, height: 2, channels: 2 as never })).toThrow(
      'Image: channels must be 1, 3, 4, got 2',
    );
    expect(() => checkImageSize(2.5, 2)).toThrow(UnsupportedInputError);
    expect(() => checkImageSize(-1, 2)).toThrow(UnsupportedInputError);
  });

  it('every input error is an InvalidInputError and a VisionError', () => {
    for (const error of [
      new EmptyImageError(0, 1),
      new BufferSizeError([4], 3, 'x', 1, 1),
      new NonFiniteInputError(),
      new UnsupportedInputError('x'),
    ]) {
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error).toBeInstanceOf(VisionError);
      expect(error.name).toBe(error.constructor.name);
    }
    expect(new ModelIntegrityError('a.bin', 'aa', 'bb')).toBeInstanceOf(ModelLoadError);
    expect(new DisposedError('gone')).not.toBeInstanceOf(InvalidInputError);
  });
});

describe('input kinds', () => {
  it('recognises tensors, also by shape from another tfjs copy, and no browser sources in Node', () => {
    const t = tf.zeros([2, 2, 3]);
    expect(isTensor(t)).toBe(true);
    expect(isTensor({ dataId: {}, shape: [1], dtype: 'float32' })).toBe(true);
    expect(isTensor({ data: new Uint8Array(4), width: 1, height: 1 })).toBe(false);
    expect(isBrowserImage(t)).toBe(false);
    t.dispose();
    expect(() => assertLiveTensor(t)).toThrow('Input tensor: the tensor is disposed');
    expect(describeInput(new Float32Array(4))).toBe('a bare Float32Array (wrap pixels as { data, width, height })');
    expect(describeInput('x.png')).toBe('string');
  });
});

describe('gray', () => {
  it('uses BT.601 luma in buffers and tensors alike, ignoring alpha', async () => {
    const rgba = Uint8Array.from([255, 0, 0, 9, 0, 255, 0, 9, 0, 0, 255, 9, 10, 20, 30, 0]);
    const out = new Float32Array(5);
    grayInto(rgba, 4, out, 1);
    expect(Array.from(out).map((v) => +v.toFixed(3))).toEqual([
      0,
      76.245,
      149.685,
      29.07,
      +(LUMA[0] * 10 + LUMA[1] * 20 + LUMA[2] * 30).toFixed(3),
    ]);
    const tensor = grayTensor(tf.tensor3d(rgba, [2, 2, 4], 'int32'));
    expect(tensor.shape).toEqual([2, 2, 1]);
    expect(Array.from(await tensor.data()).map((v) => +v.toFixed(3))).toEqual(Array.from(out.slice(1)).map((v) => +v.toFixed(3)));
    tensor.dispose();
    const gray = tf.zeros([2, 2, 1]);
    expect(grayTensor(gray)).toBe(gray);
    gray.dispose();
  });
});

describe('rescale', () => {
  it('maps each value range onto the others and back', async () => {
    const raw = tf.tensor1d([0, 127.5, 255]);
    const cases: [Parameters<typeof rescale>[2], number[]][] = [
      ['0..255', [0, 127.5, 255]],
      ['0..1', [0, 0.5, 1]],
      ['-1..1', [-1, 0, 1]],
    ];
    for (const [to, expected] of cases) {
      const mapped = rescale(raw, '0..255', to);
      expect(Array.from(await mapped.data()).map((v) => +v.toFixed(6))).toEqual(expected);
      const back = rescale(mapped, to, '0..255');
      expect(Array.from(await back.data()).map((v) => +v.toFixed(4))).toEqual([0, 127.5, 255]);
    }
    expect(rescale(raw, '0..1', '0..1')).toBe(raw);
    raw.dispose();
  });
});

describe('assertFiniteTensor', () => {
  it('rejects NaN and Infinity in float tensors and leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const nan = tf.tensor1d([1, Number.NaN]);
    const inf = tf.tensor1d([1, Number.POSITIVE_INFINITY]);
    await expect(assertFiniteTensor(nan)).rejects.toBeInstanceOf(NonFiniteInputError);
    await expect(assertFiniteTensor(inf, 'frame')).rejects.toThrow(/^frame: contains NaN/);
    await expect(assertFiniteTensor(tf.tensor1d([1, 3.4e38]))).resolves.toBeUndefined();
    tf.dispose([nan, inf]);
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before + 1);
  });
});

describe('registries', () => {
  const url = new URL('file:///models/a.json');
  const registry: ModelRegistry<'a' | 'b', { size: number }> = {
    a: { name: 'a', displayName: 'Model A', graph: { name: 'a.json', sha256: '0', url }, weights: [], meta: { size: 1 } },
    b: { name: 'b', displayName: 'Model B', graph: { name: 'b.json', sha256: '0', url }, weights: [], meta: { size: 2 } },
  };

  it('lists names in table order and finds entries by name', () => {
    expect(registryNames(registry)).toEqual(['a', 'b']);
    expect(registryEntry(registry, 'b').meta.size).toBe(2);
  });

  it('rejects unknown names, prototype keys and non-strings with InvalidOptionError naming the choices', () => {
    for (const name of ['c', 'toString', 3, undefined]) {
      expect(() => registryEntry(registry, name)).toThrow(InvalidOptionError);
    }
    expect(() => registryEntry(registry, 'c', 'faceDetector.model')).toThrow("faceDetector.model must be one of 'a', 'b', got 'c'");
  });
});
