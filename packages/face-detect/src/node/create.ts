import { createDetectorOn } from '../detector';
import type { FaceDetector, FaceDetectorOptions } from '../types';
import { nodePlatform } from './platform';

/**
 * Loads a face detector. In Node the weights are read from the installed package's `models/`
 * folder with `fs` and checked against their SHA-256 (no network), or from `options.modelUrl`
 * (a path, `file:` or `http(s):` URL, or an IOHandler). Runs on the current tfjs backend:
 * `import '@tensorflow/tfjs-backend-wasm'; await tf.setBackend('wasm')` first.
 *
 * @example
 * const detector = await createFaceDetector({ model: 'full', minScore: 0.6 });
 * const faces = await detector.detect({ data: rgba, width: 640, height: 480 });
 */
export function createFaceDetector(options: FaceDetectorOptions = {}): Promise<FaceDetector> {
  return createDetectorOn(options, nodePlatform);
}
