import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEmotionDetector,
  DisposedError,
  EMOTIONS,
  InvalidInputError,
  iou,
  ModelLoadError,
  type EmotionDetector,
  type FaceEmotion,
} from '@moodtunes/fer-core';
import { annotatedBoxes, loadPhoto, MODEL_OPTIONS, publicTestRows } from './fixtures';

const SMILES = [
  'astronaut_eileen_collins.png',
  'obama_official_portrait_2012.jpg',
  'biden_official_portrait_2021.jpg',
  'nasa_ellen_ochoa_portrait.jpg',
  'nasa_leland_melvin_portrait.jpg',
  'nasa_stephanie_wilson_portrait.jpg',
];

describe('EmotionDetector on real photos (wasm)', () => {
  let detector: EmotionDetector;

  beforeAll(async () => {
    detector = await createEmotionDetector(MODEL_OPTIONS);
  });
  afterAll(() => detector?.dispose());

  it('runs on wasm in Node and says why', () => {
    expect(detector.backend).toBe('wasm');
    expect(detector.backendSelection.reason).toMatch(/^wasm:/);
    expect(detector.classifier.spec.classes).toEqual(EMOTIONS);
  });

  it('finds each annotated face and reads a smile as happy', async () => {
    let happy = 0;
    for (const name of SMILES) {
      const results = await detector.detect(loadPhoto(name));
      expect(results).toHaveLength(1);
      const [x, y, width, height] = annotatedBoxes(name)[0]!;
      expect(iou(results[0]!.box, { x, y, width, height })).toBeGreaterThan(0.3);
      if (results[0]!.emotion === 'happy') happy++;
    }
    expect(happy).toBeGreaterThanOrEqual(SMILES.length - 1);
  });

  it('returns a consistent result per face: box, keypoints, top emotion, 7 probabilities', async () => {
    const results = await detector.detect(loadPhoto('obama_biden_side_by_side_2010.jpg'));
    expect(results).toHaveLength(2);
    for (const r of results) {
      expect(r.keypoints.map((k) => k.name)).toContain('rightEye');
      expect(r.faceScore).toBeGreaterThan(0.5);
      expect(Object.keys(r.probabilities)).toEqual([...EMOTIONS]);
      expect(r.scores).toEqual(EMOTIONS.map((e) => r.probabilities[e]));
      expect(r.scores.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
      expect(r.confidence).toBe(Math.max(...r.scores));
      expect(r.emotion).toBe(EMOTIONS[r.scores.indexOf(r.confidence)]);
    }
  });

  it('returns no result for images without a face', async () => {
    expect(await detector.detect(loadPhoto('noface_coffee_cc0.jpg'))).toEqual([]);
  });

  it('classifies FER2013 PublicTest crops well above chance, batched equal to one by one', async () => {
    const rows = await publicTestRows(300);
    const faces = rows.map((r) => ({ data: r.pixels, width: 48, height: 48 }));
    const batched = await detector.classifier.classify(faces);
    const correct = batched.filter((p, i) => EMOTIONS.indexOf(p.emotion) === rows[i]!.label).length;
    expect(correct / rows.length).toBeGreaterThan(0.6);
    for (let i = 0; i < 10; i++) {
      const single = await detector.classifyFace(faces[i]!);
      single.scores.forEach((s, k) => expect(s).toBeCloseTo(batched[i]!.scores[k]!, 5));
    }
  });

  it('flip TTA averages the face and its mirror image', async () => {
    const [row] = await publicTestRows(1);
    const face = { data: row!.pixels, width: 48, height: 48 };
    const mirror = new Uint8Array(48 * 48);
    for (let y = 0; y < 48; y++) for (let x = 0; x < 48; x++) mirror[y * 48 + x] = row!.pixels[y * 48 + 47 - x]!;
    const [a, b, tta] = await Promise.all([
      detector.classifyFace(face),
      detector.classifyFace({ data: mirror, width: 48, height: 48 }),
      detector.classifyFace(face, { flip: true }),
    ]);
    tta.scores.forEach((s, k) => expect(s).toBeCloseTo((a.scores[k]! + b.scores[k]!) / 2, 5));
  });

  it('gives the same answer for gray, RGB, RGBA and tensor copies of a crop, at any size', async () => {
    const [row] = await publicTestRows(1);
    const gray = row!.pixels;
    const rgba = new Uint8Array(48 * 48 * 4);
    gray.forEach((v, i) => rgba.set([v, v, v, 255], i * 4));
    const reference = await detector.classifyFace({ data: gray, width: 48, height: 48 });
    const fromRgba = await detector.classifyFace({ data: rgba, width: 48, height: 48 });
    const tensor = tf.tensor2d(Float32Array.from(gray), [48, 48]);
    const fromTensor = await detector.classifyFace(tensor);
    tensor.dispose();
    for (const other of [fromRgba, fromTensor]) other.scores.forEach((s, k) => expect(s).toBeCloseTo(reference.scores[k]!, 4));
    // A 3x larger crop is area-averaged back down: nearly the same input, nearly the same output.
    const small = tf.tensor3d(Float32Array.from(gray), [48, 48, 1]);
    const big = tf.image.resizeNearestNeighbor(small, [144, 144]);
    const fromBig = await detector.classifyFace(big);
    fromBig.scores.forEach((s, k) => expect(s).toBeCloseTo(reference.scores[k]!, 4));
    tf.dispose([small, big]);
  });

  it('rejects bad frames and crops with InvalidInputError', async () => {
    await expect(detector.detect({ data: new Uint8Array(10), width: 4, height: 4 })).rejects.toBeInstanceOf(InvalidInputError);
    await expect(detector.detect({ data: new Uint8Array(0), width: 0, height: 0 })).rejects.toBeInstanceOf(InvalidInputError);
    await expect(detector.detect('frame.jpg' as never)).rejects.toBeInstanceOf(InvalidInputError);
    const nan = tf.fill<tf.Rank.R3>([32, 32, 3], Number.NaN);
    await expect(detector.detect(nan)).rejects.toBeInstanceOf(InvalidInputError);
    await expect(detector.classifyFace(nan)).rejects.toThrow(/NaN/);
    nan.dispose();
    await expect(detector.classifyFace({ data: new Float32Array(48 * 48).fill(Number.NaN), width: 48, height: 48 })).rejects.toThrow(
      InvalidInputError,
    );
    await expect(detector.classifyFace({ data: new Uint8Array(5), width: 48, height: 48 })).rejects.toThrow(/5 values but 48x48/);
  });

  it('answers concurrent calls exactly as sequential ones', async () => {
    const names = [
      'astronaut_eileen_collins.png',
      'grace_hopper_navy_1984.jpg',
      'obama_biden_side_by_side_2010.jpg',
      'noface_coffee_cc0.jpg',
    ];
    const photos = names.map(loadPhoto);
    const sequential: FaceEmotion[][] = [];
    for (const p of photos) sequential.push(await detector.detect(p));
    const concurrent = await Promise.all([...photos, ...photos].map((p) => detector.detect(p)));
    concurrent.forEach((result, i) => {
      const expected = sequential[i % photos.length]!;
      expect(result.map((r) => r.emotion)).toEqual(expected.map((r) => r.emotion));
      result.forEach((r, j) => r.scores.forEach((s, k) => expect(s).toBeCloseTo(expected[j]!.scores[k]!, 5)));
    });
  });
});

describe('resources', () => {
  it('keeps numTensors flat over 1,000 detect and 300 classify calls, and dispose() frees everything', async () => {
    const before = tf.memory().numTensors;
    const detector = await createEmotionDetector(MODEL_OPTIONS);
    const photo = loadPhoto('nasa_ellen_ochoa_portrait.jpg');
    // A 160x166 crop around the face keeps 1,000 full-pipeline calls fast.
    const crop = { data: new Uint8Array(160 * 166 * 4), width: 160, height: 166 };
    for (let y = 0; y < 166; y++)
      crop.data.set(photo.data.subarray(((y + 140) * photo.width + 220) * 4, ((y + 140) * photo.width + 380) * 4), y * 160 * 4);
    expect(await detector.detect(crop)).toHaveLength(1);
    const [row] = await publicTestRows(1);
    const face = { data: row!.pixels, width: 48, height: 48 };
    await detector.classifyFace(face, { flip: true });
    const loaded = tf.memory().numTensors;
    // Both paths of the default face detector: every 4th call a still (four rotations, checks), the rest video frames.
    for (let i = 0; i < 1000; i++) await detector.detect(crop, { flip: i % 2 === 0, mode: i % 4 === 3 ? 'still' : 'video' });
    expect(tf.memory().numTensors).toBe(loaded);
    for (let i = 0; i < 300; i++) await detector.classifyFace(face, { flip: i % 2 === 0 });
    expect(tf.memory().numTensors).toBe(loaded);
    // Failures free what they allocated too: a bad face after a good one, a bad frame.
    const goodTensor = tf.zeros<tf.Rank.R3>([48, 48, 1]);
    await expect(detector.classifier.classify([goodTensor, { data: new Uint8Array(3), width: 48, height: 48 }])).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    goodTensor.dispose();
    await expect(detector.detect({ data: new Uint8Array(7), width: 4, height: 4 })).rejects.toBeInstanceOf(InvalidInputError);
    expect(tf.memory().numTensors).toBe(loaded);
    // A call in flight when dispose() runs rejects with DisposedError instead of using freed weights.
    const inFlight = detector.detect(crop);
    detector.dispose();
    await expect(inFlight).rejects.toBeInstanceOf(DisposedError);
    await expect(detector.detect(crop)).rejects.toBeInstanceOf(DisposedError);
    expect(tf.memory().numTensors).toBe(before);
  }, 180_000);

  it('fails with ModelLoadError for a missing or contradictory model', async () => {
    await expect(createEmotionDetector({ modelUrl: '/nonexistent/model.json' })).rejects.toBeInstanceOf(ModelLoadError);
    await expect(createEmotionDetector({ ...MODEL_OPTIONS, modelSpec: { ...MODEL_OPTIONS.modelSpec, inputSize: 50 } })).rejects.toThrow(
      /inputSize 50 but the model input is/,
    );
  });
});
