import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { createAnchors } from '../src/anchors';
import { decodeDetections, type Candidate } from '../src/decode';
import { DETECTOR_MODELS } from '../src/models';
import { dropContained, rollOf, toFaces, toInputCandidates, weightedNms } from '../src/postprocess';
import { pyramid, tileSpans, tileViews, uprightRotation } from '../src/plan';
import { pixelsToModelInput, tensorToModelInput } from '../src/preprocess';
import { letterbox, makeView, toInputPoint } from '../src/view';
import { useBackend } from './backend';
import { loadImage } from './fixtures';

describe('anchors', () => {
  it('short range: 16x16 x 2 (stride 8) then 8x8 x 6 (three stride-16 layers) = 896', () => {
    const a = createAnchors(DETECTOR_MODELS.short.meta.anchors);
    expect(a.length / 2).toBe(896);
    expect([a[0], a[1], a[2], a[3]]).toEqual([0.5 / 16, 0.5 / 16, 0.5 / 16, 0.5 / 16]);
    expect([a[2 * 512], a[2 * 512 + 1]]).toEqual([0.5 / 8, 0.5 / 8]);
    expect([a[2 * 895], a[2 * 895 + 1]]).toEqual([7.5 / 8, 7.5 / 8]);
  });

  it('full range: one anchor per cell of a 48x48 grid = 2304', () => {
    const a = createAnchors(DETECTOR_MODELS.full.meta.anchors);
    expect(a.length / 2).toBe(2304);
    expect([a[2 * 49], a[2 * 49 + 1]]).toEqual([Math.fround(1.5 / 48), Math.fround(1.5 / 48)]);
  });
});

describe('decode', () => {
  const anchors = Float32Array.from([0.25, 0.25, 0.75, 0.5]);
  const raw = new Float32Array(2 * 17);
  raw.set([2, 12.8, -12.8, 25.6, 38.4, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5], 0);
  raw.set([-3, 0, 0, 10, 10], 17);

  it('thresholds on the logit, applies the sigmoid and offsets boxes and keypoints by the anchor', () => {
    const [c, ...rest] = decodeDetections(raw, anchors, 128, 0.5);
    expect(rest).toEqual([]);
    expect(c!.score).toBeCloseTo(1 / (1 + Math.exp(-2)), 6);
    expect(c!.xMin).toBeCloseTo(0.25 + 0.1 - 0.1, 6);
    expect(c!.yMin).toBeCloseTo(0.25 - 0.1 - 0.15, 6);
    expect(c!.xMax).toBeCloseTo(0.25 + 0.1 + 0.1, 6);
    expect(c!.keypoints[2]).toBeCloseTo(0.25 + 1 / 128, 6);
    expect(decodeDetections(raw, anchors, 128, 0)).toHaveLength(2);
  });

  it('rejects output of the wrong size', () => {
    expect(() => decodeDetections(new Float32Array(17), anchors, 128, 0.5)).toThrow(/2 anchors/);
  });
});

describe('weighted NMS', () => {
  const box = (score: number, x: number, kp = x): Candidate => ({
    score,
    xMin: x,
    yMin: 0,
    xMax: x + 1,
    yMax: 1,
    keypoints: Float32Array.of(kp, kp),
  });

  it('merges overlapping boxes into their score-weighted mean and keeps the best score', () => {
    const [merged, other, ...rest] = weightedNms([box(0.6, 0.1), box(0.9, 0), box(0.5, 5)], 0.3, 10);
    expect(rest).toEqual([]);
    expect(merged!.score).toBe(0.9);
    expect(merged!.xMin).toBeCloseTo((0.9 * 0 + 0.6 * 0.1) / 1.5, 6);
    expect(merged!.keypoints[0]).toBeCloseTo(0.04, 6);
    expect(other!.xMin).toBe(5);
  });

  it('stops at maxFaces', () => {
    expect(weightedNms([box(0.9, 0), box(0.8, 3), box(0.7, 6)], 0.3, 2).map((c) => c.score)).toEqual([0.9, 0.8]);
  });
});

