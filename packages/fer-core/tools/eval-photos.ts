// Face detection policies on the annotated photos (../shared/data/faces) and their copies turned by
// 90, 180 and 270 degrees, side by side in one run on wasm, plus the emotion fer-core reads on the
// faces whose notes name an expression:
//   pnpm --filter @moodtunes/fer-core eval:photos [-- --policies short,full,tiles,rotations,auto] [--iou 0.4] [--no-emotion]
// A face counts as found when a detection overlaps its box at IoU >= 0.4 (one detection per face).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createFaceDetector, type FaceDetector, type FaceDetectorOptions } from '@moodtunes/face-detect';
import { selectBackend } from '../src/backend';
import { createEmotionDetector } from '../src/detector';
import { EMOTIONS } from '../src/types';
import { RESULTS_DIR } from './lib/paths';
import {
  BANDS,
  bandOf,
  decodePhoto,
  expressionOf,
  matchBoxes,
  readPhotos,
  turnBox,
  turnImage,
  type Band,
  type Rgba,
  type Turn,
} from './lib/photos';

const POLICIES: Record<string, { label: string; options: FaceDetectorOptions }> = {
  short: { label: "`model: 'short'`", options: { model: 'short' } },
  full: { label: "`model: 'full'`", options: { model: 'full' } },
  tiles: { label: "`model: 'full', tiles: true`", options: { model: 'full', tiles: true } },
  rotations: { label: "`model: 'full', rotations: [0, 90, 180, 270]`", options: { model: 'full', rotations: [0, 90, 180, 270] } },
  auto: { label: "`'auto'` (the default: full range + tiles + rotations)", options: {} },
};

const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    policies: { type: 'string', default: Object.keys(POLICIES).join(',') },
    iou: { type: 'string', default: '0.4' },
    'no-emotion': { type: 'boolean', default: false },
  },
});
const minIou = Number(args.iou);
const names = (args.policies ?? '').split(',').filter(Boolean);
for (const name of names) if (!POLICIES[name]) throw new Error(`unknown policy ${name}; known: ${Object.keys(POLICIES).join(', ')}`);

interface Tally {
  found: Record<'upright' | 'rotated', Record<Band, [number, number]>>;
  /** Detections on the no-face photos, upright and turned. */
  noFace: Record<'upright' | 'rotated', number>;
  /** Detections matching no annotated face, on the photos with faces. */
  unmatched: Record<'upright' | 'rotated', number>;
  ms: { file: string; turn: Turn; pixels: number; longSide: number; ms: number }[];
}

const emptyBands = (): Record<Band, [number, number]> =>
  Object.fromEntries(BANDS.map((b) => [b, [0, 0]])) as unknown as Record<Band, [number, number]>;
const tallies = new Map<string, Tally>(
  names.map((n) => [
    n,
    {
      found: { upright: emptyBands(), rotated: emptyBands() },
      noFace: { upright: 0, rotated: 0 },
      unmatched: { upright: 0, rotated: 0 },
      ms: [],
    },
  ]),
);

// wasm, as in Node by default; the emotion detector would pick it too, but it may be left out.
await selectBackend({ backend: 'wasm' });
const emotion = !args['no-emotion'] ? await createEmotionDetector({ backend: 'wasm' }) : null;
const detectors = new Map<string, FaceDetector>();
for (const name of names) detectors.set(name, await createFaceDetector(POLICIES[name]!.options));

interface EmotionRow {
  file: string;
  face: number;
  note: string;
  expected: string;
  /** Top emotion and P(happy), P(neutral) per turn; null where the face was not found. */
  read: Partial<Record<Turn, { emotion: string; happy: number; neutral: number } | null>>;
}
const emotionRows: EmotionRow[] = [];

const photos = readPhotos();
const turns: Turn[] = [0, 90, 180, 270];
for (const [index, photo] of photos.entries()) {
  const original = decodePhoto(photo.file);
  process.stderr.write(`\r${index + 1}/${photos.length} ${photo.file}`.padEnd(60));
  const rows: EmotionRow[] = photo.faces.map((f, i) => ({
    file: photo.file,
    face: i,
    note: f.note,
    expected: expressionOf(f.note) ?? '',
    read: {},
  }));
  for (const turn of turns) {
    const image: Rgba = turnImage(original, turn);
    const truth = photo.faces.map((f) => turnBox(f.box, original.width, original.height, turn));
    const set = turn === 0 ? 'upright' : 'rotated';
    // Policies in turn on the same image, so that all see the same machine load.
    for (const name of names) {
      const tally = tallies.get(name)!;
      const start = performance.now();
      const faces = await detectors.get(name)!.detect(image, { mode: 'still' });
      const ms = performance.now() - start;
      tally.ms.push({ file: photo.file, turn, pixels: image.width * image.height, longSide: Math.max(image.width, image.height), ms });
      const { match, falseDetections } = matchBoxes(
        faces.map((f) => f.box),
        truth,
        minIou,
      );
      if (truth.length === 0) tally.noFace[set] += faces.length;
      else tally.unmatched[set] += falseDetections;
      truth.forEach((box, i) => {
        const cell = tally.found[set][bandOf(box)];
        cell[1]++;
        if (match[i]! >= 0) cell[0]++;
      });
    }
    if (emotion && rows.some((r) => r.expected)) {
      const read = await emotion.detect(image);
      const { match } = matchBoxes(
        read.map((f) => f.box),
        truth,
        minIou,
      );
      rows.forEach((row, i) => {
        const face = match[i]! >= 0 ? read[match[i]!]! : null;
        row.read[turn] = face && { emotion: face.emotion, happy: face.probabilities.happy, neutral: face.probabilities.neutral };
      });
    }
  }
  emotionRows.push(...rows.filter((r) => r.expected));
}
process.stderr.write('\n');

