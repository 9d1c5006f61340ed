// Recommendations follow the stable mood, the settings, the catalog and the listeners' likes and
// skips, not the frames.
import { recommend, type ListenerProfile } from '@moodtunes/mood-recommender';
import { feedbackTargets } from './identity/profiles';
import { effectiveEmotion, GUEST, type AppStore } from './state/app-state';
import { messageOf } from './text';

/** Recomputes `result` now and whenever the mood, a setting, the catalog, the listeners or their feedback change. */
export function followRecommendations(store: AppStore): void {
  store.select(
    (s) => [effectiveEmotion(s), s.strategy, s.mode, s.count, s.catalog, s.listeners.join('\n'), s.profiles],
    () => {
      const state = store.getState();
      const emotion = effectiveEmotion(state);
      if (!emotion) return store.update({ result: null, resultError: null });
      const profile: ListenerProfile[] = feedbackTargets(state.listeners).map((name) =>
        name === GUEST ? (state.profiles[GUEST] ?? {}) : { ...state.profiles[name], name },
      );
      try {
        const result = recommend(emotion, state.catalog.prepared, { n: state.count, strategy: state.strategy, mode: state.mode, profile });
        store.update({ result, resultError: null });
      } catch (error) {
        store.update({ result: null, resultError: `Could not recommend from ${state.catalog.label}: ${messageOf(error)}` });
      }
    },
  );
}
