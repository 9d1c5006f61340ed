import { createDetectorOn } from '../detector';
import type { FaceDetector, FaceDetectorOptions } from '../types';
import { browserPlatform } from './platform';

/**
 * Loads a face detector. Weights come from the package's `models/` folder through URLs your
 * bundler resolves (`new URL('../models/...', import.meta.url)`), checked against their SHA-256
 * where `crypto.subtle` exists, or from `options.modelUrl`. Runs on the current tfjs backend:
 * register and select one (`await tf.setBackend('wasm')`, `'webgl'`, `'webgpu'`) first.
 *
 * @example
 * const detector = await createFaceDetector({ model: 'short' });
 * const faces = await detector.detect(videoElement);
 */
export function createFaceDetector(options: FaceDetectorOptions = {}): Promise<FaceDetector> {
  return createDetectorOn(options, browserPlatform);
}
