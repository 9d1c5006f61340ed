import model from './default-model.json';
import { loadMoodClassifier, type MoodClassifier } from './mood-classifier';

/**
 * The shipped mood classifier, trained on data_moods.csv by `scripts/train-default-model.ts`
 * (its CV and holdout accuracy are in `toJSON().meta`). The weights are ours; the data is not shipped.
 */
export function loadDefaultMoodClassifier(): MoodClassifier {
  return loadMoodClassifier(model);
}
