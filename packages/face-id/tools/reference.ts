// Writes test/fixtures/parity-face-api.json: face-api's own descriptors, from face-api's own code
// (faceRecognitionNet.computeFaceDescriptor), for the parity test of our network (src/network.ts),
// on box crops of the shared photos (tools/lib/photos.ts). face-api is not a dependency of this
// repo; install it in a scratch folder and point at it:
//   (mkdir -p /tmp/fa && cd /tmp/fa && npm i @vladmandic/face-api@1.7.15 @tensorflow/tfjs@4.22.0 @tensorflow/tfjs-backend-wasm@4.22.0)
//   pnpm --filter @moodtunes/face-id reference -- --face-api /tmp/fa/node_modules/@vladmandic/face-api
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadFaceApi, type FaceApiTensor } from '../../fer-core/tools/lib/face-api-package';
import { boxCrop, decodePhoto, PARITY_FACES, readPhotos } from './lib/photos';

interface Nets {
  faceRecognitionNet: { loadFromWeightMap(map: unknown): void; computeFaceDescriptor(input: FaceApiTensor): Promise<Float32Array> };
}
const { faceapi, version } = await loadFaceApi<Nets>('reference', 'face_recognition_model', (nets) => nets.faceRecognitionNet);
const net = faceapi.nets.faceRecognitionNet;

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
