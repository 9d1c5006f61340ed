import type { AudioFeatures } from './types';

/** The inclusive range a numeric track value must lie in; `integer` values must also be whole. */
export interface ValueRange {
  /** Smallest accepted value. */
  readonly min: number;
  /** Largest accepted value. */
  readonly max: number;
  /** Whether only whole numbers are accepted. */
  readonly integer?: boolean;
  /** The unit, for messages (e.g. `"BPM"`). */
  readonly unit?: string;
}

/** A track value with a range: every audio feature, and `popularity`. */
export type RangedValue = keyof AudioFeatures | 'popularity';

const unit: ValueRange = { min: 0, max: 1 };

/**
 * The one table of accepted values, used by CSV import (a value outside makes the row malformed) and
 * by `prepareCatalog` for tracks built in code (`InvalidFeatureError`). The 0..1 features, key,
 * mode and popularity follow Spotify's Web API documentation; tempo, loudness, duration and time
 * signature have no documented bounds, so they get sanity bounds, wide of the real files (tempo
 * 32-218 BPM, loudness -42..+1.3 dB in data_moods.csv and the SpotifyFeatures sample), that still
 * catch values in the wrong unit or on the wrong scale.
 */
export const FEATURE_RANGES: Readonly<Record<RangedValue, ValueRange>> = {
  valence: unit,
  energy: unit,
  danceability: unit,
  acousticness: unit,
  instrumentalness: unit,
  speechiness: unit,
  liveness: unit,
  tempo: { min: 0, max: 400, unit: 'BPM' },
  loudness: { min: -100, max: 10, unit: 'dB' },
  key: { min: -1, max: 11, integer: true },
  mode: { min: 0, max: 1, integer: true },
  durationMs: { min: 0, max: 1e8, unit: 'ms' },
  timeSignature: { min: 0, max: 16, integer: true },
  popularity: { min: 0, max: 100 },
};

/** The range as a message fragment, e.g. `"0..400 BPM"` or `"integers -1..11"`. */
export function describeRange(range: ValueRange): string {
  return `${range.integer ? 'integers ' : ''}${range.min}..${range.max}${range.unit ? ` ${range.unit}` : ''}`;
}

/** Whether a finite number lies in the range. */
export function inRange(value: number, range: ValueRange): boolean {
  return value >= range.min && value <= range.max && (!range.integer || Number.isInteger(value));
}
