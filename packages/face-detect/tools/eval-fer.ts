/**
 * Share of FER2013 PublicTest faces in which the detector finds exactly one face. Each 48x48 face
 * is edge-padded by --pad px per side (default 8) and upscaled to 192x192.
 *   pnpm --filter @moodtunes/face-detect eval:fer [--model short|full|both] [--limit N] [--pad 8]
 * Also prints where the keypoints fall in the 48x48 FER frame (median), the figures behind
 * alignFaces' FER2013-like default framing.
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { createFaceDetector, faceAlignment, type ModelType } from '@moodtunes/face-detect';
import { ferToFrame, readFerRows } from './fer-data';

const { values } = parseArgs({
  options: { model: { type: 'string', default: 'both' }, limit: { type: 'string' }, pad: { type: 'string', default: '8' } },
});
const pad = Number(values.pad);
const models: ModelType[] = values.model === 'both' ? ['short', 'full'] : [values.model as ModelType];
const limit = values.limit ? Number(values.limit) : Infinity;

await tf.setBackend('wasm');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

for (const model of models) {
  const detector = await createFaceDetector({ model });
  const counts = { rows: 0, none: 0, one: 0, many: 0 };
  const stats: Record<string, number[]> = {
    eyeMidX: [],
    eyeMidY: [],
    mouthY: [],
    eyeDist: [],
    eyeMouth: [],
    boxSide: [],
    boxCenterY: [],
    cropPerFace: [],
    centreBelowEyes: [],
  };
  const started = performance.now();
  for await (const row of readFerRows()) {
    if (counts.rows >= limit) break;
    const frame = ferToFrame(row.pixels, 192, pad);
    const faces = await detector.detect(frame);
    counts.rows++;
    if (faces.length === 0) counts.none++;
    else if (faces.length === 1) counts.one++;
    else counts.many++;
    if (faces.length === 1) {
      const k = Object.fromEntries(faces[0]!.keypoints.map((p) => [p.name, frame.toFer(p.x, p.y)]));
      const [rx, ry] = k.rightEye!;
      const [lx, ly] = k.leftEye!;
      const [mx, my] = k.mouthCenter!;
      const b = faces[0]!.box;
      const [bx0, by0] = frame.toFer(b.x, b.y);
      const [bx1, by1] = frame.toFer(b.x + b.width, b.y + b.height);
      stats.eyeMidX!.push((rx + lx) / 2 / 48);
      stats.eyeMidY!.push((ry + ly) / 2 / 48);
      stats.mouthY!.push(my / 48);
      stats.eyeDist!.push(Math.hypot(lx - rx, ly - ry) / 48);
      stats.eyeMouth!.push(Math.hypot(mx - (rx + lx) / 2, my - (ry + ly) / 2) / 48);
      stats.boxSide!.push(Math.max(bx1 - bx0, by1 - by0) / 48);
      stats.boxCenterY!.push((by0 + by1) / 2 / 48);
      // Calibration of alignFaces: the FER side and centre in units of the keypoint face size.
      const face = faceAlignment(faces[0]!, { margin: 0 }).side * (48 / frame.width) * ((48 + 2 * pad) / 48);
      stats.cropPerFace!.push(48 / face);
      stats.centreBelowEyes!.push((24 - (ry + ly) / 2) / face);
    }
    if (counts.rows % 500 === 0) process.stderr.write(`${model}: ${counts.rows} faces...\n`);
  }
  detector.dispose();
  const pct = (n: number) => `${((100 * n) / counts.rows).toFixed(1)}%`;
  console.log(
    `${model} (pad ${pad}): ${counts.rows} FER2013 PublicTest faces, exactly one face ${counts.one} (${pct(counts.one)}), none ${counts.none} (${pct(counts.none)}), several ${counts.many} (${pct(counts.many)}); ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  console.log(
    `  keypoints in the 48x48 frame (median, fraction of 48): ${Object.entries(stats)
      .map(([k, v]) => `${k} ${median(v).toFixed(3)}`)
      .join(', ')}`,
  );
}