const pct = (n: number, d: number) => (d === 0 ? '-' : `${n}/${d} (${((100 * n) / d).toFixed(0)}%)`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const sum = (cells: [number, number][]) => cells.reduce<[number, number]>((a, c) => [a[0] + c[0], a[1] + c[1]], [0, 0]);

console.log(
  `\nwasm, Node ${process.version}; ${photos.length} photos, each upright and turned by 90, 180, 270 degrees; found = IoU >= ${minIou}\n`,
);
const summary: Record<string, unknown> = {};
for (const name of names) {
  const t = tallies.get(name)!;
  const clear = (set: 'upright' | 'rotated') => sum([t.found[set]['>= 48 px'], t.found[set]['24-48 px']]);
  const all = (set: 'upright' | 'rotated') => sum(BANDS.map((b) => t.found[set][b]));
  const msOf = (f: (m: Tally['ms'][number]) => boolean) => t.ms.filter(f).map((m) => m.ms);
  const situation = msOf((m) => m.file === 'situation_room_2011.jpg' && m.turn === 0);
  console.log(`### ${POLICIES[name]!.label}\n`);
  console.log('| faces | upright | rotated (90/180/270) |');
  console.log('| --- | ---: | ---: |');
  for (const band of BANDS) console.log(`| ${band} | ${pct(...t.found.upright[band])} | ${pct(...t.found.rotated[band])} |`);
  console.log(`| **>= 24 px** | **${pct(...clear('upright'))}** | **${pct(...clear('rotated'))}** |`);
  console.log(`| all | ${pct(...all('upright'))} | ${pct(...all('rotated'))} |`);
  console.log(`| detections on the 4 no-face photos | ${t.noFace.upright} | ${t.noFace.rotated} (12 copies) |`);
  console.log(`| detections matching no annotated face, photos with faces | ${t.unmatched.upright} | ${t.unmatched.rotated} |`);
  console.log(
    `| ms per photo: mean / median / max | ${mean(msOf((m) => m.turn === 0)).toFixed(0)} / ${median(msOf((m) => m.turn === 0)).toFixed(0)} / ${Math.max(...msOf((m) => m.turn === 0)).toFixed(0)} | ${mean(msOf((m) => m.turn !== 0)).toFixed(0)} / ${median(msOf((m) => m.turn !== 0)).toFixed(0)} / ${Math.max(...msOf((m) => m.turn !== 0)).toFixed(0)} |`,
  );
  console.log(`| ms, the 1500x1000 photo (situation_room_2011.jpg) | ${situation.map((x) => x.toFixed(0)).join(', ')} | |\n`);
  summary[name] = { ...t, label: POLICIES[name]!.label };
}

if (emotion) {
  console.log('### Emotion (fer-core defaults) on the faces whose notes name an expression\n');
  console.log('| photo | face | note says | upright | 90 | 180 | 270 |');
  console.log('| --- | ---: | --- | --- | --- | --- | --- |');
  const cell = (r: EmotionRow['read'][Turn]) =>
    r === undefined ? '' : r === null ? 'not found' : `${r.emotion} (happy ${r.happy.toFixed(2)}, neutral ${r.neutral.toFixed(2)})`;
  for (const row of emotionRows) {
    console.log(`| ${row.file} | ${row.face + 1} | ${row.expected} | ${turns.map((t) => cell(row.read[t])).join(' | ')} |`);
  }
  for (const expected of ['happy', 'neutral', 'slight smile']) {
    const rows = emotionRows.filter((r) => r.expected === expected);
    const read = (turn: Turn) => rows.filter((r) => r.read[turn]).map((r) => r.read[turn]!);
    const agree = (turn: Turn) =>
      read(turn).filter((r) => (expected === 'slight smile' ? r.emotion === 'happy' || r.emotion === 'neutral' : r.emotion === expected))
        .length;
    console.log(
      `\n${expected}: ${rows.length} faces; read as ${expected === 'slight smile' ? 'happy or neutral' : expected}: ` +
        turns.map((turn) => `${turn === 0 ? 'upright' : `${turn}°`} ${agree(turn)}/${read(turn).length} found`).join(', '),
    );
  }
  const flips = emotionRows.flatMap((r) =>
    ([90, 180, 270] as const).flatMap((turn) => {
      const up = r.read[0];
      const turned = r.read[turn];
      return up && turned
        ? [
            {
              same: up.emotion === turned.emotion,
              diff: Math.max(Math.abs(up.happy - turned.happy), Math.abs(up.neutral - turned.neutral)),
            },
          ]
        : [];
    }),
  );
  console.log(
    `\nturned vs upright, faces found in both: same top emotion ${flips.filter((f) => f.same).length}/${flips.length}, ` +
      `median |ΔP| (happy, neutral) ${median(flips.map((f) => f.diff)).toFixed(3)}, max ${Math.max(...flips.map((f) => f.diff)).toFixed(3)}`,
  );
  console.log(`(classes: ${EMOTIONS.join(', ')})`);
  emotion.dispose();
}
for (const detector of detectors.values()) detector.dispose();
mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(join(RESULTS_DIR, 'eval-photos.json'), JSON.stringify({ minIou, summary, emotion: emotionRows }, null, 2));
