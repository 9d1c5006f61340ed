import {
  DuplicateTrackIdError,
  EmptyCatalogError,
  InvalidCatalogError,
  InvalidFeatureError,
  InvalidOptionError,
  MissingFeaturesError,
  MoodRecommenderError,
} from '../errors';
import type { MoodClassifier } from '../classify/mood-classifier';
import { describeRange, FEATURE_RANGES, inRange, type RangedValue, type ValueRange } from '../feature-ranges';
import { MOODS, type AudioFeatures, type Catalog, type Track } from '../types';
import type { ValueColumn } from '../catalog/string-column';
import { FLOAT_FEATURES, type TrackTable } from '../catalog/track-table';
import { tableOf } from '../load/import';
import { DEFAULT_STRATEGY, resolveStrategy, type StrategyName } from '../strategies/builtin';
import { strategyIndex, type Strategy } from '../strategies/strategy';

/** The audio features recommendation works on, in the order of a prepared vector's dimensions. */
export const VECTOR_FEATURES = [
  'valence',
  'energy',
  'danceability',
  'acousticness',
  'tempo',
  'loudness',
  'instrumentalness',
  'speechiness',
] as const satisfies readonly (keyof AudioFeatures)[];

/** One of {@link VECTOR_FEATURES}. */
export type VectorFeature = (typeof VECTOR_FEATURES)[number];

/** Features every strategy needs: a track without them cannot be placed on the circumplex. */
export const REQUIRED_FEATURES = ['valence', 'energy'] as const satisfies readonly VectorFeature[];

/** Default dimension weights: valence and energy carry the emotion, so they count double. */
export const DEFAULT_FEATURE_WEIGHTS: Readonly<Record<VectorFeature, number>> = {
  valence: 2,
  energy: 2,
  danceability: 1,
  acousticness: 1,
  tempo: 0.5,
  loudness: 0.5,
  instrumentalness: 0.5,
  speechiness: 0.5,
};

/** Progress of {@link prepareCatalog}. */
export interface PrepareProgress {
  /** The stage running: the feature vectors, or a strategy's index (named by `strategy`). */
  stage: 'vectors' | 'strategy';
  /** The strategy being prepared, in the `strategy` stage. */
  strategy?: string;
  /** 0..1 within the stage. */
  fraction: number;
}

/** Options of {@link prepareCatalog}. */
export interface PrepareOptions {
  /**
   * Strategies (or built-in names) whose indexes are built now (default: the default strategy). Any
   * other strategy builds its index on its first `recommend` call, once per prepared catalog; list
   * it here to pay that cost up front (k-means takes about 3 s at 1M tracks).
   */
  strategies?: readonly (Strategy | StrategyName)[];
  /** Per-dimension weights (defaults: {@link DEFAULT_FEATURE_WEIGHTS}). */
  weights?: Partial<Record<VectorFeature, number>>;
  /**
   * `'skip'` (default): tracks without valence or energy are left out and listed in
   * `prepared.excluded`. `'throw'`: a {@link MissingFeaturesError} instead.
   */
  missingFeatures?: 'skip' | 'throw';
  /**
   * Several usable tracks with the same id. `'skip'` (default): the first is the one recommend
   * returns, seeds with and excludes; the others are never returned and are listed in
   * `prepared.duplicates`. `'throw'`: a {@link DuplicateTrackIdError} naming the ids instead (this
   * checks the ids during preparation; otherwise they are indexed on the first query).
   */
  duplicateIds?: 'skip' | 'throw';
  /** Labels tracks that have no `mood` (e.g. {@link loadDefaultMoodClassifier}()). */
  classifier?: MoodClassifier;
  /** Called as each stage advances. */
  onProgress?: (progress: PrepareProgress) => void;
}

/**
 * A catalog ready for many {@link recommend} calls: tracks' features as weighted z-score vectors
 * (missing optional features imputed with the catalog mean), popularity, mood labels, an id index
 * and the strategies' indexes. Build it with {@link prepareCatalog}; call `dispose()` to drop its arrays.
 */
