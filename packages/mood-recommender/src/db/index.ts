// `@moodtunes/mood-recommender/db`: the catalog store on Postgres + pgvector (a server through `pg`,
// or PGlite embedded). Kept out of the main entry, which stays free of dependencies.
export { CatalogStoreError } from '../errors';
export { CatalogStore, createCatalogStore, type CatalogStoreOptions, type LoadOptions, type LoadProgress } from './store';
export { openPglite, type PgliteClient } from './pglite';
export type { SqlClient } from './sql';
