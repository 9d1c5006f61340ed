// The recommendation settings (strategy, mode, track count), remembered across visits.
import { DEFAULT_STRATEGY, STRATEGY_NAMES, type RecommendMode, type StrategyName } from '@moodtunes/mood-recommender';
import type { AppStore } from '../state/app-state';

export const SETTINGS_KEY = 'moodtunes.settings';

export const COUNT_RANGE = { min: 3, max: 30 };

export interface Settings {
  strategy: StrategyName;
  mode: RecommendMode;
  count: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = { strategy: DEFAULT_STRATEGY.name, mode: 'match', count: 10 };

/** Reads saved settings; each missing, unknown or out-of-range value gives its default. */
export function parseSettings(json: string | null): Settings {
  let saved: Partial<Record<keyof Settings, unknown>>;
  try {
    saved = (JSON.parse(json ?? '{}') as typeof saved | null) ?? {};
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
  return {
    strategy: STRATEGY_NAMES.includes(saved.strategy as StrategyName) ? (saved.strategy as StrategyName) : DEFAULT_SETTINGS.strategy,
    mode: saved.mode === 'uplift' ? 'uplift' : 'match',
    count: isCount(saved.count) ? saved.count : DEFAULT_SETTINGS.count,
  };
}

const isCount = (value: unknown): value is number =>
  Number.isInteger(value) && (value as number) >= COUNT_RANGE.min && (value as number) <= COUNT_RANGE.max;

/** The JSON {@link parseSettings} reads back. */
export function serializeSettings({ strategy, mode, count }: Settings): string {
  return JSON.stringify({ strategy, mode, count });
}

/** The settings saved in `storage`, or the defaults. */
export function loadSettings(storage: Storage): Settings {
  return parseSettings(storage.getItem(SETTINGS_KEY));
}

/** Saves the settings to `storage` whenever one of them changes (not on load). */
export function keepSettings(store: AppStore, storage: Storage): void {
  store.onChange(
    (s) => [s.strategy, s.mode, s.count],
    () => storage.setItem(SETTINGS_KEY, serializeSettings(store.getState())),
  );
}