export interface PreparedCatalog {
  /**
   * Kept tracks; every per-track array below is index-aligned with it. For an imported catalog the
   * `Track` objects are built on first read (about 1 KB each): {@link track} builds one.
   */
  readonly tracks: readonly Track[];
  /** Kept track `i` (for an imported catalog, built from its table on each call). */
  track(i: number): Track;
  /** Number of kept tracks. */
  readonly size: number;
  /** Number of vector dimensions (see {@link VECTOR_FEATURES}). */
  readonly dims: number;
  /** Per-dimension mean and standard deviation of the raw features (for z-scores). */
  readonly mean: Float64Array;
  /** Per-dimension standard deviation of the raw features. */
  readonly std: Float64Array;
  /** Per-dimension weights applied to the z-scores. */
  readonly weights: Float64Array;
  /** Weighted z-scores, one array of `size` per dimension (columnar: a query reads only the dimensions it needs). */
  readonly columns: readonly Float32Array[];
  /** Popularity 0..1 (catalog median when unknown). */
  readonly popularity: Float32Array;
  /** Index into {@link MOODS}, -1 when unknown; `moodSource` 1 = from data, 2 = from the classifier. */
  readonly moods: Int8Array;
  /** Where each mood label came from: 0 none, 1 the data, 2 the classifier. */
  readonly moodSource: Int8Array;
  /** Primary artist id per track (for the per-artist cap). */
  readonly artistKeys: Int32Array;
  /** Number of optional features imputed per track. */
  readonly imputed: Uint8Array;
  /**
   * Track id to index (of the first track with that id). Built, with {@link duplicates}, on first
   * use: the first `recommend` call, not during preparation (about 0.5 s at 1M tracks).
   */
  readonly idIndex: TrackIdIndex;
  /**
   * Per track, 1 when an earlier track has the same id (never returned); `undefined` when ids are
   * unique. Built with {@link idIndex}.
   * @internal
   */
  readonly repeated: Uint8Array | undefined;
  /**
   * The strategies' indexes, built once each (see {@link strategyIndex}).
   * @internal
   */
  readonly indexes: Map<Strategy, unknown>;
  /**
   * Per track, the number its jitter is drawn for, when not its index: a catalog store hands
   * `recommend` a few candidate rows at a time, each keeping the jitter of its place in the whole.
   * @internal
   */
  readonly jitterKeys?: Int32Array;
  /** Tracks left out for missing valence/energy (first 1,000 listed) and their total. */
  readonly excluded: readonly {
    /** The track's id. */
    id: string;
    /** Which of valence and energy it lacks. */
    missing: VectorFeature[];
  }[];
  /** Total tracks left out for missing valence or energy. */
  readonly excludedCount: number;
  /**
   * Tracks that repeat the id of an earlier track (first 1,000 listed): they stay in the arrays
   * (so `size` counts them) but are never returned. Built with {@link idIndex}.
   */
  readonly duplicates: readonly {
    /** The repeated id. */
    id: string;
    /** Position of the repeating track in {@link tracks}. */
    index: number;
  }[];
  /** Total tracks that repeat an earlier id. */
  readonly duplicateCount: number;
  /** Whether `dispose()` was called. */
  readonly disposed: boolean;
  /** Releases the arrays; later queries throw. */
  dispose(): void;
}

/**
 * Prepares a catalog once for many queries: normalises features, indexes ids, labels moods and
 * clusters with k-means.
 *
 * @throws {@link InvalidCatalogError} when `catalog` is not a catalog or a track is malformed (not
 *   an object, no string id, `artists` not an array); a track without `artists` is fine.
 * @throws {@link EmptyCatalogError} when no track is left.
 * @throws {@link MissingFeaturesError} when `missingFeatures: 'throw'` and a track lacks valence/energy.
 * @throws {@link DuplicateTrackIdError} when `duplicateIds: 'throw'` and an id occurs twice.
 * @throws {@link InvalidFeatureError} when a feature or the popularity is outside its range in
 *   {@link FEATURE_RANGES}, which would otherwise skew the normalisation of the whole catalog silently.
 */
