// face-api's own code, run as the reference for our implementations of its networks (fer-core's
// expression baseline, face-id's embeddings). face-api is no dependency of this repo: the tools take
// the folder of a scratch install (`npm i @vladmandic/face-api@1.7.15 @tensorflow/tfjs@4.22.0
// @tensorflow/tfjs-backend-wasm@4.22.0`) as `--face-api <dir>`.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

/** A face-api tensor, as far as the tools use it. */
export interface FaceApiTensor {
  dispose(): void;
}

/** A face-api network that loads a weight map. */
interface FaceApiNet {
  loadFromWeightMap(map: unknown): void;
}

/** What the tools use of face-api's module. */
export interface FaceApi<Nets> {
  tf: {
    setBackend(name: string): Promise<boolean>;
    tensor3d(values: Int32Array, shape: number[], dtype: 'int32'): FaceApiTensor;
    io: { decodeWeights(data: ArrayBuffer, specs: unknown): unknown };
    version_core: string;
  };
  nets: Nets;
}

/**
 * face-api from the `--face-api` folder of `argv` (exits with the usage line when it is missing),
 * on tfjs's cpu backend, with `model` (its file stem in `model/`) loaded into `net(nets)`.
 */
export async function loadFaceApi<Nets>(
  tool: string,
  model: string,
  net: (nets: Nets) => FaceApiNet,
): Promise<{ faceapi: FaceApi<Nets>; version: string }> {
  const { values } = parseArgs({ args: process.argv.slice(2).filter((a) => a !== '--'), options: { 'face-api': { type: 'string' } } });
  const dir = values['face-api'];
  if (!dir) {
    console.error(`usage: ${tool} --face-api <folder of @vladmandic/face-api@1.7.15>`);
    process.exit(2);
  }
  const faceapi = createRequire(import.meta.url)(join(dir, 'dist', 'face-api.node-wasm.js')) as FaceApi<Nets>;
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
  await faceapi.tf.setBackend('cpu');
  const manifest = JSON.parse(readFileSync(join(dir, 'model', `${model}-weights_manifest.json`), 'utf8')) as [{ weights: unknown }];
  const bin = readFileSync(join(dir, 'model', `${model}.bin`));
  net(faceapi.nets).loadFromWeightMap(
    faceapi.tf.io.decodeWeights(bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength), manifest[0].weights),
  );
  return { faceapi, version };
}
