import { createReadStream } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';

/** `<repo>/../shared/data/fer2013/fer2013-publictest.csv.gz`. */
export const FER_PUBLIC_TEST = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../../shared/data/fer2013/fer2013-publictest.csv.gz',
);

/** One FER2013 row: label and 48x48 grey pixels. */
export interface FerRow {
  emotion: number;
  pixels: Uint8Array;
}

/**
 * Streams FER2013 rows from a gzipped CSV. The format is fixed (`emotion,pixels,Usage`, pixels
 * unquoted and space-separated), so a split is exact here and a CSV library would add nothing.
 */
export async function* readFerRows(file = FER_PUBLIC_TEST): AsyncGenerator<FerRow> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  let header = true;
  for await (const line of lines) {
    if (header) {
      header = false;
      continue;
    }
    const [emotion, pixels] = line.split(',');
    const values = pixels!.split(' ');
    if (values.length !== 48 * 48) throw new Error(`FER row with ${values.length} pixels`);
    yield { emotion: Number(emotion), pixels: Uint8Array.from(values, Number) };
  }
}

/**
 * A 48x48 grey face as an RGBA frame the detector can read: edge-padded by `pad` px on each side
 * (FER crops cut off the chin and forehead; detectors want some context) and bilinearly upscaled
 * to `size` x `size`. Returns the frame and the mapping from frame to FER pixel coordinates.
 */
export function ferToFrame(
  pixels: Uint8Array,
  size = 192,
  pad = 8,
): { data: Uint8Array; width: number; height: number; toFer: (x: number, y: number) => [number, number] } {
  const src = 48 + 2 * pad;
  const scale = src / size;
  const at = (x: number, y: number) => pixels[Math.min(47, Math.max(0, y - pad)) * 48 + Math.min(47, Math.max(0, x - pad))]!;
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    const sy = Math.min(Math.max((y + 0.5) * scale - 0.5, 0), src - 1);
    const y0 = Math.floor(sy);
    const y1 = Math.min(y0 + 1, src - 1);
    const fy = sy - y0;
    for (let x = 0; x < size; x++) {
      const sx = Math.min(Math.max((x + 0.5) * scale - 0.5, 0), src - 1);
      const x0 = Math.floor(sx);
      const x1 = Math.min(x0 + 1, src - 1);
      const fx = sx - x0;
      const top = at(x0, y0) + (at(x1, y0) - at(x0, y0)) * fx;
      const bottom = at(x0, y1) + (at(x1, y1) - at(x0, y1)) * fx;
      const v = Math.round(top + (bottom - top) * fy);
      data.set([v, v, v, 255], (y * size + x) * 4);
    }
  }
  return { data, width: size, height: size, toFer: (x, y) => [x * scale - pad, y * scale - pad] };
}
