// The engine's fields of the settings card (emotion model, tfjs backend with its frame rate) and the
// engine chip in the top bar.
import { BUNDLED_MODELS, type BundledModel } from '@moodtunes/fer-core';
import type { BackendState } from '../analysis/detector';
import { $, h, replaceChildren } from '../dom';
import { BACKEND_CHOICES, type BackendChoice } from '../settings/url-state';
import type { AppStore } from '../state/app-state';
import { radios } from './radios';

export interface EngineActions {
  setBackend: (choice: BackendChoice) => void;
  setModel: (choice: BundledModel) => void;
}

const MODEL_HELP: Record<BundledModel, string> = {
  accurate: 'the most accurate bundled model',
  fast: 'about 4x less work per face, a few points less accurate',
};

/** The "Emotion model" and "Backend" fields, kept up to date with the store. */
export function engineFields(store: AppStore, actions: EngineActions): HTMLElement[] {
  const model = h('div', { class: 'segmented small', role: 'radiogroup', 'aria-label': 'Emotion model', id: 'model' });
  const modelHelp = h('p', { class: 'help', id: 'model-info' });
  const backend = h('div', { class: 'segmented small', role: 'radiogroup', 'aria-label': 'Backend', id: 'backend' });
  const backendStatus = h('div', { class: 'backend-status', id: 'backend-status', 'aria-live': 'polite' });

  store.select(
    (s) => s.backendChoice,
    (value) => replaceChildren(backend, radios(BACKEND_CHOICES, value, actions.setBackend)),
  );
  store.select(
    (s) => s.modelChoice,
    (value) => replaceChildren(model, radios(BUNDLED_MODELS, value, actions.setModel)),
  );
  store.select(
    (s) => [s.modelChoice, s.backend],
    () => {
      const { modelChoice, backend: state } = store.getState();
      modelHelp.textContent =
        state.status === 'ready' && state.model === modelChoice && state.modelInfo ? state.modelInfo : MODEL_HELP[modelChoice];
    },
  );
  store.select(
    (s) => [s.backend, s.fps],
    () => {
      const { backend: state, fps } = store.getState();
      replaceChildren(backendStatus, backendLines(state, fps));
    },
  );

  return [
    h('div', { class: 'field' }, h('span', { class: 'field-label' }, 'Emotion model'), model, modelHelp),
    h('div', { class: 'field' }, h('span', { class: 'field-label' }, 'Backend'), backend, backendStatus),
  ];
}

/** Draws #engine-chip: the active backend and frame rate; its data attributes are read by the tests and the measure script. */
export function mountEngineChip(store: AppStore): void {
  const chip = $('#engine-chip');
  store.select(
    (s) => [s.backend, Math.round(s.fps * 10)],
    () => {
      const { backend: state, fps } = store.getState();
      chip.dataset.status = state.status;
      chip.dataset.backend = state.active ?? '';
      chip.dataset.threads = state.wasmThreads === undefined ? '' : String(state.wasmThreads);
      chip.dataset.fps = fps.toFixed(2);
      replaceChildren(
        chip,
        h('span', { class: 'dot', 'aria-hidden': 'true' }),
        state.status === 'loading'
          ? 'loading models…'
          : state.status === 'failed'
            ? 'models unavailable'
            : `${state.active} · ${fpsText(fps)}`,
      );
    },
  );
}

const fpsText = (fps: number) => (fps > 0 ? `${fps >= 10 ? fps.toFixed(0) : fps.toFixed(1)} fps` : '— fps');

const threadsText = (threads: number) => (threads === 1 ? '1 thread' : `${threads} threads`);

/** Why wasm runs on one thread: the page is not cross-origin isolated, or tfjs's half-the-cores rule left one. */
function singleThreadWhy(): string {
  if (!globalThis.crossOriginIsolated) {
    return 'This page is not cross-origin isolated (COOP and COEP headers), so tfjs runs its single-threaded wasm build.';
  }
  return `tfjs uses half the logical cores for wasm threads; this device reports ${navigator.hardwareConcurrency}.`;
}

function backendLines(state: BackendState, fps: number): (HTMLElement | null)[] {
  if (state.status === 'loading')
    return [h('p', {}, `Starting ${state.requested === 'auto' ? 'the best backend' : state.requested} and loading the models…`)];
  if (state.status === 'failed') {
    return [h('p', { class: 'error' }, `The face models could not start: ${state.reason}. Pick a mood by hand to keep getting music.`)];
  }
  return [
    h(
      'p',
      {},
      h('strong', { id: 'backend-active' }, state.active ?? ''),
      state.wasmThreads === undefined ? '' : h('span', { id: 'backend-threads' }, ` · ${threadsText(state.wasmThreads)}`),
      ` · ${fpsText(fps)}`,
      state.requested === 'auto' ? ' · chosen automatically' : '',
    ),
    state.wasmThreads === 1 ? h('p', { id: 'backend-threads-why' }, singleThreadWhy()) : null,
    state.fallback ? h('p', { class: 'warn', id: 'backend-fallback' }, state.fallback) : null,
    h('details', { class: 'reason' }, h('summary', {}, 'Why this backend'), h('p', {}, state.reason ?? '')),
  ];
}
