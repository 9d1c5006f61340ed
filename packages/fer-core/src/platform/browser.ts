// Browser (and any non-Node runtime) half of `#platform`: everything is a URL that the page or
// the app's bundler resolves.
import type { WasmSetup } from './types';

/** `<package>/models/fer-emotion/model.json`, resolved by the bundler from this module's URL. */
export function defaultModelUrl(): string {
  return new URL('../../models/fer-emotion/model.json', import.meta.url).href;
}

/**
 * Without explicit paths tfjs looks for its .wasm files next to the running script, which is
 * what an unbundled page or a bundler that copies them there gives.
 */
export function configureWasm(wasm: WasmSetup, wasmPaths?: string | Record<string, string>): void {
  if (wasmPaths !== undefined) wasm.setWasmPaths(wasmPaths);
}

/** Browsers load every model through tfjs's HTTP loader. */
export function modelSource(url: string): string {
  return url;
}
