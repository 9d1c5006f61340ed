/**
 * Synthetic catalogs with realistic feature distributions, fitted from the real files: a Gaussian
 * copula (the rank correlations of the real features) with each feature's empirical marginal. So
 * every generated feature has the real file's distribution, and pairs keep their correlation
 * (energy vs loudness, energy vs acousticness, ...). Used by the benchmark only.
 */
import { createRng } from '../src/recommend/random';
import { FLOAT_FEATURES } from '../src/catalog/track-table';
import type { AudioFeatures, Track } from '../src/types';

/** The continuous features the copula models: the ones the columnar table keeps as numbers. */
export const SYNTH_FEATURES = FLOAT_FEATURES;

export interface CopulaModel {
  /** Sorted real values per feature (the empirical quantile function). */
  quantiles: Float64Array[];
  /** Lower Cholesky factor of the normal-score correlation matrix. */
  cholesky: Float64Array[];
  /** Sorted real popularity values. */
  popularity: Float64Array;
}

export function fitCopula(tracks: readonly Track[]): CopulaModel {
  const rows = tracks.filter((t) => SYNTH_FEATURES.every((f) => Number.isFinite(t.features?.[f])));
  const D = SYNTH_FEATURES.length;
  const scores = SYNTH_FEATURES.map((f) => {
    const values = rows.map((t) => t.features![f]!);
    const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
    const z = new Float64Array(rows.length);
    order.forEach((row, rank) => (z[row] = normalQuantile((rank + 0.5) / rows.length)));
    return z;
  });
  const corr = Array.from({ length: D }, (_, i) =>
    Float64Array.from({ length: D }, (_, j) => {
      let s = 0;
      for (let r = 0; r < rows.length; r++) s += scores[i]![r]! * scores[j]![r]!;
      return s / rows.length;
    }),
  );
  for (let i = 0; i < D; i++) corr[i]![i] = 1;
  return {
    quantiles: SYNTH_FEATURES.map((f) => Float64Array.from(rows.map((t) => t.features![f]!)).sort()),
    cholesky: cholesky(corr),
    popularity: Float64Array.from(tracks.map((t) => t.popularity ?? 0)).sort(),
  };
}

/** `count` generated tracks; ids `syn-<i>`, 1 artist per ~8 tracks, all labelled as generated. */
export function generateTracks(model: CopulaModel, count: number, seed = 1): Track[] {
  const rng = createRng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(rng() + 1e-12)) * Math.cos(2 * Math.PI * rng());
  const D = SYNTH_FEATURES.length;
  const e = new Float64Array(D);
  const tracks = new Array<Track>(count);
  for (let i = 0; i < count; i++) {
    for (let d = 0; d < D; d++) e[d] = gauss();
    const features: Partial<AudioFeatures> = {};
    for (let d = 0; d < D; d++) {
      let z = 0;
      const row = model.cholesky[d]!;
      for (let k = 0; k <= d; k++) z += row[k]! * e[k]!;
      features[SYNTH_FEATURES[d]!] = quantile(model.quantiles[d]!, normalCdf(z));
    }
    features.key = Math.floor(rng() * 12);
    features.mode = rng() < 0.65 ? 1 : 0;
    tracks[i] = {
      id: `syn-${i}`,
      title: `Generated track ${i}`,
      artists: [`Generated artist ${Math.floor(rng() * (count / 8))}`],
      popularity: Math.round(quantile(model.popularity, rng())),
      features,
    };
  }
  return tracks;
}

function quantile(sorted: Float64Array, u: number): number {
  const x = u * (sorted.length - 1);
  const i = Math.floor(x);
  const f = x - i;
  return i + 1 < sorted.length ? sorted[i]! * (1 - f) + sorted[i + 1]! * f : sorted[i]!;
}

function cholesky(a: Float64Array[]): Float64Array[] {
  const n = a.length;
  const l = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i]![j]!;
      for (let k = 0; k < j; k++) s -= l[i]![k]! * l[j]![k]!;
      l[i]![j] = i === j ? Math.sqrt(Math.max(s, 1e-9)) : s / l[j]![j]!;
    }
  }
  return l;
}

/** Standard normal CDF (Abramowitz-Stegun 7.1.26 via erf). */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** Inverse standard normal CDF (Acklam's rational approximation). */
function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}