describe('letterbox and un-letterbox', () => {
  it('centres a landscape image with bars above and below', () => {
    expect(letterbox(640, 480, 128)).toEqual({
      size: 128,
      offsetX: 0,
      offsetY: 16,
      contentWidth: 128,
      contentHeight: 96,
      scaleX: 5,
      scaleY: 5,
    });
  });

  it('maps model coordinates back to input pixels and clips boxes to the image', () => {
    const view = makeView('short', 128, { x: 0, y: 0, width: 640, height: 480 }, 0, false);
    const c: Candidate = {
      score: 1,
      xMin: -0.1,
      yMin: 16 / 128,
      xMax: 0.5,
      yMax: 0.5,
      keypoints: Float32Array.of(0.5, 0.5, 0.75, 0.5, 0, 0, 0, 0, 0, 0, 0, 0),
    };
    const [face] = toFaces(toInputCandidates([c], view), 640, 480);
    expect(face!.box).toEqual({ x: 0, y: 0, width: 320, height: 240 });
    expect(face!.keypoints[0]).toEqual({ name: 'rightEye', x: 320, y: 240 });
    expect(face!.roll).toBe(0);
    expect(face!.pass).toEqual({ range: 'short', rotation: 0, tile: null });
  });

  it('the JavaScript and tensor preprocessing agree, whole image, tiles and every rotation', async () => {
    await useBackend('cpu');
    const image = loadImage('obama_family_2011.jpg');
    const t = tf.tensor3d(image.data, [image.height, image.width, 4], 'int32');
    const regions = [
      { x: 0, y: 0, width: image.width, height: image.height },
      { x: 150, y: 60, width: 250, height: 180 },
    ];
    for (const region of regions) {
      for (const rotation of [0, 90, 180, 270] as const) {
        const view = makeView('full', 192, region, rotation, region.width !== image.width);
        const js = pixelsToModelInput(image, view, new Float32Array(192 * 192 * 3));
        const input = tensorToModelInput(t, view);
        const viaTf = input.dataSync();
        input.dispose();
        let worst = 0;
        for (let i = 0; i < js.length; i++) worst = Math.max(worst, Math.abs(js[i]! - viaTf[i]!));
        expect(worst, `${JSON.stringify(region)} at ${rotation}`).toBeLessThan(1e-4);
      }
    }
    t.dispose();
  });
});

