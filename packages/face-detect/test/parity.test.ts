import { expect, it } from 'vitest';
import { createFaceDetector, type Face, type ModelType } from '@moodtunes/face-detect';
import { useBackend } from './backend';
import { loadImage, resizeNearest } from './fixtures';
import { boxIou } from './match';

// Same frames through the cpu and wasm backends. Float summation order differs between the two
// kernels, so compare within tolerances: score ±0.01, box IoU >= 0.98, keypoints within 1 px.
async function detectOn(backend: 'cpu' | 'wasm', model: ModelType, files: string[]): Promise<Face[][]> {
  await useBackend(backend);
  const detector = await createFaceDetector({ model, minScore: 0.4 });
  const out: Face[][] = [];
  for (const file of files) {
    const image = loadImage(file);
    // Downscaled to 320 px wide: the model input is 128/192 px anyway, and the cpu backend is slow.
    out.push(await detector.detect(resizeNearest(image, 320, Math.round((320 * image.height) / image.width))));
  }
  detector.dispose();
  return out;
}

it.each(['short', 'full'] as const)('%s range: cpu and wasm agree', async (model) => {
  const files = ['astronaut_eileen_collins.png', 'obama_family_2011.jpg', 'obama_biden_side_by_side_2010.jpg'];
  const wasm = await detectOn('wasm', model, files);
  const cpu = await detectOn('cpu', model, files);
  expect(wasm.flat().length).toBeGreaterThanOrEqual(4);
  files.forEach((file, i) => {
    expect(cpu[i]!.length, file).toBe(wasm[i]!.length);
    wasm[i]!.forEach((face, j) => {
      const other = cpu[i]![j]!;
      expect(Math.abs(other.score - face.score)).toBeLessThan(0.01);
      expect(boxIou(other.box, face.box)).toBeGreaterThan(0.98);
      face.keypoints.forEach((k, n) => {
        expect(Math.abs(other.keypoints[n]!.x - k.x)).toBeLessThan(1);
        expect(Math.abs(other.keypoints[n]!.y - k.y)).toBeLessThan(1);
      });
    });
  });
});
