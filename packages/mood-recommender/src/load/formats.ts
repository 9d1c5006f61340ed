import { describeRange, FEATURE_RANGES, inRange, type RangedValue } from '../feature-ranges';
import { FLOAT_FEATURES, type TrackRow } from '../catalog/track-table';
import { MOODS, type AudioFeatures, type Mood, type Track } from '../types';

/** A catalog CSV layout that import recognises from its header. */
export type CatalogFormat =
  /** `data_moods.csv` (cristobalvch/Spotify-Machine-Learning): labelled with a `mood` column. */
  | 'data-moods'
  /** Kaggle "Ultimate Spotify Tracks DB" `SpotifyFeatures.csv`: note-name keys, Major/Minor, `4/4`. */
  | 'spotify-features'
  /** Kaggle "Spotify Dataset 1921-2020" `tracks.csv` (600k): artists as a Python list, `id_artists`. */
  | 'spotify-1921-tracks'
  /** Kaggle "Spotify Dataset 1921-2020" `data.csv` (170k): like tracks.csv plus `year`, no `id_artists`. */
  | 'spotify-1921-data';

/** All supported formats, in detection order. */
export const CATALOG_FORMATS: readonly CatalogFormat[] = ['data-moods', 'spotify-features', 'spotify-1921-tracks', 'spotify-1921-data'];

type Parser = (raw: string) => number | string | boolean | string[] | undefined;

/** How one CSV column becomes a track field; `required` columns must exist in the header. */
interface ColumnSpec {
  column: string;
  /** Absent for columns that only identify a format. */
  field?: keyof Track | `features.${keyof AudioFeatures}`;
  parse: Parser;
  required?: boolean;
}

/** Thrown by field parsers; the importer turns it into a `CsvRowError` with the line number. */
export class FieldError extends Error {}

const features = (...names: (keyof AudioFeatures)[]): ColumnSpec[] =>
  names.map((name) => ({
    column: FEATURE_COLUMNS[name],
    field: `features.${name}` as const,
    parse: FEATURE_PARSERS[name],
    required: true,
  }));

const FEATURE_COLUMNS: Record<keyof AudioFeatures, string> = {
  valence: 'valence',
  energy: 'energy',
  danceability: 'danceability',
  tempo: 'tempo',
  loudness: 'loudness',
  acousticness: 'acousticness',
  instrumentalness: 'instrumentalness',
  speechiness: 'speechiness',
  liveness: 'liveness',
  key: 'key',
  mode: 'mode',
  durationMs: 'duration_ms',
  timeSignature: 'time_signature',
};

const FEATURE_PARSERS: Record<keyof AudioFeatures, Parser> = {
  valence: ranged('valence'),
  energy: ranged('energy'),
  danceability: ranged('danceability'),
  acousticness: ranged('acousticness'),
  instrumentalness: ranged('instrumentalness'),
  speechiness: ranged('speechiness'),
  liveness: ranged('liveness'),
  tempo: ranged('tempo'),
  loudness: ranged('loudness'),
  key: parseKey,
  mode: parseMode,
  durationMs: ranged('durationMs'),
  timeSignature: parseTimeSignature,
};

const ALL_FEATURES: (keyof AudioFeatures)[] = [...FLOAT_FEATURES, 'key', 'mode', 'timeSignature'];

const FORMAT_SPECS: Record<CatalogFormat, ColumnSpec[]> = {
  'data-moods': [
    { column: 'id', field: 'id', parse: text, required: true },
    { column: 'name', field: 'title', parse: text, required: true },
    { column: 'artist', field: 'artists', parse: (s) => (s ? [s] : []), required: true },
    { column: 'album', field: 'album', parse: text },
    { column: 'release_date', field: 'releaseDate', parse: text },
    { column: 'popularity', field: 'popularity', parse: ranged('popularity') },
    { column: 'length', field: 'features.durationMs', parse: ranged('durationMs') },
    { column: 'mood', field: 'mood', parse: parseMood, required: true },
    // Its duration is the `length` column above; it has no mode.
    ...features(...FLOAT_FEATURES.filter((f) => f !== 'durationMs'), 'key', 'timeSignature'),
  ],
  'spotify-features': [
    { column: 'track_id', field: 'id', parse: text, required: true },
    { column: 'track_name', field: 'title', parse: text, required: true },
    { column: 'artist_name', field: 'artists', parse: (s) => (s ? [s] : []), required: true },
    { column: 'genre', field: 'genre', parse: text, required: true },
    { column: 'popularity', field: 'popularity', parse: ranged('popularity') },
    ...features(...ALL_FEATURES),
  ],
  'spotify-1921-tracks': [
    { column: 'id', field: 'id', parse: text, required: true },
    { column: 'name', field: 'title', parse: text, required: true },
    { column: 'artists', field: 'artists', parse: parseArtistList, required: true },
    { column: 'id_artists', parse: text, required: true },
    { column: 'release_date', field: 'releaseDate', parse: text },
    { column: 'popularity', field: 'popularity', parse: ranged('popularity') },
    { column: 'explicit', field: 'explicit', parse: parseBoolean },
    ...features(...ALL_FEATURES),
  ],
  'spotify-1921-data': [
    { column: 'id', field: 'id', parse: text, required: true },
    { column: 'name', field: 'title', parse: text, required: true },
    { column: 'artists', field: 'artists', parse: parseArtistList, required: true },
    // The full release_date, when present, overrides the year.
    { column: 'year', field: 'releaseDate', parse: text, required: true },
    { column: 'release_date', field: 'releaseDate', parse: text },
    { column: 'popularity', field: 'popularity', parse: ranged('popularity') },
    { column: 'explicit', field: 'explicit', parse: parseBoolean },
    ...features(...ALL_FEATURES.filter((f) => f !== 'timeSignature')),
  ],
};

