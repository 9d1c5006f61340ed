// A catalog in Postgres with pgvector: the same recommend() as in memory, asynchronous. The database
// finds candidates in order of fit (exact scans with the query's weights); recommend then runs, as
// in memory, on those rows only, and more are fetched until no row left behind could have made
// the list. So the result equals recommend() over the whole catalog in memory.
import { EmptyCatalogError, InvalidOptionError, UnknownEmotionError } from '../errors';
import { isEmotion } from '../map/emotion-map';
import { isPreparedCatalog, prepareCatalog, preparedFromArrays, type PreparedCatalog } from '../recommend/prepare';
import { planSteps, recommend, resolveOptions, seedMean, type RecommendationResult, type RecommendOptions } from '../recommend/recommend';
import { cosine } from '../strategies/cosine';
import { knn } from '../strategies/knn';
import { EMOTIONS, MOODS, type Catalog, type Emotion, type Track } from '../types';
import { migrate, ROW_COLUMNS, run, tablesOf, type SqlClient, type Tables, type TrackRowOut } from './sql';

/** Options of {@link createCatalogStore}. */
export interface CatalogStoreOptions {
  /** Name of the store: its tables are `<table>_tracks` and `<table>_meta` (default `moodtunes`). */
  table?: string;
}

/** Progress of {@link CatalogStore.load}. */
export interface LoadProgress {
  /** Rows written so far. */
  rows: number;
  /** Rows to write. */
  total: number;
}

/** Options of {@link CatalogStore.load}. */
export interface LoadOptions {
  /** Rows per insert statement (default 2,000). */
  batchSize?: number;
  /** Called after each batch. */
  onProgress?: (progress: LoadProgress) => void;
}

/** The normalisation a store was loaded with (from `prepareCatalog`). */
interface Stats {
  dims: number;
  mean: number[];
  std: number[];
  weights: number[];
  size: number;
}

const DIMS = 8;

/**
 * Opens (and creates when missing) a catalog store on `client`: a PGlite instance with the vector
 * extension (see `openPglite`) or a `pg` `Pool`/`Client` on a Postgres server with pgvector.
 *
 * @throws {@link InvalidOptionError} for a table name that is not a plain lower-case identifier.
 * @throws {@link CatalogStoreError} when the database refuses the schema (no pgvector, no rights).
 */
export async function createCatalogStore(client: SqlClient, options: CatalogStoreOptions = {}): Promise<CatalogStore> {
  if (typeof client !== 'object' || client === null || typeof (client as { query?: unknown }).query !== 'function') {
    throw new InvalidOptionError('client', client, 'expected a database client with query(text, params): a PGlite instance or a pg Pool');
  }
  const tables = tablesOf(options.table ?? 'moodtunes');
  await migrate(client, tables, DIMS);
  return new CatalogStore(client, tables);
}

/** A catalog kept in Postgres; made by {@link createCatalogStore}. */
export class CatalogStore {
  private stats: Stats | undefined;

  /** @internal */
  constructor(
    private readonly client: SqlClient,
    private readonly tables: Tables,
  ) {}

  /**
   * Replaces the store's tracks with `catalog`'s, prepared as `prepareCatalog` prepares them (pass a
   * prepared catalog to choose its options). Rows are inserted in batches, with progress.
   */
  async load(catalog: PreparedCatalog | Catalog | readonly Track[], options: LoadOptions = {}): Promise<void> {
    const batchSize = options.batchSize ?? 2000;
    if (!(Number.isInteger(batchSize) && batchSize > 0))
      throw new InvalidOptionError('batchSize', batchSize, 'expected a positive integer');
    const prepared = isPreparedCatalog(catalog) ? catalog : prepareCatalog(catalog, { strategies: [] });
    const { tracks, meta } = this.tables;
    await run(this.client, 'empty the store', `DELETE FROM ${meta}`);
    await run(this.client, 'empty the store', `DELETE FROM ${tracks}`);
    const rows = Array.from({ length: prepared.size }, (_, i) => i).filter((i) => !prepared.repeated?.[i]);
    for (let start = 0; start < rows.length; start += batchSize) {
      const batch = rows.slice(start, start + batchSize);
      await run(
        this.client,
        `insert tracks ${start + 1}-${start + batch.length}`,
        `INSERT INTO ${tracks} (idx, id, track, vec, popularity, mood, mood_source, artist_key, imputed)
         SELECT idx, id, track::jsonb, vec::vector, popularity, mood, mood_source, artist_key, imputed
         FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::real[], $6::int2[], $7::int2[], $8::int[], $9::int2[])
           AS u(idx, id, track, vec, popularity, mood, mood_source, artist_key, imputed)`,
        [
          batch,
          batch.map((i) => prepared.track(i).id),
          batch.map((i) => JSON.stringify(prepared.track(i))),
          batch.map((i) => `[${prepared.columns.map((column) => column[i]).join(',')}]`),
          batch.map((i) => prepared.popularity[i]),
          batch.map((i) => prepared.moods[i]),
          batch.map((i) => prepared.moodSource[i]),
          batch.map((i) => prepared.artistKeys[i]),
          batch.map((i) => prepared.imputed[i]),
        ],
      );
      options.onProgress?.({ rows: start + batch.length, total: rows.length });
    }
    const stats: Stats = {
      dims: prepared.dims,
      mean: Array.from(prepared.mean),
      std: Array.from(prepared.std),
      weights: Array.from(prepared.weights),
      size: prepared.size,
    };
    // Written last: a store whose load was cut short has no stats, and says so.
    await run(this.client, 'save the catalog statistics', `INSERT INTO ${meta} (key, value) VALUES ('stats', $1::jsonb)`, [
      JSON.stringify(stats),
    ]);
    this.stats = stats;
  }

