export {
  BufferSizeError,
  DisposedError,
  EmptyImageError,
  InvalidInputError,
  InvalidOptionError,
  ModelIntegrityError,
  ModelLoadError,
  NonFiniteInputError,
  UnsupportedInputError,
  VisionError,
} from './errors';
export type { BrowserImageSource, ImageDataLike, PixelData } from './image';
export {
  assertFiniteTensor,
  assertLiveTensor,
  checkImageSize,
  checkPixelData,
  describeInput,
  isBrowserImage,
  isPixelData,
  isTensor,
  readBrowserPixels,
} from './image';
export { grayInto, grayTensor, LUMA } from './color';
export { INPUT_SCALES, rescale, type InputScale } from './scale';
export { registryEntry, registryNames, type BundledFile, type BundledModelEntry, type ModelRegistry, type NamedModelEntry } from './models';
export { describeSource, loadGraph, loadWeights, type BundledSource, type ModelSource, type Platform, type WasmSetup } from './load';
