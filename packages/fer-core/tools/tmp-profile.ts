import * as tf from '@tensorflow/tfjs-core';
import { createEmotionClassifier } from '../src/classifier';
import { HUMAN_EMOTION_SPEC, modelOptions, resolveBaselineModel } from './lib/paths';
const ours = await createEmotionClassifier({ backend: 'wasm', ...modelOptions(process.argv[2]) });
const base = await createEmotionClassifier({ backend: 'wasm', modelUrl: resolveBaselineModel('human-emotion'), modelSpec: HUMAN_EMOTION_SPEC });
for (const [name, c, size] of [['ours', ours, 48], ['base', base, 64]] as const) {
  const m = (c as any).loaded.model;
  for (const n of [1, 1, 8, 64]) {
    const x = tf.zeros([n, size, size, 1]);
    for (let i = 0; i < 5; i++) { const y = m.execute(x) as tf.Tensor; await y.data(); y.dispose(); }
    const t0 = performance.now(); const N = 100;
    for (let i = 0; i < N; i++) { const y = m.execute(x) as tf.Tensor; y.dataSync(); y.dispose(); }
    const ms = (performance.now() - t0) / N;
    console.log(name, 'batch', n, ms.toFixed(2), 'ms/call', (n * 1000 / ms).toFixed(0), 'faces/s');
    x.dispose();
  }
  const face = { data: new Uint8ClampedArray(48 * 48).fill(128), width: 48, height: 48, channels: 1 as const };
  const t0 = performance.now();
  for (let i = 0; i < 100; i++) await c.classify([face]);
  console.log(name, 'classify single', ((performance.now() - t0) / 100).toFixed(2), 'ms');
}
