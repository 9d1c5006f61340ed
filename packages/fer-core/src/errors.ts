/** Base class of every error fer-core throws; `instanceof FerError` catches them all. */
export class FerError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The image or face crop is unusable: zero size, buffer length mismatch, NaN pixels, unknown type. */
export class InvalidInputError extends FerError {}

/** The emotion model (or the face detector model) could not be fetched, read or parsed. */
export class ModelLoadError extends FerError {
  /** Where the model was loaded from. */
  readonly source: string;
  constructor(source: string, message: string, options?: { cause?: unknown }) {
    super(`Could not load model from ${source}: ${message}`, options);
    this.source = source;
  }
}

/** No tfjs backend could be initialised (or the forced one failed). */
export class BackendInitError extends FerError {}

/** A method was called on a detector, classifier or tracker after `dispose()`. */
export class DisposedError extends FerError {}
