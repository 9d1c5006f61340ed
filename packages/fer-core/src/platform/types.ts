import type * as tf from '@tensorflow/tfjs-core';
import type { BundledModel } from '../model-spec';

/** The part of `@tensorflow/tfjs-backend-wasm` the platform layer configures. */
export interface WasmSetup {
  setWasmPaths(prefixOrFileMap: string | Record<string, string>, usePlatformFetch?: boolean): void;
}

/** What each runtime (`#platform`: node or browser) provides; both files export exactly this. */
export interface Platform {
  /** URL of an emotion model shipped inside the package. */
  defaultModelUrl(model: BundledModel): string;
  /** Points the wasm backend at its binaries before it initialises. */
  configureWasm(wasm: WasmSetup, wasmPaths?: string | Record<string, string>): void;
  /** Turns a model URL (or, in Node, a path) into something `loadGraphModel` accepts. */
  modelSource(url: string): string | tf.io.IOHandler;
}
