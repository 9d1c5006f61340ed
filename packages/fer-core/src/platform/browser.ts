// Browser (and any non-Node runtime) half of `#platform`: everything is a URL that the page or
// the app's bundler resolves.
import * as tf from '@tensorflow/tfjs-core';
import { BUNDLED_MODELS, type BundledModel } from '../model-spec';
import type { WasmSetup } from './types';

const SHARD = 'group1-shard1of1.bin';

// Bundlers emit (and rename) only the files that a literal `new URL(..., import.meta.url)` names,
// so every file gets its own literal: resolving the shard next to the emitted model.json breaks
// in production builds, whose asset names are hashed.
function bundledUrls(model: BundledModel): { json: string; shard: string } {
  return model === 'fast'
    ? {
        json: new URL('../../models/fer-emotion-fast/model.json', import.meta.url).href,
        shard: new URL('../../models/fer-emotion-fast/group1-shard1of1.bin', import.meta.url).href,
      }
    : {
        json: new URL('../../models/fer-emotion/model.json', import.meta.url).href,
        shard: new URL('../../models/fer-emotion/group1-shard1of1.bin', import.meta.url).href,
      };
}

/** `<package>/models/<dir>/model.json` of a bundled model, resolved by the bundler from this module's URL. */
export function defaultModelUrl(model: BundledModel): string {
  return bundledUrls(model).json;
}

/**
 * Without explicit paths tfjs looks for its .wasm files next to the running script, which is
 * what an unbundled page or a bundler that copies them there gives.
 */
export function configureWasm(wasm: WasmSetup, wasmPaths?: string | Record<string, string>): void {
  if (wasmPaths !== undefined) wasm.setWasmPaths(wasmPaths);
}

/** Browsers load every model through tfjs's HTTP loader; the bundled one with its shard's own URL. */
export function modelSource(url: string): string | tf.io.IOHandler {
  const bundled = BUNDLED_MODELS.map(bundledUrls).find((urls) => urls.json === url);
  if (!bundled) return url;
  return tf.io.http(url, {
    weightUrlConverter: async (name) => (name === SHARD ? bundled.shard : new URL(name, url).href),
  });
}
