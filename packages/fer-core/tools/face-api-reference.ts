// Writes test/fixtures/parity-face-api.json: face-api's own expression outputs, from face-api's
// own code, on the first PublicTest faces, for the parity test of our network
// (tools/lib/face-api-expression.ts). face-api is not a dependency of this repo; install it in a
// scratch folder and point at it:
//   (mkdir -p /tmp/fa && cd /tmp/fa && npm i @vladmandic/face-api@1.7.15 @tensorflow/tfjs@4.22.0 @tensorflow/tfjs-backend-wasm@4.22.0)
//   pnpm --filter @moodtunes/fer-core face-api-reference -- --face-api /tmp/fa/node_modules/@vladmandic/face-api
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFer2013 } from './lib/fer2013';
import { FACE_API_PARITY_ROWS, upsampleForFaceApi } from './lib/face-api-expression';
import { loadFaceApi, type FaceApiTensor } from './lib/face-api-package';
import { PUBLIC_TEST, REPO_ROOT } from './lib/paths';

interface Nets {
  faceExpressionNet: { loadFromWeightMap(map: unknown): void; predictExpressions(input: FaceApiTensor): Promise<Record<string, number>> };
}
const { faceapi, version } = await loadFaceApi<Nets>('face-api-reference', 'face_expression_model', (nets) => nets.faceExpressionNet);
const net = faceapi.nets.faceExpressionNet;

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
