// Likes and skips per enrolled person, kept in localStorage beside the gallery; the guest's (anyone
// not recognised) live for this visit only.
import { recordFeedback, type FeedbackAction, type ListenerProfile } from '@moodtunes/mood-recommender';
import { GUEST, type AppStore } from '../state/app-state';

const PROFILES_KEY = 'moodtunes.profiles';

/** The saved profiles; anything unreadable gives none (a profile is easy to rebuild, a crash is not). */
export function loadProfiles(storage: Storage): Record<string, ListenerProfile> {
  try {
    const saved = JSON.parse(storage.getItem(PROFILES_KEY) ?? '{}') as unknown;
    if (typeof saved !== 'object' || saved === null || Array.isArray(saved)) return {};
    return Object.fromEntries(
      Object.entries(saved as Record<string, ListenerProfile>).filter(
        ([name, p]) =>
          name !== GUEST &&
          typeof p === 'object' &&
          p !== null &&
          [p.liked, p.skipped].every((ids) => ids === undefined || Array.isArray(ids)),
      ),
    );
  } catch {
    return {};
  }
}

/** Whose list a like or skip is about: the recognised people in view, else the guest. */
export const feedbackTargets = (listeners: readonly string[]): string[] => (listeners.length > 0 ? [...listeners] : [GUEST]);

/** Records a like or skip for everyone the current list is for, and saves the named profiles. */
export function giveFeedback(store: AppStore, storage: Storage, trackId: string, action: FeedbackAction): void {
  const { profiles, listeners } = store.getState();
  const next = { ...profiles };
  for (const name of feedbackTargets(listeners)) next[name] = recordFeedback(next[name] ?? {}, trackId, action);
  store.update({ profiles: next });
  saveProfiles(storage, next);
}

/** Deletes the likes and skips of one person (or of everyone enrolled). */
export function forgetProfiles(store: AppStore, storage: Storage, name?: string): void {
  const { profiles } = store.getState();
  const guest = profiles[GUEST];
  const next: Record<string, ListenerProfile> = name === undefined ? (guest ? { [GUEST]: guest } : {}) : { ...profiles };
  if (name !== undefined) delete next[name];
  store.update({ profiles: next, listeners: store.getState().listeners.filter((n) => name !== undefined && n !== name) });
  saveProfiles(storage, next);
}

function saveProfiles(storage: Storage, profiles: Readonly<Record<string, ListenerProfile>>): void {
  const named = Object.fromEntries(Object.entries(profiles).filter(([name]) => name !== GUEST));
  if (Object.keys(named).length === 0) storage.removeItem(PROFILES_KEY);
  else storage.setItem(PROFILES_KEY, JSON.stringify(named));
}
