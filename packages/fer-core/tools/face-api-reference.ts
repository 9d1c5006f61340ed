// Writes test/fixtures/parity-face-api.json: face-api's own expression outputs, from face-api's
// own code, on the first PublicTest faces, for the parity test of our network
// (tools/lib/face-api-expression.ts). face-api is not a dependency of this repo; install it in a
// scratch folder and point at it:
//   (mkdir -p /tmp/fa && cd /tmp/fa && npm i @vladmandic/face-api@1.7.15 @tensorflow/tfjs@4.22.0 @tensorflow/tfjs-backend-wasm@4.22.0)
//   pnpm --filter @moodtunes/fer-core face-api-reference -- --face-api /tmp/fa/node_modules/@vladmandic/face-api
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readFer2013 } from './lib/fer2013';
import { FACE_API_PARITY_ROWS, upsampleForFaceApi } from './lib/face-api-expression';
import { PUBLIC_TEST, REPO_ROOT } from './lib/paths';

const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: { 'face-api': { type: 'string' } },
});
if (!args['face-api']) {
  console.error('usage: face-api-reference --face-api <folder of @vladmandic/face-api@1.7.15>');
  process.exit(2);
}
const dir = args['face-api'];

interface Tensor {
  dispose(): void;
}
interface FaceApi {
  tf: {
    setBackend(name: string): Promise<boolean>;
    tensor3d(values: Int32Array, shape: number[], dtype: 'int32'): Tensor;
    io: { decodeWeights(data: ArrayBuffer, specs: unknown): unknown };
    version_core: string;
  };
  version: string;
  nets: {
    faceExpressionNet: { loadFromWeightMap(map: unknown): void; predictExpressions(input: Tensor): Promise<Record<string, number>> };
  };
}
const faceapi = createRequire(import.meta.url)(join(dir, 'dist', 'face-api.node-wasm.js')) as FaceApi;
const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
await faceapi.tf.setBackend('cpu');

const manifest = JSON.parse(readFileSync(join(dir, 'model', 'face_expression_model-weights_manifest.json'), 'utf8')) as [
  { weights: unknown },
];
const bin = readFileSync(join(dir, 'model', 'face_expression_model.bin'));
const net = faceapi.nets.faceExpressionNet;
net.loadFromWeightMap(faceapi.tf.io.decodeWeights(bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength), manifest[0].weights));

const labels = ['neutral', 'happy', 'sad', 'angry', 'fearful', 'disgusted', 'surprised'];
const probabilities: number[][] = [];
for await (const row of readFer2013(PUBLIC_TEST, { limit: FACE_API_PARITY_ROWS })) {
  const input = faceapi.tf.tensor3d(Int32Array.from(upsampleForFaceApi(row.pixels)), [112, 112, 3], 'int32');
  const expressions = await net.predictExpressions(input);
  input.dispose();
  probabilities.push(labels.map((label) => expressions[label]!));
}

const out = join(REPO_ROOT, 'packages', 'fer-core', 'test', 'fixtures', 'parity-face-api.json');
const fixture = {
  reference: `@vladmandic/face-api@${version} faceExpressionNet.predictExpressions, tfjs ${faceapi.tf.version_core} cpu backend`,
  input: `the first ${FACE_API_PARITY_ROWS} FER2013 PublicTest rows, upsampleForFaceApi (nearest 48 -> 112, gray to RGB)`,
  classes: labels,
  probabilities,
};
writeFileSync(out, `${JSON.stringify(fixture, null, 2)}\n`);
console.log(`wrote ${out} (${probabilities.length} faces)`);
