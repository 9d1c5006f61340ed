// Faces and emotions: one detect per photo; for a video, the tracker's stable emotion per frame,
// folded into one entry per second and one summary per followed face.
import {
  EMOTIONS,
  EmotionTracker,
  type Box,
  type DetectEmotionOptions,
  type Emotion,
  type EmotionDetector,
  type EmotionProbabilities,
  type FaceEmotion,
  type FrameImage,
} from '@moodtunes/fer-core';
import type { Identity } from '@moodtunes/face-id';
import type { VideoFrame } from './video';

/** One face in a photo. */
export interface PhotoFace {
  /** 1-based, in detection-score order. */
  index: number;
  box: Box;
  faceScore: number;
  emotion: Emotion;
  confidence: number;
  probabilities: EmotionProbabilities;
  /** With `--gallery`: the enrolled person this face is, or null when it is no one enrolled. */
  name?: string | null;
  /** With `--gallery`: embedding distance to the nearest enrolled person. */
  identityDistance?: number;
}

/** A second of video. */
export interface TimelineEntry {
  /** Start of the second (0, 1, 2, ...). */
  second: number;
  /** The group's stable emotion at the last frame of this second that had a face; null without faces. */
  emotion: Emotion | null;
  /** Its smoothed probability. */
  confidence: number | null;
  /** Most faces seen in one frame of this second. */
  faceCount: number;
  /** Each face's stable emotion at that frame. */
  faces: { id: number; emotion: Emotion; confidence: number }[];
}

/** A face followed through a video. */
export interface VideoFace {
  /** Tracker id, stable through the video. */
  id: number;
  firstSecond: number;
  lastSecond: number;
  /** Frames in which it was detected. */
  frames: number;
  /** Its most frequent stable emotion over those frames. */
  emotion: Emotion;
  /** Mean smoothed probability of `emotion`. */
  confidence: number;
  /** Mean smoothed probabilities over its frames. */
  probabilities: EmotionProbabilities;
}

/** What a video comes to. */
export interface VideoAnalysis {
  frames: number;
  framesWithFaces: number;
  timeline: TimelineEntry[];
  /** Faces followed for at least {@link MIN_TRACK_FRAMES} frames (all faces in shorter videos). */
  faces: VideoFace[];
  /** The stable group emotion that held for the most seconds; null when no face was seen. */
  dominantEmotion: Emotion | null;
  /** Seconds per stable group emotion. */
  secondsByEmotion: Partial<Record<Emotion, number>>;
  /** Mean ms per frame spent in detection (face detector + emotion model). */
  msPerFrame: number;
}

/** A face seen in fewer frames is taken for a false detection and left out of the per-face summary. */
const MIN_TRACK_FRAMES = 3;

/** Faces and emotions of one photo, and who they are when `identify` is given (`--gallery`). */
export async function analyzePhoto(
  detector: EmotionDetector,
  image: FrameImage,
  options: DetectEmotionOptions,
  identify?: (image: FrameImage, faces: readonly FaceEmotion[]) => Promise<Identity[]>,
): Promise<PhotoFace[]> {
  const faces = await detector.detect(image, options);
  const identities = identify ? await identify(image, faces) : undefined;
  return faces.map((face, i) => ({
    index: i + 1,
    box: roundBox(face.box),
    faceScore: round(face.faceScore),
    emotion: face.emotion,
    confidence: round(face.confidence),
    probabilities: roundProbabilities(face.probabilities),
    ...(identities ? { name: identities[i]!.name, identityDistance: round(identities[i]!.distance) } : {}),
  }));
}

interface TrackStats {
  firstMs: number;
  lastMs: number;
  frames: number;
  labels: Map<Emotion, number>;
  sums: number[];
}

/**
 * Runs every frame through the detector and an {@link EmotionTracker} (timestamps from the
 * frame rate, so smoothing does not depend on `--fps`). `onFrame` reports progress.
 */
