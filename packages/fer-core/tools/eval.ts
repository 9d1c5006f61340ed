// Scores emotion models on any FER2013-format CSV:
//   pnpm --filter @moodtunes/fer-core eval -- --data ../shared/data/fer2013/fer2013-publictest.csv.gz --compare fast --compare human-emotion --compare face-api
// Prints accuracy, macro and per-class precision/recall/F1 and the confusion matrix of each
// model (all scored on the same rows in one pass) and writes the matrices as JSON and PNG.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { EmotionClassifier } from '../src/classifier';
import { createToolClassifier } from './lib/classifiers';
import { EMOTIONS } from '../src/types';
import { readFer2013, type BadRow, type FerRow } from './lib/fer2013';
import { renderConfusionPng } from './lib/heatmap';
import { addToMatrix, emptyMatrix, formatReport, metricsFromMatrix } from './lib/metrics';
import { MODEL_KEYWORDS, modelName, progress, REPO_ROOT, RESULTS_DIR } from './lib/paths';

const USAGE = `usage: eval --data FILE.csv[.gz] [--model accurate|fast|human-emotion|face-api|model.json]
            [--compare accurate|fast|human-emotion|face-api|model.json]... [--usage PublicTest] [--limit N] [--flip] [--out DIR] [--batch N]`;

const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    data: { type: 'string' },
    model: { type: 'string' },
    compare: { type: 'string', multiple: true, default: [] },
    usage: { type: 'string' },
    limit: { type: 'string' },
    flip: { type: 'boolean', default: false },
    out: { type: 'string', default: RESULTS_DIR },
    batch: { type: 'string', default: '256' },
    help: { type: 'boolean', default: false },
  },
});

if (args.help || !args.data) {
  console.log(USAGE);
  process.exit(args.help ? 0 : 2);
}

// pnpm runs scripts in the package folder; paths given relative to the repo root work too.
const fromCwd = (p: string) => (isAbsolute(p) ? p : resolve(process.env.INIT_CWD ?? process.cwd(), p));
const dataPath = fromCwd(args.data);
if (!existsSync(dataPath)) {
  console.error(`eval: no such file: ${dataPath}`);
  process.exit(2);
}
const limit = args.limit === undefined ? undefined : Number(args.limit);
const batchSize = Number(args.batch);

interface Entry {
  name: string;
  /** File-name part of its heatmap: the name for a keyword model, `model-N` for a model.json path. */
  slug: string;
  classifier: EmotionClassifier;
  matrix: number[][];
}

const entries: Entry[] = [];
let pathModels = 0;
for (const given of [args.model, ...args.compare]) {
  const isPath = given !== undefined && !MODEL_KEYWORDS.includes(given);
  const arg = isPath ? fromCwd(given) : given;
  const classifier = await createToolClassifier(arg);
  const name = modelName(arg);
  entries.push({ name, slug: isPath ? `model-${++pathModels}` : name, classifier, matrix: emptyMatrix(EMOTIONS.length) });
}

const badRows: BadRow[] = [];
const tick = progress('rows', limit);
let rows = 0;
let pending: FerRow[] = [];
const started = performance.now();

async function flush(): Promise<void> {
  const faces = pending.map((row) => ({ data: row.pixels, width: 48, height: 48, channels: 1 as const }));
  for (const entry of entries) {
    const predictions = await entry.classifier.classify(faces, { flip: args.flip });
    predictions.forEach((p, i) => addToMatrix(entry.matrix, pending[i]!.label, EMOTIONS.indexOf(p.emotion)));
  }
  rows += pending.length;
  pending = [];
  tick(rows);
}

for await (const row of readFer2013(dataPath, { usage: args.usage, limit, onBadRow: (bad) => badRows.push(bad) })) {
  pending.push(row);
  if (pending.length >= batchSize) await flush();
}
if (pending.length > 0) await flush();
if (process.stderr.isTTY) process.stderr.write('\n');

mkdirSync(args.out, { recursive: true });
const summary = entries.map(({ name, slug, classifier, matrix }) => {
  const report = metricsFromMatrix(matrix, [...EMOTIONS]);
  const title = `${slug} ACC ${(report.accuracy * 100).toFixed(2)}% N=${report.total}${args.flip ? ' FLIP' : ''}`;
  writeFileSync(join(args.out, `confusion-${slug}.png`), renderConfusionPng(report.matrix, report.classes, title));
  console.log(`\n${formatReport(name, report)}`);
  return { name, slug, source: classifier.modelSource, spec: classifier.spec, report };
});

const json = {
  data: dataPath.startsWith(REPO_ROOT) ? dataPath.slice(REPO_ROOT.length) : dataPath,
  usage: args.usage ?? null,
  rows,
  flip: args.flip,
  backend: entries[0]?.classifier.backend,
  badRows,
  seconds: (performance.now() - started) / 1000,
  models: summary,
};
writeFileSync(join(args.out, 'confusion.json'), `${JSON.stringify(json, null, 2)}\n`);
if (badRows.length > 0) {
  console.log(`\n${badRows.length} malformed row(s) skipped, e.g. line ${badRows[0]!.line}: ${badRows[0]!.reason}`);
}
if (entries.length > 1) {
  const figures = summary.map((m) => `${m.name} ${(m.report.accuracy * 100).toFixed(2)}%`).join(', ');
  console.log(`\naccuracy on the same ${rows} rows: ${figures}`);
}
console.log(`\nwrote ${join(args.out, 'confusion.json')} and confusion-*.png`);
for (const entry of entries) entry.classifier.dispose();
