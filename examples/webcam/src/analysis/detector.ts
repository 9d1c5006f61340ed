// The backend state the views show, this app's own wasm files, and the model in words.
import type { BackendName, BundledModel } from '@moodtunes/fer-core';
import plainWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendChoice } from '../settings/url-state';

// Vite emits the .wasm binaries as assets of this app; tfjs gets their URLs, nothing is fetched elsewhere.
export const WASM_PATHS: Record<string, string> = {
  'tfjs-backend-wasm.wasm': plainWasm,
  'tfjs-backend-wasm-simd.wasm': simdWasm,
  'tfjs-backend-wasm-threaded-simd.wasm': threadedWasm,
};

export interface BackendState {
  status: 'loading' | 'ready' | 'failed';
  requested: BackendChoice;
  model: BundledModel;
  /** The loaded emotion model in words, from its metadata (name, size, published accuracy). */
  modelInfo?: string;
  active?: BackendName;
  /** fer-core's reason for the choice, or why loading failed. */
  reason?: string;
  /** Threads of the wasm backend when it is the active one (more than 1 only when the page is cross-origin isolated). */
  wasmThreads?: number;
  /** Set when the requested backend could not start and another one took over. */
  fallback?: string;
  /** True when the models run in a Web Worker (the default), false on the main thread (`?worker=0`). */
  inWorker?: boolean;
}

/** "FerNet-T · 1.2M parameters · 68.1% on FER2013 PublicTest", from the model's own metadata. */
export function describeModel(metadata: Readonly<Record<string, unknown>>): string {
  const parts = [typeof metadata.name === 'string' ? metadata.name : 'custom model'];
  if (typeof metadata.parameters === 'number') parts.push(`${(metadata.parameters / 1e6).toFixed(1)}M parameters`);
  if (typeof metadata.publicTestAccuracy === 'number')
    parts.push(`${(metadata.publicTestAccuracy * 100).toFixed(1)}% on FER2013 PublicTest`);
  return parts.join(' · ');
}
