import { describe, expect, it } from 'vitest';
import { EMOTIONS, EmotionTracker, InvalidInputError, InvalidOptionError, DisposedError, type Emotion } from '@moodtunes/fer-core';

/** Scores with `p` on one emotion and the rest spread evenly. */
function peaked(emotion: Emotion, p: number): number[] {
  const rest = (1 - p) / (EMOTIONS.length - 1);
  return EMOTIONS.map((e) => (e === emotion ? p : rest));
}

/** A deterministic pseudo-random generator (mulberry32) so noisy sequences are reproducible. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const left = { x: 100, y: 100, width: 80, height: 80 };
const right = { x: 400, y: 120, width: 90, height: 90 };
const moved = (box: typeof left, dx: number) => ({ ...box, x: box.x + dx });

describe('EmotionTracker', () => {
  it('keeps ids for faces that move a little and gives new faces new ids', () => {
    const tracker = new EmotionTracker();
    const first = tracker.update([
      { box: left, scores: peaked('happy', 0.8) },
      { box: right, scores: peaked('sad', 0.8) },
    ]);
    const [a, b] = first.faces.map((f) => f.id);
    expect(a).not.toBe(b);
    // Order of the input changes; ids follow the boxes, not the positions in the array.
    const second = tracker.update([
      { box: moved(right, 5), scores: peaked('sad', 0.8) },
      { box: moved(left, 6), scores: peaked('happy', 0.8) },
    ]);
    expect(second.faces.map((f) => f.id)).toEqual([b, a]);
    const third = tracker.update([{ box: { x: 700, y: 50, width: 60, height: 60 }, scores: peaked('fear', 0.9) }]);
    expect(third.faces[0]?.id).not.toBe(a);
    expect(third.faces[0]?.id).not.toBe(b);
  });

  it('does not flicker on a noisy sequence whose true emotion is constant', () => {
    const random = rng(42);
    const tracker = new EmotionTracker();
    let rawChanges = 0;
    let stableChanges = 0;
    let lastRaw = '';
    let lastStable = '';
    for (let frame = 0; frame < 300; frame++) {
      // Mostly happy; every few frames a noisy frame puts surprise on top.
      const noisy = random() < 0.3;
      const scores = noisy ? peaked('surprise', 0.55 + 0.2 * random()) : peaked('happy', 0.5 + 0.3 * random());
      const raw = EMOTIONS[scores.indexOf(Math.max(...scores))] as string;
      const { faces } = tracker.update([{ box: moved(left, Math.round(4 * random())), scores }], frame * 33);
      const stable = faces[0]?.emotion ?? '';
      if (frame > 0 && raw !== lastRaw) rawChanges++;
      if (frame > 0 && stable !== lastStable) stableChanges++;
      lastRaw = raw;
      lastStable = stable;
    }
    expect(rawChanges).toBeGreaterThan(50);
    expect(stableChanges).toBe(0);
    expect(lastStable).toBe('happy');
  });

  it('switches label after a real, lasting change, and only after several frames', () => {
    const tracker = new EmotionTracker({ alpha: 0.5, switchFrames: 3, switchMargin: 0.1 });
    for (let i = 0; i < 10; i++) tracker.update([{ box: left, scores: peaked('neutral', 0.9) }]);
    const labels: string[] = [];
    for (let i = 0; i < 10; i++) labels.push(tracker.update([{ box: left, scores: peaked('angry', 0.9) }]).faces[0]!.emotion);
    const firstAngry = labels.indexOf('angry');
    expect(firstAngry).toBeGreaterThanOrEqual(2);
    expect(firstAngry).toBeLessThan(6);
    expect(labels.slice(firstAngry).every((l) => l === 'angry')).toBe(true);
  });

  it('smooths probabilities by elapsed time when timestamps are given', () => {
    const fast = new EmotionTracker({ timeConstantMs: 100 });
    fast.update([{ box: left, scores: peaked('neutral', 1) }], 0);
    const after = fast.update([{ box: left, scores: peaked('happy', 1) }], 100).faces[0]!;
    // One time constant later the new value has weight 1 - e^-1.
    expect(after.probabilities.happy).toBeCloseTo(1 - Math.exp(-1), 6);
    expect(after.scores.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6);
  });

  it('keeps a missed face for maxMissedFrames, then drops it', () => {
    const tracker = new EmotionTracker({ maxMissedFrames: 2 });
    const id = tracker.update([{ box: left, scores: peaked('happy', 0.9) }]).faces[0]!.id;
    tracker.update([]);
    tracker.update([]);
    expect(tracker.activeTracks.map((t) => [t.id, t.missedFrames])).toEqual([[id, 2]]);
    expect(tracker.update([{ box: left, scores: peaked('happy', 0.9) }]).faces[0]!.id).toBe(id);
    tracker.update([]);
    tracker.update([]);
    tracker.update([]);
    expect(tracker.activeTracks).toEqual([]);
  });

  it('reports a stable group emotion over everyone in view', () => {
    const tracker = new EmotionTracker();
    let frame = tracker.update([
      { box: left, scores: peaked('happy', 0.9) },
      { box: right, scores: peaked('happy', 0.6) },
    ]);
    expect(frame.group).toMatchObject({ emotion: 'happy', faceCount: 2 });
    expect(frame.group!.confidence).toBeCloseTo(0.75, 6);
    // One face turns sad for a single frame: the group stays happy.
    frame = tracker.update([
      { box: left, scores: peaked('happy', 0.9) },
      { box: right, scores: peaked('sad', 0.95) },
    ]);
    expect(frame.group!.emotion).toBe('happy');
    expect(tracker.update([]).group).toBeNull();
  });

  it('rejects bad scores, boxes and options with typed errors, and refuses use after dispose', () => {
    const tracker = new EmotionTracker();
    expect(() => tracker.update([{ box: left, scores: [0.5, 0.5] }])).toThrow(InvalidInputError);
    expect(() => tracker.update([{ box: left, scores: peaked('happy', Number.NaN) }])).toThrow(/finite/);
    expect(() => tracker.update([{ box: { ...left, width: Number.NaN }, scores: peaked('happy', 0.9) }])).toThrow(InvalidInputError);
    expect(() => new EmotionTracker({ alpha: 2 })).toThrow(InvalidOptionError);
    tracker.dispose();
    expect(() => tracker.update([])).toThrow(DisposedError);
  });
});
