// What the URL carries: ?backend=, ?model=, ?faces= and ?source=. The engine choice is written back, so a
// reload keeps it; the source is only read.
import { BUNDLED_MODELS, type BundledModel } from '@moodtunes/fer-core';
import type { AppStore, Source } from '../state/app-state';

/** What the backend switch offers: fer-core's automatic choice or one forced backend. */
export type BackendChoice = 'auto' | 'webgpu' | 'webgl' | 'wasm';
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'webgpu', 'webgl', 'wasm'];

/**
 * The face detector: fer-core's default `'auto'`, or one BlazeFace network. `?faces=short` is the
 * detector before `'auto'` existed; `pnpm measure` compares the two in one run.
 */
export type FaceChoice = 'auto' | 'short' | 'full';
const FACE_CHOICES: readonly FaceChoice[] = ['auto', 'short', 'full'];

export interface UrlState {
  backend: BackendChoice;
  model: BundledModel;
  faces: FaceChoice;
  source: Source;
  /** `?worker=0` runs the models on the main thread instead of a Web Worker (to compare the two). */
  worker: boolean;
}

/** Reads the URL's query; a missing or unknown value gives the default. */
export function parseUrlState(search: string): UrlState {
  const params = new URLSearchParams(search);
  return {
    backend: oneOf(params.get('backend'), BACKEND_CHOICES, 'auto'),
    model: oneOf(params.get('model'), BUNDLED_MODELS, 'accurate'),
    faces: oneOf(params.get('faces'), FACE_CHOICES, 'auto'),
    worker: params.get('worker') !== '0',
    source: oneOf(params.get('source'), ['camera', 'photo', 'video'] as const, 'camera'),
  };
}

/** `href` with `backend` and `model` set in its query, other parameters kept. */
export function withEngine(href: string, backend: BackendChoice, model: BundledModel): string {
  const url = new URL(href);
  url.searchParams.set('backend', backend);
  url.searchParams.set('model', model);
  return url.href;
}

/** Writes each new backend or model choice into the address bar, without a history entry. */
export function keepEngineInUrl(store: AppStore): void {
  store.onChange(
    (s) => [s.backendChoice, s.modelChoice],
    () => {
      const { backendChoice, modelChoice } = store.getState();
      history.replaceState(null, '', withEngine(location.href, backendChoice, modelChoice));
    },
  );
}

function oneOf<T extends string>(value: string | null, choices: readonly T[], fallback: T): T {
  return choices.includes(value as T) ? (value as T) : fallback;
}
