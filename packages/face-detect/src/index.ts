export type {
  Box,
  BrowserImageSource,
  DetectOptions,
  DetectorInput,
  Face,
  FaceDetector,
  FaceDetectorOptions,
  ImageDataLike,
  Keypoint,
  KeypointName,
  ModelType,
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
export { KEYPOINT_NAMES } from './postprocess';
export { DETECTOR_MODELS, type AnchorConfig, type DetectorSpec } from './models';
export { alignFaces, faceAlignment, FER2013_FRAMING, type AlignOptions, type FaceAlignment } from './align';
