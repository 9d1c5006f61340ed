// Building blocks of eval:photos: the annotated photos, their rotated copies, size bands, matching
// and the expressions the annotation notes name. Pure functions except the file reading.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { Box } from '../../src/types';
import { SHARED_DATA } from './paths';

export const FACES_DIR = join(SHARED_DATA, 'faces');

/** An RGBA image. */
export interface Rgba {
  data: Uint8Array;
  width: number;
  height: number;
}

/** A quarter turn, clockwise. */
export type Turn = 0 | 90 | 180 | 270;

/** One annotated face. */
export interface AnnotatedFace {
  box: Box;
  note: string;
}

/** One photo of annotations.json. */
export interface Photo {
  file: string;
  faces: AnnotatedFace[];
}

/** The annotated photos, in annotations.json order. */
export function readPhotos(dir = FACES_DIR): Photo[] {
  const all = JSON.parse(readFileSync(join(dir, 'annotations.json'), 'utf8')) as Record<
    string,
    { faces: { box_xywh: [number, number, number, number]; note: string }[] }
  >;
  return Object.entries(all).map(([file, a]) => ({
    file,
    faces: a.faces.map((f) => ({ box: { x: f.box_xywh[0], y: f.box_xywh[1], width: f.box_xywh[2], height: f.box_xywh[3] }, note: f.note })),
  }));
}

/** Decodes a photo (PNG or JPEG) to RGBA. */
export function decodePhoto(file: string, dir = FACES_DIR): Rgba {
  const bytes = readFileSync(join(dir, file));
  if (file.endsWith('.png')) {
    const png = PNG.sync.read(bytes);
    return { data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length), width: png.width, height: png.height };
  }
  const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
  return { data: img.data, width: img.width, height: img.height };
}

/** The image turned clockwise by `turn` (exact: pixels are moved, not resampled). */
export function turnImage(image: Rgba, turn: Turn): Rgba {
  if (turn === 0) return image;
  const { width: w, height: h, data } = image;
  const swap = turn !== 180;
  const out = new Uint8Array(data.length);
  const outWidth = swap ? h : w;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const [u, v] = turn === 90 ? [h - 1 - y, x] : turn === 180 ? [w - 1 - x, h - 1 - y] : [y, w - 1 - x];
      out.set(data.subarray((y * w + x) * 4, (y * w + x) * 4 + 4), (v * outWidth + u) * 4);
    }
  }
  return { data: out, width: outWidth, height: swap ? w : h };
}

/** A box of a `width x height` image, in the image turned clockwise by `turn`. */
export function turnBox(box: Box, width: number, height: number, turn: Turn): Box {
  switch (turn) {
    case 0:
      return { ...box };
    case 90:
      return { x: height - box.y - box.height, y: box.x, width: box.height, height: box.width };
    case 180:
      return { x: width - box.x - box.width, y: height - box.y - box.height, width: box.width, height: box.height };
    case 270:
      return { x: box.y, y: width - box.x - box.width, width: box.height, height: box.width };
  }
}

/** Size bands of the issue: long side of the annotated box. */
export const BANDS = ['>= 48 px', '24-48 px', '< 24 px'] as const;
export type Band = (typeof BANDS)[number];

export function bandOf(box: Box): Band {
  const side = Math.max(box.width, box.height);
  return side >= 48 ? '>= 48 px' : side >= 24 ? '24-48 px' : '< 24 px';
}

/** Intersection over union of two boxes. */
export function boxIou(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / (a.width * a.height + b.width * b.height - inter);
}

/**
 * Greedy one-to-one matching, highest IoU first, of detections to annotated boxes at `minIou` or
 * more. Returns for each annotated box the index of its detection (or -1) and the unmatched detections' count.
 */
export function matchBoxes(detected: readonly Box[], truth: readonly Box[], minIou: number): { match: number[]; falseDetections: number } {
  const pairs: { t: number; d: number; iou: number }[] = [];
  truth.forEach((t, ti) => detected.forEach((d, di) => pairs.push({ t: ti, d: di, iou: boxIou(t, d) })));
  pairs.sort((a, b) => b.iou - a.iou);
  const match = truth.map(() => -1);
  const used = new Set<number>();
  for (const p of pairs) {
    if (p.iou < minIou || match[p.t] !== -1 || used.has(p.d)) continue;
    match[p.t] = p.d;
    used.add(p.d);
  }
  return { match, falseDetections: detected.length - used.size };
}

/**
 * The expression an annotation note names, if it names one clearly: `happy` for happy, a smile
 * with teeth, a grin or laughing; `neutral` for neutral; `slight smile` for a faint or
 * closed-mouth smile (which FER2013 labels either way). Other notes give null. A leading
 * "Name: " is skipped.
 */
export function expressionOf(note: string): 'happy' | 'neutral' | 'slight smile' | null {
  const text = note.toLowerCase().replace(/^[a-z]+: /, '');
  if (/^(happy|grin|laugh)|broad smile|smile, teeth/.test(text)) return 'happy';
  if (/\bneutral\b/.test(text)) return 'neutral';
  if (/slight (closed-mouth )?smile|faint smile/.test(text)) return 'slight smile';
  return null;
}
