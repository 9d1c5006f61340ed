import { InvalidOptionError } from '../errors';
import type { RecommendMode } from '../map/emotion-map';
import type { PreparedCatalog } from './prepare';

/**
 * What one listener liked and skipped, as plain data the app keeps (with a face-id gallery, per
 * enrolled person). {@link recordFeedback} updates it; {@link recommend} takes it as `profile`.
 */
export interface ListenerProfile {
  /** Who this is (a face-id name), for the result's `listeners`. */
  name?: string;
  /** Track ids the listener liked, oldest first: the list leans toward them, and does not repeat them. */
  liked?: readonly string[];
  /** Track ids the listener skipped, oldest first: the list leans away from them, and never returns them. */
  skipped?: readonly string[];
  /** The mode this listener prefers when a call does not pass `mode`. */
  mode?: RecommendMode;
}

/** A listener's reaction to a track. */
export type FeedbackAction = 'like' | 'skip';

/** Most ids kept per list by {@link recordFeedback}; the oldest go first. */
export const PROFILE_MEMORY = 500;

/**
 * The profile after one like or skip: the id moves to the end of that list and leaves the other
 * (a liked track skipped later counts as skipped). Pure: the input is not changed.
 *
 * @throws {@link InvalidOptionError} for an empty id or an unknown action.
 */
export function recordFeedback(profile: ListenerProfile, trackId: string, action: FeedbackAction): ListenerProfile {
  if (typeof trackId !== 'string' || trackId === '') throw new InvalidOptionError('trackId', trackId, 'expected a non-empty track id');
  if (action !== 'like' && action !== 'skip') throw new InvalidOptionError('action', action, "expected 'like' or 'skip'");
  const without = (ids: readonly string[] | undefined) => (ids ?? []).filter((id) => id !== trackId);
  const add = (ids: readonly string[] | undefined) => [...without(ids), trackId].slice(-PROFILE_MEMORY);
  return action === 'like'
    ? { ...profile, liked: add(profile.liked), skipped: without(profile.skipped) }
    : { ...profile, skipped: add(profile.skipped), liked: without(profile.liked) };
}

/** Checks the `profile` option: one profile or several (people in the same frame). */
export function resolveProfiles(value: unknown): readonly ListenerProfile[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  list.forEach((p, i) => {
    const where = list.length > 1 ? `profile[${i}]` : 'profile';
    if (typeof p !== 'object' || p === null) throw new InvalidOptionError(where, p, 'expected { liked?, skipped?, mode?, name? }');
    const { liked, skipped, mode, name } = p as Record<string, unknown>;
    for (const [key, ids] of [
      ['liked', liked],
      ['skipped', skipped],
    ] as const) {
      if (ids !== undefined && !(Array.isArray(ids) && ids.every((id) => typeof id === 'string'))) {
        throw new InvalidOptionError(`${where}.${key}`, ids, 'expected an array of track ids');
      }
    }
    if (mode !== undefined && mode !== 'match' && mode !== 'uplift')
      throw new InvalidOptionError(`${where}.mode`, mode, 'expected match or uplift');
    if (name !== undefined && typeof name !== 'string') throw new InvalidOptionError(`${where}.name`, name, 'expected a string');
  });
  return list as ListenerProfile[];
}

/** The mode the listeners prefer: theirs when all who state one agree, else undefined. */
export function profileMode(profiles: readonly ListenerProfile[]): RecommendMode | undefined {
  const modes = new Set(profiles.map((p) => p.mode).filter((m) => m !== undefined));
  return modes.size === 1 ? [...modes][0] : undefined;
}

/** Where the listeners' likes and skips sit in the catalog's weighted z-space, and what they block. */
export interface ProfileTuning {
  /** Mean of each listener's liked tracks, averaged over the listeners who have any (each counts once). */
  pull?: Float64Array;
  /** The same for skipped tracks. */
  push?: Float64Array;
  /** The listeners' names (those that have one). */
  names: string[];
  /** Liked and skipped ids found in the catalog. */
  likes: number;
  skips: number;
}

/**
 * The tuning for `profiles` on catalog `p`, adding every liked and skipped track to `blocked`.
 * Ids not in the catalog (a track from another catalog) are left out.
 */
export function profileTuning(p: PreparedCatalog, profiles: readonly ListenerProfile[], blocked: Set<number>): ProfileTuning {
  const tuning: ProfileTuning = { names: profiles.flatMap((q) => (q.name ? [q.name] : [])), likes: 0, skips: 0 };
  const centre = (key: 'liked' | 'skipped'): Float64Array | undefined => {
    const perListener: Float64Array[] = [];
    for (const profile of profiles) {
      const indices = (profile[key] ?? []).map((id) => p.idIndex.get(id)).filter((i) => i !== undefined);
      for (const i of indices) blocked.add(i);
      if (key === 'liked') tuning.likes += indices.length;
      else tuning.skips += indices.length;
      if (indices.length === 0) continue;
      const mean = new Float64Array(p.dims);
      for (const i of indices) for (let d = 0; d < p.dims; d++) mean[d]! += p.columns[d]![i]! / indices.length;
      perListener.push(mean);
    }
    if (perListener.length === 0) return undefined;
    return perListener.reduce((sum, m) => sum.map((x, d) => x + m[d]! / perListener.length), new Float64Array(p.dims));
  };
  const pull = centre('liked');
  const push = centre('skipped');
  if (pull) tuning.pull = pull;
  if (push) tuning.push = push;
  return tuning;
}
