// The convenience API: one lazily created detector, shared by every caller. The cached promise
// is the only module state, so concurrent first calls share one load.
import {
  createEmotionDetector,
  type DetectEmotionOptions,
  type EmotionDetector,
  type EmotionDetectorOptions,
  type FrameImage,
} from './detector';
import type { ClassifyOptions } from './classifier';
import type { FaceImage } from './input';
import type { EmotionPrediction, FaceEmotion } from './types';

let shared: Promise<EmotionDetector> | undefined;

/**
 * Loads (once) the detector that {@link detectEmotion} and {@link classifyFace} use. Call it at
 * start-up to pay the loading cost early; `options` apply to the first call only, later calls
 * return the same detector. A failed load is not cached, so a later call retries.
 */
export function loadEmotionDetector(options: EmotionDetectorOptions = {}): Promise<EmotionDetector> {
  if (!shared) {
    const loading = createEmotionDetector(options);
    shared = loading;
    loading.catch(() => {
      if (shared === loading) shared = undefined;
    });
  }
  return shared;
}

/**
 * Finds every face in a frame and returns its box, keypoints, top emotion, confidence and all
 * 7 probabilities. Loads the shared detector on the first call (see {@link loadEmotionDetector}).
 *
 * @example
 * const faces = await detectEmotion(ctx.getImageData(0, 0, w, h));
 * for (const f of faces) console.log(f.box, f.emotion, f.probabilities.happy);
 */
export async function detectEmotion(image: FrameImage, options?: DetectEmotionOptions): Promise<FaceEmotion[]> {
  return (await loadEmotionDetector()).detect(image, options);
}

/** Classifies one already-cropped face with the shared detector (see {@link EmotionDetector.classifyFace}). */
export async function classifyFace(face: FaceImage, options?: ClassifyOptions): Promise<EmotionPrediction> {
  return (await loadEmotionDetector()).classifyFace(face, options);
}

/** Disposes the shared detector; the next {@link detectEmotion} call loads a new one. */
export async function disposeEmotionDetector(): Promise<void> {
  const current = shared;
  shared = undefined;
  if (current) (await current.catch(() => undefined))?.dispose();
}