export function prepareCatalog(catalog: Catalog | readonly Track[], opts: PrepareOptions = {}): PreparedCatalog {
  const table = typeof catalog === 'object' && catalog !== null && !Array.isArray(catalog) ? tableOf(catalog as Catalog) : undefined;
  const source = table ? tableSource(table, opts) : trackSource(catalogTracks(catalog), opts);
  const strategies = (opts.strategies ?? [DEFAULT_STRATEGY]).map((s) => resolveStrategy(s, 'strategies'));
  const weights = resolveWeights(opts.weights);
  const progress = opts.onProgress;
  const { size, excluded, excludedCount } = source;
  const dims = VECTOR_FEATURES.length;
  const { mean, std } = source.stats();
  const columns = Array.from({ length: dims }, () => new Float32Array(size));
  const imputed = new Uint8Array(size);
  const raw = new Float64Array(size);
  for (let d = 0; d < dims; d++) {
    source.feature(d, raw);
    const column = columns[d]!;
    const m = mean[d]!;
    const sd = std[d]!;
    const w = weights[d]!;
    for (let i = 0; i < size; i++) {
      const value = raw[i]!;
      if (value !== value) imputed[i]!++;
      column[i] = value === value ? ((value - m) / sd) * w : 0;
    }
    progress?.({ stage: 'vectors', fraction: (d + 1) / (dims + 1) });
  }
  const popularity = new Float32Array(size);
  const known = source.popularity();
  const medianPopularity = medianPopularityOf(known);
  for (let i = 0; i < size; i++) popularity[i] = (known[i]! === known[i]! ? known[i]! : medianPopularity) / 100;
  const { moods, moodSource } = source.moods(opts.classifier);
  const artistKeys = source.artistKeys();
  progress?.({ stage: 'vectors', fraction: 1 });

  // Indexing ids costs about a third of the rest of preparation at 1M tracks, so unless asked to
  // check them now it waits for the first query (which needs it anyway).
  const ids = opts.duplicateIds === 'throw' ? source.ids() : undefined;
  if (ids && ids.count > 0) throw new DuplicateTrackIdError([...new Set(ids.duplicates.map((d) => d.id))].slice(0, 100), ids.count);

  const state = assemble(
    { size, dims, mean, std, weights, columns, popularity, moods, moodSource, artistKeys, imputed, excluded, excludedCount },
    source,
    ids,
  );
  for (const strategy of strategies) {
    strategyIndex(state, strategy, (fraction) => progress?.({ stage: 'strategy', strategy: strategy.name, fraction }));
  }
  return state;
}

/** The arrays of a prepared catalog, index-aligned with its tracks. */
export type PreparedArrays = Pick<
  PreparedCatalog,
  | 'size'
  | 'dims'
  | 'mean'
  | 'std'
  | 'weights'
  | 'columns'
  | 'popularity'
  | 'moods'
  | 'moodSource'
  | 'artistKeys'
  | 'imputed'
  | 'excluded'
  | 'excludedCount'
  | 'jitterKeys'
>;

/** A prepared catalog over `arrays`, its tracks and ids read from `source`. */
function assemble(arrays: PreparedArrays, source: Pick<TrackSource, 'track' | 'tracks' | 'ids'>, known?: IdIndex): PreparedCatalog {
  let ids = known;
  let disposed = false;
  let tracks: readonly Track[] | undefined;
  const state = {
    ...arrays,
    indexes: new Map<Strategy, unknown>(),
    track: (i: number): Track => source.track(i),
    get tracks(): readonly Track[] {
      return (tracks ??= source.tracks());
    },
    get idIndex(): TrackIdIndex {
      return (ids ??= source.ids()).index;
    },
    get repeated() {
      return (ids ??= source.ids()).repeated;
    },
    get duplicates() {
      return (ids ??= source.ids()).duplicates;
    },
    get duplicateCount() {
      return (ids ??= source.ids()).count;
    },
    get disposed() {
      return disposed;
    },
    dispose() {
      disposed = true;
      ids = undefined;
      tracks = [];
      state.indexes.clear();
      Object.assign(state, { columns: [], popularity: new Float32Array(0), track: () => undefined });
    },
  };
  return state;
}

/**
 * A prepared catalog made of given arrays and tracks, already normalised (a catalog store's rows):
 * no checks, no strategy index built.
 * @internal
 */
