// Each exported tfjs graph must compute what PyTorch computes: training/export_tfjs.py wrote, for real
// PublicTest rows, PyTorch's probabilities with the weights exactly as written (`probs`: the
// quantized weights dequantized the way tfjs-core decodes them) and those of the float32
// checkpoint (`float32Probs`) into fixtures/parity-<model dir>.json.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicTestRows } from './fixtures';

// The graph against PyTorch with the same (dequantized) weights: only the arithmetic of the two
// frameworks differs, so the float32 tolerance holds.
const EXPORT_TOLERANCE = 1e-4;

// The graph against the float32 checkpoint: what uint8 weights (tensors of 1,024 values or more,
// affine per tensor, 256 levels) change in the probabilities. Max abs diff seen on the 64 rows
// on wasm: accurate 0.0120, fast 0.0263 (cpu, 16 rows: 0.0119, 0.0263; the graph itself matches
// PyTorch with the same weights to 8e-7). The tolerances give a margin of 1.5x or more over that:
// room for the rounding of a re-export, yet a wrong scale or offset (which moves probabilities by
// 0.1 or more) fails.
const QUANTIZATION_TOLERANCE = { accurate: 0.02, fast: 0.04 } as const;

interface Parity {
  rows: number[];
  quantization: { dtype: string; minElements: number } | null;
  probs: number[][];
  float32Probs: number[][];
}

const readParity = (dir: string): Parity =>
  JSON.parse(readFileSync(new URL(`./fixtures/parity-${dir}.json`, import.meta.url), 'utf8')) as Parity;

const readModelJson = (dir: string): tf.io.ModelJSON =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../models/${dir}/model.json`, import.meta.url)), 'utf8')) as tf.io.ModelJSON;

function loadFromFiles(dir: string): Promise<GraphModel> {
  const modelDir = new URL(`../models/${dir}/`, import.meta.url);
  const json = readModelJson(dir);
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

const maxAbsDiff = (a: number[][], b: number[][]) => Math.max(...a.flatMap((row, i) => row.map((p, k) => Math.abs(p - b[i]![k]!))));

describe.each(['accurate', 'fast'] as const)('quantization of the exported FER model %s', (dir) => {
  it('stores the tensors the fixture says in the dtype it says, and the rest as float32', () => {
    const { quantization } = readParity(dir);
    const json = readModelJson(dir);
    expect(json.userDefinedMetadata?.weightsQuantization ?? null).toEqual(quantization);
    for (const spec of json.weightsManifest[0]!.weights) {
      const size = spec.shape.reduce((a, b) => a * b, 1);
      const quantized = quantization !== null && spec.dtype === 'float32' && size >= quantization.minElements;
      expect(spec.quantization?.dtype, spec.name).toBe(quantized ? quantization.dtype : undefined);
    }
  });
});

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
  let probs: number[][];

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
    const out = model.execute(input) as tf.Tensor2D;
    expect(out.shape).toEqual([count, 7]);
    probs = await out.array();
    out.dispose();
    // Loading and running FerNet-S on the pure-JS cpu backend takes a few seconds; on a loaded
    // 2-core machine it took over vitest's default 10 s for hooks.
  }, 60_000);

  afterAll(() => {
    input.dispose();
    model.dispose();
  });

  it(`matches PyTorch with the same weights within ${EXPORT_TOLERANCE} on ${count} PublicTest faces`, () => {
    expect(maxAbsDiff(probs, parity.probs)).toBeLessThan(EXPORT_TOLERANCE);
  });

  it(`stays within ${QUANTIZATION_TOLERANCE[dir]} of the float32 checkpoint on ${count} PublicTest faces`, () => {
    expect(maxAbsDiff(probs, parity.float32Probs)).toBeLessThan(QUANTIZATION_TOLERANCE[dir]);
  });

  it('keeps the documented input and output contract', () => {
    expect(model.inputs[0]!.shape).toEqual([-1, 48, 48, 1]);
    expect(model.outputs.map((o) => o.name)).toEqual(['probs']);
    expect(model.metadata).toMatchObject({ inputSize: 48, channels: 1, scale: '0..1' });
  });
});
