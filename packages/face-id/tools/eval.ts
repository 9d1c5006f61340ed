// Who-is-it on the shared photos (../shared/data/faces), on wasm:
//   pnpm --filter @moodtunes/face-id eval [-- --margins 0,0.1,0.2,0.3] [--threshold 0.6] [--iou 0.3] [--min-size 0] [--crop align|box]
// Every annotated face is found with face-detect ('auto', stills) and matched to its box; each
// matched face is embedded at each crop margin. Then, per margin:
// - identification: each person of a single-person portrait is enrolled from it (one photo each),
//   and every other face is identified: a known person named right is a true match, named wrong a
//   false match, not named an unknown (a miss); anyone never enrolled should come out unknown;
// - verification: the ROC over all pairs of matched faces (same person or not), its AUC, and the
//   true and false match rates at the threshold;
// - milliseconds per face of embedding (batches of the faces of each photo).
// `--min-size N` leaves out faces whose annotated box is under N px; `--crop box` embeds the
// annotated box made square (face-api's way: no rotation, no margin) instead of the aligned crop.
// Writes bench-results/face-id/eval.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { createFaceDetector, type Box, type Face } from '@moodtunes/face-detect';
import { euclidean } from 'ml-distance-euclidean';
import { createFaceEmbedder } from '../src/embedder';
import { EMBEDDING_MODELS } from '../src/models';
import { createFaceRecognizer } from '../src/recognizer';
import { boxCrop, decodePhoto, identityOf, KNOWN_PEOPLE, matchBoxes, readPhotos } from './lib/photos';
import { renderRocPng } from './lib/roc';

const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    margins: { type: 'string', default: '0,0.1,0.2,0.3' },
    threshold: { type: 'string', default: String(EMBEDDING_MODELS['dlib-resnet'].meta.defaultThreshold) },
    iou: { type: 'string', default: '0.3' },
    'min-size': { type: 'string', default: '0' },
    crop: { type: 'string', default: 'align' },
  },
});
const margins = (args.margins ?? '').split(',').map(Number);
const threshold = Number(args.threshold);
const minSize = Number(args['min-size']);
const boxCrops = args.crop === 'box';

await tf.setBackend('wasm');
await tf.ready();
const detector = await createFaceDetector();

interface Sample {
  file: string;
  index: number;
  identity: string;
  face: Face;
  box: Box;
}
const photos = readPhotos().filter((p) => p.faces.length > 0);
const images = new Map(photos.map((p) => [p.file, decodePhoto(p.file)]));
const samples: Sample[] = [];
let annotated = 0;
for (const photo of photos) {
  const image = images.get(photo.file)!;
  const faces = await detector.detect(image);
  const { match } = matchBoxes(
    faces.map((f) => f.box),
    photo.faces.map((f) => f.box),
    Number(args.iou),
  );
  annotated += photo.faces.length;
  match.forEach((d, index) => {
    const box = photo.faces[index]!.box;
    if (d >= 0 && Math.max(box.width, box.height) >= minSize) {
      samples.push({ file: photo.file, index, identity: identityOf({ file: photo.file, index }), face: faces[d]!, box });
    }
  });
  process.stderr.write(`${photo.file}: ${match.filter((d) => d >= 0).length}/${photo.faces.length} faces found\n`);
}
detector.dispose();
const missing = [...Object.entries(KNOWN_PEOPLE)].flatMap(([name, p]) =>
  [{ file: p.portrait, index: 0 }, ...p.appearances]
    .filter((a) => !samples.some((s) => s.file === a.file && s.index === a.index))
    .map((a) => `${name} in ${a.file}`),
);

/** Portraits: the photos with exactly one annotated face whose person we enroll. */
const portraits = new Set(photos.filter((p) => p.faces.length === 1 && !/profile|signing|small_face/.test(p.file)).map((p) => p.file));