  /** Number of tracks in the store. */
  async size(): Promise<number> {
    const [row] = await run<{ n: number | string }>(this.client, 'count the tracks', `SELECT count(*) AS n FROM ${this.tables.tracks}`);
    return Number(row?.n ?? 0);
  }

  /**
   * {@link recommend} over the store: the same options and the same result (items, explanations)
   * as in memory over the catalog that was loaded. `knn` and `cosine` only.
   *
   * @throws {@link UnknownEmotionError}, {@link InvalidOptionError} as {@link recommend} does, and
   *   for a strategy other than knn or cosine.
   * @throws {@link EmptyCatalogError} when nothing was loaded (or a load was cut short).
   * @throws {@link CatalogStoreError} when the database fails.
   */
  async recommend(emotion: Emotion, options: RecommendOptions = {}): Promise<RecommendationResult> {
    if (!isEmotion(emotion)) throw new UnknownEmotionError(emotion, EMOTIONS);
    const o = resolveOptions(options);
    if (o.strategy !== knn && o.strategy !== cosine) {
      throw new InvalidOptionError('strategy', o.strategy.name, 'a catalog store runs knn and cosine');
    }
    const stats = await this.loadStats();
    const exclude = [...(options.exclude ?? [])];
    const seedIds = (options.seeds ?? []).map((s) => (typeof s === 'string' ? s : s.id));
    const rows = new Map<number, TrackRowOut>();
    for (const row of await this.rowsById(seedIds)) rows.set(row.idx, row);
    const seedView = this.view(stats, [...rows.values()], new Map());
    const seedVector = seedMean(seedView, options.seeds ?? [], new Set());
    const steps = planSteps(seedView, emotion, o, seedVector).map(({ target, want, query }) => ({
      query,
      moods: target.moods.map((m) => MOODS.indexOf(m)),
      want,
      limit: want + exclude.length + seedIds.length + 16,
      fetched: 0,
      bound: Infinity,
    }));
    const byAngle = o.strategy === cosine;
    for (;;) {
      for (const step of steps.filter((s) => s.fetched < s.limit)) {
        const found = await this.candidates(step, byAngle, o, exclude);
        for (const row of found) rows.set(row.idx, row);
        const complete = found.length < step.limit - step.fetched;
        step.fetched = step.limit;
        // The database ordered by the whole score but the jitter, in single precision: a row it
        // left behind scores at most the last one's, plus the largest jitter, plus rounding.
        step.bound = complete ? -Infinity : Number(found[found.length - 1]!.known) + o.randomness + 1e-5;
      }
      // Explained, for each pick's step; explanations are dropped again when not asked for.
      const result = recommend(emotion, this.view(stats, [...rows.values()], new Map()), { ...options, explain: true });
      // A step is settled when no row it left in the database could beat its lowest pick.
      const unsettled = steps.filter((s, i) => {
        if (s.bound === -Infinity) return false;
        const picks = result.items.filter((item) => item.explanation!.step === i);
        return picks.length < s.want || Math.min(...picks.map((p) => p.score)) <= s.bound;
      });
      if (unsettled.length > 0) {
        for (const s of unsettled) s.limit *= 4;
        continue;
      }
      // The ranking never reads the track objects: read the picks' now and give the same ranking with them.
      const picked = result.items.map((item) => item.track.id);
      const tracks = new Map((await this.tracksById(picked)).map((t) => [t.id, t]));
      return recommend(emotion, this.view(stats, [...rows.values()], tracks), options);
    }
  }

