import { beforeAll, describe, expect, it } from 'vitest';
import {
  MOODS,
  STRATEGIES,
  type Strategy,
  prepareCatalog,
  strategyIndex,
  VECTOR_FEATURES,
  type PreparedCatalog,
  type ScoreParams,
  type Track,
} from '../src/index';
import { readCatalogFile } from '../src/node';
import { hashUnit } from '../src/recommend/random';
import { DATA_MOODS, SPOTIFY_FEATURES_SAMPLE } from './paths';

let prepared: PreparedCatalog;

beforeAll(async () => {
  const tracks: Track[] = [];
  for (const path of [DATA_MOODS, SPOTIFY_FEATURES_SAMPLE]) tracks.push(...(await readCatalogFile(path)).catalog.tracks);
  prepared = prepareCatalog(tracks);
});

/** Scores every track the slow, obvious way. */
function bruteForce(p: PreparedCatalog, q: Float64Array, w: Float64Array, s: ScoreParams, k: number, cosine: boolean): number[] {
  const scored: { i: number; score: number }[] = [];
  for (let i = 0; i < p.size; i++) {
    let sum = 0;
    let dot = 0;
    let vv = 0;
    let qq = 0;
    for (let d = 0; d < p.dims; d++) {
      const v = p.columns[d]![i]!;
      sum += w[d]! * (v - q[d]!) ** 2;
      dot += w[d]! * v * q[d]!;
      vv += w[d]! * v * v;
      qq += w[d]! * q[d]! ** 2;
    }
    const closeness = cosine ? (1 + dot / Math.sqrt(vv * qq)) / 2 : 1 / (1 + Math.sqrt(sum));
    const score =
      (1 - s.popularityWeight) * closeness +
      s.popularityWeight * p.popularity[i]! +
      s.moodBonus[p.moods[i]! + 1]! +
      s.randomness * hashUnit(s.seed, i);
    scored.push({ i, score });
  }
  return scored
    .sort((a, b) => b.score - a.score)
    .slice(0, k)
    .map((x) => x.i);
}

describe('strategy scans equal a brute-force ranking (2,081 real tracks)', () => {
  const cases: { name: string; dims: Record<string, number> }[] = [
    { name: 'valence+energy', dims: { valence: 1.5, energy: -1 } },
    { name: '+danceability', dims: { valence: 0.5, energy: 0.8, danceability: 1 } },
    {
      name: 'all 8 dimensions (seeded query)',
      dims: {
        valence: -2,
        energy: -1.2,
        danceability: 0.3,
        acousticness: 1,
        tempo: 0.1,
        loudness: -0.4,
        instrumentalness: 0.2,
        speechiness: 0,
      },
    },
    { name: 'target outside the data', dims: { valence: 9, energy: 9 } },
    { name: 'neither valence nor energy in the query', dims: { danceability: 1, acousticness: -1.5 } },
  ];
  for (const { name, dims } of cases) {
    it.each([
      ['knn', false],
      ['cosine', true],
    ] as const)(`%s, ${name}`, (strategy, cosine) => {
      const q = new Float64Array(prepared.dims);
      const w = new Float64Array(prepared.dims);
      for (const [feature, value] of Object.entries(dims)) {
        const d = VECTOR_FEATURES.indexOf(feature as never);
        q[d] = value;
        w[d] = 1;
      }
      const moodBonus = Float64Array.from([0, 0.1, 0, 0.1, 0]);
      const s: ScoreParams = { popularityWeight: 0.15, moodBonus, randomness: 0.02, seed: 9 };
      const query = { vector: q, weights: w, target: { valence: 0.5, energy: 0.5, moods: [...MOODS] }, scoring: s };
      const used: Strategy = STRATEGIES[strategy];
      const fast = used.search(prepared, strategyIndex(prepared, used), query, 50).map((c) => c.index);
      expect(fast).toEqual(bruteForce(prepared, q, w, s, 50, cosine));
    });
  }
});
