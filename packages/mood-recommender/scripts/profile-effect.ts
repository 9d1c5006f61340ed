/**
 * Profile effect on data_moods.csv: the share of calm tracks in the next 20 before and after
 * 10 likes of calm tracks and 10 skips of energetic ones, per emotion, over seeds 1-10 (which
 * tracks are liked and skipped, and the jitter). Prints a Markdown table.
 *
 *   pnpm --filter @moodtunes/mood-recommender profile-effect
 */
import { fileURLToPath } from 'node:url';
import { readCatalogFile } from '../src/load/read-file';
import { EMOTIONS } from '../src/types';
import { profileEffect } from './lib/profile-effect';

const DATA = fileURLToPath(new URL('../../../../shared/data/music/data_moods.csv', import.meta.url));
const { catalog } = await readCatalogFile(DATA);
const seeds = Array.from({ length: 10 }, (_, i) => i + 1);
const runs = profileEffect(catalog.tracks, { seeds, emotions: EMOTIONS });
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

console.log(
  `data_moods.csv (${catalog.tracks.length} tracks), n = 20, 10 calm likes and 10 energetic skips, seeds ${seeds[0]}-${seeds.at(-1)}\n`,
);
console.log('| emotion | calm before | calm after | energetic before | energetic after | runs where calm rose |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const emotion of EMOTIONS) {
  const mine = runs.filter((r) => r.emotion === emotion);
  console.log(
    `| ${emotion} | ${pct(mean(mine.map((r) => r.before.calm)))} | ${pct(mean(mine.map((r) => r.after.calm)))} | ${pct(mean(mine.map((r) => r.before.energetic)))} | ${pct(mean(mine.map((r) => r.after.energetic)))} | ${mine.filter((r) => r.after.calm > r.before.calm).length}/${mine.length} |`,
  );
}
console.log(
  `| all | ${pct(mean(runs.map((r) => r.before.calm)))} | ${pct(mean(runs.map((r) => r.after.calm)))} | ${pct(mean(runs.map((r) => r.before.energetic)))} | ${pct(mean(runs.map((r) => r.after.energetic)))} | ${runs.filter((r) => r.after.calm > r.before.calm).length}/${runs.length} |`,
);
