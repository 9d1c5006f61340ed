export { EMOTIONS } from './types';
export type { Box, Emotion, EmotionPrediction, EmotionProbabilities, FaceEmotion, FacePass, Keypoint, PixelData } from './types';
export {
  BackendInitError,
  BufferSizeError,
  DisposedError,
  EmptyImageError,
  FerError,
  InvalidInputError,
  InvalidOptionError,
  ModelIntegrityError,
  ModelLoadError,
  NonFiniteInputError,
  UnsupportedInputError,
} from './errors';
export { DEFAULT_BACKEND_ORDER, selectBackend } from './backend';
export type { BackendAttempt, BackendName, BackendOptions, BackendSelection } from './backend';
export type { BrowserImageSource, FaceImage } from './input';
export { BUNDLED_MODELS } from './model-spec';
export type { BundledModel, InputScale, ModelSpec } from './model-spec';
export { EMOTION_MODELS, type EmotionModelInfo } from './models';
export { createEmotionClassifier, EmotionClassifier } from './classifier';
export type { ClassifyOptions, EmotionClassifierOptions } from './classifier';
export { createEmotionDetector, EmotionDetector } from './detector';
export type { DetectEmotionOptions, EmotionDetectorOptions, FrameImage } from './detector';
export type { DetectMode, Rotation } from '@moodtunes/face-detect';
export { classifyFace, detectEmotion, disposeEmotionDetector, loadEmotionDetector } from './default';
export { EmotionTracker, iou } from './tracker';
export type { EmotionTrackerOptions, GroupEmotion, TrackedFace, TrackerFrame, TrackerInput } from './tracker';
export { createWorkerDetector, WorkerCrashError, WorkerEmotionDetector } from './worker/client';
export type { WorkerDetection, WorkerDetectOptions } from './worker/client';
export type { TransferableFrame, WorkerInit } from './worker/protocol';
