import type { Candidate } from './decode';
import type { Face, KeypointName } from './types';
import { toInputPoint, type View } from './view';

/** Keypoint names in model output order. */
export const KEYPOINT_NAMES: readonly KeypointName[] = [
  'rightEye',
  'leftEye',
  'noseTip',
  'mouthCenter',
  'rightEarTragion',
  'leftEarTragion',
];

/** A detection in input pixels, with the view that found it. */
export interface InputCandidate extends Candidate {
  view: View;
}

/** Intersection over union of two boxes. */
export function iou(a: Candidate, b: Candidate): number {
  const w = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
  const h = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  const union = (a.xMax - a.xMin) * (a.yMax - a.yMin) + (b.xMax - b.xMin) * (b.yMax - b.yMin) - inter;
  return union > 0 ? inter / union : 0;
}

/** Intersection over the smaller box's area: 1 when one box lies inside the other. */
function overlapOfSmaller(a: Candidate, b: Candidate): number {
  const w = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
  const h = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
  if (w <= 0 || h <= 0) return 0;
  const smaller = Math.min((a.xMax - a.xMin) * (a.yMax - a.yMin), (b.xMax - b.xMin) * (b.yMax - b.yMin));
  return smaller > 0 ? (w * h) / smaller : 0;
}

/**
 * MediaPipe's weighted non-max suppression: the best remaining box and every box overlapping it by
 * more than `iouThreshold` are merged into their score-weighted mean (box and keypoints), keeping
 * the best score and the best box's other fields. Steadier boxes than plain NMS, which drops the
 * neighbours' evidence.
 */
export function weightedNms<T extends Candidate>(candidates: readonly T[], iouThreshold: number, maxFaces: number): T[] {
  let remaining = [...candidates].sort((a, b) => b.score - a.score);
  const kept: T[] = [];
  while (remaining.length > 0 && kept.length < maxFaces) {
    const best = remaining[0]!;
    const cluster: T[] = [];
    const rest: T[] = [];
    for (const c of remaining) (c === best || iou(best, c) > iouThreshold ? cluster : rest).push(c);
    let total = 0;
    const merged: T = { ...best, xMin: 0, yMin: 0, xMax: 0, yMax: 0, keypoints: new Float32Array(best.keypoints.length) };
    for (const c of cluster) {
      total += c.score;
      merged.xMin += c.score * c.xMin;
      merged.yMin += c.score * c.yMin;
      merged.xMax += c.score * c.xMax;
      merged.yMax += c.score * c.yMax;
      for (let k = 0; k < c.keypoints.length; k++) merged.keypoints[k]! += c.score * c.keypoints[k]!;
    }
    merged.xMin /= total;
    merged.yMin /= total;
    merged.xMax /= total;
    merged.yMax /= total;
    for (let k = 0; k < merged.keypoints.length; k++) merged.keypoints[k]! /= total;
    kept.push(merged);
    remaining = rest;
  }
  return kept;
}

/**
 * Drops a box that lies mostly (`ratio` of its area) inside a better one: what is left of a face
 * that a tile edge or a coarse pass saw only in part, and that IoU alone does not merge. Input best first.
 */
export function dropContained<T extends Candidate>(sorted: readonly T[], ratio = 0.7): T[] {
  const kept: T[] = [];
  for (const c of sorted) if (!kept.some((k) => overlapOfSmaller(k, c) > ratio)) kept.push(c);
  return kept;
}

/**
 * Maps a view's detections from normalised model-input coordinates to input pixels (undoing the
 * letterbox, the rotation and the tile offset) and keeps those the view owns: box centre in its
 * core, long side at most its `maxFace`.
 */
export function toInputCandidates(candidates: readonly Candidate[], view: View): InputCandidate[] {
  const out: InputCandidate[] = [];
  for (const c of candidates) {
    const [ax, ay] = toInputPoint(view, c.xMin, c.yMin);
    const [bx, by] = toInputPoint(view, c.xMax, c.yMax);
    const mapped: InputCandidate = {
      score: c.score,
      xMin: Math.min(ax, bx),
      yMin: Math.min(ay, by),
      xMax: Math.max(ax, bx),
      yMax: Math.max(ay, by),
      keypoints: new Float32Array(c.keypoints.length),
      view,
    };
    const cx = (mapped.xMin + mapped.xMax) / 2;
    const cy = (mapped.yMin + mapped.yMax) / 2;
    const { core } = view;
    if (cx < core.x0 || cx >= core.x1 || cy < core.y0 || cy >= core.y1) continue;
    if (Math.max(mapped.xMax - mapped.xMin, mapped.yMax - mapped.yMin) > view.maxFace) continue;
    for (let k = 0; k < c.keypoints.length; k += 2) {
      const [x, y] = toInputPoint(view, c.keypoints[k]!, c.keypoints[k + 1]!);
      mapped.keypoints[k] = x;
      mapped.keypoints[k + 1] = y;
    }
    out.push(mapped);
  }
  return out;
}

/** Roll in degrees, in (-180, 180]: the right-eye-to-left-eye direction, clockwise from the x axis. */
export function rollOf(keypoints: Float32Array): number {
  const degrees = (Math.atan2(keypoints[3]! - keypoints[1]!, keypoints[2]! - keypoints[0]!) * 180) / Math.PI;
  return degrees === -180 ? 180 : degrees;
}

/** Turns merged candidates into faces: boxes clipped to the image, keypoints named, roll and pass attached. */
export function toFaces(candidates: readonly InputCandidate[], width: number, height: number): Face[] {
  return candidates.map((c) => {
    const x0 = Math.min(Math.max(c.xMin, 0), width);
    const y0 = Math.min(Math.max(c.yMin, 0), height);
    const x1 = Math.min(Math.max(c.xMax, 0), width);
    const y1 = Math.min(Math.max(c.yMax, 0), height);
    const { view } = c;
    return {
      box: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 },
      score: c.score,
      keypoints: KEYPOINT_NAMES.map((name, k) => ({ name, x: c.keypoints[2 * k]!, y: c.keypoints[2 * k + 1]! })),
      roll: rollOf(c.keypoints),
      pass: { range: view.range, rotation: view.rotation, tile: view.tile ? { ...view.region } : null },
    };
  });
}
