export { EMOTIONS } from './types';
export type { Box, Emotion, EmotionPrediction, EmotionProbabilities, FaceEmotion, Keypoint, PixelData } from './types';
export { BackendInitError, DisposedError, FerError, InvalidInputError, ModelLoadError } from './errors';
export { DEFAULT_BACKEND_ORDER, selectBackend } from './backend';
export type { BackendAttempt, BackendName, BackendOptions, BackendSelection } from './backend';
export type { BrowserImageSource, FaceImage } from './input';
export type { InputScale, ModelSpec } from './model-spec';
export { createEmotionClassifier, EmotionClassifier } from './classifier';
export type { ClassifyOptions, EmotionClassifierOptions } from './classifier';
