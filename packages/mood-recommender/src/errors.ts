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

/** A track's audio feature is outside its documented range (e.g. valence 3, negative tempo). */
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
