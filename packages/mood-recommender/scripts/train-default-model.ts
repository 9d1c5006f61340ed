/**
 * Trains the shipped default mood model on data_moods.csv (read from ../shared, never copied) and
 * reports stratified 10-fold CV and an 80/20 stratified holdout, side by side with the Keras MLP
 * baseline (71.0% CV, 76.9% holdout).
 *
 *   pnpm --filter @moodtunes/mood-recommender train-model
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { crossValidateMoodClassifier, stratifiedFolds, trainMoodClassifier, type TrainMoodOptions } from '../src/classify/mood-classifier';
import { readCatalogFile } from '../src/load/read-file';

const DATA = fileURLToPath(new URL('../../../../shared/data/music/data_moods.csv', import.meta.url));
const OUT = fileURLToPath(new URL('../src/classify/default-model.json', import.meta.url));

export const DEFAULT_TRAINING: TrainMoodOptions = { hidden: 32, ensemble: 3, epochs: 400, l2: 0.003, learningRate: 0.01, seed: 7 };

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const bar = (label: string) => (f: number) => process.stderr.write(`\r${label} ${pct(f)}   `);

const { catalog } = await readCatalogFile(DATA);
const tracks = catalog.tracks;

const cv = crossValidateMoodClassifier(tracks, { ...DEFAULT_TRAINING, folds: 10, onProgress: bar('10-fold CV') });
process.stderr.write('\n');

const fold = stratifiedFolds(tracks, 5, 42);
const train = tracks.filter((_, i) => fold[i] !== 0);
const test = tracks.filter((_, i) => fold[i] === 0);
const holdoutModel = trainMoodClassifier(train, DEFAULT_TRAINING);
const holdout = test.filter((t) => holdoutModel.predict(t.features!).mood === t.mood).length / test.length;

const model = trainMoodClassifier(tracks, {
  ...DEFAULT_TRAINING,
  onProgress: bar('final model'),
  meta: {
    trainedOn: 'data_moods.csv (686 tracks, cristobalvch/Spotify-Machine-Learning)',
    training: DEFAULT_TRAINING,
    cv10Accuracy: Number(cv.accuracy.toFixed(4)),
    holdout80_20Accuracy: Number(holdout.toFixed(4)),
    command: 'pnpm --filter @moodtunes/mood-recommender train-model',
  },
});
process.stderr.write('\n');

// Six significant digits keep the file small; predictions are unchanged at that precision.
const json = JSON.stringify(model.toJSON(), (_, v: unknown) => (typeof v === 'number' ? Number(v.toPrecision(6)) : v));
writeFileSync(OUT, `${json}\n`);

console.log(`stratified 10-fold CV: ${pct(cv.accuracy)} (folds ${cv.foldAccuracies.map(pct).join(' ')}); Keras MLP baseline 71.0%`);
console.log(`80/20 stratified holdout (${test.length} tracks): ${pct(holdout)}; Keras MLP baseline 76.9%`);
console.log('confusion (rows actual, cols predicted; happy sad energetic calm):');
for (const row of cv.confusion) console.log('  ', row.join('\t'));
console.log(`wrote ${OUT} (${json.length} bytes)`);
