// A catalog in Postgres with pgvector: the same recommend() as in memory, asynchronous. The database
// finds candidates in order of fit (exact scans with the query's weights); recommend then runs, as
// in memory, on those rows only, and more are fetched until no row left behind could have made
// the list. So the result equals recommend() over the whole catalog in memory.
import { EmptyCatalogError, InvalidOptionError, UnknownEmotionError } from '../errors';
import { DEFAULT_EMOTION_MAPPING, isEmotion, type EmotionMapping } from '../map/emotion-map';
import { isPreparedCatalog, prepareCatalog, preparedFromArrays, type PreparedCatalog } from '../recommend/prepare';
import { profileTuning } from '../recommend/profile';
import { planSteps, recommend, resolveOptions, seedMean, type RecommendationResult, type RecommendOptions } from '../recommend/recommend';
import { cosine } from '../strategies/cosine';
import { knn } from '../strategies/knn';
import { EMOTIONS, MOODS, type Catalog, type Emotion, type Track } from '../types';
import { buildIndex, dropIndex, indexedVector, indexName, mappingMasks, queryMask, type HnswIndex } from './hnsw';
import { migrate, ROW_COLUMNS, run, tablesOf, type SqlClient, type Tables, type TrackRowOut } from './sql';

/** Options of {@link createCatalogStore}. */
export interface CatalogStoreOptions {
  /** Name of the store: its tables are `<table>_tracks` and `<table>_meta` (default `moodtunes`). */
  table?: string;
  /**
   * Candidates an HNSW search keeps in view (pgvector's `hnsw.ef_search`; default 100). A session
   * setting: the store sets it on its client before its first HNSW query. With a `pg` `Pool`, whose
   * queries may go to any of its connections, give every connection the setting instead
   * (`options: '-c hnsw.ef_search=100 -c hnsw.iterative_scan=relaxed_order'`).
   */
  efSearch?: number;
}

/**
 * Size from which `search: 'auto'` uses the HNSW indexes (when built) instead of exact scans:
 * below it an exact scan is as fast and exact (measured in PGlite, see the README's benchmarks).
 */
export const HNSW_MIN_TRACKS = 50_000;

/** How {@link CatalogStore.recommend} finds candidates. */
export type StoreSearch = 'auto' | 'exact' | 'hnsw';

/** Options of {@link CatalogStore.recommend}: those of `recommend`, and how to search. */
export interface StoreRecommendOptions extends RecommendOptions {
  /**
   * `exact`: full scans, the same result as `recommend` in memory. `hnsw`: the HNSW indexes of
   * {@link CatalogStore.createIndex} (approximate: recall@40 measured in the README), falling back
   * to an exact scan for a query no index covers (one with seeds). `auto` (default): `hnsw` when
   * the indexes are built and the store holds at least {@link HNSW_MIN_TRACKS} tracks, else `exact`.
   */
  search?: StoreSearch;
}

/** Options of {@link CatalogStore.createIndex}. */
export interface CreateIndexOptions {
  /** Strategies to index for (default both: knn needs L2 indexes, cosine cosine ones). */
  strategies?: readonly ('knn' | 'cosine')[];
  /** The mapping whose targets will be queried (default the package's): one index per feature set its targets name. */
  mapping?: EmotionMapping;
  /** HNSW graph degree (default 16). */
  m?: number;
  /** Candidates kept while building (default 64). */
  efConstruction?: number;
  /** Postgres `maintenance_work_mem` for the build (default `1GB`): the build is fast while the graph fits. */
  maintenanceWorkMem?: string;
  /**
   * Build with Postgres's parallel maintenance workers (default false). A server with spare cores
   * builds faster with them; PGlite cannot start them and fails.
   */
  parallel?: boolean;
  /** Called after each index is built. */
  onProgress?: (progress: IndexProgress) => void;
}

/** Progress of {@link CatalogStore.createIndex}. */
export interface IndexProgress {
  /** Indexes built so far. */
  built: number;
  /** Indexes to build. */
  total: number;
  /** Name of the index just built. */
  index: string;
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
  /** Called after each HNSW index is rebuilt (a load keeps the indexes the store had). */
  onIndexProgress?: (progress: IndexProgress) => void;
}

/** The normalisation a store was loaded with (from `prepareCatalog`). */
interface Stats {
  dims: number;
  mean: number[];
  std: number[];
  weights: number[];
  size: number;
}

/** One candidate stream of a step: an exact scan ordered by score, or an HNSW scan of one mood side ordered by distance. */
interface Stream {
  kind: 'exact' | 'hnsw';
  /** For HNSW: whether this stream holds the tracks of the step's moods (which get the mood bonus) or the others. */
  moodIn: boolean;
  limit: number;
  fetched: number;
  /** Whether the stream gave every row it has. */
  complete: boolean;
  /** Exact streams: the highest score a row left in the database can have. */
  bound: number;
}

