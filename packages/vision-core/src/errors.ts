/**
 * Base class of every error that `@moodtunes/face-detect`, `@moodtunes/fer-core` and this layer
 * throw. face-detect exports it as `FaceDetectError` and fer-core as `FerError`: one class, so
 * `instanceof` on either name catches the errors of both packages.
 */
export class VisionError extends Error {
  /** The class's name. Each class here sets its own as a string, so minified bundles keep it; a subclass of yours gets its class name. */
  override name = 'VisionError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    // Only for subclasses: this class's own name would be a minifier's here.
    if (new.target !== VisionError) this.name = new.target.name;
  }
}

/** The image, frame or face crop is unusable. The subclasses below say how; plain instances cover the rest. */
export class InvalidInputError extends VisionError {
  /** Always `"InvalidInputError"`, also in minified bundles. */
  override name = 'InvalidInputError';
}

/** The image has zero width or height. */
export class EmptyImageError extends InvalidInputError {
  /** Always `"EmptyImageError"`, also in minified bundles. */
  override name = 'EmptyImageError';
  constructor(
    /** The width that was given. */
    readonly width: number,
    /** The height that was given. */
    readonly height: number,
    what = 'Image',
  ) {
    super(`${what} is empty: ${width}x${height}. Width and height must be at least 1 pixel.`);
  }
}

/** A pixel buffer whose length does not match `width * height * channels`. */
export class BufferSizeError extends InvalidInputError {
  /** Always `"BufferSizeError"`, also in minified bundles. */
  override name = 'BufferSizeError';
  /** Values expected: for the given channel count, else for the most channels accepted. */
  readonly expected: number;
  constructor(
    /** Every buffer length that would have been accepted, fewest channels first. */
    readonly accepted: readonly number[],
    /** Values the buffer has. */
    readonly actual: number,
    what: string,
    width: number,
    height: number,
    names: readonly string[] = [],
  ) {
    const list = accepted.map((n, i) => (names[i] ? `${n} (${names[i]})` : String(n)));
    const needs = list.length > 1 ? `${list.slice(0, -1).join(', ')} or ${list.at(-1)}` : list[0];
    super(
      `${what}: buffer has ${actual} values but ${width}x${height} needs ${needs}. ` +
        'Pass row-major pixels, e.g. a canvas ImageData or a decoded PNG/JPEG buffer.',
    );
    this.expected = accepted.at(-1) ?? 0;
  }
}

/** Pixel values that are NaN or infinite. */
export class NonFiniteInputError extends InvalidInputError {
  /** Always `"NonFiniteInputError"`, also in minified bundles. */
  override name = 'NonFiniteInputError';
  /** @param detail which value, e.g. `pixel value at index 3 is NaN`. */
  constructor(what = 'Input', detail = 'contains NaN or infinite values') {
    super(`${what}: ${detail}; expected pixel values in 0..255.`);
  }
}

/** An input of a type or shape no stage accepts (a string, a rank-2 frame tensor, an int8 tensor, ...). */
export class UnsupportedInputError extends InvalidInputError {
  /** Always `"UnsupportedInputError"`, also in minified bundles. */
  override name = 'UnsupportedInputError';
}

/** An option outside its valid range (e.g. `minScore` above 1, an unknown model name). */
export class InvalidOptionError extends VisionError {
  /** Always `"InvalidOptionError"`, also in minified bundles. */
  override name = 'InvalidOptionError';
}

/** Model files could not be fetched, read or parsed, or the model does not have the expected inputs and outputs. */
export class ModelLoadError extends VisionError {
  /** Always `"ModelLoadError"`, also in minified bundles. */
  override name = 'ModelLoadError';
  /** @param source where the model came from, e.g. `from https://host/model.json`. */
  constructor(
    /** Where the model came from. */
    readonly source: string,
    reason: unknown,
  ) {
    super(`Could not load the model ${source}: ${reason instanceof Error ? reason.message : String(reason)}`, {
      cause: reason instanceof Error ? reason : undefined,
    });
  }
}

/** A bundled model file whose SHA-256 differs from the recorded one: a corrupted or replaced install. */
export class ModelIntegrityError extends ModelLoadError {
  /** Always `"ModelIntegrityError"`, also in minified bundles. */
  override name = 'ModelIntegrityError';
  constructor(
    /** The model file whose hash differs. */
    readonly file: string,
    /** The recorded SHA-256 (hex). */
    readonly expected: string,
    /** The SHA-256 of the file as found (hex). */
    readonly actual: string,
  ) {
    super(file, `sha256 is ${actual}, expected ${expected}. Reinstall the package that ships it.`);
  }
}

/** A method was called on a detector, classifier or tracker after its `dispose()`. */
export class DisposedError extends VisionError {
  /** Always `"DisposedError"`, also in minified bundles. */
  override name = 'DisposedError';
}
