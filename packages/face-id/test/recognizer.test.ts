// The recognizer and its gallery: pure data, no model.
import { describe, expect, it } from 'vitest';
import {
  createFaceRecognizer,
  GALLERY_FORMAT,
  InvalidGalleryError,
  InvalidInputError,
  InvalidOptionError,
  NonFiniteInputError,
  type GalleryJSON,
} from '../src/index';

/** A 128-d vector: `value` in dimension `axis`, 0 elsewhere. */
const along = (axis: number, value: number) => Array.from({ length: 128 }, (_, i) => (i === axis ? value : 0));

describe('createFaceRecognizer', () => {
  it('identifies the nearest enrolled person within the threshold, else unknown with the nearest name', () => {
    const recognizer = createFaceRecognizer();
    expect(recognizer.threshold).toBe(0.55);
    recognizer.enroll('ada', [along(0, 1)]);
    recognizer.enroll('bob', [along(1, 1), along(1, 2)]);
    expect(recognizer.names).toEqual(['ada', 'bob']);
    expect(recognizer.samples('bob')).toBe(2);
    const near = recognizer.identify(along(0, 1.5));
    expect(near).toEqual({ name: 'ada', distance: 0.5, nearest: 'ada' });
    // Nearest over each person's samples: 2.1 is 0.1 from bob's second sample.
    expect(recognizer.identify(along(1, 2.1)).name).toBe('bob');
    expect(recognizer.identify(along(1, 2.1)).distance).toBeCloseTo(0.1, 10);
    const far = recognizer.identify(along(0, 1.6));
    expect(far.name).toBeNull();
    expect(far.nearest).toBe('ada');
    expect(far.distance).toBeCloseTo(0.6, 10);
  });

  it('an empty gallery knows no one', () => {
    expect(createFaceRecognizer().identify(along(0, 1))).toEqual({ name: null, distance: Infinity, nearest: null });
  });

  it('identifyAll gives each person to at most one face of a frame, the nearest', () => {
    const recognizer = createFaceRecognizer();
    recognizer.enroll('ada', [along(0, 1)]);
    recognizer.enroll('bob', [along(1, 1)]);
    const [first, second, third] = recognizer.identifyAll([along(0, 1.3), along(0, 1.1), along(1, 0.8)]);
    expect(second).toMatchObject({ name: 'ada' });
    expect(first).toMatchObject({ name: null, nearest: 'ada' });
    expect(third).toMatchObject({ name: 'bob' });
    expect(recognizer.identifyAll([])).toEqual([]);
  });

  it('forget removes a person; the gallery round-trips through JSON text', () => {
    const recognizer = createFaceRecognizer({ threshold: 0.5 });
    recognizer.enroll('ada', [along(0, 1)]);
    recognizer.enroll('bob', [along(1, 1)]);
    expect(recognizer.forget('bob')).toBe(true);
    expect(recognizer.forget('bob')).toBe(false);
    const json = recognizer.toJSON();
    expect(json).toMatchObject({ format: GALLERY_FORMAT, version: 1, model: 'dlib-resnet', dimensions: 128 });
    const restored = createFaceRecognizer({ gallery: JSON.stringify(json) });
    expect(restored.names).toEqual(['ada']);
    expect(restored.identify(along(0, 1.2)).name).toBe('ada');
    expect(restored.toJSON()).toEqual(json);
  });

  it('refuses bad input with typed errors and changes nothing', () => {
    const recognizer = createFaceRecognizer();
    recognizer.enroll('ada', [along(0, 1)]);
    expect(() => recognizer.enroll('', [along(0, 1)])).toThrow(InvalidInputError);
    expect(() => recognizer.enroll('bob', [])).toThrow(InvalidInputError);
    expect(() => recognizer.enroll('ada', [along(0, 2), along(0, 1).slice(1)])).toThrow(/expected 128 values, got 127/);
    expect(() => recognizer.enroll('ada', [along(0, 2), [...along(0, 1).slice(1), Number.NaN]])).toThrow(NonFiniteInputError);
    // Nothing of a refused call was kept.
    expect(recognizer.samples('ada')).toBe(1);
    expect(recognizer.names).toEqual(['ada']);
    expect(() => recognizer.identify(along(0, 1).slice(2))).toThrow(InvalidInputError);
    expect(() => recognizer.identify(null as never)).toThrow(InvalidInputError);
    expect(() => createFaceRecognizer({ threshold: 0 })).toThrow(InvalidOptionError);
    expect(() => createFaceRecognizer({ threshold: Number.NaN })).toThrow(InvalidOptionError);
  });

  it('refuses a gallery of another format, model or size, or with bad numbers', () => {
    const good: GalleryJSON = {
      format: GALLERY_FORMAT,
      version: 1,
      model: 'dlib-resnet',
      dimensions: 128,
      people: [{ name: 'ada', embeddings: [along(0, 1)] }],
    };
    expect(() => createFaceRecognizer({ gallery: '{not json' })).toThrow(InvalidGalleryError);
    expect(() => createFaceRecognizer({ gallery: { ...good, format: 'x' } as never })).toThrow(/expected format/);
    expect(() => createFaceRecognizer({ gallery: { ...good, version: 2 } as never })).toThrow(/version 2/);
    expect(() => createFaceRecognizer({ gallery: { ...good, model: 'facenet', dimensions: 512 } })).toThrow(/enrol the people again/);
    expect(() => createFaceRecognizer({ gallery: { ...good, people: [good.people[0]!, good.people[0]!] } })).toThrow(/appears twice/);
    expect(() => createFaceRecognizer({ gallery: { ...good, people: [{ name: 'ada', embeddings: [[1, 2]] }] } })).toThrow(
      InvalidGalleryError,
    );
    const nan = along(0, 1);
    nan[5] = Number.NaN;
    expect(() => createFaceRecognizer({ gallery: { ...good, people: [{ name: 'ada', embeddings: [nan] }] } })).toThrow(/value 5 is NaN/);
  });
});