const results = [];
for (const margin of margins) {
  const embedder = await createFaceEmbedder({ margin });
  const embeddings = new Map<Sample, number[]>();
  let ms = 0;
  for (const photo of photos) {
    const mine = samples.filter((s) => s.file === photo.file);
    if (mine.length === 0) continue;
    const start = performance.now();
    let out: Float32Array[];
    if (boxCrops) {
      const image = images.get(photo.file)!;
      const crops = tf.tensor4d(Float32Array.from(mine.flatMap((s) => Array.from(boxCrop(image, s.box)))), [mine.length, 150, 150, 3]);
      out = await embedder.embedCrops(crops);
      crops.dispose();
    } else
      out = await embedder.embed(
        images.get(photo.file)!,
        mine.map((s) => s.face),
      );
    ms += performance.now() - start;
    mine.forEach((s, i) => embeddings.set(s, Array.from(out[i]!)));
  }
  embedder.dispose();

  // Identification.
  const recognizer = createFaceRecognizer({ threshold });
  const enrolled = samples.filter((s) => portraits.has(s.file));
  for (const s of enrolled) recognizer.enroll(s.identity, [embeddings.get(s)!]);
  const tally = { trueMatches: 0, falseMatches: 0, misses: 0, correctUnknowns: 0, knownFaces: 0, strangerFaces: 0 };
  const details: string[] = [];
  for (const photo of photos.filter((p) => !portraits.has(p.file))) {
    const mine = samples.filter((s) => s.file === photo.file);
    const ids = recognizer.identifyAll(mine.map((s) => embeddings.get(s)!));
    mine.forEach((s, i) => {
      const id = ids[i]!;
      const known = recognizer.names.includes(s.identity);
      if (known) tally.knownFaces++;
      else tally.strangerFaces++;
      if (known && id.name === s.identity) tally.trueMatches++;
      else if (id.name !== null) tally.falseMatches++;
      else if (known) tally.misses++;
      else tally.correctUnknowns++;
      if (known || id.name !== null) details.push(`${s.identity} in ${s.file}: ${id.name ?? 'unknown'} (${id.distance.toFixed(3)})`);
    });
  }

  // Verification ROC over all pairs.
  const pairs: { same: boolean; distance: number }[] = [];
  for (let i = 0; i < samples.length; i++) {
    for (let j = i + 1; j < samples.length; j++) {
      pairs.push({
        same: samples[i]!.identity === samples[j]!.identity,
        distance: euclidean(embeddings.get(samples[i]!)!, embeddings.get(samples[j]!)!),
      });
    }
  }
  const positives = pairs.filter((p) => p.same).length;
  const negatives = pairs.length - positives;
  // AUC: the chance that a same-person pair is closer than a different-person pair.
  let wins = 0;
  for (const p of pairs.filter((q) => q.same)) {
    for (const n of pairs.filter((q) => !q.same)) wins += p.distance < n.distance ? 1 : p.distance === n.distance ? 0.5 : 0;
  }
  const at = (t: number) => ({
    threshold: t,
    trueMatchRate: pairs.filter((p) => p.same && p.distance <= t).length / positives,
    falseMatchRate: pairs.filter((p) => !p.same && p.distance <= t).length / negatives,
  });
  const curve = Array.from({ length: 121 }, (_, k) => at(k * 0.01));
  results.push({
    margin,
    msPerFace: ms / embeddings.size,
    enrolled: enrolled.map((s) => s.identity),
    identification: tally,
    details,
    verification: { pairs: pairs.length, positives, negatives, auc: wins / (positives * negatives), atThreshold: at(threshold), curve },
  });
}

console.log(
  `\n${samples.length} of ${annotated} annotated faces found and matched (IoU >= ${args.iou}, box >= ${minSize} px); ${boxCrops ? 'annotated box crops' : 'aligned crops'}; threshold ${threshold}`,
);
if (missing.length > 0) console.log(`known people not found by the detector: ${missing.join('; ')}`);
console.log(
  '\n| margin | ms/face | true matches | false matches | unknowns (misses) | strangers called unknown | pairs same / different | AUC | true match rate | false match rate |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of results) {
  const t = r.identification;
  const v = r.verification;
  console.log(
    `| ${r.margin} | ${r.msPerFace.toFixed(1)} | ${t.trueMatches}/${t.knownFaces} | ${t.falseMatches} | ${t.misses} | ${t.correctUnknowns}/${t.strangerFaces} | ${v.positives} / ${v.negatives} | ${v.auc.toFixed(4)} | ${(v.atThreshold.trueMatchRate * 100).toFixed(1)}% | ${(v.atThreshold.falseMatchRate * 100).toFixed(2)}% |`,
  );
}
for (const r of results) console.log(`\nmargin ${r.margin}:\n  ${r.details.join('\n  ')}`);
const out = fileURLToPath(new URL('../../../bench-results/face-id/', import.meta.url));
mkdirSync(out, { recursive: true });
const summary = { backend: tf.getBackend(), crop: args.crop, minSize, threshold, annotated, found: samples.length, missing, results };
writeFileSync(join(out, 'eval.json'), `${JSON.stringify(summary, null, 2)}\n`);
const title = `ROC ${samples.length} FACES ${args.crop === 'box' ? 'BOX CROPS' : 'ALIGNED'}${minSize > 0 ? ` >= ${minSize} PX` : ''}`;
const curves = results.map((r) => ({ label: `MARGIN ${r.margin} AUC ${r.verification.auc.toFixed(3)}`, points: r.verification.curve }));
writeFileSync(join(out, 'roc.png'), renderRocPng(curves, threshold, title));
console.log(`\nwrote ${join(out, 'eval.json')} and roc.png (squares: threshold ${threshold})`);
