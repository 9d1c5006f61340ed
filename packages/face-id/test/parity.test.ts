// Our network over the bundled weights must give face-api's own descriptors (the reference
// implementation of these weights) on the same crops: test/fixtures/parity-face-api.json, written
// by tools/reference.ts. On both backends, since apps run either.
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { euclidean } from 'ml-distance-euclidean';
import { afterAll, describe, expect, it } from 'vitest';
import { createFaceEmbedder, type FaceEmbedder } from '../src/embedder';
import { boxCrop, decodePhoto, PARITY_FACES, readPhotos } from '../tools/lib/photos';
import { useBackend } from './backend';

interface Fixture {
  faces: { file: string; index: number }[];
  descriptors: number[][];
}
const fixture = JSON.parse(readFileSync(new URL('fixtures/parity-face-api.json', import.meta.url), 'utf8')) as Fixture;

/**
 * Largest per-value difference allowed from face-api's descriptors (values are about ±0.3) and the
 * largest euclidean distance between the two embeddings of one crop (the match threshold is 0.6).
 * Measured: cpu 0 (bit-identical), wasm 2.4e-7 per value and 8.3e-7 in distance.
 */
const VALUE_TOLERANCE = 1e-5;
const DISTANCE_TOLERANCE = 1e-4;

const crops = () => {
  const photos = readPhotos();
  const data = PARITY_FACES.map(({ file, index }) => boxCrop(decodePhoto(file), photos.find((p) => p.file === file)!.faces[index]!.box));
  return tf.tensor4d(Float32Array.from(data.flatMap((d) => Array.from(d))), [data.length, 150, 150, 3]);
};

describe.each(['wasm', 'cpu'] as const)('embeddings on %s reproduce face-api', (backend) => {
  let embedder: FaceEmbedder | undefined;
  afterAll(() => embedder?.dispose());

  it('matches the reference descriptors within the stated tolerance', async () => {
    await useBackend(backend);
    embedder = await createFaceEmbedder();
    const input = crops();
    const ours = await embedder.embedCrops(input);
    input.dispose();
    expect(ours).toHaveLength(fixture.descriptors.length);
    let worstValue = 0;
    let worstDistance = 0;
    ours.forEach((embedding, i) => {
      const reference = fixture.descriptors[i]!;
      embedding.forEach((v, k) => (worstValue = Math.max(worstValue, Math.abs(v - reference[k]!))));
      worstDistance = Math.max(worstDistance, euclidean(Array.from(embedding), reference));
    });
    expect(worstValue).toBeLessThan(VALUE_TOLERANCE);
    expect(worstDistance).toBeLessThan(DISTANCE_TOLERANCE);
    // And the embeddings mean something: Obama's two photos are near, Obama and Biden far apart.
    const d = (a: number, b: number) => euclidean(Array.from(ours[a]!), Array.from(ours[b]!));
    expect(d(0, 1)).toBeLessThan(0.6);
    expect(d(0, 2)).toBeGreaterThan(0.6);
    expect(d(1, 2)).toBeGreaterThan(0.6);
  });
});
