// Creates fer-core's detector for a backend choice, with this app's own wasm files.
import { BackendInitError, createEmotionDetector, type BackendName, type BundledModel, type EmotionDetector } from '@moodtunes/fer-core';
import plainWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendChoice, FaceChoice } from '../settings/url-state';

// Vite emits the .wasm binaries as assets of this app; tfjs gets their URLs, nothing is fetched elsewhere.
const WASM_PATHS = {
  'tfjs-backend-wasm.wasm': plainWasm,
  'tfjs-backend-wasm-simd.wasm': simdWasm,
  'tfjs-backend-wasm-threaded-simd.wasm': threadedWasm,
};

/** Enough for a group at a table; more faces make each frame slower. */
const MAX_FACES = 6;

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
}

/** Creates the detector on `choice`; a forced backend that cannot start falls back to the automatic choice. */
export async function loadDetector(
  choice: BackendChoice,
  model: BundledModel,
  faces: FaceChoice = 'auto',
): Promise<{ detector: EmotionDetector; fallback?: string }> {
  const options = { model, wasmPaths: WASM_PATHS, faceDetector: { model: faces, maxFaces: MAX_FACES } };
  if (choice === 'auto') return { detector: await createEmotionDetector(options) };
  try {
    return { detector: await createEmotionDetector({ ...options, backend: choice }) };
  } catch (error) {
    if (!(error instanceof BackendInitError)) throw error;
    const detector = await createEmotionDetector(options);
    return {
      detector,
      fallback: `The ${choice} backend could not start here, so faces are analysed on ${detector.backend} instead. ${error.message}.`,
    };
  }
}

/** "FerNet-T · 1.2M parameters · 68.1% on FER2013 PublicTest", from the model's own metadata. */
export function describeModel(metadata: Readonly<Record<string, unknown>>): string {
  const parts = [typeof metadata.name === 'string' ? metadata.name : 'custom model'];
  if (typeof metadata.parameters === 'number') parts.push(`${(metadata.parameters / 1e6).toFixed(1)}M parameters`);
  if (typeof metadata.publicTestAccuracy === 'number')
    parts.push(`${(metadata.publicTestAccuracy * 100).toFixed(1)}% on FER2013 PublicTest`);
  return parts.join(' · ');
}