export function preparedFromArrays(arrays: PreparedArrays, tracks: readonly Track[]): PreparedCatalog {
  return assemble(arrays, { track: (i) => tracks[i]!, tracks: () => tracks, ids: () => indexIds(tracks.map((t) => t.id)) });
}

/** Looks track ids up: the index of the first kept track with that id. */
export interface TrackIdIndex {
  /** The index of the first kept track with this id, or `undefined`. */
  get(id: string): number | undefined;
  /** Whether a kept track has this id. */
  has(id: string): boolean;
}

/** Where `prepareCatalog` reads tracks from: Track objects, or an imported catalog's table. */
interface TrackSource {
  /** Tracks kept (with valence and energy). */
  size: number;
  excluded: { id: string; missing: VectorFeature[] }[];
  excludedCount: number;
  stats(): { mean: Float64Array; std: Float64Array };
  /** Writes raw feature `VECTOR_FEATURES[d]` of every kept track into `out`, NaN where absent. */
  feature(d: number, out: Float64Array): void;
  /** Raw popularity of every kept track, NaN where absent. */
  popularity(): Float64Array;
  moods(classifier: MoodClassifier | undefined): { moods: Int8Array; moodSource: Int8Array };
  /** Per kept track, a number shared by tracks with the same primary artist (case aside); unique when none. */
  artistKeys(): Int32Array;
  ids(): IdIndex;
  track(i: number): Track;
  tracks(): readonly Track[];
}

/** Options checked, tracks without valence or energy set aside (or refused). */
function splitMissing(
  count: number,
  hasBoth: (t: number) => boolean,
  describe: (t: number) => { id: string; missing: VectorFeature[] },
  opts: PrepareOptions,
): { kept: Int32Array; excluded: { id: string; missing: VectorFeature[] }[]; excludedCount: number } {
  checkChoice('missingFeatures', opts.missingFeatures, ['skip', 'throw']);
  checkChoice('duplicateIds', opts.duplicateIds, ['skip', 'throw']);
  const kept = new Int32Array(count);
  let size = 0;
  const excluded: { id: string; missing: VectorFeature[] }[] = [];
  let excludedCount = 0;
  for (let t = 0; t < count; t++) {
    if (hasBoth(t)) {
      kept[size++] = t;
      continue;
    }
    const { id, missing } = describe(t);
    if (opts.missingFeatures === 'throw')
      throw new MissingFeaturesError(`Track ${JSON.stringify(id)} has no ${missing.join(' or ')}`, [id], missing);
    excludedCount++;
    if (excluded.length < 1000) excluded.push({ id, missing });
  }
  if (size === 0) {
    throw new MissingFeaturesError(
      `None of the ${count} tracks has both valence and energy, which every strategy needs`,
      excluded.slice(0, 100).map((e) => e.id),
      [...REQUIRED_FEATURES],
    );
  }
  return { kept: kept.subarray(0, size), excluded, excludedCount };
}

/** Mean and standard deviation per dimension, over the values that are not NaN. */
function statsOf(feature: (d: number, out: Float64Array) => void, size: number): { mean: Float64Array; std: Float64Array } {
  const dims = VECTOR_FEATURES.length;
  const mean = new Float64Array(dims);
  const std = new Float64Array(dims);
  const raw = new Float64Array(size);
  for (let d = 0; d < dims; d++) {
    feature(d, raw);
    let sum = 0;
    let sumSq = 0;
    let count = 0;
    for (let i = 0; i < size; i++) {
      const value = raw[i]!;
      if (value !== value) continue;
      sum += value;
      sumSq += value * value;
      count++;
    }
    mean[d] = count > 0 ? sum / count : 0;
    const variance = count > 1 ? sumSq / count - mean[d]! ** 2 : 0;
    // A constant (or absent) feature gets unit scale so it neither divides by zero nor dominates.
    std[d] = variance > 1e-12 ? Math.sqrt(variance) : 1;
  }
  return { mean, std };
}

