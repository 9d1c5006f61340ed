import type { Candidate } from './decode';
import type { Letterbox } from './preprocess';
import type { Face, KeypointName } from './types';

/** Keypoint names in model output order. */
export const KEYPOINT_NAMES: readonly KeypointName[] = [
  'rightEye',
  'leftEye',
  'noseTip',
  'mouthCenter',
  'rightEarTragion',
  'leftEarTragion',
];

/** Intersection over union of two boxes. */
function iou(a: Candidate, b: Candidate): number {
  const w = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
  const h = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  const union = (a.xMax - a.xMin) * (a.yMax - a.yMin) + (b.xMax - b.xMin) * (b.yMax - b.yMin) - inter;
  return union > 0 ? inter / union : 0;
}

/**
 * MediaPipe's weighted non-max suppression: the best remaining box and every box overlapping it by
 * more than `iouThreshold` are merged into their score-weighted mean (box and keypoints), keeping
 * the best score. Steadier boxes than plain NMS, which drops the neighbours' evidence.
 */
export function weightedNms(candidates: Candidate[], iouThreshold: number, maxFaces: number): Candidate[] {
  let remaining = [...candidates].sort((a, b) => b.score - a.score);
  const kept: Candidate[] = [];
  while (remaining.length > 0 && kept.length < maxFaces) {
    const best = remaining[0]!;
    const cluster: Candidate[] = [];
    const rest: Candidate[] = [];
    for (const c of remaining) (c === best || iou(best, c) > iouThreshold ? cluster : rest).push(c);
    let total = 0;
    const merged: Candidate = { score: best.score, xMin: 0, yMin: 0, xMax: 0, yMax: 0, keypoints: new Float32Array(best.keypoints.length) };
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

/** Maps normalised model-input coordinates back to input pixels (undoing the letterbox); boxes are clipped to the image. */
export function toFaces(candidates: Candidate[], box: Letterbox, width: number, height: number): Face[] {
  const px = (x: number) => (x * box.size - box.offsetX) * box.scaleX;
  const py = (y: number) => (y * box.size - box.offsetY) * box.scaleY;
  return candidates.map((c) => {
    const x0 = Math.min(Math.max(px(c.xMin), 0), width);
    const y0 = Math.min(Math.max(py(c.yMin), 0), height);
    const x1 = Math.min(Math.max(px(c.xMax), 0), width);
    const y1 = Math.min(Math.max(py(c.yMax), 0), height);
    return {
      box: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 },
      score: c.score,
      keypoints: KEYPOINT_NAMES.map((name, k) => ({ name, x: px(c.keypoints[2 * k]!), y: py(c.keypoints[2 * k + 1]!) })),
    };
  });
}
