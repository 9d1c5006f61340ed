// Owns the emotion detector (one tfjs backend at a time), the tracker and the frame loop.
import {
  BackendInitError,
  createEmotionDetector,
  DisposedError,
  EmotionTracker,
  type BackendName,
  type BundledModel,
  type EmotionDetector,
  type FaceEmotion,
  type GroupEmotion,
  type TrackedFace,
} from '@moodtunes/fer-core';
import plainWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

/** What the backend switch offers: fer-core's automatic choice or one forced backend. */
export type BackendChoice = 'auto' | 'webgpu' | 'webgl' | 'wasm';
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'webgpu', 'webgl', 'wasm'];

// Vite emits the .wasm binaries as assets of this app; tfjs gets their URLs, nothing is fetched elsewhere.
const WASM_PATHS = {
  'tfjs-backend-wasm.wasm': plainWasm,
  'tfjs-backend-wasm-simd.wasm': simdWasm,
  'tfjs-backend-wasm-threaded-simd.wasm': threadedWasm,
};

/** Enough for a group at a table; more faces make each frame slower. */
const MAX_FACES = 6;

/** One face in a frame: the detector's verdict for this frame and the tracker's smoothed one. */
export interface FaceView {
  id: number;
  box: FaceEmotion['box'];
  /** This frame's top emotion and its probability. */
  frame: Pick<FaceEmotion, 'emotion' | 'confidence' | 'scores'>;
  /** Smoothed, hysteresis-held emotion of this face. */
  stable: Pick<TrackedFace, 'emotion' | 'confidence' | 'scores'>;
}

/** What one analysed frame produced. */
export interface Analysis {
  faces: FaceView[];
  group: GroupEmotion | null;
  width: number;
  height: number;
  /** Time `detect` took, ms. */
  ms: number;
}

export interface BackendState {
  status: 'loading' | 'ready' | 'failed';
  requested: BackendChoice;
  model: BundledModel;
  /** The loaded emotion model in words, from its metadata (name, size, published accuracy). */
  modelInfo?: string;
  active?: BackendName;
  /** fer-core's reason for the choice, or why loading failed. */
  reason?: string;
  /** Set when the requested backend could not start and another one took over. */
  fallback?: string;
}

export interface AnalyzerEvents {
  backend(state: BackendState): void;
  /** A frame of the running loop was analysed; `fps` is frames per second over the last seconds. */
  frame(analysis: Analysis, fps: number): void;
  error(message: string): void;
}

type Frame = HTMLVideoElement | HTMLImageElement;

/** Larger frames are scaled down first: BlazeFace looks at 128 px anyway, and big photos cost memory. */
const MAX_SIDE = 1280;

/**
 * Copies a frame into RGBA pixels. Handing fer-core pixels instead of the element works the same
 * on every backend: tfjs-backend-webgpu imports a <video> as an external texture, which fails on
 * some adapters (SwiftShader among them).
 */
class FrameGrabber {
  private readonly canvas = document.createElement('canvas');
  private readonly context = this.canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D;

  grab(frame: Frame): ImageData {
    const [w, h] = frame instanceof HTMLVideoElement ? [frame.videoWidth, frame.videoHeight] : [frame.naturalWidth, frame.naturalHeight];
    const scale = Math.min(1, MAX_SIDE / Math.max(w, h));
    const width = Math.max(1, Math.round(w * scale));
    const height = Math.max(1, Math.round(h * scale));
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
    }
    this.context.drawImage(frame, 0, 0, width, height);
    return this.context.getImageData(0, 0, width, height);
  }
}

export class Analyzer {
  private detector: Promise<EmotionDetector | null> = Promise.resolve(null);
  private readonly tracker = new EmotionTracker();
  /** The detect call in flight, so a backend switch can wait for it before disposing. */
  private busy: Promise<unknown> = Promise.resolve();
  private loop: { video: HTMLVideoElement; clock: () => number; token: number } | null = null;
  private token = 0;
  private readonly fps = new RateMeter();
  private readonly grabber = new FrameGrabber();

  constructor(private readonly events: AnalyzerEvents) {}

