/**
 * Recall, false positives and box IoU on the real-photo fixtures (shared/data/faces), per image
 * and in total, at default options. A detection matches an annotated face at IoU >= 0.35.
 *   pnpm --filter @moodtunes/face-detect eval:fixtures
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { createFaceDetector } from '@moodtunes/face-detect';
import { loadAnnotations, loadImage } from '../test/fixtures';
import { matchFaces, toBox } from '../test/match';

await tf.setBackend('wasm');
const annotations = loadAnnotations();
for (const model of ['short', 'full'] as const) {
  const detector = await createFaceDetector({ model });
  const total = { faces: 0, found: 0, falsePositives: 0, ious: [] as number[] };
  console.log(`\n${model} range | image | annotated | detected | matched | false pos. | IoU of matches`);
  for (const [file, a] of Object.entries(annotations)) {
    const faces = await detector.detect(loadImage(file));
    const m = matchFaces(
      faces,
      a.faces.map((f) => toBox(f.box_xywh)),
      0.35,
    );
    total.faces += a.faces.length;
    total.found += m.matched.length;
    total.falsePositives += m.falsePositives;
    total.ious.push(...m.matched.map((x) => x.iou));
    console.log(
      `| ${file} | ${a.faces.length} | ${faces.length} | ${m.matched.length} | ${m.falsePositives} | ${m.matched.map((x) => x.iou.toFixed(2)).join(' ')} |`,
    );
  }
  const sorted = total.ious.sort((x, y) => x - y);
  console.log(
    `${model}: recall ${total.found}/${total.faces}, false positives ${total.falsePositives}, median IoU ${sorted[Math.floor(sorted.length / 2)]!.toFixed(2)}, min IoU ${sorted[0]!.toFixed(2)}`,
  );
  detector.dispose();
}
