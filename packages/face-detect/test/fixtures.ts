import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { ImageDataLike } from '../src/types';

/** `<repo>/../shared/data/faces`. */
export const FACES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/data/faces');

/** Decodes a fixture (PNG or JPEG) to RGBA. */
export function loadImage(file: string): ImageDataLike {
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
