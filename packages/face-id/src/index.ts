export {
  BufferSizeError,
  DisposedError,
  EmptyImageError,
  VisionError as FaceIdError,
  InvalidInputError,
  InvalidOptionError,
  ModelIntegrityError,
  ModelLoadError,
  NonFiniteInputError,
  UnsupportedInputError,
} from '@moodtunes/vision-core';
export { createFaceEmbedder, DEFAULT_EMBED_MARGIN, FaceEmbedder, type FaceEmbedderOptions } from './embedder';
export { GALLERY_FORMAT, InvalidGalleryError, type GalleryJSON } from './gallery';
export { EMBEDDING_MODELS, type EmbeddingModel, type EmbeddingSpec } from './models';
export { createFaceRecognizer, FaceRecognizer, type FaceRecognizerOptions, type Identity } from './recognizer';
