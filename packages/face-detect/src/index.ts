export type {
  Box,
  BrowserImageSource,
  DetectMode,
  DetectOptions,
  DetectorInput,
  DetectorModel,
  Face,
  FaceDetector,
  FaceDetectorOptions,
  FacePass,
  ImageDataLike,
  Keypoint,
  KeypointName,
  ModelSource,
  ModelType,
  Rotation,
} from './types';
export {
  BufferSizeError,
  DisposedError,
  EmptyImageError,
  VisionError as FaceDetectError,
  InvalidInputError,
  InvalidOptionError,
  ModelIntegrityError,
  ModelLoadError,
  NonFiniteInputError,
  UnsupportedInputError,
  type InputScale,
} from '@moodtunes/vision-core';
export { createFaceDetector } from './detector';
export { assertPixelLimit } from './input';
export { KEYPOINT_NAMES } from './postprocess';
export { DETECTOR_MODELS, type AnchorConfig, type DetectorSpec } from './models';
export { alignFaces, faceAlignment, FER2013_FRAMING, type AlignableFace, type AlignOptions, type FaceAlignment } from './align';
