import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { Box } from '../src/types';

/** `<repo>/../shared/data/faces`. */
const FACES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/data/faces');

/** A decoded RGBA image (an RgbaImage whose buffer tfjs also accepts). */
export interface RgbaImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Decodes a fixture (PNG or JPEG) to RGBA. */
export function loadImage(file: string): RgbaImage {
  const bytes = readFileSync(join(FACES_DIR, file));
  if (file.endsWith('.png')) {
    const png = PNG.sync.read(bytes);
    return { data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length), width: png.width, height: png.height };
  }
  const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
  return { data: img.data, width: img.width, height: img.height };
}

/** One annotated fixture. */
export interface Annotation {
  width: number;
  height: number;
  faces: { box_xywh: [number, number, number, number]; note: string }[];
}

/** annotations.json, keyed by file name. */
export function loadAnnotations(): Record<string, Annotation> {
  return JSON.parse(readFileSync(join(FACES_DIR, 'annotations.json'), 'utf8')) as Record<string, Annotation>;
}

/** Nearest-neighbour resize of an RGBA image (small, fast test inputs). */
export function resizeNearest(image: RgbaImage, width: number, height: number): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const sy = Math.floor(((y + 0.5) * image.height) / height);
    for (let x = 0; x < width; x++) {
      const sx = Math.floor(((x + 0.5) * image.width) / width);
      data.set(image.data.subarray((sy * image.width + sx) * 4, (sy * image.width + sx) * 4 + 4), (y * width + x) * 4);
    }
  }
  return { data, width, height };
}

/** The image turned clockwise by a quarter turn multiple (pixels moved, not resampled). */
export function turnImage(image: RgbaImage, turn: 0 | 90 | 180 | 270): RgbaImage {
  if (turn === 0) return image;
  const { width: w, height: h, data } = image;
  const outWidth = turn === 180 ? w : h;
  const out = new Uint8Array(data.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const [u, v] = turn === 90 ? [h - 1 - y, x] : turn === 180 ? [w - 1 - x, h - 1 - y] : [y, w - 1 - x];
      out.set(data.subarray((y * w + x) * 4, (y * w + x) * 4 + 4), (v * outWidth + u) * 4);
    }
  }
  return { data: out, width: outWidth, height: turn === 180 ? h : w };
}

/** An `[x, y, w, h]` box of a `width x height` image, in that image turned clockwise by `turn`. */
export function turnBox([x, y, w, h]: [number, number, number, number], width: number, height: number, turn: 0 | 90 | 180 | 270): Box {
  if (turn === 90) return { x: height - y - h, y: x, width: h, height: w };
  if (turn === 180) return { x: width - x - w, y: height - y - h, width: w, height: h };
  if (turn === 270) return { x: y, y: width - x - w, width: h, height: w };
  return { x, y, width: w, height: h };
}
