// Each exported tfjs graph must compute what its PyTorch checkpoint computed: training/export_tfjs.py
// wrote PyTorch's probabilities for real PublicTest rows into fixtures/parity-<model dir>.json.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicTestRows } from './fixtures';

const TOLERANCE = 1e-4;

interface Parity {
  rows: number[];
  probs: number[][];
}

const readParity = (dir: string): Parity =>
  JSON.parse(readFileSync(new URL(`./fixtures/parity-${dir}.json`, import.meta.url), 'utf8')) as Parity;

function loadFromFiles(dir: string): Promise<GraphModel> {
  const modelDir = new URL(`../models/${dir}/`, import.meta.url);
  const json = JSON.parse(readFileSync(fileURLToPath(new URL('model.json', modelDir)), 'utf8')) as tf.io.ModelJSON;
  const bin = readFileSync(fileURLToPath(new URL(json.weightsManifest[0]!.paths[0]!, modelDir)));
  const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
  return loadGraphModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest[0]!.weights,
      weightData,
      userDefinedMetadata: json.userDefinedMetadata,
      signature: json.signature,
    }),
  );
}

// The pure-JS cpu backend is slow, so it checks a slice of the rows; wasm checks them all.
describe.each([
  ['accurate', 'cpu', 16],
  ['accurate', 'wasm', 64],
  ['fast', 'cpu', 16],
  ['fast', 'wasm', 64],
] as const)('exported FER model %s on %s', (dir, backend, count) => {
  const parity = readParity(dir);
  const rowsUnderTest = parity.rows.slice(0, count);
  let model: GraphModel;
  let input: tf.Tensor4D;

  beforeAll(async () => {
    await tf.setBackend(backend);
    await tf.ready();
    model = await loadFromFiles(dir);
    const rows = await publicTestRows(Math.max(...rowsUnderTest) + 1);
    const pixels = new Float32Array(rowsUnderTest.length * 48 * 48);
    rowsUnderTest.forEach((r, i) =>
      pixels.set(
        Array.from(rows[r]!.pixels, (v) => v / 255),
        i * 48 * 48,
      ),
    );
    input = tf.tensor4d(pixels, [rowsUnderTest.length, 48, 48, 1]);
  });

  afterAll(() => {
    input.dispose();
    model.dispose();
  });

  it(`matches PyTorch within ${TOLERANCE} on ${count} PublicTest faces`, async () => {
    const out = model.execute(input) as tf.Tensor2D;
    const probs = await out.array();
    out.dispose();
    let maxDiff = 0;
    probs.forEach((row, i) => row.forEach((p, k) => (maxDiff = Math.max(maxDiff, Math.abs(p - parity.probs[i]![k]!)))));
    expect(out.shape).toEqual([count, 7]);
    expect(maxDiff).toBeLessThan(TOLERANCE);
  });

  it('keeps the documented input and output contract', () => {
    expect(model.inputs[0]!.shape).toEqual([-1, 48, 48, 1]);
    expect(model.outputs.map((o) => o.name)).toEqual(['probs']);
    expect(model.metadata).toMatchObject({ inputSize: 48, channels: 1, scale: '0..1' });
  });
});
