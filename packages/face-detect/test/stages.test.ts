import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { createAnchors } from '../src/anchors';
import { decodeDetections, type Candidate } from '../src/decode';
import { DETECTOR_MODELS } from '../src/models';
import { toFaces, weightedNms } from '../src/postprocess';
import { letterbox, pixelsToModelInput, tensorToModelInput } from '../src/preprocess';
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
    const box = letterbox(640, 480, 128);
    const c: Candidate = {
      score: 1,
      xMin: -0.1,
      yMin: 16 / 128,
      xMax: 0.5,
      yMax: 0.5,
      keypoints: Float32Array.of(0.5, 0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
    };
    const [face] = toFaces([c], box, 640, 480);
    expect(face!.box).toEqual({ x: 0, y: 0, width: 320, height: 240 });
    expect(face!.keypoints[0]).toEqual({ name: 'rightEye', x: 320, y: 240 });
  });

  it('the JavaScript and tensor preprocessing agree', async () => {
    await useBackend('cpu');
    const image = loadImage('obama_family_2011.jpg');
    const box = letterbox(image.width, image.height, 192);
    const js = pixelsToModelInput(image, box, new Float32Array(192 * 192 * 3));
    const t = tf.tensor3d(image.data, [image.height, image.width, 4], 'int32');
    const input = tensorToModelInput(t, box);
    const viaTf = input.dataSync();
    tf.dispose([t, input]);
    let worst = 0;
    for (let i = 0; i < js.length; i++) worst = Math.max(worst, Math.abs(js[i]! - viaTf[i]!));
    expect(worst).toBeLessThan(1e-4);
    expect(js[0]).toBe(-1);
  });
});
