// Speed of our two bundled classifiers (accurate = FerNet-S, fast = FerNet-T) against the
// mini-Xception baseline and face-api's expression model, side by side in one run, on wasm in
// Node, plus the full detectEmotion pipeline on a 640x480 frame with each of ours:
//   pnpm --filter @moodtunes/fer-core bench [-- --baseline path/to/emotion.json] [--rounds 5]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import jpeg from 'jpeg-js';
import { createEmotionClassifier, type EmotionClassifier } from '../src/classifier';
import { createEmotionDetector } from '../src/detector';
import { BUNDLED_MODELS, type BundledModel } from '../src/model-spec';
import { EMOTION_MODELS } from '../src/models';
import type { DetectMode } from '@moodtunes/face-detect';
import type { PixelData } from '../src/types';
import { createFaceApiExpressionClassifier } from './lib/face-api-expression';
import { readFer2013 } from './lib/fer2013';
import { HUMAN_EMOTION_SPEC, PUBLIC_TEST, RESULTS_DIR, SHARED_DATA, resolveBaselineModel } from './lib/paths';

const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    baseline: { type: 'string', default: 'human-emotion' },
    rounds: { type: 'string', default: '5' },
    faces: { type: 'string', default: '256' },
    frames: { type: 'string', default: '200' },
  },
});
const rounds = Number(args.rounds);

const faces: PixelData[] = [];
for await (const row of readFer2013(PUBLIC_TEST, { limit: Number(args.faces) })) {
  faces.push({ data: row.pixels, width: 48, height: 48, channels: 1 });
}

const accurate = await createEmotionClassifier({ backend: 'wasm', model: 'accurate' });
const fast = await createEmotionClassifier({ backend: 'wasm', model: 'fast' });
const baseline = await createEmotionClassifier({
  backend: 'wasm',
  modelUrl: resolveBaselineModel(args.baseline),
  modelSpec: HUMAN_EMOTION_SPEC,
});
const faceApi = await createFaceApiExpressionClassifier({ backend: 'wasm' });

/** Faces per second of one classify pass over `faces`, in batches or one face per call. */
async function facesPerSecond(classifier: EmotionClassifier, mode: 'batched' | 'single', flip = false): Promise<number> {
  const start = performance.now();
  if (mode === 'batched') await classifier.classify(faces, { flip });
  else for (const face of faces) await classifier.classify([face], { flip });
  return faces.length / ((performance.now() - start) / 1000);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? Number.NaN;

// Rounds alternate between the models so drift (thermal, other load) hits both alike.
const runs: Record<string, number[]> = {};
const cases: [string, EmotionClassifier, 'batched' | 'single', boolean][] = [
  ['accurate batched', accurate, 'batched', false],
  ['fast batched', fast, 'batched', false],
  ['mini-xception batched', baseline, 'batched', false],
  ['face-api batched', faceApi, 'batched', false],
  ['accurate single', accurate, 'single', false],
  ['fast single', fast, 'single', false],
  ['mini-xception single', baseline, 'single', false],
  ['face-api single', faceApi, 'single', false],
  ['accurate batched + flip TTA', accurate, 'batched', true],
];
for (const [, classifier, mode, flip] of cases) await facesPerSecond(classifier, mode, flip);
for (let r = 0; r < rounds; r++) {
  for (const [name, classifier, mode, flip] of cases) (runs[name] ??= []).push(await facesPerSecond(classifier, mode, flip));
}
baseline.dispose();
faceApi.dispose();
accurate.dispose();
fast.dispose();

// Full pipeline: a real 640x427 photo with 4 faces, padded to 640x480.
const photo = jpeg.decode(readFileSync(join(SHARED_DATA, 'faces', 'obama_family_2011.jpg')), { useTArray: true });
const frame = new Uint8ClampedArray(640 * 480 * 4).fill(255);
for (let y = 0; y < Math.min(480, photo.height); y++) {
  frame.set(photo.data.subarray(y * photo.width * 4, y * photo.width * 4 + Math.min(640, photo.width) * 4), y * 640 * 4);
}
const image = { data: frame, width: 640, height: 480 };

/**
 * Full detectEmotion latency percentiles on `image` with `model` in `mode`, after 5 warm-up
 * frames: `video` is a webcam's stream (the fast path), `still` a photo (every face, tiles and turns).
 */
async function pipelineLatency(model: BundledModel, mode: DetectMode) {
  const detector = await createEmotionDetector({ backend: 'wasm', model });
  let faces = 0;
  for (let i = 0; i < 5; i++) faces = (await detector.detect(image, { mode })).length;
  const latencies: number[] = [];
  const frames = mode === 'video' ? Number(args.frames) : Math.ceil(Number(args.frames) / 10);
  for (let i = 0; i < frames; i++) {
    const start = performance.now();
    await detector.detect(image, { mode });
    latencies.push(performance.now() - start);
  }
  detector.dispose();
  return { faces, frames: latencies.length, p50ms: percentile(latencies, 50), p99ms: percentile(latencies, 99) };
}
const pipeline640x480: Record<string, Awaited<ReturnType<typeof pipelineLatency>>> = {};
for (const mode of ['video', 'still'] as const) {
  for (const model of BUNDLED_MODELS) pipeline640x480[`${model} ${mode}`] = await pipelineLatency(model, mode);
}
const ratio = (ours: string, base: string) => median(runs[ours]!) / median(runs[base]!);

const result = {
  backend: tf.getBackend(),
  simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'),
  threads: tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT'),
  node: process.version,
  facesPerRun: faces.length,
  rounds,
  facesPerSecond: Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, Math.round(median(v))])),
  ratioToBaseline: Object.fromEntries(
    [...BUNDLED_MODELS, 'face-api'].map((model) => [
      model,
      {
        batched: ratio(`${model} batched`, 'mini-xception batched'),
        single: ratio(`${model} single`, 'mini-xception single'),
      },
    ]),
  ),
  pipeline640x480,
};

console.log(
  `wasm in Node ${process.version} (SIMD ${result.simd}, threads ${result.threads}), ${faces.length} FER2013 PublicTest faces, median of ${rounds} rounds`,
);
console.log('');
console.log('| case | faces/s |');
console.log('| --- | ---: |');
for (const [name, value] of Object.entries(result.facesPerSecond)) console.log(`| ${name} | ${value} |`);
console.log('');
for (const [model, r] of Object.entries(result.ratioToBaseline)) {
  console.log(
    `${model === 'face-api' ? 'face-api (face_expression_model)' : `${model} (${EMOTION_MODELS[model as BundledModel].displayName})`} / mini-xception: batched ${r.batched.toFixed(2)}x, single ${r.single.toFixed(2)}x`,
  );
}
for (const [modelMode, p] of Object.entries(result.pipeline640x480)) {
  console.log(
    `detectEmotion (${modelMode} mode), 640x480 frame with ${p.faces} faces: p50 ${p.p50ms.toFixed(1)} ms, p99 ${p.p99ms.toFixed(1)} ms over ${p.frames} frames`,
  );
}
mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(join(RESULTS_DIR, 'bench.json'), `${JSON.stringify(result, null, 2)}\n`);
