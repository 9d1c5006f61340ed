// A catalog from the user's Spotify library, with audio features from Spotify or a loaded CSV.
import type { Catalog } from '@moodtunes/mood-recommender';
import {
  buildCatalog,
  combineFeatureSources,
  localFeatureSource,
  type FeatureSource,
  type Progress,
  type SpotifyAdapter,
} from '@moodtunes/spotify-adapter';
import { prepare, type LoadedCatalog } from '../catalog/load';

export type SpotifySource = 'saved' | 'playlists';

/** The most tracks one import reads (the README's “up to 2,000”). */
const TRACK_LIMIT = 2000;

export interface LibraryOptions {
  /** Features by Spotify id, e.g. a Kaggle CSV the user loaded. */
  featureCatalog?: Catalog;
  signal: AbortSignal;
  onProgress: (p: Progress) => void;
}

/** "saved tracks" or "playlists", for messages. */
export const describeSource = (source: SpotifySource): string => (source === 'saved' ? 'saved tracks' : 'playlists');

/**
 * Builds a catalog from the user's library, prepared for recommending. Audio features come from
 * Spotify's /audio-features where the app still may call it, else from `featureCatalog`. Throws
 * when no track got features.
 */
export async function loadSpotifyLibrary(spotify: SpotifyAdapter, source: SpotifySource, options: LibraryOptions): Promise<LoadedCatalog> {
  const notes: string[] = [];
  const sources: FeatureSource[] = [spotify.audioFeatures()];
  if (options.featureCatalog) sources.push(localFeatureSource(options.featureCatalog, options.featureCatalog.source ?? 'CSV'));
  const features = combineFeatureSources(sources, {
    onUnavailable: () => notes.push('Spotify’s /audio-features is closed to apps created after 2024-11-27'),
  });
  const tracks = source === 'saved' ? spotify.savedTracks() : spotify.myPlaylists();
  const { catalog, skipped, missingFeatures } = await buildCatalog(tracks, {
    features,
    limit: TRACK_LIMIT,
    signal: options.signal,
    onProgress: options.onProgress,
  });
  if (catalog.tracks.length === missingFeatures.length) {
    throw new Error(
      `${catalog.tracks.length} tracks loaded, but none has audio features${notes.length ? ` (${notes.join('; ')})` : ''}. ` +
        'Load a Kaggle CSV that lists Spotify ids (e.g. SpotifyFeatures.csv) first: its features are matched by id.',
    );
  }
  const what = describeSource(source);
  const detail = [`${catalog.tracks.length.toLocaleString('en')} tracks from your Spotify ${what}`];
  if (skipped.length) detail.push(`${skipped.length} skipped (local files, episodes, unavailable, duplicates)`);
  detail.push(...notes);
  return prepare('spotify', `Spotify ${what}`, catalog, detail);
}

/** The progress line of a library import: "tracks 150 of 320". */
export function progressText(p: Progress): string {
  const total = p.total ? ` of ${p.total.toLocaleString('en')}` : '';
  return `${p.stage === 'tracks' ? 'tracks' : 'audio features'} ${p.done.toLocaleString('en')}${total}`;
}
