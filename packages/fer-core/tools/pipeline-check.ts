// Do crops cut by the detect + align pipeline look like FER2013 crops to the classifier?
// Each PublicTest face is edge-padded, upscaled into a camera-sized frame, run through the full
// detectEmotion pipeline, and scored against the same model on the raw 48x48 crop:
//   pnpm --filter @moodtunes/fer-core pipeline-check [-- --limit 1000 --size 192 --pad 8 --margin 0.075 --model accurate|fast|human-emotion|model.json]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { createEmotionDetector } from '../src/detector';
import { EMOTIONS } from '../src/types';
import { readFer2013 } from './lib/fer2013';
import { modelOptions, progress, PUBLIC_TEST, RESULTS_DIR } from './lib/paths';

const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    limit: { type: 'string' },
    size: { type: 'string', default: '192' },
    pad: { type: 'string', default: '8' },
    margin: { type: 'string' },
    model: { type: 'string' },
  },
});
const size = Number(args.size);
const pad = Number(args.pad);
const limit = args.limit === undefined ? undefined : Number(args.limit);

const detector = await createEmotionDetector({
  backend: 'wasm',
  ...modelOptions(args.model),
  ...(args.margin !== undefined ? { cropMargin: Number(args.margin) } : {}),
});

/** 48x48 gray -> edge-padded by `pad` -> bilinear upscale to size x size RGB, values 0..255. */
function toFrame(pixels: Uint8Array): tf.Tensor3D {
  return tf.tidy(() => {
    const face = tf.tensor3d(Float32Array.from(pixels), [48, 48, 1]);
    const padded = tf.mirrorPad(
      face,
      [
        [pad, pad],
        [pad, pad],
        [0, 0],
      ],
      'symmetric',
    );
    return tf.tile<tf.Tensor3D>(tf.image.resizeBilinear(padded, [size, size], false, true), [1, 1, 3]);
  });
}

const counts = { rows: 0, detected: 0, rawCorrect: 0, pipelineCorrect: 0, rawCorrectOnDetected: 0, agree: 0 };
const tick = progress('faces', limit);
for await (const row of readFer2013(PUBLIC_TEST, { limit })) {
  const [raw] = await detector.classifier.classify([{ data: row.pixels, width: 48, height: 48, channels: 1 }]);
  const frame = toFrame(row.pixels);
  const [best] = await detector.detect(frame, { maxFaces: 1 });
  frame.dispose();
  counts.rows++;
  const rawOk = EMOTIONS.indexOf(raw!.emotion) === row.label;
  if (rawOk) counts.rawCorrect++;
  if (best) {
    counts.detected++;
    if (rawOk) counts.rawCorrectOnDetected++;
    if (EMOTIONS.indexOf(best.emotion) === row.label) counts.pipelineCorrect++;
    if (best.emotion === raw!.emotion) counts.agree++;
  }
  tick(counts.rows);
}
detector.dispose();

const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(2)}%`;
const result = {
  rows: counts.rows,
  frame: `${size}x${size} (48x48 + ${pad} px mirrored edge per side, bilinear upscale)`,
  cropMargin: args.margin === undefined ? 'face-detect default (FER2013 framing)' : Number(args.margin),
  detectionRate: counts.detected / counts.rows,
  rawAccuracy: counts.rawCorrect / counts.rows,
  rawAccuracyOnDetected: counts.rawCorrectOnDetected / counts.detected,
  pipelineAccuracyOnDetected: counts.pipelineCorrect / counts.detected,
  pipelineAccuracyAllRows: counts.pipelineCorrect / counts.rows,
  sameTopEmotion: counts.agree / counts.detected,
};
console.log(`FER2013 PublicTest, ${counts.rows} faces, frames ${result.frame}`);
console.log(`face found in ${counts.detected} (${pct(counts.detected, counts.rows)})`);
console.log(
  `raw 48x48 crops:        accuracy ${pct(counts.rawCorrect, counts.rows)} (all rows), ${pct(counts.rawCorrectOnDetected, counts.detected)} (rows with a face found)`,
);
console.log(
  `detect + align + crop:  accuracy ${pct(counts.pipelineCorrect, counts.detected)} (rows with a face found), ${pct(counts.pipelineCorrect, counts.rows)} (all rows, missed = wrong)`,
);
console.log(`same top emotion as the raw crop: ${pct(counts.agree, counts.detected)}`);
mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(join(RESULTS_DIR, 'pipeline-check.json'), `${JSON.stringify(result, null, 2)}\n`);
