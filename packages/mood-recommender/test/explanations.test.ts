import { beforeAll, describe, expect, it } from 'vitest';
import { prepareCatalog, recommend, STRATEGY_NAMES, type PreparedCatalog, type Recommendation } from '../src/index';
import { readCatalogFile } from '../src/node';
import { DATA_MOODS } from './paths';

let prepared: PreparedCatalog;

beforeAll(async () => {
  prepared = prepareCatalog((await readCatalogFile(DATA_MOODS)).catalog, { strategies: STRATEGY_NAMES });
});

const total = (item: Recommendation) => {
  const p = item.explanation!.scoreParts;
  return p.fit + p.popularity + p.mood + p.jitter;
};

describe('explanations a listener understands', () => {
  it.each(STRATEGY_NAMES)('%s: the score parts add up to the score the list is ranked by', (strategy) => {
    for (const mode of ['match', 'uplift'] as const) {
      const { items } = recommend('sad', prepared, { strategy, mode, n: 20 });
      for (const item of items) {
        expect(total(item)).toBeCloseTo(item.score, 6);
        expect(item.explanation!.scoreParts.fit).toBeCloseTo((1 - 0.15) * item.explanation!.measure.fit, 9);
      }
      if (mode === 'match') {
        // One target: the list is in score order, so a higher rank always has the higher total.
        const scores = items.map(total);
        expect(scores).toEqual([...scores].sort((a, b) => b - a));
      }
    }
  });

  it('each uplift step names its own target, and the last one names where the uplift ends', () => {
    const { items, targets } = recommend('sad', prepared, { mode: 'uplift', n: 10, steps: 5 });
    const texts = [0, 1, 2, 3, 4].map((step) => items.find((i) => i.explanation!.step === step)!.explanation!.text);
    expect(new Set(texts.map((t) => t.split('.')[0])).size).toBe(5);
    expect(texts[0]).toMatch(/^Step 1 of 5 for sad: this step aims at dark, calm music \(valence 0\.18, energy 0\.30\)/);
    const last = targets.at(-1)!;
    expect(texts[4]).toContain(
      `Step 5 of 5 for sad: this step aims at warm, mid-tempo music (valence ${last.valence.toFixed(2)}, energy ${last.energy.toFixed(2)})`,
    );
    for (const t of texts) expect(t).not.toMatch(/unpleasant|low arousal/);
  });

  it('a mood label that earned nothing is not given as a reason', () => {
    const { items } = recommend('happy', prepared, { n: 40 });
    const unmatched = items.filter((i) => i.explanation!.mood && !i.explanation!.moodMatched);
    const matched = items.filter((i) => i.explanation!.moodMatched);
    expect(matched.length).toBeGreaterThan(0);
    for (const i of matched) expect(i.explanation!.text).toContain(`labelled ${i.explanation!.mood}, a mood this pick favours`);
    for (const i of unmatched) {
      expect(i.explanation!.text).not.toContain('labelled');
      expect(i.explanation!.text).not.toContain('does not fit');
      expect(i.explanation!.scoreParts.mood).toBe(0);
    }
  });

  it('says what each strategy measured, in words, with the numbers in measure.values', () => {
    const reason = (strategy: (typeof STRATEGY_NAMES)[number]) => recommend('happy', prepared, { strategy, n: 1 }).items[0]!.explanation!;
    expect(reason('knn').text).toContain('its sound is close to the target');
    expect(reason('knn').measure.values.distance).toBeCloseTo(reason('knn').distance, 9);
    expect(reason('cosine').text).toContain("leans the same way as the target from the catalog's average sound");
    expect(reason('cosine').measure.values.similarity).toBeCloseTo(reason('cosine').similarity, 5);
    const k = reason('kmeans');
    expect(k.text).toMatch(/group of similar-sounding tracks/);
    expect(k.measure.values.clusterRank).toBeGreaterThanOrEqual(1);
    expect(k.measure.values.clusters).toBe(19);
  });

  it("describes the track's own sound next to the target's", () => {
    const e = recommend('happy', prepared, { n: 1 }).items[0]!.explanation!;
    expect(e.text).toMatch(
      /^For happy: bright, upbeat music \(valence 0\.82, energy 0\.72\)\. This track is \w+(-\w+)?, [\w -]+ \(valence/,
    );
    expect(e.targetWords).toBe('bright, upbeat');
  });
});