describe('views: rotation and tiles', () => {
  const region = { x: 100, y: 50, width: 300, height: 200 };

  it('a point maps back through each quarter turn (corners of the turned region land on the right corners)', () => {
    // The turned region fills the model input's content area; its top-left corner is (0, 0) of the content.
    const corner = (rotation: 0 | 90 | 180 | 270) => {
      const view = makeView('full', 192, region, rotation, true);
      const { box } = view;
      return toInputPoint(view, box.offsetX / box.size, box.offsetY / box.size);
    };
    // Turned clockwise, the region's bottom-left corner becomes the top-left one, and so on.
    expect(corner(0)).toEqual([100, 50]);
    expect(corner(90)).toEqual([100, 250]);
    expect(corner(180)).toEqual([400, 250]);
    expect(corner(270)).toEqual([400, 50]);
  });

  it('the pixels a turned view samples are the region turned clockwise', () => {
    // A 4x2 image with distinct red values; a 90-degree view of all of it, letterboxed into 4x4.
    const data = new Uint8Array(4 * 2 * 4);
    for (let i = 0; i < 8; i++) data[i * 4] = (i + 1) * 20;
    const view = makeView('short', 4, { x: 0, y: 0, width: 4, height: 2 }, 90, false);
    const out = pixelsToModelInput({ data, width: 4, height: 2 }, view, new Float32Array(4 * 4 * 3));
    const red = (x: number, y: number) => Math.round(((out[(y * 4 + x) * 3]! + 1) * 255) / 2);
    // Content is 2 wide, 4 tall, at x = 1..2: the left column is the bottom row read left to right.
    expect([red(1, 0), red(1, 1), red(1, 2), red(1, 3)]).toEqual([100, 120, 140, 160]);
    expect([red(2, 0), red(2, 1), red(2, 2), red(2, 3)]).toEqual([20, 40, 60, 80]);
    expect(red(0, 0)).toBe(0);
  });

  it('roll is the eye-line angle, clockwise, and uprightRotation turns it back', () => {
    const eyes = (dx: number, dy: number) => Float32Array.of(0, 0, dx, dy);
    expect(rollOf(eyes(1, 0))).toBe(0);
    expect(rollOf(eyes(0, 1))).toBe(90);
    expect(rollOf(eyes(-1, 0))).toBe(180);
    expect(rollOf(eyes(0, -1))).toBe(-90);
    expect([0, 90, 180, -90, 40, 50, -130].map(uprightRotation)).toEqual([0, 270, 180, 90, 0, 270, 90]);
  });

  it('tile spans cover the axis, overlap by at least the overlap, and their cores split it exactly once', () => {
    for (const [length, tile, overlap] of [
      [1500, 619, 152],
      [2120, 619, 216],
      [1000, 355, 63],
      [300, 619, 152],
    ] as const) {
      const spans = tileSpans(length, tile, overlap);
      expect(spans[0]!.start).toBe(0);
      expect(spans.at(-1)!.end).toBe(Math.max(length, Math.min(tile, length)));
      for (let i = 1; i < spans.length; i++) {
        expect(spans[i - 1]!.end - spans[i]!.start).toBeGreaterThanOrEqual(overlap);
        expect(spans[i]!.coreStart).toBe(spans[i - 1]!.coreEnd);
        // A face of `overlap` pixels centred on a core edge lies wholly inside both tiles.
        expect(spans[i]!.coreStart - overlap / 2).toBeGreaterThanOrEqual(spans[i]!.start);
        expect(spans[i - 1]!.coreEnd + overlap / 2).toBeLessThanOrEqual(spans[i - 1]!.end);
      }
      expect(spans[0]!.coreStart).toBe(-Infinity);
      expect(spans.at(-1)!.coreEnd).toBe(Infinity);
    }
  });

  it('a face on a tile seam is owned by exactly one tile', () => {
    const level = { scale: 192 / 619, overlap: 152 };
    const views = tileViews('full', 192, 1500, 1000, level, 0);
    expect(views).toHaveLength(6);
    // A 40 px face centred on every 10th pixel of a row across the seams.
    for (let x = 20; x < 1480; x += 10) {
      const c: Candidate = { score: 0.9, xMin: 0, yMin: 0, xMax: 0, yMax: 0, keypoints: new Float32Array(12) };
      const owners = views.filter((view) => {
        // Put the face where the view sees it, in normalised model coordinates, and map it back.
        const toModel = (px: number, py: number) => {
          const { box, region } = view;
          return [((px - region.x) / box.scaleX + box.offsetX) / box.size, ((py - region.y) / box.scaleY + box.offsetY) / box.size];
        };
        const [x0, y0] = toModel(x - 20, 480);
        const [x1, y1] = toModel(x + 20, 520);
        return toInputCandidates([{ ...c, xMin: x0!, yMin: y0!, xMax: x1!, yMax: y1! }], view).length === 1;
      });
      expect(owners, `face at x = ${x}`).toHaveLength(1);
    }
  });

  it('the pyramid adds dense levels for large photos and a closer look down to minFaceSize', () => {
    expect(pyramid(640, 427, 192, 13, 24, false)).toEqual({ whole: 0.3, dense: [], closer: false });
    const small = pyramid(640, 427, 192, 13, 24, true);
    expect(small.dense).toEqual([]);
    expect(small.closer).toBe(true);
    const photo = pyramid(1500, 1000, 192, 13, 24, true);
    expect(photo.dense).toHaveLength(1);
    expect(photo.dense[0]!.scale).toBeCloseTo(13 / 24 / 1.75, 6);
    expect(photo.dense[0]!.overlap).toBeCloseTo((1.5 * 13) / 0.128, 6);
    // A 6000 px photo needs an intermediate level: no step is more than 3.5x.
    const big = pyramid(6000, 4000, 192, 13, 24, true);
    expect(big.dense.map((l) => l.scale)).toEqual([0.032 * 3.5, 13 / 24 / 1.75]);
    // A small image already seen at fine scale needs nothing more.
    expect(pyramid(200, 150, 192, 13, 24, true).closer).toBe(false);
  });

  it('drops a box lying mostly inside a better one (a face cut by a coarse view)', () => {
    const c = (score: number, x: number, w: number): Candidate => ({
      score,
      xMin: x,
      yMin: 0,
      xMax: x + w,
      yMax: w,
      keypoints: new Float32Array(12),
    });
    expect(dropContained([c(0.9, 0, 100), c(0.7, 10, 40), c(0.6, 150, 40)]).map((k) => k.score)).toEqual([0.9, 0.6]);
  });
});
