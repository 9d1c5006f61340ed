// Recommendations follow the stable mood, the settings and the catalog, not the frames.
import { recommend } from '@moodtunes/mood-recommender';
import { effectiveEmotion, type AppStore } from './state/app-state';
import { messageOf } from './text';

/** Recomputes `result` now and whenever the mood, a setting or the catalog changes. */
export function followRecommendations(store: AppStore): void {
  store.select(
    (s) => [effectiveEmotion(s), s.strategy, s.mode, s.count, s.catalog],
    () => {
      const state = store.getState();
      const emotion = effectiveEmotion(state);
      if (!emotion) return store.update({ result: null, resultError: null });
      try {
        const result = recommend(emotion, state.catalog.prepared, { n: state.count, strategy: state.strategy, mode: state.mode });
        store.update({ result, resultError: null });
      } catch (error) {
        store.update({ result: null, resultError: `Could not recommend from ${state.catalog.label}: ${messageOf(error)}` });
      }
    },
  );
}