/** A header bound to a format: which column index feeds which field. */
export interface RowMapper {
  format: CatalogFormat;
  columnCount: number;
  /** Reads one record's fields into `row` (which the caller cleared). @throws {@link FieldError} */
  read(fields: string[], row: TrackRow): void;
}

type Value = ReturnType<Parser>;
type Writer = (row: TrackRow, value: Value) => void;

const floatWriter = (name: (typeof FLOAT_FEATURES)[number]): Writer => {
  const f = FLOAT_FEATURES.indexOf(name);
  return (row, value) => (row.floats[f] = value as number);
};

/** Where each field of a column spec goes in a {@link TrackRow}. */
const WRITERS: Record<NonNullable<ColumnSpec['field']>, Writer | undefined> = {
  id: (row, v) => (row.id = v as string),
  title: (row, v) => (row.title = v as string),
  artists: (row, v) => (row.artists = v as string[]),
  album: (row, v) => (row.album = v as string),
  releaseDate: (row, v) => (row.releaseDate = v as string),
  genre: (row, v) => (row.genre = v as string),
  popularity: (row, v) => (row.popularity = v as number),
  explicit: (row, v) => (row.explicit = v ? 1 : 0),
  mood: (row, v) => (row.mood = MOODS.indexOf(v as Mood)),
  'features.key': (row, v) => (row.key = v as number),
  'features.mode': (row, v) => (row.mode = v as number),
  'features.timeSignature': (row, v) => (row.timeSignature = v as number),
  'features.valence': floatWriter('valence'),
  'features.energy': floatWriter('energy'),
  'features.danceability': floatWriter('danceability'),
  'features.acousticness': floatWriter('acousticness'),
  'features.instrumentalness': floatWriter('instrumentalness'),
  'features.speechiness': floatWriter('speechiness'),
  'features.liveness': floatWriter('liveness'),
  'features.tempo': floatWriter('tempo'),
  'features.loudness': floatWriter('loudness'),
  'features.durationMs': floatWriter('durationMs'),
  spotifyId: undefined,
  spotifyUri: undefined,
  spotifyUrl: undefined,
  imageUrl: undefined,
  previewUrl: undefined,
  features: undefined,
};

/** Picks the first format whose required columns are all in `header` (names compared trimmed, lower-case). */
export function detectFormat(header: readonly string[]): CatalogFormat | undefined {
  const names = new Set(header.map(normaliseName));
  return CATALOG_FORMATS.find((format) => FORMAT_SPECS[format].every((spec) => !spec.required || names.has(spec.column)));
}

/**
 * Binds `format`'s column specs to the positions in `header`. Returns what is wrong with the header
 * instead when a column the format reads is missing or appears twice (which one would be meant?).
 */
export function createRowMapper(format: CatalogFormat, header: readonly string[]): RowMapper | string {
  const names = header.map(normaliseName);
  const specs = FORMAT_SPECS[format];
  const missing = specs.filter((spec) => spec.required && !names.includes(spec.column)).map((spec) => spec.column);
  if (missing.length > 0) return `the ${format} format needs the column(s) ${missing.join(', ')}, which the header lacks`;
  const used = new Set(specs.map((spec) => spec.column));
  const index = new Map<string, number>();
  for (const [i, name] of names.entries()) {
    const first = index.get(name);
    if (first !== undefined && used.has(name)) return `column ${JSON.stringify(name)} appears twice (columns ${first + 1} and ${i + 1})`;
    if (first === undefined) index.set(name, i);
  }
  const bound = specs.flatMap((spec) => {
    const i = index.get(spec.column);
    const write = spec.field === undefined ? undefined : WRITERS[spec.field];
    return i === undefined || write === undefined ? [] : [{ column: spec.column, parse: spec.parse, write, i }];
  });
  return {
    format,
    columnCount: header.length,
    read(fields, row) {
      for (const spec of bound) {
        const raw = (fields[spec.i] ?? '').trim();
        let value: Value;
        try {
          value = spec.parse(raw);
        } catch (err) {
          throw new FieldError(`column ${spec.column}: ${(err as Error).message}`);
        }
        if (value !== undefined) spec.write(row, value);
      }
      if (!row.id) throw new FieldError('empty track id');
    },
  };
}

function normaliseName(name: string): string {
  return name.trim().toLowerCase();
}

function text(raw: string): string | undefined {
  return raw === '' ? undefined : raw;
}

