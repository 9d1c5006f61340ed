import type { Box, Face } from '../src/types';

/** IoU of two `{x, y, width, height}` boxes. */
export function boxIou(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / (a.width * a.height + b.width * b.height - inter);
}

/** Greedy one-to-one matching of detections to annotated boxes, highest IoU first. */
export function matchFaces(
  faces: Face[],
  truth: Box[],
  minIou: number,
): { matched: { truth: number; face: number; iou: number }[]; falsePositives: number } {
  const pairs: { truth: number; face: number; iou: number }[] = [];
  truth.forEach((t, ti) => faces.forEach((f, fi) => pairs.push({ truth: ti, face: fi, iou: boxIou(t, f.box) })));
  pairs.sort((a, b) => b.iou - a.iou);
  const usedT = new Set<number>();
  const usedF = new Set<number>();
  const matched: { truth: number; face: number; iou: number }[] = [];
  for (const p of pairs) {
    if (p.iou < minIou || usedT.has(p.truth) || usedF.has(p.face)) continue;
    usedT.add(p.truth);
    usedF.add(p.face);
    matched.push(p);
  }
  return { matched, falsePositives: faces.length - matched.length };
}

/** `[x, y, w, h]` to a Box. */
export const toBox = ([x, y, width, height]: [number, number, number, number]): Box => ({ x, y, width, height });