/** The part of a {@link TrackSource} that follows from its kept tracks and how to read a feature. */
function columnsOf(
  split: { excluded: TrackSource['excluded']; excludedCount: number },
  size: number,
  feature: TrackSource['feature'],
): Pick<TrackSource, 'size' | 'excluded' | 'excludedCount' | 'stats' | 'feature'> {
  return { size, excluded: split.excluded, excludedCount: split.excludedCount, stats: () => statsOf(feature, size), feature };
}

function trackSource(all: readonly unknown[], opts: PrepareOptions): TrackSource {
  if (all.length === 0) throw new EmptyCatalogError('The catalog has no tracks');
  const checked = all as readonly Track[];
  const split = splitMissing(
    checked.length,
    (t) => {
      const track = all[t];
      checkTrack(track, t);
      checkFeatureRanges(track);
      return isFiniteNumber(track.features?.valence) && isFiniteNumber(track.features.energy);
    },
    (t) => ({ id: checked[t]!.id, missing: REQUIRED_FEATURES.filter((f) => !isFiniteNumber(checked[t]!.features?.[f])) }),
    opts,
  );
  const tracks = Array.from(split.kept, (t) => checked[t]!);
  const size = tracks.length;
  const vectors = new Float64Array(size * VECTOR_FEATURES.length);
  const vector = new Float64Array(VECTOR_FEATURES.length);
  for (let i = 0; i < size; i++) {
    readVector(tracks[i]!.features!, vector);
    vectors.set(vector, i * VECTOR_FEATURES.length);
  }
  return {
    ...columnsOf(split, size, (d, out) => {
      for (let i = 0; i < size; i++) out[i] = vectors[i * VECTOR_FEATURES.length + d]!;
    }),
    popularity: () => Float64Array.from(tracks, (t) => (isFiniteNumber(t.popularity) ? t.popularity : NaN)),
    moods(classifier) {
      const moods = new Int8Array(size).fill(-1);
      const moodSource = new Int8Array(size);
      tracks.forEach((track, i) => {
        if (track.mood) {
          moods[i] = MOODS.indexOf(track.mood);
          moodSource[i] = 1;
        } else if (classifier) {
          moods[i] = MOODS.indexOf(classifier.predict(track.features!).mood);
          moodSource[i] = 2;
        }
      });
      return { moods, moodSource };
    },
    artistKeys() {
      const keys = new Int32Array(size);
      const byName = new Map<string, number>();
      let next = 0;
      tracks.forEach((track, i) => {
        // A track with no artist named is nobody's: it gets a key of its own, so the per-artist cap
        // does not lump all such tracks together.
        const primary = track.artists?.[0];
        let key = primary ? byName.get(primary.toLowerCase()) : undefined;
        if (key === undefined) {
          key = next++;
          if (primary) byName.set(primary.toLowerCase(), key);
        }
        keys[i] = key;
      });
      return keys;
    },
    ids: () => indexIds(tracks.map((t) => t.id)),
    track: (i) => tracks[i]!,
    tracks: () => tracks,
  };
}

/** Feature `VECTOR_FEATURES[d]` as a column of the table. */
const TABLE_COLUMN = VECTOR_FEATURES.map((name) => FLOAT_FEATURES.indexOf(name));

