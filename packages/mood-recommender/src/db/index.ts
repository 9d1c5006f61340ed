// `@moodtunes/mood-recommender/db`: the catalog store on Postgres + pgvector (a server through `pg`,
// or PGlite embedded). Kept out of the main entry, which stays free of dependencies.
export { CatalogStoreError } from '../errors';
export {
  CatalogStore,
  createCatalogStore,
  HNSW_MIN_TRACKS,
  type CatalogStoreOptions,
  type CreateIndexOptions,
  type IndexProgress,
  type LoadOptions,
  type LoadProgress,
  type StoreRecommendOptions,
  type StoreSearch,
} from './store';
export type { HnswIndex, IndexOps } from './hnsw';
export { openPglite, type PgliteClient } from './pglite';
export type { SqlClient } from './sql';
