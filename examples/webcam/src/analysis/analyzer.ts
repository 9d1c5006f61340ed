// Owns the emotion detector (one tfjs backend at a time), the tracker and the frame loop.
import {
  DisposedError,
  EmotionTracker,
  type BundledModel,
  type EmotionDetector,
  type FaceEmotion,
  type GroupEmotion,
  type TrackedFace,
} from '@moodtunes/fer-core';
import type { People } from '../identity/people';
import type { BackendChoice, FaceChoice } from '../settings/url-state';
import { messageOf } from '../text';
import { describeModel, loadDetector, type BackendState } from './detector';
import { FrameGrabber, type Frame } from './grabber';
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
  private detector: Promise<EmotionDetector | null> = Promise.resolve(null);
  private readonly tracker = new EmotionTracker();
  /** The detect call in flight, so a backend switch can wait for it before disposing. */
  private busy: Promise<unknown> = Promise.resolve();
  private readonly grabber = new FrameGrabber();
  private readonly loop = new FrameLoop(
    (video, timeMs) => this.analyze(video, timeMs),
    (analysis, fps) => this.events.frame(analysis, fps),
  );

  constructor(
    private readonly events: AnalyzerEvents,
    private readonly people?: People,
  ) {}

  /** Loads the detector with `model` and the `faces` detector on `choice`, disposing the previous one once its frame is done. */
  load(choice: BackendChoice, model: BundledModel, faces: FaceChoice = 'auto'): Promise<void> {
    const previous = this.detector;
    this.events.backend({ status: 'loading', requested: choice, model });
    this.loop.resetRate();
    this.detector = this.replace(previous, choice, model, faces);
    return this.detector.then(() => undefined);
  }

  /** Analyses one still image (a photo) from a fresh tracker state; null when no detector could load. */
  async analyzeImage(image: HTMLImageElement): Promise<Analysis | null> {
    this.stop();
    this.tracker.reset();
    return this.analyze(image, undefined);
  }

  /** Analyses `video` frame after frame until {@link Analyzer.stop}; `clock` gives the frame time in ms. */
  start(video: HTMLVideoElement, clock: () => number): void {
    this.tracker.reset();
    this.loop.start(video, clock);
  }

  /** Stops the frame loop. */
  stop(): void {
    this.loop.stop();
  }

  /** Forgets the tracks (after a seek, or a new source). */
  resetTracks(): void {
    this.tracker.reset();
    this.people?.resetTracks();
  }

  private async replace(
    previous: Promise<EmotionDetector | null>,
    choice: BackendChoice,
    model: BundledModel,
    faces: FaceChoice,
  ): Promise<EmotionDetector | null> {
    await this.busy.catch(() => undefined);
    this.people?.resetModel();
    (await previous.catch(() => null))?.dispose();
    try {
      const { detector, fallback } = await loadDetector(choice, model, faces);
      this.events.backend({
        status: 'ready',
        requested: choice,
        model,
        modelInfo: describeModel(detector.classifier.metadata),
        active: detector.backend,
        reason: detector.backendSelection.reason,
        ...(detector.backendSelection.wasmThreads === undefined ? {} : { wasmThreads: detector.backendSelection.wasmThreads }),
        ...(fallback ? { fallback } : {}),
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
    const pixels = this.grabber.grab(frame);
    const start = performance.now();
    // A video frame takes the detector's fast path (short range, following known faces); a photo
    // gets the full scan (small and turned faces too).
    const pending = detector.detect(pixels, { mode: frame instanceof HTMLVideoElement ? 'video' : 'still' });
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
    let names: (string | null)[] = [];
    try {
      names = this.people ? await this.people.observe(pixels, faces, tracked.faces, timeMs ?? performance.now()) : [];
    } catch (error) {
      if (!(error instanceof DisposedError)) this.events.error(`Could not tell who is who: ${messageOf(error)}`);
    }
    const views = faces.map((face, i) => toView(face, tracked.faces[i] as TrackedFace, names[i] ?? null));
    return { faces: views, group: tracked.group, width: pixels.width, height: pixels.height, ms };
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
