import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import type { Platform } from '../load';
import { platform as fetchPlatform } from './browser';

/** Node: `file:` URLs and plain paths are read from disk (no network), `http(s):` goes through fetch. */
export const platform: Platform = {
  name: 'node',
  async read(url) {
    if (url.protocol !== 'file:') return fetchPlatform.read(url);
    const bytes = await readFile(fileURLToPath(url));
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  },
  resolve(location) {
    // A one-letter "scheme" is a Windows drive letter, i.e. a path.
    return /^[a-z][a-z0-9+.-]+:/i.test(location) ? new URL(location) : pathToFileURL(resolvePath(location));
  },
  // Threads stay off: the threaded wasm build needs workers that fail to start in Node. The
  // binaries are read from the installed tfjs-backend-wasm package.
  configureWasm(wasm, wasmPaths) {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    if (wasmPaths !== undefined) {
      wasm.setWasmPaths(wasmPaths);
      return;
    }
    const require = createRequire(import.meta.url);
    wasm.setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/');
  },
};
