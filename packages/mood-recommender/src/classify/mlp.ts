import { createRng } from '../recommend/random';

/** Weights of a one-hidden-layer perceptron (`hidden = 0`: softmax regression). Row-major. */
export interface MlpWeights {
  /** Number of inputs. */
  inputs: number;
  /** Hidden units (0 = softmax regression). */
  hidden: number;
  /** Number of outputs (classes). */
  outputs: number;
  /** `inputs x hidden` and `hidden` (empty when hidden = 0). */
  w1: number[];
  /** Hidden-layer biases. */
  b1: number[];
  /** `(hidden || inputs) x outputs` and `outputs`. */
  w2: number[];
  /** Output-layer biases. */
  b2: number[];
}

/** Training settings of {@link trainMlp}. */
export interface MlpTrainOptions {
  hidden: number;
  epochs: number;
  learningRate: number;
  /** L2 penalty on weights (not biases). */
  l2: number;
  seed: number;
  /** Called once per epoch with the mean cross-entropy loss. */
  onEpoch?: (epoch: number, loss: number) => void;
}

/**
 * Full-batch Adam on softmax cross-entropy. The data sets this is for are small (hundreds to a few
 * thousand labelled tracks), so full batches are both fastest and deterministic.
 */
export function trainMlp(x: Float64Array[], y: Int32Array, outputs: number, opts: MlpTrainOptions): MlpWeights {
  const inputs = x[0]?.length ?? 0;
  const H = opts.hidden;
  const rng = createRng(opts.seed);
  const gauss = () => Math.sqrt(-2 * Math.log(rng() + 1e-12)) * Math.cos(2 * Math.PI * rng());
  const mid = H || inputs;
  const params = {
    w1: Float64Array.from({ length: inputs * H }, () => gauss() * Math.sqrt(1 / inputs)),
    b1: new Float64Array(H),
    w2: Float64Array.from({ length: mid * outputs }, () => gauss() * Math.sqrt(1 / mid)),
    b2: new Float64Array(outputs),
  };
  const keys = ['w1', 'b1', 'w2', 'b2'] as const;
  const m = Object.fromEntries(keys.map((k) => [k, new Float64Array(params[k].length)])) as typeof params;
  const v = Object.fromEntries(keys.map((k) => [k, new Float64Array(params[k].length)])) as typeof params;
  const grad = Object.fromEntries(keys.map((k) => [k, new Float64Array(params[k].length)])) as typeof params;
  const h = new Float64Array(mid);
  const p = new Float64Array(outputs);
  const dh = new Float64Array(mid);
  const N = x.length;
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    for (const k of keys) grad[k].fill(0);
    let loss = 0;
    for (let n = 0; n < N; n++) {
      const xn = x[n]!;
      forward(xn, inputs, H, outputs, params, h, p);
      loss -= Math.log(p[y[n]!]! + 1e-12);
      p[y[n]!]! -= 1;
      for (let o = 0; o < outputs; o++) {
        const g = p[o]!;
        grad.b2[o]! += g;
        for (let j = 0; j < mid; j++) grad.w2[j * outputs + o]! += g * h[j]!;
      }
      if (H === 0) continue;
      for (let j = 0; j < H; j++) {
        let s = 0;
        for (let o = 0; o < outputs; o++) s += p[o]! * params.w2[j * outputs + o]!;
        dh[j] = s * (1 - h[j]! * h[j]!);
        grad.b1[j]! += dh[j]!;
      }
      for (let i = 0; i < inputs; i++) {
        const xi = xn[i]!;
        if (xi === 0) continue;
        for (let j = 0; j < H; j++) grad.w1[i * H + j]! += xi * dh[j]!;
      }
    }
    opts.onEpoch?.(epoch, loss / N);
    const b1c = 1 - 0.9 ** epoch;
    const b2c = 1 - 0.999 ** epoch;
    for (const k of keys) {
      const P = params[k];
      const G = grad[k];
      const decay = k === 'w1' || k === 'w2' ? opts.l2 : 0;
      for (let i = 0; i < P.length; i++) {
        const g = G[i]! / N + decay * P[i]!;
        m[k][i] = 0.9 * m[k][i]! + 0.1 * g;
        v[k][i] = 0.999 * v[k][i]! + 0.001 * g * g;
        P[i]! -= (opts.learningRate * (m[k][i]! / b1c)) / (Math.sqrt(v[k][i]! / b2c) + 1e-8);
      }
    }
  }
  return {
    inputs,
    hidden: H,
    outputs,
    w1: Array.from(params.w1),
    b1: Array.from(params.b1),
    w2: Array.from(params.w2),
    b2: Array.from(params.b2),
  };
}

/** Class probabilities for one standardised input. */
export function predictMlp(weights: MlpWeights, x: ArrayLike<number>): Float64Array {
  const mid = weights.hidden || weights.inputs;
  const h = new Float64Array(mid);
  const p = new Float64Array(weights.outputs);
  forward(x, weights.inputs, weights.hidden, weights.outputs, weights, h, p);
  return p;
}

interface Params {
  w1: ArrayLike<number>;
  b1: ArrayLike<number>;
  w2: ArrayLike<number>;
  b2: ArrayLike<number>;
}

function forward(x: ArrayLike<number>, inputs: number, H: number, outputs: number, w: Params, h: Float64Array, p: Float64Array): void {
  if (H === 0) {
    for (let i = 0; i < inputs; i++) h[i] = x[i]!;
  } else {
    for (let j = 0; j < H; j++) {
      let s = w.b1[j]!;
      for (let i = 0; i < inputs; i++) s += x[i]! * w.w1[i * H + j]!;
      h[j] = Math.tanh(s);
    }
  }
  const mid = H || inputs;
  let max = -Infinity;
  for (let o = 0; o < outputs; o++) {
    let s = w.b2[o]!;
    for (let j = 0; j < mid; j++) s += h[j]! * w.w2[j * outputs + o]!;
    p[o] = s;
    if (s > max) max = s;
  }
  let total = 0;
  for (let o = 0; o < outputs; o++) total += p[o] = Math.exp(p[o]! - max);
  for (let o = 0; o < outputs; o++) p[o]! /= total;
}
