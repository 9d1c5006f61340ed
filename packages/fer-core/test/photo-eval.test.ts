// Building blocks of eval:photos (tools/lib/photos.ts): turning images and boxes, size bands,
// matching, and the expressions the annotation notes name.
import { describe, expect, it } from 'vitest';
import { bandOf, expressionOf, matchBoxes, readPhotos, turnBox, turnImage, type Rgba } from '../tools/lib/photos';

/** A 3x2 image whose pixel (x, y) has red = 10 * (y * 3 + x + 1). */
const image: Rgba = { data: new Uint8Array(3 * 2 * 4).map((_, i) => (i % 4 === 0 ? 10 * (i / 4 + 1) : 255)), width: 3, height: 2 };
const red = (img: Rgba, x: number, y: number) => img.data[(y * img.width + x) * 4];

describe('turning photos', () => {
  it('turns pixels clockwise and keeps each pixel where its turned box says', () => {
    for (const turn of [0, 90, 180, 270] as const) {
      const turned = turnImage(image, turn);
      expect([turned.width, turned.height]).toEqual(turn % 180 === 0 ? [3, 2] : [2, 3]);
      for (let y = 0; y < 2; y++) {
        for (let x = 0; x < 3; x++) {
          const box = turnBox({ x, y, width: 1, height: 1 }, 3, 2, turn);
          expect(red(turned, box.x, box.y), `(${x}, ${y}) at ${turn}`).toBe(red(image, x, y));
        }
      }
    }
    // Clockwise: the bottom-left pixel becomes the top-left one.
    expect(red(turnImage(image, 90), 0, 0)).toBe(red(image, 0, 1));
  });

  it('four quarter turns give the image back', () => {
    let img = image;
    for (let i = 0; i < 4; i++) img = turnImage(img, 90);
    expect(img).toEqual(image);
  });
});

describe('matching and bands', () => {
  it('matches one detection per face, best IoU first, at the threshold or above', () => {
    const truth = [
      { x: 0, y: 0, width: 10, height: 10 },
      { x: 20, y: 0, width: 10, height: 10 },
    ];
    const detected = [
      { x: 1, y: 0, width: 10, height: 10 },
      { x: 0, y: 0, width: 10, height: 10 },
      { x: 50, y: 50, width: 5, height: 5 },
    ];
    expect(matchBoxes(detected, truth, 0.4)).toEqual({ match: [1, -1], falseDetections: 2 });
  });

  it('puts faces in the issue bands by their long side', () => {
    expect([48, 47, 24, 23].map((side) => bandOf({ x: 0, y: 0, width: side, height: 10 }))).toEqual([
      '>= 48 px',
      '24-48 px',
      '24-48 px',
      '< 24 px',
    ]);
  });

  it('reads the expression a note names, and nothing from notes that name none', () => {
    expect(expressionOf('happy (smile, teeth showing); frontal')).toBe('happy');
    expect(expressionOf('Michelle: happy')).toBe('happy');
    expect(expressionOf('grin (teeth), top of head cut by frame')).toBe('happy');
    expect(expressionOf('neutral (closed mouth, faint smile at most); frontal')).toBe('neutral');
    expect(expressionOf('Gates: serious/neutral, near-profile')).toBe('neutral');
    expect(expressionOf('Obama: slight closed-mouth smile; frontal')).toBe('slight smile');
    expect(expressionOf('Obama: tense/serious, slightly turned')).toBeNull();
    expect(expressionOf('bg')).toBeNull();
    const named = readPhotos().flatMap((p) => p.faces.map((f) => expressionOf(f.note)).filter(Boolean));
    expect(named).toHaveLength(34);
  });
});
