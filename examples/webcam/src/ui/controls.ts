// Strategy, mode, number of tracks, the emotion model, and the tfjs backend with its frame rate.
import { STRATEGIES, type RecommendMode, type Strategy } from '@moodtunes/mood-recommender';
import { BUNDLED_MODELS, type BundledModel } from '@moodtunes/fer-core';
import { BACKEND_CHOICES, type BackendChoice, type BackendState } from '../analyzer';
import { $, h, replaceChildren } from '../dom';
import type { AppState } from '../state';
import type { Store } from '../store';

export interface ControlActions {
  setStrategy(strategy: Strategy): void;
  setMode(mode: RecommendMode): void;
  setCount(count: number): void;
  setBackend(choice: BackendChoice): void;
  setModel(choice: BundledModel): void;
}

export const COUNT_RANGE = { min: 3, max: 30 };

const STRATEGY_HELP: Record<Strategy, string> = {
  knn: 'nearest tracks to the mood’s valence/energy target',
  kmeans: 'the clusters closest to the target, then the best tracks in them',
  cosine: 'tracks pointing the same way as the target in feature space',
};

const MODEL_HELP: Record<BundledModel, string> = {
  accurate: 'the most accurate bundled model',
  fast: 'about 4x less work per face, a few points less accurate',
};

const MODE_HELP: Record<RecommendMode, string> = {
  match: 'music that fits the mood',
  uplift: 'starts at the mood and moves toward brighter music',
};

export function mountControls(store: Store<AppState>, actions: ControlActions): void {
  const root = $('#controls');
  const strategy = h('div', { class: 'segmented small', role: 'radiogroup', 'aria-label': 'Strategy', id: 'strategy' });
  const strategyHelp = h('p', { class: 'help' });
  const mode = h('div', { class: 'segmented small', role: 'radiogroup', 'aria-label': 'Mode', id: 'mode' });
  const modeHelp = h('p', { class: 'help' });
  const countValue = h('output', { id: 'count-value', class: 'range-value' });
  const count = h('input', {
    type: 'range',
    id: 'count',
    min: COUNT_RANGE.min,
    max: COUNT_RANGE.max,
    step: 1,
    'aria-label': 'Number of tracks',
    oninput: (event: Event) => actions.setCount(Number((event.target as HTMLInputElement).value)),
  });
  const model = h('div', { class: 'segmented small', role: 'radiogroup', 'aria-label': 'Emotion model', id: 'model' });
  const modelHelp = h('p', { class: 'help', id: 'model-info' });
  const backend = h('div', { class: 'segmented small', role: 'radiogroup', 'aria-label': 'Backend', id: 'backend' });
  const backendStatus = h('div', { class: 'backend-status', id: 'backend-status', 'aria-live': 'polite' });

  replaceChildren(
    root,
    h('h2', { class: 'card-title' }, 'Settings'),
    h('div', { class: 'field' }, h('span', { class: 'field-label' }, 'Strategy'), strategy, strategyHelp),
    h('div', { class: 'field' }, h('span', { class: 'field-label' }, 'Mode'), mode, modeHelp),
    h('div', { class: 'field' }, h('span', { class: 'field-label' }, 'Tracks ', countValue), count),
    h('div', { class: 'field' }, h('span', { class: 'field-label' }, 'Emotion model'), model, modelHelp),
    h('div', { class: 'field' }, h('span', { class: 'field-label' }, 'Backend'), backend, backendStatus),
  );

  store.select(
    (s) => s.strategy,
    (value) => {
      replaceChildren(strategy, radios(STRATEGIES, value, actions.setStrategy));
      strategyHelp.textContent = STRATEGY_HELP[value];
    },
  );
  store.select(
    (s) => s.mode,
    (value) => {
      replaceChildren(mode, radios(['match', 'uplift'] as const, value, actions.setMode));
      modeHelp.textContent = MODE_HELP[value];
    },
  );
  store.select(
    (s) => s.count,
    (value) => {
      count.value = String(value);
      countValue.textContent = String(value);
    },
  );
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
      const { modelChoice, backend: state } = store.get();
      modelHelp.textContent =
        state.status === 'ready' && state.model === modelChoice && state.modelInfo ? state.modelInfo : MODEL_HELP[modelChoice];
    },
  );
  store.select(
    (s) => [s.backend, s.fps],
    () => {
      const { backend: state, fps } = store.get();
      replaceChildren(backendStatus, backendLines(state, fps));
    },
  );

  const chip = $('#engine-chip');
  store.select(
    (s) => [s.backend, Math.round(s.fps * 10)],
    () => {
      const { backend: state, fps } = store.get();
      chip.dataset.status = state.status;
      chip.dataset.backend = state.active ?? '';
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

function radios<T extends string>(values: readonly T[], current: T, pick: (value: T) => void): HTMLElement[] {
  return values.map((value) =>
    h(
      'button',
      {
        type: 'button',
        role: 'radio',
        'aria-checked': String(value === current),
        class: value === current ? 'active' : '',
        'data-value': value,
        onclick: () => pick(value),
      },
      value,
    ),
  );
}

const fpsText = (fps: number) => (fps > 0 ? `${fps >= 10 ? fps.toFixed(0) : fps.toFixed(1)} fps` : '— fps');

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
      ` · ${fpsText(fps)}`,
      state.requested === 'auto' ? ' · chosen automatically' : '',
    ),
    state.fallback ? h('p', { class: 'warn', id: 'backend-fallback' }, state.fallback) : null,
    h('details', { class: 'reason' }, h('summary', {}, 'Why this backend'), h('p', {}, state.reason ?? '')),
  ];
}
