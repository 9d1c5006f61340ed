// The face-api expression baseline of eval and bench: our network over face-api's weights must
// give face-api's own outputs (test/fixtures/parity-face-api.json, from tools/face-api-reference.ts).
// The weights come from the npm registry on first use, into node_modules/.cache.
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmotionClassifier } from '../src/classifier';
import { EMOTIONS } from '../src/types';
import { readFer2013 } from '../tools/lib/fer2013';
import {
  createFaceApiExpressionClassifier,
  FACE_API_CLASSES,
  FACE_API_PARITY_ROWS,
  upsampleForFaceApi,
} from '../tools/lib/face-api-expression';
import { PUBLIC_TEST } from '../tools/lib/paths';

interface Fixture {
  classes: string[];
  probabilities: number[][];
}
const fixture = JSON.parse(readFileSync(new URL('fixtures/parity-face-api.json', import.meta.url), 'utf8')) as Fixture;

/**
 * Largest difference in probability allowed between our run (wasm) and face-api's (cpu), over all
 * faces and classes; measured 4.2e-7.
 */
const TOLERANCE = 1e-5;

describe('face-api expression baseline', () => {
  let classifier: EmotionClassifier;
  const faces: Uint8Array[] = [];

  beforeAll(async () => {
    classifier = await createFaceApiExpressionClassifier({ backend: 'wasm' });
    for await (const row of readFer2013(PUBLIC_TEST, { limit: FACE_API_PARITY_ROWS })) faces.push(row.pixels);
  }, 120_000);
  afterAll(() => classifier?.dispose());

  it('reproduces face-api’s own probabilities on the parity faces, classes mapped to FER2013 names', async () => {
    expect(faces).toHaveLength(fixture.probabilities.length);
    // Gray 112x112 in; the classifier replicates it to RGB, as face-api's reference input was.
    const gray = faces.map((face) =>
      tf.tensor3d(
        upsampleForFaceApi(face).filter((_, i) => i % 3 === 0),
        [112, 112, 1],
        'float32',
      ),
    );
    const predictions = await classifier.classifyGray(gray, false);
    tf.dispose(gray);
    let worst = 0;
    predictions.forEach((prediction, i) => {
      FACE_API_CLASSES.forEach((emotion, k) => {
        worst = Math.max(worst, Math.abs(prediction.probabilities[emotion] - fixture.probabilities[i]![k]!));
      });
    });
    expect(worst).toBeLessThan(TOLERANCE);
    // The reference's argmax (face-api names) is our argmax (FER2013 names).
    const referenceTop = fixture.probabilities.map((p) => FACE_API_CLASSES[p.indexOf(Math.max(...p))]);
    expect(predictions.map((p) => p.emotion)).toEqual(referenceTop);
    expect(new Set(referenceTop).size).toBeGreaterThan(2);
  });

  it('classifies 48x48 FER2013 faces through the shared classifier path and frees every tensor', async () => {
    const before = tf.memory().numTensors;
    for (let round = 0; round < 3; round++) {
      const predictions = await classifier.classify(
        faces.map((data) => ({ data, width: 48, height: 48, channels: 1 as const })),
        { flip: round === 2 },
      );
      expect(predictions).toHaveLength(faces.length);
      for (const p of predictions) {
        expect(EMOTIONS).toContain(p.emotion);
        expect(p.scores.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      }
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
