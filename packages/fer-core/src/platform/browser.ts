// Browser (and any non-Node runtime) half of `#platform`: everything is a URL that the page or
// the app's bundler resolves.
import * as tf from '@tensorflow/tfjs-core';
import type { WasmSetup } from './types';

const DEFAULT_SHARD = 'group1-shard1of1.bin';

/** `<package>/models/fer-emotion/model.json`, resolved by the bundler from this module's URL. */
export function defaultModelUrl(): string {
  return new URL('../../models/fer-emotion/model.json', import.meta.url).href;
}

// Bundlers emit (and rename) only the files that a literal `new URL(..., import.meta.url)` names,
// so the weight shard needs its own reference: resolving it next to the emitted model.json breaks
// in production builds, whose asset names are hashed.
function defaultShardUrl(): string {
  return new URL('../../models/fer-emotion/group1-shard1of1.bin', import.meta.url).href;
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
  if (url !== defaultModelUrl()) return url;
  return tf.io.http(url, {
    weightUrlConverter: async (name) => (name === DEFAULT_SHARD ? defaultShardUrl() : new URL(name, url).href),
  });
}