function tableSource(table: TrackTable, opts: PrepareOptions): TrackSource {
  if (table.size === 0) throw new EmptyCatalogError('The catalog has no tracks');
  const valence = table.floatColumn(TABLE_COLUMN[0]!);
  const energy = table.floatColumn(TABLE_COLUMN[1]!);
  const present = (column: ValueColumn, r: number) => !Number.isNaN(column.get(r));
  const split = splitMissing(
    table.size,
    (r) => present(valence, r) && present(energy, r),
    (r) => ({ id: table.id(r), missing: REQUIRED_FEATURES.filter((_, f) => !present(f === 0 ? valence : energy, r)) }),
    opts,
  );
  const rows = split.kept;
  const size = rows.length;
  return {
    ...columnsOf(split, size, (d, out) => {
      const column = table.floatColumn(TABLE_COLUMN[d]!);
      for (let i = 0; i < size; i++) out[i] = column.get(rows[i]!);
    }),
    popularity: () => Float64Array.from(rows, (r) => table.popularity.get(r)),
    moods(classifier) {
      const moods = new Int8Array(size).fill(-1);
      const moodSource = new Int8Array(size);
      for (let i = 0; i < size; i++) {
        const mood = table.moods.get(rows[i]!);
        if (mood >= 0) {
          moods[i] = mood;
          moodSource[i] = 1;
        } else if (classifier) {
          moods[i] = MOODS.indexOf(classifier.predict(table.features(rows[i]!)).mood);
          moodSource[i] = 2;
        }
      }
      return { moods, moodSource };
    },
    artistKeys() {
      const keys = new Int32Array(size);
      const primary = table.artistKeysOfRows;
      let next = table.artistKeyCount;
      for (let i = 0; i < size; i++) {
        const key = primary.get(rows[i]!);
        keys[i] = key >= 0 ? key : next++;
      }
      return keys;
    },
    ids() {
      // With one row per id (what import keeps by default) the table's own index answers.
      if (table.duplicateRows > 0) return indexIds(Array.from(rows, (r) => table.id(r)));
      const indexOf = new Int32Array(table.size).fill(-1);
      rows.forEach((r, i) => (indexOf[r] = i));
      const get = (id: string) => {
        const r = table.rowOf(id);
        return r >= 0 && indexOf[r]! >= 0 ? indexOf[r] : undefined;
      };
      return { index: { get, has: (id) => get(id) !== undefined }, repeated: undefined, duplicates: [], count: 0 };
    },
    track: (i) => table.track(rows[i]!),
    tracks: () => Array.from(rows, (r) => table.track(r)),
  };
}

interface IdIndex {
  index: TrackIdIndex;
  repeated: Uint8Array | undefined;
  duplicates: { id: string; index: number }[];
  count: number;
}

/** Indexes ids; a track whose id an earlier one has is marked `repeated`. */
function indexIds(ids: readonly string[]): IdIndex {
  const index = new Map<string, number>();
  let repeated: Uint8Array | undefined;
  const duplicates: { id: string; index: number }[] = [];
  let count = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (!index.has(id)) {
      index.set(id, i);
      continue;
    }
    (repeated ??= new Uint8Array(ids.length))[i] = 1;
    count++;
    if (duplicates.length < 1000) duplicates.push({ id, index: i });
  }
  return { index, repeated, duplicates, count };
}

/** Whether `value` is a prepared catalog rather than a catalog or an array of tracks. */
export function isPreparedCatalog(value: unknown): value is PreparedCatalog {
  return typeof value === 'object' && value !== null && 'columns' in value && 'idIndex' in value;
}

/** Throws when `prepared` was disposed. */
export function assertUsable(prepared: PreparedCatalog): void {
  if (prepared.disposed) throw new MoodRecommenderError('This prepared catalog was disposed');
}

/**
 * Reads the {@link VECTOR_FEATURES} of `f` into `out`, in that order, NaN where a feature is not a
 * finite number. Named reads on purpose: reading `f[VECTOR_FEATURES[d]]` in a loop makes the
 * property access megamorphic, which cost about 0.4 s per pass at 1M tracks.
 */
function readVector(f: Partial<AudioFeatures>, out: Float64Array): void {
  out[0] = finiteOrNaN(f.valence);
  out[1] = finiteOrNaN(f.energy);
  out[2] = finiteOrNaN(f.danceability);
  out[3] = finiteOrNaN(f.acousticness);
  out[4] = finiteOrNaN(f.tempo);
  out[5] = finiteOrNaN(f.loudness);
  out[6] = finiteOrNaN(f.instrumentalness);
  out[7] = finiteOrNaN(f.speechiness);
}

function finiteOrNaN(value: unknown): number {
  return isFiniteNumber(value) ? value : NaN;
}

function resolveWeights(overrides: PrepareOptions['weights'] = {}): Float64Array {
  return Float64Array.from(VECTOR_FEATURES, (name) => {
    const w = overrides[name] ?? DEFAULT_FEATURE_WEIGHTS[name];
    if (!(Number.isFinite(w) && w >= 0)) throw new InvalidOptionError(`weights.${name}`, w, 'expected a finite number >= 0');
    return w;
  });
}

