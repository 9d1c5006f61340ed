// The database side of a catalog store: the client shape both drivers share, the schema, and the
// statements. Table names are checked, values always go as parameters.
import { CatalogStoreError, InvalidOptionError } from '../errors';

/**
 * What a catalog store needs of a database connection: `query(text, params)` resolving to
 * `{ rows }`. A PGlite instance (with the `vector` extension) and a `pg` `Pool` or `Client` both
 * have it as they are.
 */
export interface SqlClient {
  /** Runs one statement with `$1`-style parameters. */
  query<Row = Record<string, unknown>>(
    text: string,
    params?: unknown[],
  ): Promise<{
    /** The rows the statement returned, one object per row keyed by column name. */
    rows: Row[];
  }>;
}

/** A lower-case SQL identifier: letters, digits and `_`, starting with a letter, at most 48 characters. */
const IDENTIFIER = /^[a-z][a-z0-9_]{0,47}$/;

/** The two tables of a store named `name`. */
export interface Tables {
  tracks: string;
  meta: string;
}

export function tablesOf(name: unknown): Tables {
  if (typeof name !== 'string' || !IDENTIFIER.test(name)) {
    throw new InvalidOptionError('table', name, 'expected a lower-case SQL identifier (letters, digits, _; at most 48 characters)');
  }
  return { tracks: `${name}_tracks`, meta: `${name}_meta` };
}

/** Runs one statement; a database error becomes a {@link CatalogStoreError} naming what was being done. */
export async function run<Row>(client: SqlClient, doing: string, text: string, params?: unknown[]): Promise<Row[]> {
  try {
    return (await client.query<Row>(text, params)).rows;
  } catch (error) {
    throw new CatalogStoreError(`The catalog store could not ${doing}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

/** Creates the extension and both tables when missing. Each track row holds the prepared vector. */
export async function migrate(client: SqlClient, tables: Tables, dims: number): Promise<void> {
  await run(client, 'create the vector extension (is pgvector installed?)', 'CREATE EXTENSION IF NOT EXISTS vector');
  await run(
    client,
    `create the table ${tables.tracks}`,
    `CREATE TABLE IF NOT EXISTS ${tables.tracks} (
      idx integer PRIMARY KEY,
      id text NOT NULL UNIQUE,
      track jsonb NOT NULL,
      vec vector(${dims}) NOT NULL,
      popularity real NOT NULL,
      mood smallint NOT NULL,
      mood_source smallint NOT NULL,
      artist_key integer NOT NULL,
      imputed smallint NOT NULL
    )`,
  );
  // For a mood side of an HNSW search that few tracks have: the planner reads them by this index
  // and sorts them, instead of walking the graph past every other track or scanning the table.
  await run(client, `index the moods of ${tables.tracks}`, `CREATE INDEX IF NOT EXISTS ${tables.tracks}_mood ON ${tables.tracks} (mood)`);
  await run(
    client,
    `create the table ${tables.meta}`,
    `CREATE TABLE IF NOT EXISTS ${tables.meta} (key text PRIMARY KEY, value jsonb NOT NULL)`,
  );
}

/** One track row as the queries return it (`track` only where asked for). */
export interface TrackRowOut {
  idx: number;
  id: string;
  track?: string | Record<string, unknown>;
  vec: string;
  popularity: number;
  mood: number;
  mood_source: number;
  artist_key: number;
  imputed: number;
  /** The score without the jitter, as the candidate query ordered by (absent for rows fetched by id). */
  known?: number;
}

/** Every column a candidate needs for ranking; the track object itself is read for the picks only. */
export const ROW_COLUMNS = 'idx, id, vec::text AS vec, popularity, mood, mood_source, artist_key, imputed';
