// Owns the models (in a Web Worker by default, see frame-detector.ts), face identity and the frame loop.
import { DisposedError, type BundledModel, type FaceEmotion, type GroupEmotion, type TrackedFace } from '@moodtunes/fer-core';
import type { People } from '../identity/people';
import type { BackendChoice, FaceChoice } from '../settings/url-state';
import { messageOf } from '../text';
import { describeModel, WASM_PATHS, type BackendState } from './detector';
import { loadFrameDetector, type FrameDetector, type FrameResult } from './frame-detector';
import type { Frame } from './grabber';
import { FrameLoop } from './loop';

/** One face in a frame: the detector's verdict for this frame and the tracker's smoothed one. */
export interface FaceView {
  id: number;
  box: FaceEmotion['box'];
  /** This frame's top emotion and its probability. */
  frame: Pick<FaceEmotion, 'emotion' | 'confidence' | 'scores'>;
  /** Smoothed, hysteresis-held emotion of this face. */
  stable: Pick<TrackedFace, 'emotion' | 'confidence' | 'scores'>;
  /** The enrolled person this face is, or null (no one enrolled, or not recognised). */
  name: string | null;
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

export interface AnalyzerEvents {
  backend(state: BackendState): void;
  /** A frame of the running loop was analysed; `fps` is frames per second over the last seconds. */
  frame(analysis: Analysis, fps: number): void;
  error(message: string): void;
}

/** Turns frames into tracked faces with one detector at a time; a backend switch waits for the frame in flight. */
export class Analyzer {
  private detector: Promise<FrameDetector | null> = Promise.resolve(null);
  /** The detect call in flight, so a backend switch can wait for it before disposing. */
  private busy: Promise<unknown> = Promise.resolve();
  private readonly loop = new FrameLoop(
    (video, timeMs) => this.analyze(video, timeMs),
    (analysis, fps) => this.events.frame(analysis, fps),
  );

  constructor(
    private readonly events: AnalyzerEvents,
    private readonly people?: People,
  ) {}

  /** Loads the detector with `model` and the `faces` detector on `choice` (in a worker unless `inWorker` is false), disposing the previous one once its frame is done. */
  load(choice: BackendChoice, model: BundledModel, faces: FaceChoice = 'auto', inWorker = true): Promise<void> {
    const previous = this.detector;
    this.events.backend({ status: 'loading', requested: choice, model });
    this.loop.resetRate();
    this.detector = this.replace(previous, choice, model, faces, inWorker);
    return this.detector.then(() => undefined);
  }

  /** Analyses one still image (a photo) from a fresh tracker state; null when no detector could load. */
  async analyzeImage(image: HTMLImageElement): Promise<Analysis | null> {
    this.stop();
    await this.resetTracks();
    return this.analyze(image, undefined);
  }

  /** Analyses `video` frame after frame until {@link Analyzer.stop}; `clock` gives the frame time in ms. */
  start(video: HTMLVideoElement, clock: () => number): void {
    void this.resetTracks();
    this.loop.start(video, clock);
  }

  /** Stops the frame loop. */
  stop(): void {
    this.loop.stop();
  }

  /** Forgets the tracks (after a seek, or a new source). */
  async resetTracks(): Promise<void> {
    this.people?.resetTracks();
    (await this.detector)?.resetTracks();
  }

  private async replace(
    previous: Promise<FrameDetector | null>,
    choice: BackendChoice,
    model: BundledModel,
    faces: FaceChoice,
    inWorker: boolean,
  ): Promise<FrameDetector | null> {
    await this.busy.catch(() => undefined);
    this.people?.resetModel();
    (await previous.catch(() => null))?.dispose();
    try {
      const detector = await loadFrameDetector(choice, model, faces, WASM_PATHS, inWorker);
      const { selection } = detector;
      this.events.backend({
        status: 'ready',
        requested: choice,
        model,
        modelInfo: describeModel(detector.metadata),
        active: selection.backend,
        reason: selection.reason,
        inWorker: detector.inWorker,
        ...(selection.wasmThreads === undefined ? {} : { wasmThreads: selection.wasmThreads }),
        ...(detector.fallback ? { fallback: detector.fallback } : {}),
      });
      return detector;
    } catch (error) {
      this.events.backend({ status: 'failed', requested: choice, model, reason: messageOf(error) });
      return null;
    }
  }

  private async analyze(frame: Frame, timeMs: number | undefined): Promise<Analysis | null> {
    const detector = await this.detector;
    if (!detector) return null;
    // A video frame takes the detector's fast path (short range, following known faces); a photo
    // gets the full scan (small and turned faces too).
    const pending = detector.analyze(frame, timeMs, frame instanceof HTMLVideoElement ? 'video' : 'still');
    this.busy = pending;
    let result: FrameResult;
    try {
      result = await pending;
    } catch (error) {
      // A backend switch disposed this detector mid-frame; the next frame uses the new one.
      if (!(error instanceof DisposedError)) this.events.error(`Could not analyse the frame: ${messageOf(error)}`);
      return null;
    }
    const { faces, tracked, ms, width, height } = result;
    let names: (string | null)[] = [];
    try {
      const view = { pixels: () => detector.pixels(frame), ready: () => detector.readyMainThread() };
      if (this.people) names = await this.people.observe(view, faces, tracked.faces, timeMs ?? performance.now());
    } catch (error) {
      if (!(error instanceof DisposedError)) this.events.error(`Could not tell who is who: ${messageOf(error)}`);
    }
    const views = faces.map((face, i) => toView(face, tracked.faces[i] as TrackedFace, names[i] ?? null));
    return { faces: views, group: tracked.group, width, height, ms };
  }
}

function toView(face: FaceEmotion, track: TrackedFace, name: string | null): FaceView {
  return {
    id: track.id,
    box: face.box,
    frame: { emotion: face.emotion, confidence: face.confidence, scores: face.scores },
    stable: { emotion: track.emotion, confidence: track.confidence, scores: track.scores },
    name,
  };
}