const DIMS = 8;

/**
 * Opens (and creates when missing) a catalog store on `client`: a PGlite instance with the vector
 * extension (see `openPglite`) or a `pg` `Pool`/`Client` on a Postgres server with pgvector.
 *
 * @throws `InvalidOptionError` for a table name that is not a plain lower-case identifier.
 * @throws {@link CatalogStoreError} when the database refuses the schema (no pgvector, no rights).
 */
export async function createCatalogStore(client: SqlClient, options: CatalogStoreOptions = {}): Promise<CatalogStore> {
  if (typeof client !== 'object' || client === null || typeof (client as { query?: unknown }).query !== 'function') {
    throw new InvalidOptionError('client', client, 'expected a database client with query(text, params): a PGlite instance or a pg Pool');
  }
  const tables = tablesOf(options.table ?? 'moodtunes');
  const efSearch = options.efSearch ?? 100;
  if (!(Number.isInteger(efSearch) && efSearch >= 1 && efSearch <= 1000))
    throw new InvalidOptionError('efSearch', efSearch, 'expected an integer in 1..1000');
  await migrate(client, tables, DIMS);
  return new CatalogStore(client, tables, efSearch);
}

/** A catalog kept in Postgres; made by {@link createCatalogStore}. */
export class CatalogStore {
  private stats: Stats | undefined;
  private hnswSession = false;

  /** @internal */
  constructor(
    private readonly client: SqlClient,
    private readonly tables: Tables,
    private readonly efSearch: number,
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
    // Inserting into an HNSW index row by row is slow: drop them, and build them again at the end.
    const indexes = await this.indexes();
    for (const index of indexes) await dropIndex(this.client, tracks, index);
    await run(this.client, 'empty the store', `DELETE FROM ${meta} WHERE key = 'stats'`);
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
    // Without statistics the planner guesses that a mood matches 0.5 % of rows and scans the whole
    // table for one mood side instead of using its HNSW index (measured: 17 ms against 1.7 ms at 50,000).
    await run(this.client, 'analyze the loaded tracks', `ANALYZE ${tracks}`);
    // Written last: a store whose load was cut short has no stats, and says so.
    await run(this.client, 'save the catalog statistics', `INSERT INTO ${meta} (key, value) VALUES ('stats', $1::jsonb)`, [
      JSON.stringify(stats),
    ]);
    this.stats = stats;
    if (indexes.length > 0) await this.buildIndexes(indexes, {}, options.onIndexProgress);
  }

  /**
   * Builds HNSW indexes for approximate search: one per strategy and per feature set the mapping's
   * targets name (three for the default mapping, so six for both strategies). Slow in PGlite
   * (about 45 s each at 200,000 tracks here); a later `load` rebuilds them.
   */
  async createIndex(options: CreateIndexOptions = {}): Promise<void> {
    const strategies = options.strategies ?? ['knn', 'cosine'];
    if (!(Array.isArray(strategies) && strategies.length > 0 && strategies.every((s) => s === 'knn' || s === 'cosine'))) {
      throw new InvalidOptionError('strategies', strategies, 'expected a non-empty list of knn and cosine');
    }
    const masks = mappingMasks(options.mapping ?? DEFAULT_EMOTION_MAPPING);
    const wanted = strategies.flatMap((s) => masks.map((mask): HnswIndex => ({ mask, ops: s === 'knn' ? 'l2' : 'cosine' })));
    const have = await this.indexes();
    const added = wanted.filter((w) => !have.some((h) => h.mask === w.mask && h.ops === w.ops));
    await this.buildIndexes([...have, ...added], options, options.onProgress);
  }

