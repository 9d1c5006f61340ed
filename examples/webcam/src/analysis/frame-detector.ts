// Where the models run: in a Web Worker (the default: fer-core's `createWorkerDetector`, frames
// handed over as ImageBitmaps), or on the page's main thread (`?worker=0`, for comparison). Both
// give the analyzer the same faces and tracks.
import {
  BackendInitError,
  createEmotionDetector,
  createWorkerDetector,
  EmotionTracker,
  selectBackend,
  type BackendSelection,
  type BundledModel,
  type DetectMode,
  type FaceEmotion,
  type TrackerFrame,
} from '@moodtunes/fer-core';
import type { BackendChoice, FaceChoice } from '../settings/url-state';
import { FrameGrabber, frameSize, type Frame } from './grabber';

/** Enough for a group at a table; more faces make each frame slower. */
const MAX_FACES = 6;

/** One analysed frame. */
export interface FrameResult {
  faces: FaceEmotion[];
  tracked: TrackerFrame;
  /** Time `detect` took, ms. */
  ms: number;
  width: number;
  height: number;
}

/** The models, wherever they run. */
export interface FrameDetector {
  readonly selection: BackendSelection;
  /** The emotion model's metadata. */
  readonly metadata: Readonly<Record<string, unknown>>;
  /** True when the models run in a Web Worker. */
  readonly inWorker: boolean;
  /** Set when the requested backend could not start and another one took over. */
  readonly fallback?: string;
  analyze(frame: Frame, timeMs: number | undefined, mode: DetectMode): Promise<FrameResult>;
  /**
   * The last analysed frame's pixels on this thread, for face identity (once a second per face,
   * not every frame): on the main thread the very pixels the faces were found in; with a worker
   * (which took them) `frame`'s picture now.
   */
  pixels(frame: Frame): ImageData;
  /** Readies a tfjs backend on this thread for face identity (the worker's is its own). */
  readyMainThread(): Promise<unknown>;
  resetTracks(): void;
  dispose(): void;
}

const fallbackText = (choice: BackendChoice, used: string, error: BackendInitError) =>
  `The ${choice} backend could not start here, so faces are analysed on ${used} instead. ${error.message}.`;

/** Loads the models for `choice` in a worker, or on the main thread; a forced backend that cannot start falls back to auto. */
export async function loadFrameDetector(
  choice: BackendChoice,
  model: BundledModel,
  faces: FaceChoice,
  wasmPaths: Record<string, string>,
  inWorker: boolean,
): Promise<FrameDetector> {
  const base = { model, wasmPaths, faceDetector: { model: faces, maxFaces: MAX_FACES } };
  const attempt = (backend?: BackendChoice) => {
    const options = backend === undefined || backend === 'auto' ? base : { ...base, backend };
    return inWorker ? workerDetector(options) : mainThreadDetector(options);
  };
  if (choice === 'auto') return attempt();
  try {
    return await attempt(choice);
  } catch (error) {
    if (!(error instanceof BackendInitError)) throw error;
    const detector = await attempt();
    return Object.assign(detector, { fallback: fallbackText(choice, detector.selection.backend, error) });
  }
}

type Options = Parameters<typeof createEmotionDetector>[0];

async function mainThreadDetector(options: Options): Promise<FrameDetector> {
  const detector = await createEmotionDetector(options);
  const tracker = new EmotionTracker();
  const grabber = new FrameGrabber();
  // The pixels the last faces were found in: identity embeds those, without copying the frame again.
  let last: ImageData | undefined;
  return {
    selection: detector.backendSelection,
    metadata: detector.classifier.metadata,
    inWorker: false,
    async analyze(frame, timeMs, mode) {
      const pixels = (last = grabber.grab(frame));
      const start = performance.now();
      const faces = await detector.detect(pixels, { mode });
      return { faces, tracked: tracker.update(faces, timeMs), ms: performance.now() - start, width: pixels.width, height: pixels.height };
    },
    pixels: (frame) => last ?? grabber.grab(frame),
    // The detector selected the backend of this thread already.
    readyMainThread: () => Promise.resolve(),
    resetTracks: () => tracker.reset(),
    dispose() {
      detector.dispose();
      tracker.dispose();
    },
  };
}

async function workerDetector(options: Options): Promise<FrameDetector> {
  const worker = new Worker(new URL('./fer-worker.ts', import.meta.url), { type: 'module' });
  const detector = await createWorkerDetector(worker, { detector: options });
  const grabber = new FrameGrabber();
  return {
    selection: detector.backendSelection,
    metadata: detector.metadata,
    inWorker: true,
    async analyze(frame, timeMs, mode) {
      const { width, height } = frameSize(frame);
      // The analyzer awaits each frame before the next, so the worker never drops one here.
      const bitmap = await createImageBitmap(frame, { resizeWidth: width, resizeHeight: height });
      const result = await detector.detect(bitmap, { timeMs, mode });
      if (!result) throw new Error('the worker dropped a frame');
      return { ...result, width, height };
    },
    pixels: (frame) => grabber.grab(frame),
    readyMainThread: () => selectBackend({ wasmPaths: options?.wasmPaths }),
    resetTracks: () => detector.resetTracks(),
    dispose: () => detector.dispose(),
  };
}
