// Both bundled models load offline by name, score real PublicTest faces as their metadata says,
// and stay within the size budget of issue 12.
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createEmotionClassifier, EMOTION_MODELS, EMOTIONS, InvalidOptionError, type BundledModel } from '@moodtunes/fer-core';
import { publicTestRows } from './fixtures';

const ROWS = 512;
/** Weight bytes per bundled model (issue 12: <= 1.3 MB; uint8 weights are 1,231,404 bytes). */
const MAX_WEIGHT_BYTES = 1_300_000;

describe.each([
  ['accurate', 'FerNet-S', 'models/accurate/model.json'],
  ['fast', 'FerNet-T', 'models/fast/model.json'],
] as const)('bundled model %s', (model: BundledModel, name, file) => {
  it(`is ${name}, loads from the package and is within 4 points of its published accuracy on ${ROWS} PublicTest rows`, async () => {
    const classifier = await createEmotionClassifier({ backend: 'wasm', model });
    try {
      expect(classifier.modelSource.endsWith(file)).toBe(true);
      const rows = await publicTestRows(ROWS);
      const predictions = await classifier.classify(rows.map((r) => ({ data: r.pixels, width: 48, height: 48, channels: 1 as const })));
      const correct = predictions.filter((p, i) => EMOTIONS.indexOf(p.emotion) === rows[i]!.label).length;
      const metadata = classifier.metadata;
      expect(metadata.name).toBe(name);
      expect(Math.abs(correct / ROWS - Number(metadata.publicTestAccuracy))).toBeLessThan(0.04);
    } finally {
      classifier.dispose();
    }
  });

  it(`ships at most ${MAX_WEIGHT_BYTES.toLocaleString('en')} bytes of weights`, () => {
    const bytes = EMOTION_MODELS[model].weights.reduce((sum, w) => sum + statSync(fileURLToPath(w.url)).size, 0);
    expect(bytes).toBeLessThanOrEqual(MAX_WEIGHT_BYTES);
  });
});

it('rejects an unknown bundled model name with InvalidOptionError', async () => {
  const error = await createEmotionClassifier({ backend: 'wasm', model: 'tiny' as BundledModel }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidOptionError);
  expect((error as Error).message).toMatch(/model must be one of 'accurate', 'fast'/);
});
