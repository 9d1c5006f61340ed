// Node half of `#platform`: the model and the wasm binaries are read from the installed
// packages with fs, so nothing goes over the network.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import type { BundledModel } from '../model-spec';
import type { WasmSetup } from './types';

/** `<package>/models/<dir>/model.json` of a bundled model; src/platform and dist/platform are both two levels deep. */
export function defaultModelUrl(model: BundledModel): string {
  const dir = model === 'fast' ? 'fer-emotion-fast' : 'fer-emotion';
  return new URL(`../../models/${dir}/model.json`, import.meta.url).href;
}

/** Threads stay off: the threaded wasm build needs workers that fail to start in Node. */
export function configureWasm(wasm: WasmSetup, wasmPaths?: string | Record<string, string>): void {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (wasmPaths !== undefined) {
    wasm.setWasmPaths(wasmPaths);
    return;
  }
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
  wasm.setWasmPaths(join(dir, 'dist') + '/');
}

/** Local paths and file: URLs are read with fs; http(s) URLs go through tfjs's own loader. */
export function modelSource(url: string): string | tf.io.IOHandler {
  if (/^https?:\/\//i.test(url)) return url;
  return fileModelHandler(url.startsWith('file:') ? fileURLToPath(url) : url);
}

function fileModelHandler(modelPath: string): tf.io.IOHandler {
  return {
    async load() {
      const json = JSON.parse(await readFile(modelPath, 'utf8')) as tf.io.ModelJSON;
      const base = dirname(modelPath);
      return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
        const specs = manifest.flatMap((group) => group.weights);
        const paths = manifest.flatMap((group) => group.paths);
        const data = Buffer.concat(await Promise.all(paths.map((p) => readFile(join(base, p)))));
        const bytes = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
        return [specs, bytes];
      });
    },
  };
}