/**
 * A decimal number (`12`, `-5.5`, `.5`, `1e-5`), or NaN. `Number()` alone would also read `0x1`,
 * `0b1` and `0o1` as 1; no catalog writes numbers that way, so they are refused rather than guessed at.
 */
function decimal(raw: string): number {
  const value = Number(raw);
  const radix = raw.length > 2 && raw.charCodeAt(0) === 48 ? raw.charCodeAt(1) | 32 : 0;
  return Number.isFinite(value) && radix !== 120 && radix !== 98 && radix !== 111 ? value : NaN;
}

/** A decimal number within its {@link FEATURE_RANGES} entry. */
function ranged(name: RangedValue): Parser {
  const range = FEATURE_RANGES[name];
  return (raw) => {
    if (raw === '') return undefined;
    const value = decimal(raw);
    if (Number.isNaN(value)) throw new Error(`not a number: ${JSON.stringify(raw)}`);
    if (!inRange(value, range)) throw new Error(`${value} is outside ${describeRange(range)}`);
    return value;
  };
}

const NOTES: Record<string, number> = {
  c: 0,
  'c#': 1,
  db: 1,
  d: 2,
  'd#': 3,
  eb: 3,
  e: 4,
  f: 5,
  'f#': 6,
  gb: 6,
  g: 7,
  'g#': 8,
  ab: 8,
  a: 9,
  'a#': 10,
  bb: 10,
  b: 11,
};

/** Pitch class from a number (-1..11) or a note name such as `C#` or `Eb`. */
function parseKey(raw: string): number | undefined {
  if (raw === '') return undefined;
  const note = NOTES[raw.toLowerCase().replace('♯', '#').replace('♭', 'b')];
  if (note !== undefined) return note;
  const value = decimal(raw);
  if (!inRange(value, FEATURE_RANGES.key)) throw new Error(`not a key: ${JSON.stringify(raw)}`);
  return value;
}

function parseMode(raw: string): 0 | 1 | undefined {
  if (raw === '') return undefined;
  const lower = raw.toLowerCase();
  if (lower === '1' || lower === 'major') return 1;
  if (lower === '0' || lower === 'minor') return 0;
  throw new Error(`not a mode: ${JSON.stringify(raw)}`);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * Beats per bar from `4`, `4/4`, or a spreadsheet-mangled `4-Apr` / `04-Apr`: a spreadsheet read
 * `N/4` as month N, day 4, so the month gives the numerator.
 */
function parseTimeSignature(raw: string): number | undefined {
  if (raw === '') return undefined;
  const fraction = /^(\d{1,2})\/(\d{1,2})$/.exec(raw);
  let value: number;
  if (fraction) {
    value = Number(fraction[1]);
  } else {
    const mangled = /^(\d{1,2})-([A-Za-z]{3})$/.exec(raw);
    value = mangled ? MONTHS.indexOf(mangled[2]!.toLowerCase()) + 1 || NaN : decimal(raw);
  }
  if (inRange(value, FEATURE_RANGES.timeSignature)) return value;
  throw new Error(`not a time signature: ${JSON.stringify(raw)}`);
}

function parseBoolean(raw: string): boolean | undefined {
  if (raw === '') return undefined;
  const lower = raw.toLowerCase();
  if (lower === '1' || lower === 'true') return true;
  if (lower === '0' || lower === 'false') return false;
  throw new Error(`not a boolean: ${JSON.stringify(raw)}`);
}

function parseMood(raw: string): Mood | undefined {
  if (raw === '') return undefined;
  const lower = raw.toLowerCase();
  if (lower === 'happy' || lower === 'sad' || lower === 'energetic' || lower === 'calm') return lower;
  throw new Error(`not a mood: ${JSON.stringify(raw)}`);
}

/**
 * Artists from a Python-style list (`['A', "B's"]`, with backslash escapes), as written by pandas in
 * the 1921-2020 dataset. Text that is not a list is one artist.
 */
function parseArtistList(raw: string): string[] {
  if (!raw.startsWith('[')) return raw ? [raw] : [];
  const artists: string[] = [];
  let i = 1;
  while (i < raw.length) {
    const c = raw[i]!;
    if (c === ']') return artists;
    if (c === ',' || c === ' ') {
      i++;
      continue;
    }
    if (c !== "'" && c !== '"') throw new Error(`bad artist list: ${JSON.stringify(raw)}`);
    let j = raw.indexOf(c, i + 1);
    let value: string;
    if (j >= 0 && raw.lastIndexOf('\\', j) < i) {
      // No escape in this name (the usual case): one slice.
      value = raw.slice(i + 1, j);
    } else {
      value = '';
      j = i + 1;
      while (j < raw.length && raw[j] !== c) {
        if (raw[j] === '\\' && j + 1 < raw.length) j++;
        value += raw[j];
        j++;
      }
    }
    if (j < 0 || j >= raw.length) throw new Error(`unterminated artist name in ${JSON.stringify(raw)}`);
    artists.push(value);
    i = j + 1;
  }
  throw new Error(`unterminated artist list: ${JSON.stringify(raw)}`);
}
