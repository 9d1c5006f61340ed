import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { classifyFace, detectEmotion, disposeEmotionDetector, loadEmotionDetector } from '@moodtunes/fer-core';
import { loadPhoto, publicTestRows } from './fixtures';

describe('detectEmotion with the shared, lazily loaded detector', () => {
  it('loads the bundled model offline on the first call; concurrent first calls share one load', async () => {
    const photo = loadPhoto('astronaut_eileen_collins.png');
    const [row] = await publicTestRows(1);
    const first = loadEmotionDetector();
    expect(loadEmotionDetector()).toBe(first);
    const [a, b, face, detector] = await Promise.all([
      detectEmotion(photo),
      detectEmotion(photo),
      classifyFace({ data: row!.pixels, width: 48, height: 48 }),
      first,
    ]);
    expect(a).toEqual(b);
    expect(a).toHaveLength(1);
    expect(face.scores).toHaveLength(7);
    expect(detector.backend).toBe('wasm');
    expect(detector.classifier.modelSource).toMatch(/models\/accurate\/model\.json$/);
    expect(await loadEmotionDetector()).toBe(detector);

    const loaded = tf.memory().numTensors;
    await disposeEmotionDetector();
    expect(detector.isDisposed).toBe(true);
    expect(tf.memory().numTensors).toBeLessThan(loaded);
    // The next call loads a fresh detector.
    expect(await detectEmotion(photo)).toEqual(a);
    expect(await loadEmotionDetector()).not.toBe(detector);
    await disposeEmotionDetector();
  });
});