  private async buildIndexes(
    all: HnswIndex[],
    options: CreateIndexOptions,
    onProgress: ((progress: IndexProgress) => void) | undefined,
  ): Promise<void> {
    const m = options.m ?? 16;
    const efConstruction = options.efConstruction ?? 64;
    if (!(Number.isInteger(m) && m >= 2 && m <= 100)) throw new InvalidOptionError('m', m, 'expected an integer in 2..100');
    if (!(Number.isInteger(efConstruction) && efConstruction >= 2 * m && efConstruction <= 1000)) {
      throw new InvalidOptionError('efConstruction', efConstruction, 'expected an integer in 2m..1000');
    }
    const maintenanceWorkMem = options.maintenanceWorkMem ?? '1GB';
    if (!/^\d+\s*(kB|MB|GB)$/.test(maintenanceWorkMem)) {
      throw new InvalidOptionError('maintenanceWorkMem', maintenanceWorkMem, "expected a size such as '1GB' or '512MB'");
    }
    // Listed indexes missing from the database (a load cut short after dropping them) are built too.
    const present = new Set(
      (
        await run<{ indexname: string }>(this.client, 'list the indexes', `SELECT indexname FROM pg_indexes WHERE tablename = $1`, [
          this.tables.tracks,
        ])
      ).map((row) => row.indexname),
    );
    const missing = all.filter((index) => !present.has(indexName(this.tables.tracks, index)));
    let built = 0;
    for (const index of missing) {
      await buildIndex(this.client, this.tables.tracks, index, {
        m,
        efConstruction,
        maintenanceWorkMem,
        parallel: options.parallel ?? false,
      });
      built++;
      onProgress?.({ built, total: missing.length, index: indexName(this.tables.tracks, index) });
    }
    // Recorded after the builds: an index cut short is not listed, and the next createIndex builds it.
    await run(
      this.client,
      'record the HNSW indexes',
      `INSERT INTO ${this.tables.meta} (key, value) VALUES ('hnsw', $1::jsonb) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      [JSON.stringify(all)],
    );
  }

  /** The HNSW indexes the store has built (empty when none). */
  async indexes(): Promise<HnswIndex[]> {
    const [row] = await run<{ value: HnswIndex[] | string }>(
      this.client,
      'read the HNSW index list',
      `SELECT value FROM ${this.tables.meta} WHERE key = 'hnsw'`,
    );
    if (!row) return [];
    return typeof row.value === 'string' ? (JSON.parse(row.value) as HnswIndex[]) : row.value;
  }

  /** Number of tracks in the store. */
  async size(): Promise<number> {
    const [row] = await run<{ n: number | string }>(this.client, 'count the tracks', `SELECT count(*) AS n FROM ${this.tables.tracks}`);
    return Number(row?.n ?? 0);
  }

  /**
   * `recommend` over the store: the same options and the same result (items, explanations)
   * as in memory over the catalog that was loaded (with `search: 'exact'`, or `auto` below
   * {@link HNSW_MIN_TRACKS}). `knn` and `cosine` only.
   *
   * @throws `UnknownEmotionError`, `InvalidOptionError` as `recommend` does, and
   *   for a strategy other than knn or cosine.
   * @throws `EmptyCatalogError` when nothing was loaded (or a load was cut short).
   * @throws {@link CatalogStoreError} when the database fails.
   */
  async recommend(emotion: Emotion, options: StoreRecommendOptions = {}): Promise<RecommendationResult> {
    if (!isEmotion(emotion)) throw new UnknownEmotionError(emotion, EMOTIONS);
    const { search = 'auto', ...recommendOptions } = options;
    if (search !== 'auto' && search !== 'exact' && search !== 'hnsw') {
      throw new InvalidOptionError('search', search, 'expected auto, exact or hnsw');
    }
    const o = resolveOptions(recommendOptions);
    if (o.strategy !== knn && o.strategy !== cosine) {
      throw new InvalidOptionError('strategy', o.strategy.name, 'a catalog store runs knn and cosine');
    }
    const stats = await this.loadStats();
    const byAngle = o.strategy === cosine;
    const indexes =
      search === 'exact' || (search === 'auto' && stats.size < HNSW_MIN_TRACKS)
        ? []
        : (await this.indexes()).filter((index) => index.ops === (byAngle ? 'cosine' : 'l2'));
    // A listener's liked and skipped tracks are never returned, so the database skips them too.
    const profileIds = o.profiles.flatMap((p) => [...(p.liked ?? []), ...(p.skipped ?? [])]);
    const exclude = [...(options.exclude ?? []), ...profileIds];
    const seedIds = (options.seeds ?? []).map((s) => (typeof s === 'string' ? s : s.id));
    const rows = new Map<number, TrackRowOut>();
    for (const row of await this.rowsById([...seedIds, ...profileIds])) rows.set(row.idx, row);
    const seedView = this.view(stats, [...rows.values()], new Map());
    const seedVector = seedMean(seedView, options.seeds ?? [], new Set());
    const tuning = o.profiles.length > 0 ? profileTuning(seedView, o.profiles, new Set()) : undefined;
    const blocked = exclude.length + seedIds.length;
    const steps = planSteps(seedView, emotion, o, seedVector, tuning).map(({ target, want, query }) => {
      const mask = queryMask(query.weights);
      const indexed = mask !== undefined && indexes.some((index) => index.mask === mask);
      // HNSW is approximate all the same: each mood side gives as many nearest rows as the in-memory
      // search first asks its strategy for, and more only when the picks fall short.
      const streams: Stream[] = indexed
        ? [true, false].map((moodIn) => ({
            kind: 'hnsw' as const,
            moodIn,
            limit: Math.max(4 * want, 64) + blocked,
            fetched: 0,
            complete: false,
            bound: Infinity,
          }))
        : [{ kind: 'exact', moodIn: false, limit: want + blocked + 16, fetched: 0, complete: false, bound: Infinity }];
      return { query, mask, moods: target.moods.map((m) => MOODS.indexOf(m)), want, streams };
    });
    if (steps.some((step) => step.streams[0]!.kind === 'hnsw')) await this.startHnswSession();
    for (;;) {
      for (const step of steps) {
        for (const stream of step.streams.filter((s) => s.fetched < s.limit)) {
          const found =
            stream.kind === 'exact'
              ? await this.candidates(step, stream, byAngle, o, exclude)
              : await this.nearest(step, stream, byAngle, o.popularityWeight, exclude);
          for (const row of found) rows.set(row.idx, row);
          stream.complete = found.length < stream.limit - (stream.kind === 'exact' ? stream.fetched : 0);
          stream.fetched = stream.limit;
          // The database ordered by the whole score but the jitter, in single precision: a row it
          // left behind scores at most the last one's, plus the largest jitter, plus rounding.
          if (stream.kind === 'exact' && !stream.complete) stream.bound = Number(found[found.length - 1]!.known) + o.randomness + 1e-5;
        }
      }
      // Explained, for each pick's step; explanations are dropped again when not asked for.
      const result = recommend(emotion, this.view(stats, [...rows.values()], new Map()), { ...recommendOptions, explain: true });
      // A step is settled when it has its picks and, searching exactly, no row left in the
      // database could beat its lowest pick.
      const unsettled = steps.filter((step, i) => {
        const open = step.streams.filter((s) => !s.complete);
        if (open.length === 0) return false;
        const picks = result.items.filter((item) => item.explanation!.step === i);
        if (picks.length < step.want) return true;
        return open.some((s) => s.kind === 'exact' && Math.min(...picks.map((p) => p.score)) <= s.bound);
      });
      if (unsettled.length > 0) {
        for (const step of unsettled) for (const stream of step.streams) if (!stream.complete) stream.limit *= 4;
        continue;
      }
      // The ranking never reads the track objects: read the picks' now and give the same ranking with them.
      const picked = result.items.map((item) => item.track.id);
      const tracks = new Map((await this.tracksById(picked)).map((t) => [t.id, t]));
      return recommend(emotion, this.view(stats, [...rows.values()], tracks), recommendOptions);
    }
  }

  /**
   * The next candidates of one step, best first by the whole score but the jitter (fit, popularity
   * and mood bonus, computed by the database), from an exact scan with the query's weights.
   */
  private async candidates(
    step: { query: { vector: Float64Array; weights: Float64Array }; moods: number[] },
    stream: Stream,
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
        stream.limit - stream.fetched,
        stream.fetched,
      ],
    );
  }

  /**
   * The best rows of one mood side of a step by the HNSW index of its feature mask (`known` is
   * what the index orders by). Asked again from the start with a larger limit: an iterative index
   * scan cannot be resumed at an offset.
   */
  private async nearest(
    step: { query: { vector: Float64Array }; mask: string | undefined; moods: number[] },
    stream: Stream,
    byAngle: boolean,
    popularityWeight: number,
    exclude: string[],
  ): Promise<TrackRowOut[]> {
    const mask = step.mask!;
    const target = Array.from({ length: mask.length }, (_, d) => (mask[d] === '1' ? step.query.vector[d]! : 0));
    const norm = Math.hypot(...target);
    // A target with no direction has no cosine: ranked by distance, as the exact scan does, without an index.
    const ops = byAngle && norm ** 2 >= 1e-9 ? 'cosine' : 'l2';
    const query = ops === 'cosine' ? [...target.map((x) => ((1 - popularityWeight) / 2) * (x / norm)), popularityWeight, 0] : target;
    const order = `${indexedVector({ mask, ops })} <-> $1::vector`;
    return run<TrackRowOut>(
      this.client,
      'find nearest tracks',
      `SELECT ${ROW_COLUMNS}, ${order} AS known
       FROM ${this.tables.tracks}
       WHERE NOT (id = ANY($2::text[])) AND (mood = ANY($3::int2[])) = $4
       ORDER BY ${order}
       LIMIT $5`,
      [`[${query.join(',')}]`, exclude, step.moods, stream.moodIn, stream.limit],
    );
  }

  private async startHnswSession(): Promise<void> {
    if (this.hnswSession) return;
    // relaxed_order: a filtered scan (one mood side, excluded ids) goes on past ef_search until it has its rows.
    await run(this.client, 'set up HNSW search (pgvector 0.8 or later)', `SET hnsw.ef_search = ${this.efSearch}`);
    await run(this.client, 'set up HNSW search (pgvector 0.8 or later)', `SET hnsw.iterative_scan = relaxed_order`);
    this.hnswSession = true;
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
