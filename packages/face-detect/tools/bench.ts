/**
 * Latency of one 640x480 RGBA frame on the wasm backend in Node, short and full range, p50/p99,
 * this package against the plain-loader baseline (tools/baseline.ts), interleaved call by call;
 * then the default detector ('auto') on the same frame as a video frame and as a still, interleaved with short range.
 *   pnpm --filter @moodtunes/face-detect bench [--runs 200]
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { createFaceDetector, type ModelType } from '@moodtunes/face-detect';
import { loadImage, resizeNearest } from '../test/fixtures';
import { createBaseline } from './baseline';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '200' } } });
const runs = Number(values.runs);
await tf.setBackend('wasm');
await tf.ready();

const frame = resizeNearest(loadImage('obama_family_2011.jpg'), 640, 480);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

console.log(
  `wasm backend (SIMD ${String(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'))}, threads off in Node), Node ${process.version}, ${runs} runs, 640x480 frame with 4 faces`,
);
for (const model of ['short', 'full'] as ModelType[]) {
  const ours = await createFaceDetector({ model });
  const baseline = await createBaseline(model);
  const times = { ours: [] as number[], baseline: [] as number[] };
  let foundOurs = 0;
  let foundBaseline = 0;
  for (let i = 0; i < 10; i++) {
    await ours.detect(frame);
    await baseline.detect(frame);
  }
  const tensorsBefore = tf.memory().numTensors;
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    foundOurs = (await ours.detect(frame)).length;
    times.ours.push(performance.now() - t);
    t = performance.now();
    foundBaseline = await baseline.detect(frame);
    times.baseline.push(performance.now() - t);
  }
  if (tf.memory().numTensors !== tensorsBefore) throw new Error('tensor leak during the benchmark');
  ours.dispose();
  baseline.dispose();
  const line = (name: string, xs: number[]) => `${name} p50 ${pct(xs, 50).toFixed(2)} ms, p99 ${pct(xs, 99).toFixed(2)} ms`;
  console.log(
    `${model}: ${line('face-detect', times.ours)} | ${line('plain loader', times.baseline)} | speed-up p50 x${(pct(times.baseline, 50) / pct(times.ours, 50)).toFixed(2)} (faces: ${foundOurs} vs ${foundBaseline})`,
  );
}

// 'auto' as the webcam runs it (video mode: short range, full range every 15th frame) and as a
// photo (still mode), each interleaved with plain short range so that the ratio is fair.
const auto = await createFaceDetector();
const short = await createFaceDetector({ model: 'short' });
for (const mode of ['video', 'still'] as const) {
  const times = { auto: [] as number[], short: [] as number[] };
  let found = 0;
  for (let i = 0; i < 10; i++) await auto.detect(frame, { mode });
  const tensorsBefore = tf.memory().numTensors;
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    found = (await auto.detect(frame, { mode })).length;
    times.auto.push(performance.now() - t);
    t = performance.now();
    await short.detect(frame);
    times.short.push(performance.now() - t);
  }
  if (tf.memory().numTensors !== tensorsBefore) throw new Error('tensor leak during the benchmark');
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(
    `auto, ${mode} mode: p50 ${pct(times.auto, 50).toFixed(2)} ms, p99 ${pct(times.auto, 99).toFixed(2)} ms, mean ${mean(times.auto).toFixed(2)} ms | ` +
      `short p50 ${pct(times.short, 50).toFixed(2)} ms, mean ${mean(times.short).toFixed(2)} ms | mean ratio x${(mean(times.auto) / mean(times.short)).toFixed(2)} (faces: ${found})`,
  );
}
auto.dispose();
short.dispose();
