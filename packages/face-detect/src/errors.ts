/** Base class of every error this package throws; `instanceof FaceDetectError` catches them all. */
export class FaceDetectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The image has zero width or height. */
export class EmptyImageError extends FaceDetectError {
  constructor(
    /** The width that was given. */
    readonly width: number,
    /** The height that was given. */
    readonly height: number,
  ) {
    super(`Image is empty: ${width}x${height}. Width and height must be at least 1 pixel.`);
  }
}

/** An ImageData-like buffer whose length is not `width * height * 4` (RGBA). */
export class BufferSizeError extends FaceDetectError {
  constructor(
    /** Bytes expected: `width * height * 4`. */
    readonly expected: number,
    /** Bytes the buffer has. */
    readonly actual: number,
    width: number,
    height: number,
  ) {
    super(
      `Pixel buffer has ${actual} bytes, expected ${expected} (= ${width} x ${height} x 4, RGBA). ` +
        'Pass RGBA data, e.g. a canvas ImageData or a decoded PNG/JPEG buffer.',
    );
  }
}

/** A tensor input that holds NaN or infinite values. */
export class NonFiniteInputError extends FaceDetectError {
  constructor() {
    super('Input tensor contains NaN or infinite values; expected pixel values in 0..255.');
  }
}

/** An input that is neither ImageData-like, a 3-D tensor with 3 or 4 channels, nor a browser image source. */
export class UnsupportedInputError extends FaceDetectError {
  constructor(detail: string) {
    super(
      `Unsupported input: ${detail}. Expected {data, width, height} RGBA, a [height, width, 3|4] tensor, ` +
        'or (in browsers) an HTMLImageElement, HTMLVideoElement, HTMLCanvasElement, OffscreenCanvas or ImageBitmap.',
    );
  }
}

/** A bundled model file whose SHA-256 differs from the recorded one (corrupted or replaced install). */
export class ModelIntegrityError extends FaceDetectError {
  constructor(
    /** The model file whose hash differs. */
    readonly file: string,
    /** The recorded sha256 (hex). */
    readonly expected: string,
    /** The sha256 of the file as found (hex). */
    readonly actual: string,
  ) {
    super(`Model file ${file} has sha256 ${actual}, expected ${expected}. Reinstall @moodtunes/face-detect.`);
  }
}

/** The model files could not be read or parsed, or the model does not fit the chosen range. */
export class ModelLoadError extends FaceDetectError {
  /** @param source where the model came from, e.g. `from https://host/model.json`. */
  constructor(
    readonly source: string,
    cause: unknown,
  ) {
    super(`Could not load the face detector model ${source}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.cause = cause;
  }
}

/** An option outside its valid range (e.g. `minScore` above 1). */
export class InvalidOptionError extends FaceDetectError {}
