// The whole app state in one plain object, held by one Store (store.ts).
import type { BundledModel } from '@moodtunes/fer-core';
import type { ListenerProfile, RecommendationResult, RecommendMode, StrategyName } from '@moodtunes/mood-recommender';
import type { SpotifyAdapter } from '@moodtunes/spotify-adapter';
import type { Analysis } from '../analysis/analyzer';
import type { BackendState } from '../analysis/detector';
import type { LoadedCatalog } from '../catalog/load';
import type { PeopleState } from '../identity/people';
import type { Emotion } from '../emotions';
import type { Settings } from '../settings/settings';
import type { BackendChoice, FaceChoice, UrlState } from '../settings/url-state';
import type { Store } from './store';

export type Source = 'camera' | 'photo' | 'video';

/** A message over the stage that blocks it (camera problems, model failures). */
export interface Notice {
  title: string;
  text: string;
  /** What the notice's button does, if it has one. */
  action?: 'retry-camera';
}

export interface CatalogTask {
  title: string;
  progress: string;
  cancel?: () => void;
}

export interface AppState {
  source: Source;
  /** The camera view is mirrored like a selfie; boxes follow. */
  mirrored: boolean;
  notice: Notice | null;
  /** A line above the stage that stays until dismissed (e.g. a backend fell back to another). */
  banner: { tone: 'warn' | 'error'; text: string } | null;
  /** A non-blocking line at the bottom of the stage (no face found, analysing...). */
  hint: string | null;
  analysis: Analysis | null;
  /** The group's stable emotion from the last frame that had faces. */
  detected: Emotion | null;
  /** Set by the user; wins over `detected`. */
  override: Emotion | null;
  strategy: StrategyName;
  mode: RecommendMode;
  count: number;
  backendChoice: BackendChoice;
  modelChoice: BundledModel;
  /** The face detector, from `?faces=` (read once, at start). */
  faceChoice: FaceChoice;
  /** Models in a Web Worker (default) or on the main thread (`?worker=0`, read once, at start). */
  inWorker: boolean;
  backend: BackendState;
  fps: number;
  /** The catalog the recommendations come from. */
  catalog: LoadedCatalog;
  /** The latest CSV loaded: kept while another catalog is in use, since it also gives Spotify tracks their features. */
  csvCatalog: LoadedCatalog | null;
  catalogTask: CatalogTask | null;
  catalogMessage: { tone: 'info' | 'error'; text: string } | null;
  /** The logged-in Spotify client, or null when not connected. */
  spotify: SpotifyAdapter | null;
  result: RecommendationResult | null;
  resultError: string | null;
  /** Enrolled people and an enrolment in progress. */
  people: PeopleState;
  /** Enrolled people in the last frame with faces, sorted: whose likes and skips shape the list. */
  listeners: string[];
  /** Likes and skips per enrolled name, and under {@link GUEST} for whoever is not recognised (this visit only). */
  profiles: Readonly<Record<string, ListenerProfile>>;
}

/** The profile key of a listener nobody enrolled. */
export const GUEST = '';

export type AppStore = Store<AppState>;

/** The state on page load: choices from the URL and saved settings, the demo catalog, nothing detected yet. */
export function initialState(
  url: UrlState,
  settings: Settings,
  catalog: LoadedCatalog,
  people: PeopleState = { names: [], enrolment: null, problem: null },
  profiles: Record<string, ListenerProfile> = {},
): AppState {
  return {
    source: url.source,
    mirrored: true,
    notice: null,
    banner: null,
    hint: null,
    analysis: null,
    detected: null,
    override: null,
    ...settings,
    backendChoice: url.backend,
    modelChoice: url.model,
    faceChoice: url.faces,
    inWorker: url.worker,
    backend: { status: 'loading', requested: url.backend, model: url.model },
    fps: 0,
    catalog,
    csvCatalog: null,
    catalogTask: null,
    catalogMessage: null,
    spotify: null,
    result: null,
    resultError: null,
    people,
    listeners: [],
    profiles,
  };
}

/** The emotion the recommendations are for. */
export const effectiveEmotion = (state: AppState): Emotion | null => state.override ?? state.detected;
