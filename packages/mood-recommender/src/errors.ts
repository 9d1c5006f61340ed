/** Base class of every error this package throws; catch it to handle them all. */
export class MoodRecommenderError extends Error {
  /** The class name, e.g. `"CsvRowError"`. */
  override name = 'MoodRecommenderError';
}

/** An emotion name that is not one of the 7 FER emotions (and not in a custom mapping). */
export class UnknownEmotionError extends MoodRecommenderError {
  /** Always `"UnknownEmotionError"`. */
  override name = 'UnknownEmotionError';
  constructor(
    /** The value that was passed. */
    readonly emotion: unknown,
    known: readonly string[],
  ) {
    super(`Unknown emotion ${JSON.stringify(emotion)}; expected one of: ${known.join(', ')}`);
  }
}

/** A catalog with no tracks (or none left after exclusions and feature checks). */
export class EmptyCatalogError extends MoodRecommenderError {
  /** Always `"EmptyCatalogError"`. */
  override name = 'EmptyCatalogError';
}

/** Tracks lack audio features that the requested operation needs. */
export class MissingFeaturesError extends MoodRecommenderError {
  /** Always `"MissingFeaturesError"`. */
  override name = 'MissingFeaturesError';
  constructor(
    message: string,
    /** Ids of the offending tracks (at most the first 100). */
    readonly trackIds: readonly string[],
    /** The features that were missing. */
    readonly features: readonly string[],
  ) {
    super(message);
  }
}

/** An option is out of range, NaN, or of the wrong type. */
export class InvalidOptionError extends MoodRecommenderError {
  /** Always `"InvalidOptionError"`. */
  override name = 'InvalidOptionError';
  constructor(
    /** The option's name, e.g. `"n"` or `"popularityWeight"`. */
    readonly option: string,
    /** The value that was passed. */
    readonly value: unknown,
    expectation: string,
  ) {
    super(`Invalid option ${option}=${String(value)}: ${expectation}`);
  }
}

/** A CSV row that cannot be turned into a track. `line` is the 1-based physical line where the row starts. */
export class CsvRowError extends MoodRecommenderError {
  /** Always `"CsvRowError"`. */
  override name = 'CsvRowError';
  constructor(
    /** 1-based line number in the input (the header is line 1). */
    readonly line: number,
    /** What is wrong with the row. */
    readonly reason: string,
  ) {
    super(`CSV line ${line}: ${reason}`);
  }
}

/**
 * A field longer than the import's `maxFieldLength` (default 1,048,576 characters): almost always a
 * quote that opens and never closes, which would otherwise swallow the rest of the file. In lenient
 * mode the row is skipped like any malformed row; in strict mode this is thrown.
 */
export class CsvFieldTooLongError extends CsvRowError {
  /** Always `"CsvFieldTooLongError"`. */
  override name = 'CsvFieldTooLongError';
  constructor(
    line: number,
    reason: string,
    /** The cap that was exceeded, in characters. */
    readonly maxFieldLength: number,
  ) {
    super(line, reason);
  }
}

/**
 * The catalog input could not be read to its end: the file is missing or a directory, a gzip
 * stream is truncated or corrupt, or the stream failed. `line` and `rowsRead` say how far the import
 * got. In lenient mode an input that fails after the header does not throw: the rows read so far are
 * returned and `truncated` in the result reports the failure.
 */
export class CatalogInputError extends MoodRecommenderError {
  /** Always `"CatalogInputError"`. */
  override name = 'CatalogInputError';
  constructor(
    message: string,
    /** 1-based line of the first row that was not read completely (1 when not even the header was). */
    readonly line: number,
    /** Data rows read completely before the failure (header excluded). */
    readonly rowsRead: number,
    /** The system or zlib error code when there is one, e.g. `"ENOENT"`, `"EISDIR"`, `"Z_BUF_ERROR"`. */
    readonly code: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * The catalog passed to `prepareCatalog` or `recommend` is not a catalog (e.g. `undefined`), or one
 * of its tracks is malformed: not an object, an id that is not a non-empty string, `artists` that is
 * not an array of strings.
 */
export class InvalidCatalogError extends MoodRecommenderError {
  /** Always `"InvalidCatalogError"` (or the subclass's name). */
  override name = 'InvalidCatalogError';
  constructor(
    message: string,
    /** Position of the offending track in the input, when one track is at fault. */
    readonly trackIndex?: number,
  ) {
    super(message);
  }
}

/**
 * Thrown by `prepareCatalog(catalog, { duplicateIds: 'throw' })` when several tracks share an id. By
 * default the first track of each id is kept and the others are reported in `prepared.duplicates`.
 */
export class DuplicateTrackIdError extends InvalidCatalogError {
  /** Always `"DuplicateTrackIdError"`. */
  override name = 'DuplicateTrackIdError';
  constructor(
    /** The ids that occur more than once (at most the first 100). */
    readonly ids: readonly string[],
    /** Number of tracks that repeat an earlier id. */
    readonly count: number,
  ) {
    super(
      `${count} track(s) repeat an id already in the catalog: ${ids
        .slice(0, 5)
        .map((id) => JSON.stringify(id))
        .join(', ')}${ids.length > 5 ? ', …' : ''}`,
    );
  }
}

/** The CSV header matches none of the supported catalog formats. */
export class UnknownCsvFormatError extends MoodRecommenderError {
  /** Always `"UnknownCsvFormatError"`. */
  override name = 'UnknownCsvFormatError';
  constructor(
    /** The header's column names. */
    readonly columns: readonly string[],
  ) {
    super(
      `Unrecognised catalog CSV header (${columns.slice(0, 8).join(',')}${columns.length > 8 ? ',…' : ''}); ` +
        'supported: data_moods.csv, Kaggle SpotifyFeatures.csv, Kaggle 1921-2020 tracks.csv/data.csv',
    );
  }
}

/** A serialised mood model that cannot be loaded (wrong version, shape or values). */
export class InvalidModelError extends MoodRecommenderError {
  /** Always `"InvalidModelError"`. */
  override name = 'InvalidModelError';
}

/**
 * A track's audio feature or popularity is outside its documented range (e.g. valence 3, negative
 * tempo, popularity 1e6): see `FEATURE_RANGES`.
 */
export class InvalidFeatureError extends MoodRecommenderError {
  /** Always `"InvalidFeatureError"`. */
  override name = 'InvalidFeatureError';
  constructor(
    /** Id of the offending track. */
    readonly trackId: string,
    /** The feature's name, e.g. `"valence"`. */
    readonly feature: string,
    /** The value found. */
    readonly value: number,
    range: string,
  ) {
    super(`Track ${JSON.stringify(trackId)} has ${feature}=${value}, outside ${range}`);
  }
}

/**
 * A function that needs a platform this build does not run on, e.g. `readCatalogFile` (files on disk)
 * called from the browser build of the package. The message names what to use instead.
 */
export class UnsupportedEnvironmentError extends MoodRecommenderError {
  /** Always `"UnsupportedEnvironmentError"`. */
  override name = 'UnsupportedEnvironmentError';
  constructor(
    /** The function that was called, e.g. `"readCatalogFile"`. */
    readonly feature: string,
    message: string,
  ) {
    super(message);
  }
}

/** A catalog store's database refused a statement or could not be reached; `cause` is its error. */
export class CatalogStoreError extends MoodRecommenderError {
  /** Always `"CatalogStoreError"`. */
  override name = 'CatalogStoreError';
}
