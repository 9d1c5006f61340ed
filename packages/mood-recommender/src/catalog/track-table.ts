// The columnar form of an imported catalog: features in typed arrays, strings as UTF-8 columns, an id
// index and interned artists. prepareCatalog reads it without building a Track per row; a Track
// object is made only for a track that is asked for (a pick, or `catalog.tracks`).
import { MOODS, type AudioFeatures, type Track } from '../types';
import { NumberColumn, StringColumn, StringIndex, ValueColumn } from './string-column';

/** The features kept as float64 (NaN when absent), in this order. */
export const FLOAT_FEATURES = [
  'valence',
  'energy',
  'danceability',
  'acousticness',
  'instrumentalness',
  'speechiness',
  'liveness',
  'tempo',
  'loudness',
  'durationMs',
] as const satisfies readonly (keyof AudioFeatures)[];

/** Marks an absent key (-1 is a valid key: "unknown"); other small integers use -1. */
const NO_KEY = -2;

/** One row being read, filled by the CSV row reader and appended by {@link TrackTable.append}. */
export interface TrackRow {
  id: string;
  title: string;
  artists: string[];
  album: string;
  releaseDate: string;
  genre: string;
  /** NaN when absent. */
  popularity: number;
  /** -1 absent, 0 false, 1 true. */
  explicit: number;
  /** Index into MOODS, -1 absent. */
  mood: number;
  /** {@link FLOAT_FEATURES}, NaN when absent. */
  floats: Float64Array;
  /** {@link NO_KEY} when absent. */
  key: number;
  /** -1 when absent. */
  mode: number;
  /** -1 when absent. */
  timeSignature: number;
}

/** A row with nothing in it. */
export function emptyRow(): TrackRow {
  return {
    id: '',
    title: '',
    artists: [],
    album: '',
    releaseDate: '',
    genre: '',
    popularity: NaN,
    explicit: -1,
    mood: -1,
    floats: new Float64Array(FLOAT_FEATURES.length).fill(NaN),
    key: NO_KEY,
    mode: -1,
    timeSignature: -1,
  };
}

/** Empties `row` for the next line. */
export function clearRow(row: TrackRow): void {
  row.id = row.title = row.album = row.releaseDate = row.genre = '';
  row.artists = [];
  row.popularity = NaN;
  row.explicit = row.mood = row.mode = row.timeSignature = -1;
  row.key = NO_KEY;
  row.floats.fill(NaN);
}

const SPOTIFY_ID = /^[0-9A-Za-z]{22}$/;
const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * Release dates: `YYYY`, `YYYY-MM` and `YYYY-MM-DD` (nearly every row of the Spotify files) as one
 * int32 each, from which the same text comes back; anything else as text on the side.
 */
class DateColumn {
  private readonly codes = new NumberColumn(Int32Array);
  private readonly other = new Map<number, string>();

  push(text: string): void {
    const m = text === '' ? null : DATE.exec(text);
    if (m) {
      const parts = m[3] !== undefined ? 3 : m[2] !== undefined ? 2 : 1;
      this.codes.push(((Number(m[1]) * 100 + Number(m[2] ?? 0)) * 100 + Number(m[3] ?? 0)) * 4 + parts);
      return;
    }
    if (text !== '') this.other.set(this.codes.size, text);
    this.codes.push(0);
  }

  get(i: number): string {
    const code = this.codes.get(i);
    if (code === 0) return this.other.get(i) ?? '';
    const parts = code & 3;
    const ymd = code >> 2;
    const year = String(Math.floor(ymd / 10000)).padStart(4, '0');
    const month = String(Math.floor(ymd / 100) % 100).padStart(2, '0');
    const day = String(ymd % 100).padStart(2, '0');
    return parts === 1 ? year : parts === 2 ? `${year}-${month}` : `${year}-${month}-${day}`;
  }

  get byteLength(): number {
    return this.codes.byteLength;
  }
}
const ARTIST_SEPARATOR = '\u001f';

/**
 * The tracks of an imported catalog, column by column. Rows come from CSV import in file order;
 * {@link track} builds the same `Track` object the import's `catalog.tracks` holds for that row.
 */
export class TrackTable {
  /** Rows appended whose id an earlier row already has (import with `keepDuplicates`). */
  duplicateRows = 0;
  private readonly ids = new StringColumn();
  private readonly titles = new StringColumn();
  private readonly artistNames = new StringColumn();
  private readonly albums = new StringColumn();
  private readonly releaseDates = new DateColumn();
  private readonly genres = new StringColumn();
  private readonly idIndex = new StringIndex(this.ids);
  /** Distinct primary artists, lower-cased, for the per-artist cap. */
  private readonly artistKeys = new StringColumn();
  private readonly artistKeyIndex = new StringIndex(this.artistKeys);
  private readonly artistCount = new NumberColumn(Uint16Array);
  private readonly primaryArtist = new NumberColumn(Int32Array);
  /** Popularity of every row, NaN where absent.
   * @internal
   */
  readonly popularity = new ValueColumn();
  private readonly explicit = new NumberColumn(Int8Array);
  /** Mood label of every row, as an index into MOODS (-1 where absent).
   * @internal
   */
  readonly moods = new NumberColumn(Int8Array);
  private readonly keys = new NumberColumn(Int8Array);
  private readonly modes = new NumberColumn(Int8Array);
  private readonly timeSignatures = new NumberColumn(Int8Array);
  private readonly floats = FLOAT_FEATURES.map(() => new ValueColumn());

