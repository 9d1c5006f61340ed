// Video smoothing: pure TypeScript, no tfjs, so it works on results from any backend or model.
import { DisposedError, InvalidInputError, InvalidOptionError } from './errors';
import { predictionFromScores } from './postprocess';
import { EMOTIONS, type Box, type Emotion, type EmotionProbabilities } from './types';

/** Options of {@link EmotionTracker}. */
export interface EmotionTrackerOptions {
  /** A detection continues a track when their boxes overlap at least this much (IoU). Default 0.3. */
  iouThreshold?: number;
  /**
   * Smoothing time constant in ms when frames carry timestamps: a frame `dt` ms after the
   * previous one gets weight `1 - exp(-dt / timeConstantMs)`. Default 300.
   */
  timeConstantMs?: number;
  /** Weight of a new frame when no timestamps are given (EMA factor). Default 0.3. */
  alpha?: number;
  /**
   * Hysteresis: the stable label changes only when another emotion's smoothed probability
   * beats the current one's by this margin... Default 0.1.
   */
  switchMargin?: number;
  /** ...for this many consecutive frames. Default 3. */
  switchFrames?: number;
  /** A track with no matching face for more frames than this is dropped. Default 10. */
  maxMissedFrames?: number;
}

/** One face in a frame, as {@link EmotionTracker.update} takes it (a `FaceEmotion` fits). */
export interface TrackerInput {
  /** The face's box in frame pixels, used to follow it from frame to frame. */
  box: Box;
  /** 7 probabilities in FER2013 order ({@link EMOTIONS}). */
  scores: readonly number[];
}

/** A followed face after smoothing. */
export interface TrackedFace {
  /** Stable id for as long as the face is followed. */
  id: number;
  /** Latest box (the last detection's box while the face is missed). */
  box: Box;
  /** Stable (hysteresis) emotion. */
  emotion: Emotion;
  /** Smoothed probability of `emotion`. */
  confidence: number;
  /** Smoothed probabilities. */
  probabilities: EmotionProbabilities;
  /** Smoothed probabilities in FER2013 order. */
  scores: number[];
  /** Frames since the track started. */
  age: number;
  /** Consecutive frames without a matching face (0 when seen in this frame). */
  missedFrames: number;
}

/** The mood of everyone in view. */
export interface GroupEmotion {
  /** Stable (hysteresis) emotion of the group. */
  emotion: Emotion;
  /** Mean smoothed probability of `emotion` over the visible faces. */
  confidence: number;
  /** Mean of the visible faces' smoothed probabilities. */
  probabilities: EmotionProbabilities;
  /** Faces seen in this frame. */
  faceCount: number;
}

/** What {@link EmotionTracker.update} returns for a frame. */
export interface TrackerFrame {
  /** Tracks seen in this frame, in the order of the input faces. */
  faces: TrackedFace[];
  /** The group, or null when no face is in this frame. */
  group: GroupEmotion | null;
}

/** Hysteresis on an argmax: switch only after a challenger leads by a margin for k frames. */
class StableLabel {
  label: number;
  private challenger = -1;
  private streak = 0;

  constructor(scores: readonly number[]) {
    this.label = argmax(scores);
  }

  update(scores: readonly number[], margin: number, frames: number): number {
    const best = argmax(scores);
    const lead = (scores[best] ?? 0) - (scores[this.label] ?? 0);
    if (best === this.label || lead < margin) {
      this.challenger = -1;
      this.streak = 0;
      return this.label;
    }
    this.streak = best === this.challenger ? this.streak + 1 : 1;
    this.challenger = best;
    if (this.streak >= frames) {
      this.label = best;
      this.challenger = -1;
      this.streak = 0;
    }
    return this.label;
  }
}

interface Track {
  id: number;
  box: Box;
  scores: number[];
  label: StableLabel;
  age: number;
  missed: number;
}

/**
 * Follows faces across video frames by box overlap, smooths their probabilities with an
 * exponential moving average and holds each label with hysteresis so it does not flicker;
 * also reports a stable emotion for the whole group.
 *
 * @example
 * const tracker = new EmotionTracker();
 * for await (const frame of frames) {
 *   const { faces, group } = tracker.update(await detector.detect(frame), performance.now());
 * }
 */
export class EmotionTracker {
  private readonly iouThreshold: number;
  private readonly timeConstantMs: number;
  private readonly alpha: number;
  private readonly switchMargin: number;
  private readonly switchFrames: number;
  private readonly maxMissedFrames: number;
  private tracks: Track[] = [];
  private groupLabel: StableLabel | null = null;
  private lastTime: number | undefined;
  private nextId = 1;
  private disposed = false;

  constructor(options: EmotionTrackerOptions = {}) {
    this.iouThreshold = inRange(options.iouThreshold ?? 0.3, 0, 1, 'iouThreshold');
    this.timeConstantMs = inRange(options.timeConstantMs ?? 300, 1e-9, Infinity, 'timeConstantMs');
    this.alpha = inRange(options.alpha ?? 0.3, 1e-9, 1, 'alpha');
    this.switchMargin = inRange(options.switchMargin ?? 0.1, 0, 1, 'switchMargin');
    this.switchFrames = Math.round(inRange(options.switchFrames ?? 3, 1, Infinity, 'switchFrames'));
    this.maxMissedFrames = Math.round(inRange(options.maxMissedFrames ?? 10, 0, Infinity, 'maxMissedFrames'));
  }

