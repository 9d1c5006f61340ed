// Connects the analyzer to the store: what the backend is doing, the faces of each frame, and hints.
import type { People } from '../identity/people';
import type { AppState, AppStore, Source } from '../state/app-state';
import { Analyzer, type Analysis } from './analyzer';
import type { BackendState } from './detector';

const NO_FACE: Record<Source, string> = {
  camera: 'No face found. Face the camera in good light; the music keeps the last mood.',
  photo: 'No face found in this photo. Try one with a clear, frontal face.',
  video: 'No face in this part of the video; the music keeps the last mood.',
};

/** A new backend, a new emotion model, or both. */
export type EngineChoice = Partial<Pick<AppState, 'backendChoice' | 'modelChoice'>>;

/** An analyzer that reports its backend, its frames and its errors to `store`, and names faces with `people`. */
export function createAnalyzer(store: AppStore, people?: People): Analyzer {
  return new Analyzer(
    {
      backend: (backend) => showBackend(store, backend),
      frame: (analysis, fps) => showAnalysis(store, analysis, fps),
      error: (message) => store.update({ hint: message }),
    },
    people,
  );
}

/** Loads the detector the store's backend and model choices ask for. */
export function loadChosenEngine(store: AppStore, analyzer: Analyzer): Promise<void> {
  const { backendChoice, modelChoice, faceChoice, inWorker } = store.getState();
  return analyzer.load(backendChoice, modelChoice, faceChoice, inWorker);
}

/** Reloads the detector with a new backend or emotion model (url-state keeps the choice in the URL). */
export function switchEngine(store: AppStore, analyzer: Analyzer, patch: EngineChoice): Promise<void> {
  store.update({ ...patch, banner: null });
  return loadChosenEngine(store, analyzer);
}

/** Shows an analysed frame or photo; the detected mood keeps its last value while no face is seen. */
export function showAnalysis(store: AppStore, analysis: Analysis, fps = store.getState().fps): void {
  const state = store.getState();
  const present = [...new Set(analysis.faces.flatMap((f) => (f.name ? [f.name] : [])))].sort();
  store.update({
    analysis,
    fps,
    detected: analysis.group?.emotion ?? state.detected,
    hint: analysis.faces.length === 0 ? NO_FACE[state.source] : null,
    // Kept while no face is seen, like the mood; a new array only when the names change.
    ...(analysis.faces.length > 0 && present.join('\n') !== state.listeners.join('\n') ? { listeners: present } : {}),
  });
}

function showBackend(store: AppStore, backend: BackendState): void {
  store.update({ backend, fps: 0 });
  if (backend.status === 'failed') {
    store.update({
      banner: {
        tone: 'error',
        text: `The face models could not start on any backend (${backend.reason}). Recommendations still work: pick a mood under “Manual override”.`,
      },
    });
  } else if (backend.fallback) {
    store.update({ banner: { tone: 'warn', text: backend.fallback } });
  }
}
