/**
 * What was tried for the mood classifier: stratified 10-fold CV (same folds, seed 7) on
 * data_moods.csv for softmax regression, MLPs of several sizes and ensembles, and k-nearest
 * neighbours (ml-distance Euclidean on the same standardised features). Prints one line per model.
 *
 *   pnpm --filter @moodtunes/mood-recommender compare-classifiers
 */
import { fileURLToPath } from 'node:url';
import { distance } from 'ml-distance';
import { crossValidateMoodClassifier, stratifiedFolds, trainMoodClassifier, type TrainMoodOptions } from '../src/classify/mood-classifier';
import { readCatalogFile } from '../src/load/read-file';
import { MOODS, type Track } from '../src/types';

const DATA = fileURLToPath(new URL('../../../../shared/data/music/data_moods.csv', import.meta.url));
const { catalog } = await readCatalogFile(DATA);
const tracks = catalog.tracks;
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

const configs: [string, TrainMoodOptions][] = [
  ['softmax regression', { hidden: 0, ensemble: 1, epochs: 400, learningRate: 0.05 }],
  ['MLP 16 tanh', { hidden: 16, ensemble: 1 }],
  ['MLP 8 tanh x3 ensemble', { hidden: 8, ensemble: 3 }],
  ['MLP 16 tanh x5 ensemble', { hidden: 16, ensemble: 5 }],
  ['MLP 32 tanh x3, l2 0.01', { hidden: 32, ensemble: 3, l2: 0.01 }],
  ['MLP 32 tanh x3, l2 0.003 (shipped)', { hidden: 32, ensemble: 3, l2: 0.003 }],
];

for (const [name, opts] of configs) {
  const t0 = performance.now();
  const cv = crossValidateMoodClassifier(tracks, { ...opts, folds: 10, seed: 7 });
  console.log(`${name.padEnd(36)} ${pct(cv.accuracy)}  (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
}

// k-NN uses the classifier's own preprocessing (a 1-epoch model only to get mean/std/log features).
const fold = stratifiedFolds(tracks, 10, 7);
for (const k of [5, 15, 25]) {
  let correct = 0;
  for (let f = 0; f < 10; f++) {
    const train = tracks.filter((_, i) => fold[i] !== f);
    const test = tracks.filter((_, i) => fold[i] === f);
    const prep = trainMoodClassifier(train, { hidden: 0, ensemble: 1, epochs: 1 }).toJSON();
    const vec = (t: Track) =>
      prep.features.map((name, d) => {
        const v = t.features![name] ?? prep.mean[d]!;
        const x = prep.logFeatures.includes(name) ? Math.log(Math.max(v, 0) + 0.01) : v;
        return (x - prep.mean[d]!) / prep.std[d]!;
      });
    const trainVecs = train.map(vec);
    for (const t of test) {
      const v = vec(t);
      const nearest = trainVecs
        .map((u, i) => ({ d: distance.euclidean(u, v), mood: train[i]!.mood! }))
        .sort((a, b) => a.d - b.d)
        .slice(0, k);
      const votes = new Map<string, number>();
      for (const n of nearest) votes.set(n.mood, (votes.get(n.mood) ?? 0) + 1 / (n.d + 1e-6));
      const predicted = MOODS.reduce((best, m) => ((votes.get(m) ?? 0) > (votes.get(best) ?? 0) ? m : best), MOODS[0]);
      if (predicted === t.mood) correct++;
    }
  }
  console.log(`${`k-NN k=${k}, distance-weighted`.padEnd(36)} ${pct(correct / tracks.length)}`);
}
