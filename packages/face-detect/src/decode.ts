/** Values per anchor in the model output: 1 score logit + 4 box values + 6 keypoints x 2. */
export const VALUES_PER_ANCHOR = 17;
/** Number of BlazeFace keypoints. */
const KEYPOINT_COUNT = 6;

/** A decoded detection in normalised model-input coordinates (0..1 of the square input). */
export interface Candidate {
  score: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  /** `[x0, y0, ..., x5, y5]`, normalised like the box. */
  keypoints: Float32Array;
}

/**
 * Decodes raw detections (`[N * 17]`) against the anchor centres (`[N * 2]`). Only anchors whose
 * logit clears `minScore` are decoded: comparing logits avoids N sigmoids per frame.
 */
export function decodeDetections(raw: Float32Array, anchors: Float32Array, inputSize: number, minScore: number): Candidate[] {
  const count = anchors.length / 2;
  if (raw.length !== count * VALUES_PER_ANCHOR) {
    throw new Error(`Model output has ${raw.length} values, expected ${count} anchors x ${VALUES_PER_ANCHOR}`);
  }
  const minLogit = minScore <= 0 ? -Infinity : minScore >= 1 ? Infinity : Math.log(minScore / (1 - minScore));
  const out: Candidate[] = [];
  for (let i = 0; i < count; i++) {
    const o = i * VALUES_PER_ANCHOR;
    const logit = raw[o]!;
    if (!(logit >= minLogit)) continue;
    const ax = anchors[2 * i]!;
    const ay = anchors[2 * i + 1]!;
    const cx = raw[o + 1]! / inputSize + ax;
    const cy = raw[o + 2]! / inputSize + ay;
    const w = raw[o + 3]! / inputSize;
    const h = raw[o + 4]! / inputSize;
    if (!(w > 0 && h > 0)) continue;
    const keypoints = new Float32Array(KEYPOINT_COUNT * 2);
    for (let k = 0; k < KEYPOINT_COUNT; k++) {
      keypoints[2 * k] = raw[o + 5 + 2 * k]! / inputSize + ax;
      keypoints[2 * k + 1] = raw[o + 6 + 2 * k]! / inputSize + ay;
    }
    const clipped = Math.min(Math.max(logit, -100), 100);
    out.push({
      score: 1 / (1 + Math.exp(-clipped)),
      xMin: cx - w / 2,
      yMin: cy - h / 2,
      xMax: cx + w / 2,
      yMax: cy + h / 2,
      keypoints,
    });
  }
  return out;
}
