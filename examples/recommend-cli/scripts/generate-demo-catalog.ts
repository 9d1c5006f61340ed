/**
 * Writes data/demo-catalog.generated.csv: 320 GENERATED tracks, not real ones, so the CLI can run
 * without a dataset (the Kaggle files are not ours to ship). Features follow rough real-world
 * relations (louder and faster with energy, less acoustic with energy, more danceable with valence)
 * around the circumplex, in the SpotifyFeatures.csv layout. Deterministic: same output every run.
 *
 *   pnpm --filter @moodtunes/example-recommend-cli generate-demo-catalog
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const OUT = fileURLToPath(new URL('../data/demo-catalog.generated.csv', import.meta.url));
const COUNT = 320;
const NOTES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];
const WORDS = ['Amber', 'Neon', 'Quiet', 'Paper', 'Velvet', 'Static', 'Golden', 'Hollow', 'Electric', 'Silver', 'Winter', 'Wild'];
const NOUNS = ['Harbour', 'Signal', 'Garden', 'Engine', 'Lantern', 'Tide', 'Echo', 'Parade', 'Window', 'Orbit', 'Rain', 'Fever'];

let state = 20240611;
const rand = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = Math.imul(state ^ (state >>> 15), state | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
const clip = (x: number, lo = 0, hi = 1) => Math.min(hi, Math.max(lo, x));
const r3 = (x: number) => Math.round(x * 1000) / 1000;

const header =
  'genre,artist_name,track_name,track_id,popularity,acousticness,danceability,duration_ms,energy,instrumentalness,key,liveness,loudness,mode,speechiness,tempo,time_signature,valence';
const rows = [header];
for (let i = 0; i < COUNT; i++) {
  const valence = clip(rand() * 0.9 + 0.05 + gauss() * 0.03);
  const energy = clip(0.15 + 0.75 * rand() + gauss() * 0.05);
  const acousticness = clip(1.05 - energy * 1.1 + gauss() * 0.15);
  const danceability = clip(0.3 + 0.45 * valence + 0.1 * energy + gauss() * 0.08);
  const loudness = -22 + 18 * energy + gauss() * 1.5;
  const tempo = 70 + 80 * energy + gauss() * 12;
  const instrumentalness = rand() < 0.2 ? clip(0.5 + gauss() * 0.3) : clip(Math.abs(gauss()) * 0.02);
  const title = `${WORDS[i % WORDS.length]} ${NOUNS[Math.floor(i / WORDS.length) % NOUNS.length]} (generated)`;
  rows.push(
    [
      'Generated - not a real track',
      `Demo Artist ${String(1 + (i % 80)).padStart(2, '0')}`,
      title,
      `demo-${String(i).padStart(4, '0')}`,
      Math.round(clip(0.45 + gauss() * 0.2) * 100),
      r3(acousticness),
      r3(danceability),
      Math.round(150_000 + rand() * 120_000),
      r3(energy),
      r3(instrumentalness),
      NOTES[Math.floor(rand() * 12)],
      r3(clip(0.08 + Math.abs(gauss()) * 0.1)),
      r3(loudness),
      valence + gauss() * 0.2 > 0.45 ? 'Major' : 'Minor',
      r3(clip(0.03 + Math.abs(gauss()) * 0.04)),
      r3(tempo),
      '4/4',
      r3(valence),
    ].join(','),
  );
}
writeFileSync(OUT, `${rows.join('\n')}\n`);
console.log(`wrote ${COUNT} generated tracks to ${OUT}`);