  /**
   * Feeds one frame's faces. `timeMs` (e.g. `video.currentTime * 1000` or `performance.now()`)
   * makes smoothing independent of the frame rate; without it each frame weighs `alpha`.
   *
   * @throws {@link InvalidInputError} for scores that are not 7 finite numbers or a bad box.
   */
  update(faces: readonly TrackerInput[], timeMs?: number): TrackerFrame {
    if (this.disposed) throw new DisposedError('The emotion tracker has been disposed');
    faces.forEach(checkFace);
    const weight = this.frameWeight(timeMs);
    const matches = this.match(faces);
    const seen: TrackedFace[] = [];

    faces.forEach((face, i) => {
      const track = matches.get(i);
      if (track) {
        track.scores = track.scores.map((s, k) => s + weight * ((face.scores[k] ?? 0) - s));
        track.box = { ...face.box };
        track.age++;
        track.missed = 0;
        track.label.update(track.scores, this.switchMargin, this.switchFrames);
        seen.push(view(track));
      } else {
        const created: Track = {
          id: this.nextId++,
          box: { ...face.box },
          scores: [...face.scores],
          label: new StableLabel(face.scores),
          age: 1,
          missed: 0,
        };
        this.tracks.push(created);
        seen.push(view(created));
      }
    });

    const seenIds = new Set(seen.map((face) => face.id));
    for (const track of this.tracks) if (!seenIds.has(track.id)) track.missed++;
    this.tracks = this.tracks.filter((t) => t.missed <= this.maxMissedFrames);
    return { faces: seen, group: this.updateGroup(seen) };
  }

  /** Tracks currently followed, including those missed for a few frames. */
  get activeTracks(): TrackedFace[] {
    return this.tracks.map(view);
  }

  /** Forgets every track and the group state (e.g. after a scene cut). */
  reset(): void {
    this.tracks = [];
    this.groupLabel = null;
    this.lastTime = undefined;
  }

  /** Releases the tracker's state; later `update` calls throw {@link DisposedError}. */
  dispose(): void {
    this.reset();
    this.disposed = true;
  }

  private frameWeight(timeMs: number | undefined): number {
    if (timeMs === undefined) return this.alpha;
    if (!Number.isFinite(timeMs)) throw new InvalidInputError(`timeMs must be a finite number, got ${timeMs}`);
    const previous = this.lastTime;
    this.lastTime = timeMs;
    if (previous === undefined) return this.alpha;
    const dt = Math.max(0, timeMs - previous);
    return 1 - Math.exp(-dt / this.timeConstantMs);
  }

  /** Greedy matching by descending IoU; each track and each face is used once. */
  private match(faces: readonly TrackerInput[]): Map<number, Track> {
    const pairs: { face: number; track: Track; iou: number }[] = [];
    faces.forEach((face, i) => {
      for (const track of this.tracks) {
        const overlap = iou(face.box, track.box);
        if (overlap >= this.iouThreshold && overlap > 0) pairs.push({ face: i, track, iou: overlap });
      }
    });
    pairs.sort((a, b) => b.iou - a.iou);
    const result = new Map<number, Track>();
    const used = new Set<Track>();
    for (const pair of pairs) {
      if (result.has(pair.face) || used.has(pair.track)) continue;
      result.set(pair.face, pair.track);
      used.add(pair.track);
    }
    return result;
  }

  private updateGroup(seen: readonly TrackedFace[]): GroupEmotion | null {
    // The group label survives frames with nobody in view, so a brief occlusion does not reset it.
    if (seen.length === 0) return null;
    const mean = EMOTIONS.map((_, k) => seen.reduce((sum, f) => sum + (f.scores[k] ?? 0), 0) / seen.length);
    this.groupLabel ??= new StableLabel(mean);
    const label = this.groupLabel.update(mean, this.switchMargin, this.switchFrames);
    const { probabilities } = predictionFromScores(mean);
    return { emotion: EMOTIONS[label] as Emotion, confidence: mean[label] ?? 0, probabilities, faceCount: seen.length };
  }
}

function view(track: Track): TrackedFace {
  const { probabilities } = predictionFromScores(track.scores);
  const label = track.label.label;
  return {
    id: track.id,
    box: { ...track.box },
    emotion: EMOTIONS[label] as Emotion,
    confidence: track.scores[label] ?? 0,
    probabilities,
    scores: [...track.scores],
    age: track.age,
    missedFrames: track.missed,
  };
}

/** Intersection over union of two boxes (0 when either is empty). */
export function iou(a: Box, b: Box): number {
  const x1 = Math.max(a.x, b.x);
  const y1 = Math.max(a.y, b.y);
  const x2 = Math.min(a.x + a.width, b.x + b.width);
  const y2 = Math.min(a.y + a.height, b.y + b.height);
  const inter = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
  const union = a.width * a.height + b.width * b.height - inter;
  return union > 0 ? inter / union : 0;
}

function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] ?? -Infinity) > (values[best] ?? -Infinity)) best = i;
  return best;
}

function checkFace(face: TrackerInput, i: number): void {
  const { box, scores } = face;
  if (!box || ![box.x, box.y, box.width, box.height].every(Number.isFinite) || box.width < 0 || box.height < 0) {
    throw new InvalidInputError(`face ${i}: box must have finite x, y and non-negative width, height`);
  }
  if (!scores || scores.length !== EMOTIONS.length || !scores.every(Number.isFinite)) {
    throw new InvalidInputError(`face ${i}: scores must be ${EMOTIONS.length} finite numbers in FER2013 order`);
  }
}

/** An option in range, or {@link InvalidOptionError} (the options, not a frame, are wrong). */
function inRange(value: number, min: number, max: number, name: string): number {
  if (!(value >= min && value <= max)) throw new InvalidOptionError(`${name} must be in [${min}, ${max}], got ${value}`);
  return value;
}
