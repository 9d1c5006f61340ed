// The embedder end to end on real photos: detect -> align -> embed, bad input, disposal, no leaks.
import * as tf from '@tensorflow/tfjs-core';
import { createFaceDetector, type FaceDetector } from '@moodtunes/face-detect';
import { euclidean } from 'ml-distance-euclidean';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BufferSizeError,
  createFaceEmbedder,
  DisposedError,
  InvalidInputError,
  InvalidOptionError,
  ModelLoadError,
  type FaceEmbedder,
} from '../src/index';
import { decodePhoto as loadPhoto } from '../tools/lib/photos';
import { useBackend } from './backend';

describe('FaceEmbedder (wasm)', () => {
  let detector: FaceDetector;
  let embedder: FaceEmbedder;
  beforeAll(async () => {
    await useBackend('wasm');
    detector = await createFaceDetector();
    embedder = await createFaceEmbedder();
  });
  afterAll(() => {
    embedder?.dispose();
    detector?.dispose();
  });

  const embedPhoto = async (file: string) => {
    const photo = loadPhoto(file);
    const faces = await detector.detect(photo);
    return { faces, embeddings: await embedder.embed(photo, faces) };
  };

  it('embeds every detected face; the same person is near, others far', async () => {
    const obama = await embedPhoto('obama_official_portrait_2012.jpg');
    const pair = await embedPhoto('obama_biden_side_by_side_2010.jpg');
    expect(obama.embeddings).toHaveLength(1);
    expect(pair.embeddings).toHaveLength(2);
    for (const e of [...obama.embeddings, ...pair.embeddings]) expect(e).toHaveLength(128);
    // Left face is Obama, right face Biden.
    const [left, right] = [...pair.faces.keys()].sort((a, b) => pair.faces[a]!.box.x - pair.faces[b]!.box.x);
    const d = (a: Float32Array, b: Float32Array) => euclidean(Array.from(a), Array.from(b));
    expect(d(obama.embeddings[0]!, pair.embeddings[left!]!)).toBeLessThan(0.6);
    expect(d(obama.embeddings[0]!, pair.embeddings[right!]!)).toBeGreaterThan(0.6);
  });

  it('keeps numTensors flat over repeated calls', async () => {
    const photo = loadPhoto('obama_family_2011.jpg');
    const faces = await detector.detect(photo);
    await embedder.embed(photo, faces);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) expect(await embedder.embed(photo, faces)).toHaveLength(faces.length);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses bad input and options with typed errors, and works after them', async () => {
    expect(await embedder.embed(loadPhoto('noface_coffee_cc0.jpg'), [])).toEqual([]);
    const wrong = tf.zeros<tf.Rank.R4>([1, 64, 64, 3]);
    await expect(embedder.embedCrops(wrong)).rejects.toBeInstanceOf(InvalidInputError);
    wrong.dispose();
    const { faces } = await embedPhoto('nasa_leland_melvin_portrait.jpg');
    await expect(embedder.embed({ data: new Uint8ClampedArray(10), width: 4, height: 4 }, faces)).rejects.toBeInstanceOf(BufferSizeError);
    await expect(createFaceEmbedder({ margin: Number.NaN })).rejects.toBeInstanceOf(InvalidOptionError);
    await expect(createFaceEmbedder({ maxBatch: 0 })).rejects.toBeInstanceOf(InvalidOptionError);
    await expect(createFaceEmbedder({ modelUrl: '/nonexistent/manifest.json' })).rejects.toBeInstanceOf(ModelLoadError);
    expect((await embedPhoto('nasa_leland_melvin_portrait.jpg')).embeddings).toHaveLength(1);
  });

  it('rejects calls after dispose', async () => {
    const other = await createFaceEmbedder();
    other.dispose();
    expect(other.isDisposed).toBe(true);
    const crops = tf.zeros<tf.Rank.R4>([1, 150, 150, 3]);
    await expect(other.embedCrops(crops)).rejects.toBeInstanceOf(DisposedError);
    crops.dispose();
  });
});
