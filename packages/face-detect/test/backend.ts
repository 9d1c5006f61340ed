import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';

/**
 * Selects a tfjs backend. No setWasmPaths: in Node the wasm backend's CommonJS build finds
 * `tfjs-backend-wasm-simd.wasm` next to itself, and threads are off in Node.
 */
export async function useBackend(name: 'wasm' | 'cpu'): Promise<void> {
  if (!(await tf.setBackend(name))) throw new Error(`backend ${name} failed to initialise`);
  await tf.ready();
}
