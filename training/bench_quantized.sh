#!/usr/bin/env bash
# Speed and load time of the bundled (quantized) emotion models against float32 exports of the same
# checkpoints, side by side in one process on wasm in Node, with the mini-Xception baseline as the
# yardstick. Export the float32 models first (no --quantize), then run this from anywhere:
#   /usr/bin/python3 training/export_tfjs.py training/checkpoints/fernet-s-kd.pt /tmp/f32/accurate --parity-out /tmp/f32/fixtures
#   /usr/bin/python3 training/export_tfjs.py training/checkpoints/fernet-t.pt /tmp/f32/fast --parity-out /tmp/f32/fixtures
#   bash training/bench_quantized.sh /tmp/f32
# The TypeScript lives here, not as a .ts file, because it is a one-off measurement of the
# training pipeline's output, not part of any package (knip and eslint cover the packages).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
sed "s#__REPO__#$repo#g" > "$tmp/bench_quantized.mts" <<'TS'
import { join } from 'node:path';
import { createEmotionClassifier, type EmotionClassifier } from '__REPO__/packages/fer-core/src/classifier.ts';
import type { PixelData } from '__REPO__/packages/fer-core/src/types.ts';
import { readFer2013 } from '__REPO__/packages/fer-core/tools/lib/fer2013.ts';
import { HUMAN_EMOTION_SPEC, PUBLIC_TEST, resolveBaselineModel } from '__REPO__/packages/fer-core/tools/lib/paths.ts';

const float32Dir = process.env.FLOAT32_DIR ?? '/tmp/f32';
const ROUNDS = 5;
const faces: PixelData[] = [];
for await (const row of readFer2013(PUBLIC_TEST, { limit: 256 })) faces.push({ data: row.pixels, width: 48, height: 48, channels: 1 });

const options = {
  'accurate (bundled)': { model: 'accurate' as const },
  'accurate float32': { modelUrl: join(float32Dir, 'accurate', 'model.json') },
  'fast (bundled)': { model: 'fast' as const },
  'fast float32': { modelUrl: join(float32Dir, 'fast', 'model.json') },
  'mini-xception': { modelUrl: resolveBaselineModel('human-emotion'), modelSpec: HUMAN_EMOTION_SPEC },
};
type Name = keyof typeof options;
const names = Object.keys(options) as Name[];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

// Load each model ROUNDS times, alternating; the first load of the process also starts wasm.
const loadMs: Partial<Record<Name, number[]>> = {};
const classifiers: Partial<Record<Name, EmotionClassifier>> = {};
for (let r = 0; r < ROUNDS; r++) {
  for (const name of names) {
    const start = performance.now();
    const classifier = await createEmotionClassifier({ backend: 'wasm', ...options[name] });
    (loadMs[name] ??= []).push(performance.now() - start);
    if (r < ROUNDS - 1) classifier.dispose();
    else classifiers[name] = classifier;
  }
}

async function facesPerSecond(classifier: EmotionClassifier, mode: 'batched' | 'single'): Promise<number> {
  const start = performance.now();
  if (mode === 'batched') await classifier.classify(faces);
  else for (const face of faces) await classifier.classify([face]);
  return faces.length / ((performance.now() - start) / 1000);
}

const modes = ['batched', 'single'] as const;
const runs: Record<string, number[]> = {};
for (const mode of modes) for (const name of names) await facesPerSecond(classifiers[name]!, mode); // warm-up
for (let r = 0; r < ROUNDS; r++) {
  for (const mode of modes) {
    for (const name of names) (runs[`${name} ${mode}`] ??= []).push(await facesPerSecond(classifiers[name]!, mode));
  }
}
for (const name of names) classifiers[name]!.dispose();

console.log(`wasm in Node ${process.version}, ${faces.length} PublicTest faces, median of ${ROUNDS} rounds\n`);
console.log('| model | faces/s batched | faces/s single | vs mini-Xception (batched / single) | load ms (median; first) |');
console.log('| --- | ---: | ---: | --- | ---: |');
const fps = (name: Name, mode: string) => median(runs[`${name} ${mode}`]!);
for (const name of names) {
  const ratio = modes.map((m) => `${(fps(name, m) / fps('mini-xception', m)).toFixed(2)}x`).join(' / ');
  console.log(
    `| ${name} | ${fps(name, 'batched').toFixed(0)} | ${fps(name, 'single').toFixed(0)} | ${ratio} | ${median(loadMs[name]!).toFixed(0)}; ${loadMs[name]![0]!.toFixed(0)} |`,
  );
}
for (const model of ['accurate', 'fast'] as const) {
  const ratio = modes.map((m) => (fps(`${model} (bundled)`, m) / fps(`${model} float32`, m)).toFixed(2)).join(' / ');
  console.log(`${model}: bundled / float32 faces/s, batched / single: ${ratio}`);
}
TS
cd "$repo/packages/fer-core"
FLOAT32_DIR="${1:-/tmp/f32}" pnpm exec tsx --conditions=@moodtunes/source "$tmp/bench_quantized.mts" 2>&1 |
  grep -v -e '^=\+$' -e 'Hi, looks like you are running TensorFlow.js in Node.js' -e 'install our node backend' || true
