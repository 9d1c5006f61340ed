// Regression tests for issue 13's fer-core items: each bad input or option gets a typed error with
// a clear message, nothing leaks, and the one-backend-per-process rule of tfjs is explicit.
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BackendInitError,
  createEmotionClassifier,
  createEmotionDetector,
  InvalidInputError,
  InvalidOptionError,
  NonFiniteInputError,
  UnsupportedInputError,
  type EmotionDetector,
} from '@moodtunes/fer-core';

describe('bad face images and frames', () => {
  let detector: EmotionDetector;
  beforeAll(async () => {
    detector = await createEmotionDetector({ backend: 'wasm' });
  });
  afterAll(() => detector.dispose());

  it('classifyFace refuses a Float64Array or a plain array instead of reading NaN as a face', async () => {
    const withNaN = new Float64Array(48 * 48).fill(Number.NaN);
    await expect(detector.classifyFace({ data: withNaN as never, width: 48, height: 48 })).rejects.toBeInstanceOf(UnsupportedInputError);
    const plain = Array.from({ length: 48 * 48 }, () => Number.NaN);
    await expect(detector.classifyFace({ data: plain as never, width: 48, height: 48 })).rejects.toThrow(/must be a Uint8ClampedArray/);
  });

  it('classifyFace refuses channels: 2 instead of misreading the buffer', async () => {
    const face = { data: new Uint8Array(48 * 48 * 2), width: 48, height: 48, channels: 2 as never };
    await expect(detector.classifyFace(face)).rejects.toThrow(/channels must be 1, 3, 4, got 2/);
  });

  it('a disposed tensor is an InvalidInputError for detect and classifyFace, not a TypeError', async () => {
    const frame = tf.zeros<tf.Rank.R3>([32, 32, 3]);
    frame.dispose();
    await expect(detector.detect(frame)).rejects.toThrow(/tensor is disposed/);
    await expect(detector.classifyFace(frame)).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('a finite 3e38 frame is not reported as NaN or infinite', async () => {
    const huge = tf.fill<tf.Rank.R3>([16, 16, 3], 3e38);
    // Out of the documented 0..255 range, so what the detector sees is not a photo, but it is finite.
    await expect(detector.detect(huge)).resolves.toBeInstanceOf(Array);
    huge.dispose();
    const inf = tf.fill<tf.Rank.R3>([16, 16, 3], Number.POSITIVE_INFINITY);
    await expect(detector.detect(inf)).rejects.toBeInstanceOf(NonFiniteInputError);
    inf.dispose();
  });

  it('a bare Float32Array frame is refused with a hint to wrap it', async () => {
    await expect(detector.detect(new Float32Array(16) as never)).rejects.toThrow(
      /bare Float32Array \(wrap pixels as \{ data, width, height \}\)/,
    );
  });

  it('leaves numTensors flat over 200 failing calls', async () => {
    const before = tf.memory().numTensors;
    for (let i = 0; i < 200; i++) {
      await detector.detect({ data: new Uint8Array(7), width: 4, height: 4 }).catch(() => undefined);
      await detector.classifyFace({ data: new Float32Array([Number.NaN]), width: 1, height: 1 }).catch(() => undefined);
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('bad classifier options', () => {
  it('maxBatch: NaN, 0 or 2.5 is an InvalidOptionError at creation, not a plain Error later', async () => {
    for (const maxBatch of [Number.NaN, 0, 2.5]) {
      await expect(createEmotionClassifier({ backend: 'wasm', maxBatch })).rejects.toBeInstanceOf(InvalidOptionError);
    }
    await expect(createEmotionClassifier({ backend: 'wasm', flip: 'yes' as never })).rejects.toBeInstanceOf(InvalidOptionError);
  });
});

describe('one tfjs backend per process', () => {
  it('refuses a classifier on cpu while one runs on wasm, and reports the backend truthfully after', async () => {
    const first = await createEmotionClassifier({ backend: 'wasm' });
    const refused = await createEmotionClassifier({ backend: 'cpu' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BackendInitError);
    expect((refused as Error).message).toMatch(/1 live model\(s\) run on wasm/);
    // tfjs was switched back, so the first one still runs where it says it does.
    expect(tf.getBackend()).toBe('wasm');
    const face = { data: new Uint8Array(48 * 48), width: 48, height: 48 };
    await expect(first.classify([face])).resolves.toHaveLength(1);
    // A switch behind its back is reported instead of silently running on another backend.
    await tf.setBackend('cpu');
    await expect(first.classify([face])).rejects.toThrow(/active tfjs backend is now cpu, but this model was created on wasm/);
    await tf.setBackend('wasm');
    first.dispose();
    // With no live model left, another backend is allowed.
    const onCpu = await createEmotionClassifier({ backend: 'cpu' });
    expect(onCpu.backend).toBe('cpu');
    onCpu.dispose();
  });
});