/** The tracks of a catalog argument, which must be a `Catalog` or an array of tracks. */
function catalogTracks(catalog: unknown): readonly unknown[] {
  if (Array.isArray(catalog)) return catalog;
  const tracks = (catalog as { tracks?: unknown } | null | undefined)?.tracks;
  if (typeof catalog === 'object' && catalog !== null && Array.isArray(tracks)) return tracks;
  throw new InvalidCatalogError(
    `Expected a catalog ({ tracks: [...] }), an array of tracks or a prepared catalog; got ${describeValue(catalog)}` +
      (typeof catalog === 'object' && catalog !== null ? ' (its tracks are not an array)' : ''),
  );
}

function checkTrack(track: unknown, index: number): asserts track is Track {
  if (typeof track !== 'object' || track === null) {
    throw new InvalidCatalogError(`Track ${index} of the catalog is ${describeValue(track)}, not a track object`, index);
  }
  const { id, artists } = track as { id?: unknown; artists?: unknown };
  if (typeof id !== 'string' || id === '') {
    throw new InvalidCatalogError(`Track ${index} of the catalog has id ${describeValue(id)}; expected a non-empty string`, index);
  }
  if (artists !== undefined && !(Array.isArray(artists) && (artists.length === 0 || typeof artists[0] === 'string'))) {
    throw new InvalidCatalogError(
      `Track ${JSON.stringify(id)} has artists ${describeValue(artists)}; expected an array of names (or none)`,
      index,
    );
  }
}

/** A short description of a value for messages: `null`, `"text"`, `7`, `an array`, `a function`. */
function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 40));
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' || value == null) return String(value);
  if (Array.isArray(value)) return 'an array';
  return `a${typeof value === 'object' ? 'n' : ''} ${typeof value}`;
}

/**
 * Checks every value of {@link FEATURE_RANGES}. Spelled out, not a loop over the table's names,
 * for the same reason as {@link readVector}; a test checks that each entry of the table is checked.
 */
function checkFeatureRanges(track: Track): void {
  const f = track.features;
  const r = FEATURE_RANGES;
  if (f) {
    checkRange(track, 'valence', f.valence, r.valence);
    checkRange(track, 'energy', f.energy, r.energy);
    checkRange(track, 'danceability', f.danceability, r.danceability);
    checkRange(track, 'acousticness', f.acousticness, r.acousticness);
    checkRange(track, 'instrumentalness', f.instrumentalness, r.instrumentalness);
    checkRange(track, 'speechiness', f.speechiness, r.speechiness);
    checkRange(track, 'liveness', f.liveness, r.liveness);
    checkRange(track, 'tempo', f.tempo, r.tempo);
    checkRange(track, 'loudness', f.loudness, r.loudness);
    checkRange(track, 'key', f.key, r.key);
    checkRange(track, 'mode', f.mode, r.mode);
    checkRange(track, 'durationMs', f.durationMs, r.durationMs);
    checkRange(track, 'timeSignature', f.timeSignature, r.timeSignature);
  }
  checkRange(track, 'popularity', track.popularity, r.popularity);
}

function checkRange(track: Track, name: RangedValue, value: unknown, range: ValueRange): void {
  if (isFiniteNumber(value) && !inRange(value, range)) throw new InvalidFeatureError(track.id, name, value, describeRange(range));
}

function checkChoice(name: string, value: unknown, choices: readonly string[]): void {
  if (value !== undefined && !choices.includes(value as string)) {
    throw new InvalidOptionError(name, value, `expected one of ${choices.join(', ')}`);
  }
}

/** `true` for finite numbers (not NaN, not Infinity, not strings). */
export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Median of the known popularities (integers 0..100, so a histogram, not a sort); 50 when none. */
function medianPopularityOf(popularity: Float64Array): number {
  const histogram = new Float64Array(101);
  let known = 0;
  for (const p of popularity) {
    if (p !== p) continue;
    histogram[Math.min(100, Math.max(0, Math.round(p)))]!++;
    known++;
  }
  if (known === 0) return 50;
  let seen = 0;
  for (let p = 0; p <= 100; p++) {
    seen += histogram[p]!;
    if (seen * 2 >= known) return p;
  }
  return 50;
}
