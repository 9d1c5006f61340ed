// Both bundled models load offline by name and score real PublicTest faces as their metadata says.
import { describe, expect, it } from 'vitest';
import { createEmotionClassifier, EMOTIONS, InvalidOptionError, type BundledModel } from '@moodtunes/fer-core';
import { publicTestRows } from './fixtures';

const ROWS = 512;

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
});

it('rejects an unknown bundled model name with InvalidOptionError', async () => {
  const error = await createEmotionClassifier({ backend: 'wasm', model: 'tiny' as BundledModel }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidOptionError);
  expect((error as Error).message).toMatch(/model must be one of 'accurate', 'fast'/);
});
