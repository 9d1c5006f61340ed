// The app side of the worker: frames go over (transferred), results come back with the same types
// as `detect` and `EmotionTracker.update`. Backend choice and every tensor stay in the worker.
import { BackendInitError } from '../errors';
import type { BackendName, BackendSelection } from '../backend';
import type { DetectEmotionOptions } from '../detector';
import type { TrackerFrame } from '../tracker';
import type { FaceEmotion } from '../types';
import {
  BufferSizeError,
  DisposedError,
  EmptyImageError,
  FerError,
  InvalidInputError,
  InvalidOptionError,
  ModelIntegrityError,
  ModelLoadError,
  NonFiniteInputError,
  UnsupportedInputError,
} from '../errors';
import type { FromWorker, ToWorker, TransferableFrame, WireError, WorkerInit } from './protocol';

/** The worker stopped (it crashed, or could not load its script); nothing more can be detected with it. */
export class WorkerCrashError extends FerError {
  /** Always `"WorkerCrashError"`, also in minified bundles. */
  override name = 'WorkerCrashError';
}

/** What one frame gave: the detector's faces, the tracker's view of them, and the worker's detect time. */
export interface WorkerDetection {
  /** As {@link EmotionDetector.detect} returns them. */
  faces: FaceEmotion[];
  /** As {@link EmotionTracker.update} returns it, for the same faces. */
  tracked: TrackerFrame;
  /** Time `detect` took inside the worker, ms. */
  ms: number;
}

/** Per-frame options: `detect`'s, and the frame time for the tracker. */
export interface WorkerDetectOptions extends DetectEmotionOptions {
  /** The frame's time in ms (video time, or `performance.now()`); the tracker smooths over it. */
  timeMs?: number;
}

// Errors come back as their class and message; class-specific fields (a BufferSizeError's lengths) stay behind.
const KNOWN_ERRORS: Record<string, { prototype: Error }> = {
  BackendInitError,
  BufferSizeError,
  DisposedError,
  EmptyImageError,
  InvalidInputError,
  InvalidOptionError,
  ModelIntegrityError,
  ModelLoadError,
  NonFiniteInputError,
  UnsupportedInputError,
};

function fromWire({ name, message }: WireError): Error {
  const known = KNOWN_ERRORS[name];
  if (!known) return new FerError(`${name} in the detector worker: ${message}`);
  const error = Object.create(known.prototype) as Error;
  Object.defineProperties(error, {
    message: { value: message, writable: true, configurable: true },
    name: { value: name, writable: true, configurable: true },
    stack: { value: `${name}: ${message}\n    (in the detector worker)`, writable: true, configurable: true },
  });
  return error;
}

/**
 * Starts fer-core in `worker` (a module worker whose script imports `@moodtunes/fer-core/worker`),
 * picks the backend there (WebGPU and WebGL through OffscreenCanvas where the browser has them, else
 * wasm) and resolves once the models are loaded. `init.detector` takes {@link EmotionDetectorOptions}
 * that survive structured cloning (no functions, no IOHandlers); pass `wasmPaths` as absolute URLs.
 *
 * @throws the worker's own error class (`BackendInitError`, `ModelLoadError`, `InvalidOptionError`, ...)
 * when it cannot start; {@link WorkerCrashError} when the worker script fails.
 */
export function createWorkerDetector(worker: Worker, init: WorkerInit = {}): Promise<WorkerEmotionDetector> {
  return new Promise((resolve, reject) => {
    const detector = new WorkerEmotionDetector(worker, (selection, metadata) => resolve(detector.ready(selection, metadata)), reject);
    detector.post({ type: 'init', init });
  });
}

/**
 * fer-core running in a Web Worker. One frame at a time: a frame that arrives while the previous
 * one is still in the worker is **dropped** (closed at once, `detect` resolves `null`, counted in
 * {@link WorkerEmotionDetector.droppedFrames}), because for a live camera the newest frame is the
 * one worth analysing and a queue would only add latency. Create it with {@link createWorkerDetector}.
 */
