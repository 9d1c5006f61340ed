// Real fixtures from <repo>/../shared/data: face photos and FER2013 PublicTest rows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { readFer2013, type FerRow } from '../tools/lib/fer2013';
import type { ModelSpec } from '../src/model-spec';
import { HUMAN_EMOTION_SPEC, PUBLIC_TEST, SHARED_DATA } from '../tools/lib/paths';

/**
 * Options that pick the model under test: the bundled one; FER_TEST_MODEL=path/model.json (a
 * candidate export, read with its own metadata); or FER_TEST_BASELINE=path/emotion.json (the
 * mini-Xception baseline, with its input spec), to run the same suite against another model.
 */
export const MODEL_OPTIONS: { modelUrl?: string; modelSpec?: ModelSpec } = process.env.FER_TEST_BASELINE
  ? { modelUrl: process.env.FER_TEST_BASELINE, modelSpec: HUMAN_EMOTION_SPEC }
  : process.env.FER_TEST_MODEL
    ? { modelUrl: process.env.FER_TEST_MODEL }
    : {};

export interface Rgba {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Decodes a photo from shared/data/faces to RGBA. */
export function loadPhoto(name: string): Rgba {
  const bytes = readFileSync(join(SHARED_DATA, 'faces', name));
  if (name.endsWith('.png')) {
    const png = PNG.sync.read(bytes);
    return { data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length), width: png.width, height: png.height };
  }
  const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
  return { data: img.data, width: img.width, height: img.height };
}

/** Hand-checked face boxes `[x, y, w, h]` of a photo. */
export function annotatedBoxes(name: string): [number, number, number, number][] {
  const all = JSON.parse(readFileSync(join(SHARED_DATA, 'faces', 'annotations.json'), 'utf8')) as Record<
    string,
    { faces: { box_xywh: [number, number, number, number] }[] }
  >;
  return (all[name]?.faces ?? []).map((f) => f.box_xywh);
}

/** The first `n` FER2013 PublicTest rows. */
export async function publicTestRows(n: number): Promise<FerRow[]> {
  const rows: FerRow[] = [];
  for await (const row of readFer2013(PUBLIC_TEST, { limit: n })) rows.push(row);
  return rows;
}
