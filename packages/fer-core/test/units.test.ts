// Stage functions that need no model: spec resolution, input checks, pre/post-processing.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { EMOTIONS, InvalidInputError } from '@moodtunes/fer-core';
import { isUniformPixelBatch, pixelsToGrayBatch, toGrayTensor } from '../src/input';
import { resolveModelSpec } from '../src/model-spec';
import { toPredictions } from '../src/postprocess';
import { prepareBatch } from '../src/preprocess';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('resolveModelSpec', () => {
  it('reads inputSize, channels, scale and classes from metadata', () => {
    const { spec, problems } = resolveModelSpec({ inputSize: 48, channels: 1, scale: '0..1', classes: [...EMOTIONS] }, [-1, 48, 48, 1]);
    expect(problems).toEqual([]);
    expect(spec).toEqual({ inputSize: 48, channels: 1, scale: '0..1', classes: EMOTIONS });
  });

  it('falls back to the input shape and lets overrides win', () => {
    const { spec, problems } = resolveModelSpec({}, [-1, 64, 64, 1], { scale: '-1..1' });
    expect(problems).toEqual([]);
    expect(spec).toMatchObject({ inputSize: 64, channels: 1, scale: '-1..1' });
  });

  it('reports metadata that contradicts the graph or is not the 7 emotions', () => {
    expect(resolveModelSpec({ inputSize: 48 }, [-1, 64, 64, 1]).problems.join()).toMatch(/inputSize 48 but the model input is 64/);
    expect(resolveModelSpec({ classes: ['a', 'b'] }, undefined).problems.join()).toMatch(/not the 7 FER2013 emotions/);
    expect(resolveModelSpec({ scale: '0..2' }, undefined).problems.join()).toMatch(/scale "0..2"/);
  });
});

describe('input checks', () => {
  it('rejects unsupported face images and tensors with InvalidInputError', () => {
    expect(() => toGrayTensor('face.png' as never)).toThrow(InvalidInputError);
    expect(() => toGrayTensor(tf.zeros<tf.Rank.R3>([0, 4, 3]))).toThrow(/zero size/);
    expect(() => toGrayTensor(tf.zeros<tf.Rank.R3>([4, 4, 2]))).toThrow(/not \[h, w\]/);
  });

  it('builds the same gray batch in one buffer as tensor by tensor', async () => {
    const rgba = { data: Uint8Array.from({ length: 3 * 2 * 4 }, (_, i) => (i * 37) % 256), width: 3, height: 2 };
    const gray = { data: Uint8Array.from({ length: 6 }, (_, i) => i * 40), width: 3, height: 2 };
    expect(isUniformPixelBatch([rgba, gray])).toBe(true);
    expect(isUniformPixelBatch([rgba, { data: new Uint8Array(4), width: 2, height: 2 }])).toBe(false);
    const batch = pixelsToGrayBatch([rgba, gray]);
    const oneByOne = tf.stack([toGrayTensor(rgba), toGrayTensor(gray)]);
    expect(Array.from(await batch.data()).map((v) => v.toFixed(3))).toEqual(Array.from(await oneByOne.data()).map((v) => v.toFixed(3)));
    expect(() => pixelsToGrayBatch([gray, { data: new Uint8Array(5), width: 3, height: 2 }])).toThrow(/face image 1/);
    tf.dispose([batch, oneByOne]);
  });

  it('converts RGBA to luma and leaves gray alone', async () => {
    const rgba = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 0, 0, 0, 255, 255, 10, 10, 10, 255]);
    const gray = toGrayTensor({ data: rgba, width: 2, height: 2 });
    expect(gray.shape).toEqual([2, 2, 1]);
    const values = Array.from(await gray.data());
    [0.299 * 255, 0.587 * 255, 0.114 * 255, 10].forEach((v, i) => expect(values[i]).toBeCloseTo(v, 3));
    gray.dispose();
  });
});

describe('prepareBatch', () => {
  const spec = { inputSize: 4, channels: 1 as const, scale: '0..1' as const, classes: EMOTIONS };

  it('resizes, scales and appends mirrored copies for flip TTA', async () => {
    const face = tf.tensor3d([0, 51, 102, 153, 204, 255, 0, 51, 102], [3, 3, 1]);
    const batch = prepareBatch([face, face], spec, true);
    expect(batch.shape).toEqual([4, 4, 4, 1]);
    const [orig, , mirrored] = tf.unstack(batch) as tf.Tensor3D[];
    const a = await orig!.data();
    const b = await mirrored!.data();
    // Row 0 of the mirror is row 0 of the original read right to left.
    expect([b[0], b[1], b[2], b[3]]).toEqual([a[3], a[2], a[1], a[0]]);
    expect(Math.max(...a)).toBeLessThanOrEqual(1);
    tf.dispose([face, batch, orig!, mirrored!]);
  });

  it('maps gray to the -1..1 range and replicates channels', async () => {
    const face = tf.fill<tf.Rank.R3>([4, 4, 1], 255);
    const batch = prepareBatch([face], { ...spec, scale: '-1..1', channels: 3 });
    expect(batch.shape).toEqual([1, 4, 4, 3]);
    expect(Array.from(await batch.data()).every((v) => v === 1)).toBe(true);
    tf.dispose([face, batch]);
  });
});

describe('toPredictions', () => {
  it('splits rows, reorders classes into FER order and picks the top emotion', () => {
    const classes = ['neutral', 'happy', 'sad', 'angry', 'fear', 'disgust', 'surprise'] as const;
    const values = [0.1, 0.6, 0.1, 0.05, 0.05, 0.05, 0.05, 0.7, 0, 0.1, 0.1, 0.1, 0, 0];
    const [first, second] = toPredictions(values, classes);
    expect(first).toMatchObject({ emotion: 'happy', confidence: 0.6 });
    expect(first!.probabilities.neutral).toBe(0.1);
    expect(first!.scores).toEqual([0.05, 0.05, 0.05, 0.6, 0.1, 0.05, 0.1]);
    expect(second).toMatchObject({ emotion: 'neutral', confidence: 0.7 });
  });
});