  /**
   * The next candidates of one step, best first by the whole score but the jitter (fit, popularity
   * and mood bonus, computed by the database), from an exact scan with the query's weights.
   */
  private async candidates(
    step: { query: { vector: Float64Array; weights: Float64Array }; moods: number[]; limit: number; fetched: number },
    byAngle: boolean,
    o: { popularityWeight: number; moodWeight: number },
    exclude: string[],
  ): Promise<TrackRowOut[]> {
    const scale = Array.from(step.query.weights, Math.sqrt);
    const target = Array.from(step.query.vector, (q, d) => q * scale[d]!);
    const norm = target.reduce((sum, x) => sum + x * x, 0);
    // A target with no direction has no cosine: the in-memory cosine falls back to distance, so does this.
    // A track with no direction has cosine 0 in memory; pgvector says NaN.
    const fit =
      byAngle && norm >= 1e-9
        ? `(1 - coalesce(nullif((vec * $1::vector) <=> $2::vector, 'NaN'), 1) / 2)`
        : `(1 / (1 + ((vec * $1::vector) <-> $2::vector)))`;
    return run<TrackRowOut>(
      this.client,
      'find candidate tracks',
      `SELECT ${ROW_COLUMNS},
         $3::float8 * ${fit} + $4::float8 * popularity + CASE WHEN mood = ANY($5::int2[]) THEN $6::float8 ELSE 0 END AS known
       FROM ${this.tables.tracks}
       WHERE NOT (id = ANY($7::text[]))
       ORDER BY known DESC, idx
       LIMIT $8 OFFSET $9`,
      [
        `[${scale.join(',')}]`,
        `[${target.join(',')}]`,
        1 - o.popularityWeight,
        o.popularityWeight,
        step.moods,
        o.moodWeight,
        exclude,
        step.limit - step.fetched,
        step.fetched,
      ],
    );
  }

  private async tracksById(ids: string[]): Promise<Track[]> {
    const rows = await run<{ track: string | Track }>(
      this.client,
      'read the picked tracks',
      `SELECT track FROM ${this.tables.tracks} WHERE id = ANY($1::text[])`,
      [ids],
    );
    return rows.map((row) => (typeof row.track === 'string' ? (JSON.parse(row.track) as Track) : row.track));
  }

  private async rowsById(ids: string[]): Promise<TrackRowOut[]> {
    if (ids.length === 0) return [];
    return run<TrackRowOut>(
      this.client,
      'read seed tracks',
      `SELECT ${ROW_COLUMNS} FROM ${this.tables.tracks} WHERE id = ANY($1::text[])`,
      [ids],
    );
  }

  private async loadStats(): Promise<Stats> {
    if (this.stats) return this.stats;
    const [row] = await run<{ value: Stats | string }>(
      this.client,
      'read the catalog statistics',
      `SELECT value FROM ${this.tables.meta} WHERE key = 'stats'`,
    );
    if (!row) throw new EmptyCatalogError('The catalog store holds no catalog: load() one first (or the last load was cut short)');
    this.stats = typeof row.value === 'string' ? (JSON.parse(row.value) as Stats) : row.value;
    return this.stats;
  }

  /**
   * The rows as a prepared catalog, in catalog order, each keeping the jitter of its place in the
   * whole. Rows whose track object is not in `tracks` get a stand-in with the id and the valence and
   * energy the explanation text reads (ranking reads neither).
   */
  private view(stats: Stats, rows: TrackRowOut[], tracks: ReadonlyMap<string, Track>): PreparedCatalog {
    const sorted = [...rows].sort((a, b) => a.idx - b.idx);
    const size = sorted.length;
    const columns = Array.from({ length: stats.dims }, () => new Float32Array(size));
    sorted.forEach((row, i) => {
      row.vec
        .slice(1, -1)
        .split(',')
        .forEach((x, d) => (columns[d]![i] = Number(x)));
    });
    const raw = (d: number, i: number) => (columns[d]![i]! / stats.weights[d]!) * stats.std[d]! + stats.mean[d]!;
    const objects = sorted.map(
      (row, i) => tracks.get(row.id) ?? { id: row.id, title: '', artists: [], features: { valence: raw(0, i), energy: raw(1, i) } },
    );
    return preparedFromArrays(
      {
        size,
        dims: stats.dims,
        mean: Float64Array.from(stats.mean),
        std: Float64Array.from(stats.std),
        weights: Float64Array.from(stats.weights),
        columns,
        popularity: Float32Array.from(sorted, (r) => r.popularity),
        moods: Int8Array.from(sorted, (r) => r.mood),
        moodSource: Int8Array.from(sorted, (r) => r.mood_source),
        artistKeys: Int32Array.from(sorted, (r) => r.artist_key),
        imputed: Uint8Array.from(sorted, (r) => r.imputed),
        excluded: [],
        excludedCount: 0,
        jitterKeys: Int32Array.from(sorted, (r) => r.idx),
      },
      objects,
    );
  }
}
