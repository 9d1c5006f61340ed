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
  EmptyImageError,
  FaceDetectError,
  InvalidOptionError,
  ModelIntegrityError,
  ModelLoadError,
  NonFiniteInputError,
  UnsupportedInputError,
} from './errors';
export { KEYPOINT_NAMES } from './postprocess';
export { MODEL_SPECS, type ModelFile, type ModelSpec, type AnchorConfig } from './models';
export { alignFaces, faceAlignment, FER2013_FRAMING, type AlignOptions, type FaceAlignment } from './align';