  /** Number of rows. */
  get size(): number {
    return this.ids.size;
  }

  /** The first row with this id, or -1. */
  rowOf(id: string): number {
    return this.idIndex.find(id);
  }

  /** Appends `row`; returns its row number. `first` is {@link rowOf} its id, when the caller already looked. */
  append(row: TrackRow, first = this.rowOf(row.id)): number {
    const r = this.ids.push(row.id);
    if (first < 0) this.idIndex.add(r);
    else this.duplicateRows++;
    this.titles.push(row.title);
    this.albums.push(row.album);
    this.releaseDates.push(row.releaseDate);
    this.genres.push(row.genre);
    this.artistNames.push(row.artists.length === 1 ? row.artists[0]! : row.artists.join(ARTIST_SEPARATOR));
    this.artistCount.push(Math.min(row.artists.length, 65535));
    const primary = row.artists[0];
    let key = -1;
    if (primary) {
      const lower = primary.toLowerCase();
      key = this.artistKeyIndex.find(lower);
      if (key < 0) {
        key = this.artistKeys.push(lower);
        this.artistKeyIndex.add(key);
      }
    }
    this.primaryArtist.push(key);
    this.popularity.push(row.popularity);
    this.explicit.push(row.explicit);
    this.moods.push(row.mood);
    this.keys.push(row.key);
    this.modes.push(row.mode);
    this.timeSignatures.push(row.timeSignature);
    for (let f = 0; f < FLOAT_FEATURES.length; f++) this.floats[f]!.push(row.floats[f]!);
    return r;
  }

  /** Feature `f` (an index into {@link FLOAT_FEATURES}) of every row, NaN where absent.
   * @internal
   */
  floatColumn(f: number): ValueColumn {
    return this.floats[f]!;
  }

  /** How many distinct primary artists (case aside) the rows name: the artist keys are 0 .. this - 1.
   * @internal
   */
  get artistKeyCount(): number {
    return this.artistKeys.size;
  }

  /** Per row, a number shared by the rows whose primary artist is the same (case aside); -1 with no artist.
   * @internal
   */
  get artistKeysOfRows(): NumberColumn {
    return this.primaryArtist;
  }

  id(r: number): string {
    return this.ids.get(r);
  }

  /** The audio features of row `r`, as `Track.features` holds them (only those present). */
  features(r: number): Partial<AudioFeatures> {
    const features: Partial<AudioFeatures> = {};
    FLOAT_FEATURES.forEach((name, f) => {
      const value = this.floats[f]!.get(r);
      if (value === value) features[name] = value;
    });
    const key = this.keys.get(r);
    if (key !== NO_KEY) features.key = key;
    const mode = this.modes.get(r);
    if (mode >= 0) features.mode = mode as 0 | 1;
    const timeSignature = this.timeSignatures.get(r);
    if (timeSignature >= 0) features.timeSignature = timeSignature;
    return features;
  }

  /** Row `r` as a `Track` object (a new one on every call). */
  track(r: number): Track {
    const id = this.ids.get(r);
    const names = this.artistNames.get(r);
    const count = this.artistCount.get(r);
    const track: Track = {
      id,
      title: this.titles.get(r),
      artists: count === 0 ? [] : count === 1 ? [names] : names.split(ARTIST_SEPARATOR),
    };
    const album = this.albums.get(r);
    if (album) track.album = album;
    const releaseDate = this.releaseDates.get(r);
    if (releaseDate) track.releaseDate = releaseDate;
    const genre = this.genres.get(r);
    if (genre) track.genre = genre;
    const popularity = this.popularity.get(r);
    if (popularity === popularity) track.popularity = popularity;
    const explicit = this.explicit.get(r);
    if (explicit >= 0) track.explicit = explicit === 1;
    const mood = this.moods.get(r);
    if (mood >= 0) track.mood = MOODS[mood];
    if (SPOTIFY_ID.test(id)) {
      track.spotifyId = id;
      track.spotifyUri = `spotify:track:${id}`;
      track.spotifyUrl = `https://open.spotify.com/track/${id}`;
    }
    const features = this.features(r);
    if (Object.keys(features).length > 0) track.features = features;
    return track;
  }

  /** Every row as a `Track`, in file order. */
  tracks(): Track[] {
    return Array.from({ length: this.size }, (_, r) => this.track(r));
  }

  /** Bytes held by the columns and indexes. */
  get byteLength(): number {
    const columns = [
      this.ids,
      this.titles,
      this.artistNames,
      this.albums,
      this.releaseDates,
      this.genres,
      this.artistKeys,
      this.artistCount,
      this.primaryArtist,
      this.popularity,
      this.explicit,
      this.moods,
      this.keys,
      this.modes,
      this.timeSignatures,
      ...this.floats,
    ];
    return columns.reduce((sum, c) => sum + c.byteLength, 0) + this.idIndex.byteLength + this.artistKeyIndex.byteLength;
  }
}
