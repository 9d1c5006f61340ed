import type { Platform } from '../load';

/** Browsers, workers and any other fetch-capable runtime: files come over `fetch`, locations are relative to the page. */
export const platform: Platform = {
  name: 'browser',
  async read(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText} for ${url.href}`);
    return response.arrayBuffer();
  },
  resolve(location) {
    return new URL(location, (globalThis as { location?: { href: string } }).location?.href);
  },
  // Without explicit paths tfjs looks for its .wasm files next to the running script, which is
  // what an unbundled page, or a bundler that copies them there, gives.
  configureWasm(wasm, wasmPaths) {
    if (wasmPaths !== undefined) wasm.setWasmPaths(wasmPaths);
  },
};
