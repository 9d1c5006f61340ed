import type { Catalog, Track } from '@moodtunes/mood-recommender';
import type { CatalogSource, FeatureSource, LoadOptions, SkippedItem } from '../contract';
import { attachFeatures, hasFeatures, type AttachOptions } from './features';

/** Options of {@link buildCatalog}. */
export interface BuildOptions extends LoadOptions, Pick<AttachOptions, 'batchSize'> {
  /** Where audio features come from; without it tracks keep whatever features the source gave. */
  features?: FeatureSource;
}

/** A built catalog and what did not make it whole. */
export interface BuiltCatalog {
  /** The tracks, features filled in where known. */
  catalog: Catalog;
  /** Entries the source left out, with the reason. */
  skipped: SkippedItem[];
  /** Tracks in the catalog that have no audio features (no source knew them). */
  missingFeatures: Track[];
}

/**
 * Loads `source` and fills in audio features from `options.features`: the one call between any
 * catalog source and `recommend()`. Progress covers both stages; an abort or failure rejects with
 * a typed error whose `partial.catalog` holds the tracks loaded so far.
 */
export async function buildCatalog(source: CatalogSource, options: BuildOptions = {}): Promise<BuiltCatalog> {
  const { catalog, skipped } = await source.load(options);
  if (!options.features) {
    const missingFeatures = catalog.tracks.filter((track) => !hasFeatures(track));
    return { catalog, skipped, missingFeatures };
  }
  const { tracks, missingFeatures } = await attachFeatures(catalog.tracks, options.features, options);
  return { catalog: { ...catalog, tracks }, skipped, missingFeatures };
}
