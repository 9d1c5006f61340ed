import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { createFaceDetector } from '@moodtunes/face-detect';
import { useBackend } from './backend';
import { loadImage, resizeNearest } from './fixtures';

it('keeps tf.memory().numTensors flat over 1,000 detect calls (pixels and tensors, both models)', async () => {
  await useBackend('wasm');
  const baseline = tf.memory().numTensors;
  const short = await createFaceDetector({ model: 'short' });
  const full = await createFaceDetector({ model: 'full' });
  // A small frame keeps this fast; it still holds a face, so decode and NMS run on every call.
  const small = resizeNearest(loadImage('astronaut_eileen_collins.png'), 64, 64);
  const tensor = tf.tensor3d(small.data, [64, 64, 4], 'int32');
  const before = tf.memory().numTensors;
  let found = 0;
  for (let i = 0; i < 1000; i++) {
    const detector = i % 2 === 0 ? short : full;
    found += (await detector.detect(i % 4 < 2 ? small : tensor)).length;
  }
  expect(tf.memory().numTensors).toBe(before);
  expect(found).toBeGreaterThan(900);
  tensor.dispose();
  short.dispose();
  full.dispose();
  expect(tf.memory().numTensors).toBe(baseline);
}, 120_000);
