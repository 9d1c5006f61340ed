// The profile experiment of the README: after 10 likes of calm tracks and 10 skips of energetic
// ones, how much of the next list is calm? Pure: tracks and seeds in, shares out.
import { recommend } from '../../src/recommend/recommend';
import { prepareCatalog } from '../../src/recommend/prepare';
import { hashUnit } from '../../src/recommend/random';
import type { Emotion, Mood, Track } from '../../src/types';

/** One run: the calm and energetic shares of the list before and after the feedback. */
export interface ProfileEffect {
  seed: number;
  emotion: Emotion;
  before: { calm: number; energetic: number };
  after: { calm: number; energetic: number };
}

/** `count` tracks of `mood`, drawn by `seed` (a seeded shuffle of the labelled tracks). */
function draw(tracks: readonly Track[], mood: Mood, count: number, seed: number): string[] {
  return tracks
    .filter((t) => t.mood === mood)
    .map((t, i) => ({ id: t.id, key: hashUnit(seed, i) }))
    .sort((a, b) => a.key - b.key)
    .slice(0, count)
    .map((t) => t.id);
}

/**
 * For each seed and emotion: the list of `n` before any feedback, then with a profile that liked
 * `likes` calm tracks and skipped `skips` energetic ones (drawn by the seed), same jitter seed.
 * Shares count the tracks' own mood labels.
 */
export function profileEffect(
  tracks: readonly Track[],
  {
    seeds,
    emotions,
    n = 20,
    likes = 10,
    skips = 10,
  }: { seeds: readonly number[]; emotions: readonly Emotion[]; n?: number; likes?: number; skips?: number },
): ProfileEffect[] {
  const prepared = prepareCatalog(tracks);
  const moodById = new Map(tracks.map((t) => [t.id, t.mood]));
  const shares = (ids: string[]) => ({
    calm: ids.filter((id) => moodById.get(id) === 'calm').length / ids.length,
    energetic: ids.filter((id) => moodById.get(id) === 'energetic').length / ids.length,
  });
  return seeds.flatMap((seed) =>
    emotions.map((emotion) => {
      const profile = { liked: draw(tracks, 'calm', likes, seed), skipped: draw(tracks, 'energetic', skips, seed + 1000) };
      const before = recommend(emotion, prepared, { n, seed, explain: false }).items.map((i) => i.track.id);
      const after = recommend(emotion, prepared, { n, seed, explain: false, profile }).items.map((i) => i.track.id);
      return { seed, emotion, before: shares(before), after: shares(after) };
    }),
  );
}
