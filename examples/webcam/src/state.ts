// The whole UI state in one plain object (see store.ts).
import type { RecommendationResult, RecommendMode, Strategy } from '@moodtunes/mood-recommender';
import type { BundledModel } from '@moodtunes/fer-core';
import type { Analysis, BackendChoice, BackendState } from './analyzer';
import type { LoadedCatalog } from './catalogs';
import type { Emotion } from './emotions';

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
  strategy: Strategy;
  mode: RecommendMode;
  count: number;
  backendChoice: BackendChoice;
  modelChoice: BundledModel;
  backend: BackendState;
  fps: number;
  catalog: LoadedCatalog;
  catalogTask: CatalogTask | null;
  catalogMessage: { tone: 'info' | 'error'; text: string } | null;
  spotifyConnected: boolean;
  result: RecommendationResult | null;
  resultError: string | null;
}

/** The emotion the recommendations are for. */
export const effectiveEmotion = (state: AppState): Emotion | null => state.override ?? state.detected;
