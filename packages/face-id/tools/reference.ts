// Writes test/fixtures/parity-face-api.json: face-api's own descriptors, from face-api's own code
// (faceRecognitionNet.computeFaceDescriptor), for the parity test of our network (src/network.ts),
// on box crops of the shared photos (tools/lib/photos.ts). face-api is not a dependency of this
// repo; install it in a scratch folder and point at it:
//   (mkdir -p /tmp/fa && cd /tmp/fa && npm i @vladmandic/face-api@1.7.15 @tensorflow/tfjs@4.22.0 @tensorflow/tfjs-backend-wasm@4.22.0)
//   pnpm --filter @moodtunes/face-id reference -- --face-api /tmp/fa/node_modules/@vladmandic/face-api
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { boxCrop, decodePhoto, PARITY_FACES, readPhotos } from './lib/photos';

const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: { 'face-api': { type: 'string' } },
});
if (!args['face-api']) {
  console.error('usage: reference --face-api <folder of @vladmandic/face-api@1.7.15>');
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
  nets: { faceRecognitionNet: { loadFromWeightMap(map: unknown): void; computeFaceDescriptor(input: Tensor): Promise<Float32Array> } };
}
const faceapi = createRequire(import.meta.url)(join(dir, 'dist', 'face-api.node-wasm.js')) as FaceApi;
const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
await faceapi.tf.setBackend('cpu');
const manifest = JSON.parse(readFileSync(join(dir, 'model', 'face_recognition_model-weights_manifest.json'), 'utf8')) as [
  { weights: unknown },
];
const bin = readFileSync(join(dir, 'model', 'face_recognition_model.bin'));
const net = faceapi.nets.faceRecognitionNet;
net.loadFromWeightMap(faceapi.tf.io.decodeWeights(bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength), manifest[0].weights));

const photos = readPhotos();
const descriptors: number[][] = [];
for (const { file, index } of PARITY_FACES) {
  const box = photos.find((p) => p.file === file)!.faces[index]!.box;
  const input = faceapi.tf.tensor3d(Int32Array.from(boxCrop(decodePhoto(file), box)), [150, 150, 3], 'int32');
  descriptors.push(Array.from(await net.computeFaceDescriptor(input)));
  input.dispose();
}

const out = fileURLToPath(new URL('../test/fixtures/parity-face-api.json', import.meta.url));
const fixture = {
  reference: `@vladmandic/face-api@${version} faceRecognitionNet.computeFaceDescriptor, tfjs ${faceapi.tf.version_core} cpu backend`,
  input: 'boxCrop (tools/lib/photos.ts) of each annotated face: the box made square, nearest-sampled to 150x150 RGB',
  faces: PARITY_FACES,
  descriptors,
};
writeFileSync(out, `${JSON.stringify(fixture, null, 2)}\n`);
console.log(`wrote ${out} (${descriptors.length} faces)`);
