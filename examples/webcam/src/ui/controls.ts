// The settings card: strategy, mode and number of tracks, then the engine's fields (engine.ts).
import { STRATEGIES, STRATEGY_NAMES, type RecommendMode, type StrategyName } from '@moodtunes/mood-recommender';
import { h, $, replaceChildren } from '../dom';
import { COUNT_RANGE } from '../settings/settings';
import type { AppStore } from '../state/app-state';
import { engineFields, type EngineActions } from './engine';
import { radios } from './radios';

export interface ControlActions extends EngineActions {
  setStrategy: (strategy: StrategyName) => void;
  setMode: (mode: RecommendMode) => void;
  setCount: (count: number) => void;
}

const MODE_HELP: Record<RecommendMode, string> = {
  match: 'music that fits the mood',
  uplift: 'starts at the mood and moves toward brighter music',
};

/** Draws the settings card into #controls; each control calls its action. */
export function mountControls(store: AppStore, actions: ControlActions): void {
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

  replaceChildren(
    $('#controls'),
    h('h2', { class: 'card-title' }, 'Settings'),
    h('div', { class: 'field' }, h('span', { class: 'field-label' }, 'Strategy'), strategy, strategyHelp),
    h('div', { class: 'field' }, h('span', { class: 'field-label' }, 'Mode'), mode, modeHelp),
    h('div', { class: 'field' }, h('span', { class: 'field-label' }, 'Tracks ', countValue), count),
    engineFields(store, actions),
  );

  store.select(
    (s) => s.strategy,
    (value) => {
      replaceChildren(strategy, radios(STRATEGY_NAMES, value, actions.setStrategy));
      strategyHelp.textContent = STRATEGIES[value].description;
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
}
