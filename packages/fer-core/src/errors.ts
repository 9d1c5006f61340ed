import { VisionError } from '@moodtunes/vision-core';

export {
  BufferSizeError,
  DisposedError,
  EmptyImageError,
  VisionError as FerError,
  InvalidInputError,
  InvalidOptionError,
  ModelIntegrityError,
  ModelLoadError,
  NonFiniteInputError,
  UnsupportedInputError,
} from '@moodtunes/vision-core';

/** No tfjs backend could be initialised (or the forced one failed). */
export class BackendInitError extends VisionError {
  /** Always `"BackendInitError"`, also in minified bundles. */
  override name = 'BackendInitError';
}
