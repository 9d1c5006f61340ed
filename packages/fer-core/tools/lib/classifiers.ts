import { createEmotionClassifier, type EmotionClassifier } from '../../src/classifier';
import { createFaceApiExpressionClassifier } from './face-api-expression';
import { modelOptions } from './paths';

/** The classifier for a `--model` argument (see {@link modelOptions}; `face-api` too), on wasm. */
export function createToolClassifier(arg: string | undefined): Promise<EmotionClassifier> {
  if (arg === 'face-api') return createFaceApiExpressionClassifier({ backend: 'wasm' });
  return createEmotionClassifier({ backend: 'wasm', ...modelOptions(arg) });
}
