import type { SqlClient } from './sql';

/** A PGlite database with the pgvector extension, and how to close it. */
export interface PgliteClient extends SqlClient {
  /** Closes the database (and flushes a folder-backed one to disk). */
  close(): Promise<void>;
}

/**
 * Opens PGlite (WASM Postgres, the embedded default: Node and browsers, no server) with pgvector:
 * in memory, or in `dataDir` (a folder in Node, `idb://name` in browsers) to keep the catalog
 * between runs. `@electric-sql/pglite` 0.4 is an optional peer dependency: install it to use this.
 */
export async function openPglite(dataDir?: string): Promise<PgliteClient> {
  const [{ PGlite }, { vector }] = await Promise.all([import('@electric-sql/pglite'), import('@electric-sql/pglite/vector')]);
  // The options-only form: `new PGlite(undefined, options)` loads no extension (PGlite 0.4.6).
  const db = new PGlite(dataDir === undefined ? { extensions: { vector } } : { dataDir, extensions: { vector } });
  await db.waitReady;
  return db;
}
