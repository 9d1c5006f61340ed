// Listener profiles: likes pull the list toward them, skips push it away and never come back,
// several listeners share one list; on the real data_moods.csv catalog.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  InvalidOptionError,
  PROFILE_MEMORY,
  prepareCatalog,
  recommend,
  recordFeedback,
  type PreparedCatalog,
  type Track,
} from '../src/index';
import { readCatalogFile } from '../src/node';
import { profileEffect } from '../scripts/lib/profile-effect';
import { DATA_MOODS } from './paths';

let tracks: readonly Track[];
let prepared: PreparedCatalog;
beforeAll(async () => {
  tracks = (await readCatalogFile(DATA_MOODS)).catalog.tracks;
  prepared = prepareCatalog(tracks);
});

describe('recordFeedback', () => {
  it('moves an id to the end of its list and out of the other, without changing the input', () => {
    const start = { name: 'ada', liked: ['a', 'b'], skipped: ['c'] };
    const liked = recordFeedback(start, 'c', 'like');
    expect(liked).toEqual({ name: 'ada', liked: ['a', 'b', 'c'], skipped: [] });
    expect(recordFeedback(liked, 'a', 'skip')).toEqual({ name: 'ada', liked: ['b', 'c'], skipped: ['a'] });
    expect(recordFeedback(liked, 'a', 'like').liked).toEqual(['b', 'c', 'a']);
    expect(start).toEqual({ name: 'ada', liked: ['a', 'b'], skipped: ['c'] });
    expect(recordFeedback({}, 'x', 'skip')).toEqual({ liked: [], skipped: ['x'] });
  });

  it(`keeps the ${PROFILE_MEMORY} most recent ids of a list`, () => {
    let profile = {};
    for (let i = 0; i < PROFILE_MEMORY + 5; i++) profile = recordFeedback(profile, `t${i}`, 'skip');
    const { skipped } = profile as { skipped: string[] };
    expect(skipped).toHaveLength(PROFILE_MEMORY);
    expect(skipped[0]).toBe('t5');
  });

  it('refuses an empty id or an unknown action', () => {
    expect(() => recordFeedback({}, '', 'like')).toThrow(InvalidOptionError);
    expect(() => recordFeedback({}, 'a', 'love' as never)).toThrow(/'like' or 'skip'/);
  });
});

describe('recommend with a profile', () => {
  const ids = (mood: string, count: number, from = 0) =>
    tracks
      .filter((t) => t.mood === mood)
      .slice(from, from + count)
      .map((t) => t.id);

  it('after 10 calm likes and 10 energetic skips the next 20 hold more calm tracks, for every seed', () => {
    const runs = profileEffect(tracks, { seeds: [1, 2, 3, 4, 5], emotions: ['neutral', 'angry', 'sad'] });
    for (const run of runs) {
      expect(run.after.calm, `${run.emotion} seed ${run.seed}`).toBeGreaterThan(run.before.calm);
      expect(run.after.energetic).toBeLessThanOrEqual(run.before.energetic);
    }
  });

  it('never returns a skipped or liked track, says whose list it is, and explains it', () => {
    const base = recommend('angry', prepared, { n: 20 });
    const skipped = base.items.slice(0, 10).map((i) => i.track.id);
    const liked = ids('calm', 5);
    const result = recommend('angry', prepared, { n: 20, profile: { name: 'ada', liked, skipped } });
    const returned = result.items.map((i) => i.track.id);
    for (const id of [...skipped, ...liked]) expect(returned).not.toContain(id);
    expect(result.listeners).toEqual({ names: ['ada'], likes: 5, skips: 10 });
    expect(result.items[0]!.explanation!.text).toMatch(/Tuned to the listener's likes and skips \(ada\)\.$/);
    expect(base.listeners).toBeUndefined();
  });

  it('takes the preferred mode unless the call passes one', () => {
    expect(recommend('sad', prepared, { n: 10, profile: { mode: 'uplift' } }).mode).toBe('uplift');
    expect(recommend('sad', prepared, { n: 10, profile: { mode: 'uplift' }, mode: 'match' }).mode).toBe('match');
    expect(recommend('sad', prepared, { n: 10, profile: [{ mode: 'uplift' }, { mode: 'match' }] }).mode).toBe('match');
  });

  it('several listeners share one list: every skip of either is left out, each likes count once', () => {
    const ada = { name: 'ada', liked: ids('calm', 10), skipped: ids('sad', 5) };
    const bob = { name: 'bob', liked: ids('energetic', 2), skipped: ids('happy', 5) };
    const shared = recommend('neutral', prepared, { n: 30, profile: [ada, bob] });
    const returned = new Set(shared.items.map((i) => i.track.id));
    for (const id of [...ada.skipped, ...bob.skipped, ...ada.liked, ...bob.liked]) expect(returned.has(id)).toBe(false);
    expect(shared.listeners).toEqual({ names: ['ada', 'bob'], likes: 12, skips: 10 });
    // Bob's two energetic likes weigh as much as Ada's ten calm ones: the shared list is more energetic than Ada's own.
    const energy = (r: ReturnType<typeof recommend>) => r.items.reduce((sum, i) => sum + i.track.features!.energy!, 0) / r.items.length;
    expect(energy(shared)).toBeGreaterThan(energy(recommend('neutral', prepared, { n: 30, profile: ada })) + 0.05);
  });

  it('ignores ids the catalog does not have, and refuses malformed profiles and weights', () => {
    const result = recommend('happy', prepared, { n: 5, profile: { liked: ['not-a-track'], skipped: [] } });
    expect(result.listeners).toEqual({ names: [], likes: 0, skips: 0 });
    expect(result.items).toEqual(recommend('happy', prepared, { n: 5 }).items.map((i) => ({ ...i, explanation: i.explanation })));
    expect(() => recommend('happy', prepared, { profile: { liked: 'abc' } as never })).toThrow(InvalidOptionError);
    expect(() => recommend('happy', prepared, { profile: [{}, null] as never })).toThrow(/profile\[1\]/);
    expect(() => recommend('happy', prepared, { profile: { mode: 'loud' } as never })).toThrow(/profile\.mode/);
    expect(() => recommend('happy', prepared, { likeWeight: 1.5 })).toThrow(InvalidOptionError);
    expect(() => recommend('happy', prepared, { skipWeight: Number.NaN })).toThrow(InvalidOptionError);
  });
});