export class WorkerEmotionDetector {
  /** The backend chosen in the worker. */
  backend: BackendName = 'cpu';
  /** The worker's backend report (why this backend, every attempt). */
  backendSelection: BackendSelection = { backend: 'cpu', reason: '', attempts: [] };
  /** The emotion model's metadata (name, parameters, published accuracy), as `EmotionClassifier.metadata`. */
  metadata: Readonly<Record<string, unknown>> = {};
  /** Frames dropped because the worker was still busy with the one before. */
  droppedFrames = 0;
  private nextId = 1;
  private pending: { id: number; resolve: (d: WorkerDetection) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;
  private disposed = false;

  /** @internal Use {@link createWorkerDetector}. */
  constructor(
    private readonly worker: Worker,
    private readonly onReady: (selection: BackendSelection, metadata: Record<string, unknown>) => void,
    private readonly onStartError: (error: Error) => void,
  ) {
    worker.addEventListener('message', (event: MessageEvent<FromWorker>) => this.receive(event.data));
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.fail(new WorkerCrashError(`The detector worker stopped: ${event.message || 'its script failed to load'}`));
    });
  }

  /** @internal */
  ready(selection: BackendSelection, metadata: Record<string, unknown>): this {
    this.backend = selection.backend;
    this.backendSelection = selection;
    this.metadata = Object.freeze(metadata);
    return this;
  }

  /** @internal */
  post(message: ToWorker, transfer: Transferable[] = []): void {
    this.worker.postMessage(message, transfer);
  }

  /**
   * Detects and tracks the faces of `frame`, which is transferred to the worker (detached here).
   * Resolves `null` when the worker is still busy with the previous frame (the frame is dropped).
   *
   * @throws {@link InvalidInputError} for anything but an ImageBitmap or VideoFrame; {@link DisposedError}
   * after `dispose()`; the worker's error class when detection fails (this frame only).
   */
  detect(frame: TransferableFrame, options: WorkerDetectOptions = {}): Promise<WorkerDetection | null> {
    if (this.disposed) return Promise.reject(new DisposedError('The worker detector has been disposed'));
    if (this.failure) return Promise.reject(this.failure);
    const isBitmap = typeof ImageBitmap !== 'undefined' && frame instanceof ImageBitmap;
    const isVideoFrame = typeof VideoFrame !== 'undefined' && frame instanceof VideoFrame;
    if (!isBitmap && !isVideoFrame) {
      return Promise.reject(new InvalidInputError('WorkerEmotionDetector.detect: expected an ImageBitmap or a VideoFrame'));
    }
    if (this.pending) {
      frame.close();
      this.droppedFrames++;
      return Promise.resolve(null);
    }
    const { timeMs, ...detect } = options;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending = { id, resolve, reject };
      this.post({ type: 'frame', id, frame, timeMs, options: detect }, [frame]);
    });
  }

  /** Forgets the tracks (a new source, a seek). */
  resetTracks(): void {
    if (!this.disposed && !this.failure) this.post({ type: 'reset' });
  }

  /** True after {@link WorkerEmotionDetector.dispose}. */
  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Frees the models in the worker and ends it; a frame in flight rejects with {@link DisposedError}. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (!this.failure) this.post({ type: 'dispose' });
    this.settle(new DisposedError('The worker detector was disposed while a frame was in flight'));
  }

  private receive(message: FromWorker): void {
    switch (message.type) {
      case 'ready':
        return this.onReady(message.selection, message.metadata);
      case 'result':
        if (this.pending?.id === message.id) {
          const { resolve } = this.pending;
          this.pending = null;
          resolve({ faces: message.faces, tracked: message.tracked, ms: message.ms });
        }
        return;
      case 'error': {
        const error = fromWire(message.error);
        if (message.id === null) {
          this.failure = error;
          this.worker.terminate();
          return this.onStartError(error);
        }
        if (this.pending?.id === message.id) this.settle(error);
        return;
      }
      case 'disposed':
        this.worker.terminate();
    }
  }

  private fail(error: Error): void {
    this.failure = error;
    this.worker.terminate();
    this.settle(error);
    this.onStartError(error);
  }

  private settle(error: Error): void {
    const pending = this.pending;
    this.pending = null;
    pending?.reject(error);
  }
}