  /**
   * Loads the detector with `model` on `choice`; if a forced backend cannot start, falls back to
   * the automatic choice.
   */
  load(choice: BackendChoice, model: BundledModel): Promise<void> {
    const previous = this.detector;
    this.events.backend({ status: 'loading', requested: choice, model });
    this.fps.reset();
    this.detector = (async () => {
      await this.busy.catch(() => undefined);
      (await previous.catch(() => null))?.dispose();
      try {
        const { detector, fallback } = await loadDetector(choice, model);
        this.events.backend({
          status: 'ready',
          requested: choice,
          model,
          modelInfo: describeModel(detector.classifier.metadata),
          active: detector.backend,
          reason: detector.backendSelection.reason,
          ...(fallback ? { fallback } : {}),
        });
        return detector;
      } catch (error) {
        this.events.backend({ status: 'failed', requested: choice, model, reason: messageOf(error) });
        return null;
      }
    })();
    return this.detector.then(() => undefined);
  }

  /** Analyses one still image (a photo) from a fresh tracker state. */
  async analyzeImage(image: HTMLImageElement): Promise<Analysis | null> {
    this.stop();
    this.tracker.reset();
    return this.analyze(image, undefined);
  }

  /** Analyses `video` frame after frame until {@link stop}; `clock` gives the frame time in ms. */
  start(video: HTMLVideoElement, clock: () => number): void {
    this.stop();
    this.tracker.reset();
    this.fps.reset();
    const loop = { video, clock, token: ++this.token };
    this.loop = loop;
    void this.run(loop);
  }

  stop(): void {
    this.loop = null;
    this.token++;
  }

  /** Forget the tracks (after a seek, or a new source). */
  resetTracks(): void {
    this.tracker.reset();
  }

  private async run(loop: { video: HTMLVideoElement; clock: () => number; token: number }): Promise<void> {
    while (this.loop?.token === loop.token) {
      const { video } = loop;
      if (video.readyState >= 2 && !video.paused && !video.ended && video.videoWidth > 0) {
        const analysis = await this.analyze(video, loop.clock());
        if (this.loop?.token !== loop.token) return;
        if (analysis) this.events.frame(analysis, this.fps.tick(analysis.ms));
      }
      await nextFrame();
    }
  }

  private async analyze(frame: Frame, timeMs: number | undefined): Promise<Analysis | null> {
    const detector = await this.detector;
    if (!detector) return null;
    const pixels = this.grabber.grab(frame);
    const { width, height } = pixels;
    const start = performance.now();
    const pending = detector.detect(pixels);
    this.busy = pending;
    let faces: FaceEmotion[];
    try {
      faces = await pending;
    } catch (error) {
      // A backend switch disposed this detector mid-frame; the next frame uses the new one.
      if (!(error instanceof DisposedError)) this.events.error(`Could not analyse the frame: ${messageOf(error)}`);
      return null;
    }
    const ms = performance.now() - start;
    const tracked = this.tracker.update(faces, timeMs);
    const views = faces.map((face, i): FaceView => {
      const track = tracked.faces[i] as TrackedFace;
      return {
        id: track.id,
        box: face.box,
        frame: { emotion: face.emotion, confidence: face.confidence, scores: face.scores },
        stable: { emotion: track.emotion, confidence: track.confidence, scores: track.scores },
      };
    });
    return { faces: views, group: tracked.group, width, height, ms };
  }
}

async function loadDetector(choice: BackendChoice, model: BundledModel): Promise<{ detector: EmotionDetector; fallback?: string }> {
  const options = { model, wasmPaths: WASM_PATHS, faceDetector: { maxFaces: MAX_FACES } };
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
function describeModel(metadata: Readonly<Record<string, unknown>>): string {
  const parts = [String(metadata.name ?? 'custom model')];
  if (typeof metadata.parameters === 'number') parts.push(`${(metadata.parameters / 1e6).toFixed(1)}M parameters`);
  if (typeof metadata.publicTestAccuracy === 'number')
    parts.push(`${(metadata.publicTestAccuracy * 100).toFixed(1)}% on FER2013 PublicTest`);
  return parts.join(' · ');
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** Frames per second over the last few seconds; from the frame's own time until there are two. */
class RateMeter {
  private times: number[] = [];

  reset(): void {
    this.times = [];
  }

  tick(frameMs: number, now = performance.now()): number {
    this.times.push(now);
    while (this.times.length > 2 && now - (this.times[0] as number) > 3000) this.times.shift();
    const span = now - (this.times[0] as number);
    if (this.times.length > 1 && span > 0) return ((this.times.length - 1) * 1000) / span;
    return frameMs > 0 ? 1000 / frameMs : 0;
  }
}
