import { EMOTIONS, type Emotion, type EmotionPrediction, type EmotionProbabilities } from './types';

/**
 * Splits a flat `[n, 7]` probability array into one prediction per face, reordering from the
 * model's class order into FER2013 order.
 */
export function toPredictions(values: ArrayLike<number>, classes: readonly Emotion[]): EmotionPrediction[] {
  const k = classes.length;
  const index = EMOTIONS.map((emotion) => classes.indexOf(emotion));
  const predictions: EmotionPrediction[] = [];
  for (let row = 0; row * k < values.length; row++) {
    predictions.push(predictionFromScores(index.map((i) => values[row * k + i] ?? 0)));
  }
  return predictions;
}

/** A prediction from 7 scores in FER2013 order. */
export function predictionFromScores(scores: readonly number[]): EmotionPrediction {
  let best = 0;
  for (let i = 1; i < EMOTIONS.length; i++) if ((scores[i] ?? 0) > (scores[best] ?? 0)) best = i;
  const probabilities = Object.fromEntries(EMOTIONS.map((e, i) => [e, scores[i] ?? 0])) as EmotionProbabilities;
  return {
    emotion: EMOTIONS[best] as Emotion,
    confidence: scores[best] ?? 0,
    probabilities,
    scores: [...scores],
  };
}