export async function analyzeVideo(
  detector: EmotionDetector,
  frames: AsyncIterable<VideoFrame>,
  options: DetectEmotionOptions & {
    tracker?: ConstructorParameters<typeof EmotionTracker>[0];
    onFrame?: (frame: VideoFrame, faces: FaceEmotion[]) => void;
  },
): Promise<VideoAnalysis> {
  const tracker = new EmotionTracker(options.tracker);
  const seconds = new Map<number, TimelineEntry>();
  const tracks = new Map<number, TrackStats>();
  let count = 0;
  let withFaces = 0;
  let detectMs = 0;
  try {
    for await (const frame of frames) {
      const started = performance.now();
      // Video mode: the face detector follows the faces of earlier frames instead of scanning each anew.
      const faces = await detector.detect(frame.image, { ...options, mode: 'video' });
      detectMs += performance.now() - started;
      count++;
      const { faces: tracked, group } = tracker.update(faces, frame.timeMs);
      const second = Math.floor(frame.timeMs / 1000);
      const entry = seconds.get(second) ?? { second, emotion: null, confidence: null, faceCount: 0, faces: [] };
      seconds.set(second, entry);
      if (group) {
        withFaces++;
        entry.emotion = group.emotion;
        entry.confidence = round(group.confidence);
        entry.faceCount = Math.max(entry.faceCount, group.faceCount);
        entry.faces = tracked.map((f) => ({ id: f.id, emotion: f.emotion, confidence: round(f.confidence) }));
      }
      for (const face of tracked) {
        const stats = tracks.get(face.id) ?? {
          firstMs: frame.timeMs,
          lastMs: frame.timeMs,
          frames: 0,
          labels: new Map(),
          sums: EMOTIONS.map(() => 0),
        };
        tracks.set(face.id, stats);
        stats.lastMs = frame.timeMs;
        stats.frames++;
        stats.labels.set(face.emotion, (stats.labels.get(face.emotion) ?? 0) + 1);
        face.scores.forEach((s, k) => (stats.sums[k] = (stats.sums[k] ?? 0) + s));
      }
      options.onFrame?.(frame, faces);
    }
  } finally {
    tracker.dispose();
  }

  const timeline = [...seconds.values()].sort((a, b) => a.second - b.second);
  const secondsByEmotion: Partial<Record<Emotion, number>> = {};
  for (const { emotion } of timeline) if (emotion) secondsByEmotion[emotion] = (secondsByEmotion[emotion] ?? 0) + 1;
  const minFrames = Math.min(MIN_TRACK_FRAMES, count);
  const faces = [...tracks.entries()]
    .filter(([, stats]) => stats.frames >= minFrames)
    .map(([id, stats]) => {
      const emotion = mostFrequent(stats.labels);
      const mean = stats.sums.map((s) => s / stats.frames);
      return {
        id,
        firstSecond: Math.floor(stats.firstMs / 1000),
        lastSecond: Math.floor(stats.lastMs / 1000),
        frames: stats.frames,
        emotion,
        confidence: round(mean[EMOTIONS.indexOf(emotion)] ?? 0),
        probabilities: roundProbabilities(Object.fromEntries(EMOTIONS.map((e, k) => [e, mean[k] ?? 0])) as EmotionProbabilities),
      };
    });
  return {
    frames: count,
    framesWithFaces: withFaces,
    timeline,
    faces,
    dominantEmotion: mostFrequent(new Map(Object.entries(secondsByEmotion) as [Emotion, number][]), null),
    secondsByEmotion,
    msPerFrame: count ? Math.round((detectMs / count) * 10) / 10 : 0,
  };
}

/** The key with the highest count; ties go to the first one seen. */
function mostFrequent<T, D = never>(counts: Map<T, number>, fallback?: D): T | D {
  let best: T | undefined;
  let bestCount = -1;
  for (const [key, n] of counts) {
    if (n > bestCount) {
      best = key;
      bestCount = n;
    }
  }
  return best === undefined ? (fallback as D) : best;
}

const round = (v: number, digits = 3) => Math.round(v * 10 ** digits) / 10 ** digits;

function roundBox(box: Box): Box {
  return { x: round(box.x, 1), y: round(box.y, 1), width: round(box.width, 1), height: round(box.height, 1) };
}

function roundProbabilities(p: EmotionProbabilities): EmotionProbabilities {
  return Object.fromEntries(EMOTIONS.map((e) => [e, round(p[e])])) as EmotionProbabilities;
}
