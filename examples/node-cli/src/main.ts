/**
 * moodtunes CLI: the emotion of every face in photos or a video, and tracks that fit it.
 *
 *   pnpm --filter @moodtunes/example-node-cli start -- photo.jpg [more.png ...] [--json]
 *   pnpm --filter @moodtunes/example-node-cli start -- clip.mp4 --playlist mood.m3u
 */
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { SingleBar } from 'cli-progress';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import {
  BUNDLED_MODELS,
  createEmotionDetector,
  FerError,
  type BundledModel,
  type DetectEmotionOptions,
  type EmotionDetector,
} from '@moodtunes/fer-core';
import { DEFAULT_STRATEGY, STRATEGY_NAMES, type Emotion, type RecommendMode, type StrategyName } from '@moodtunes/mood-recommender';
import { createFaceEmbedder, type FaceEmbedder } from '@moodtunes/face-id';
import { analyzePhoto, analyzeVideo } from './analyze';
import { loadGallery, type Gallery } from './gallery';
import { failure, FileError, VideoDecodeError } from './errors';
import { decodeImage, inputKind, type InputKind } from './inputs';
import { openCatalog, type MusicCatalog, type Pick } from './music';
import { mergePicks, playlistFormat, writePlaylistFile } from './playlist';
import { formatTable, isFailure, type PhotoReport, type Report, type VideoReport } from './report';
import { assertFfmpeg, probeVideo, readVideoFrames, type VideoInfo, type VideoOptions } from './video';

/** Where the CLI reads and writes; tests pass their own. */
export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  /** Relative paths resolve against this folder. */
  cwd: string;
  /** Whether stderr is a terminal (progress bars are drawn only there unless `--progress`). */
  stderrIsTTY: boolean;
}

interface CliOptions {
  catalog?: string;
  strategy: StrategyName;
  mode: RecommendMode;
  count: number;
  seed: number;
  lenient: boolean;
  json: boolean;
  playlist?: string;
  fps: number;
  maxSide: number;
  ffmpeg: string;
  video: boolean;
  flip: boolean;
  faceModel: 'auto' | 'short' | 'full';
  emotionModel: BundledModel;
  maxFaces?: number;
  minFaceScore?: number;
  progress?: boolean;
  gallery?: string;
  debug: boolean;
}

/** Videos shorter than this many sampled frames get no progress bar unless `--progress`. */
const PROGRESS_MIN_FRAMES = 50;

const number =
  (min: number, max: number, integer = false) =>
  (value: string): number => {
    const parsed = Number(value);
    if (value.trim() === '' || !Number.isFinite(parsed) || parsed < min || parsed > max || (integer && !Number.isInteger(parsed))) {
      throw new InvalidArgumentError(`expected ${integer ? 'an integer' : 'a number'} in [${min}, ${max}]`);
    }
    return parsed;
  };

function program(io: CliIo): Command {
  return new Command()
    .name('moodtunes')
    .description(
      'Reads the emotion on every face in photos (JPEG, PNG) or a video (with ffmpeg), and recommends tracks for it from a catalog CSV.',
    )
    .argument('<files...>', 'JPEG/PNG photos and/or videos (.mp4, .mov, .webm, ...)')
    .option(
      '-c, --catalog <csv>',
      'catalog CSV or CSV.gz (data_moods.csv, SpotifyFeatures.csv, tracks.csv, data.csv); default: the generated demo catalog',
    )
    .addOption(new Option('-s, --strategy <strategy>', 'candidate search').choices(STRATEGY_NAMES).default(DEFAULT_STRATEGY.name))
    .addOption(
      new Option('-m, --mode <mode>', 'match the mood, or uplift it toward positive valence').choices(['match', 'uplift']).default('match'),
    )
    .option('-n, --count <n>', 'tracks per face', number(1, 100, true), 5)
    .option('--seed <n>', 'random seed of the recommender (same seed, same lists)', number(0, 2 ** 32 - 1, true), 0)
    .option('--lenient', 'skip malformed catalog rows instead of failing', false)
    .option('--json', 'print JSON instead of a table', false)
    .option('-p, --playlist <file>', 'write the recommended tracks as a playlist: .m3u/.m3u8 or .json')
    .option('--fps <n>', 'video: frames analysed per second', number(0.1, 60), 5)
    .option('--max-side <px>', 'video: scale frames down to this longer side', number(64, 4096, true), 640)
    .option('--ffmpeg <path>', 'video: the ffmpeg command (ffprobe is looked up beside it)', 'ffmpeg')
    .option('--video', 'treat every input as a video (hand it to ffmpeg whatever its extension)', false)
    .option('--flip', 'average each face with its mirror image (slower, a little steadier)', false)
    .addOption(
      new Option(
        '--face-model <model>',
        'face detector: auto (photos: every face, small or turned; videos: the fast path), short range (faces near the camera) or full range',
      )
        .choices(['auto', 'short', 'full'])
        .default('auto'),
    )
    .addOption(
      new Option('--emotion-model <model>', 'emotion model: accurate (FerNet-S) or fast (FerNet-T, faster, less accurate)')
        .choices(BUNDLED_MODELS)
        .default('accurate'),
    )
    .option('-g, --gallery <dir>', 'photos: name the faces of the people in this folder (Name.jpg, or a Name/ folder of photos)')
    .option('--max-faces <n>', 'most faces per image or frame', number(1, 1000, true))
    .option('--min-face-score <s>', 'lowest face-detection score kept, 0..1', number(0, 1))
    .option('--progress', 'always show the video progress bar (default: on a terminal, for videos over 10 s)')
    .option('--no-progress', 'never show a progress bar')
    .option('--debug', 'print the stack of an error, with its causes', false)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
}

/**
 * Runs the CLI with `argv` (the arguments after the script) and returns the exit code:
 * 0 success, 1 an input failed, the catalog could not be parsed or the model could not be loaded,
 * 2 bad usage or a missing/unreadable file, 3 a video without ffmpeg. It never throws: every error
 * ends as one line on stderr (the stack only with `--debug`).
 */
export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  // `pnpm start -- args` forwards the `--` itself; drop it so the options are still parsed.
  const args = argv[0] === '--' ? argv.slice(1) : argv;
  const cli = program(io);
  try {
    await cli.parseAsync(args, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  const opts = cli.opts<CliOptions>();
  try {
    return await run(cli.args, opts, io);
  } catch (error) {
    const { exitCode, text } = failure(error, opts.debug);
    io.stderr.write(text);
    return exitCode;
  }
}

function defaultIo(): CliIo {
  // pnpm runs scripts in the package folder; INIT_CWD is where the user typed the command.
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.env.INIT_CWD ?? process.cwd(),
    stderrIsTTY: Boolean(process.stderr.isTTY),
  };
}

interface Input {
  file: string;
  path: string;
  kind: InputKind;
  video?: VideoInfo;
}

async function run(files: string[], opts: CliOptions, io: CliIo): Promise<number> {
  const videoOptions: VideoOptions = { ffmpeg: opts.ffmpeg, fps: opts.fps, maxSide: opts.maxSide };
  // Everything that can fail fast does so before the model and catalog are loaded.
  if (opts.playlist) playlistFormat(opts.playlist);
  const inputs: Input[] = [];
  for (const file of files) {
    const path = resolve(io.cwd, file);
    inputs.push({ file, path, kind: await inputKind(path, file, opts.video) });
  }
  if (inputs.some((i) => i.kind === 'video')) await assertFfmpeg(opts.ffmpeg);

  const detectOptions: DetectEmotionOptions = {
    flip: opts.flip,
    ...(opts.maxFaces !== undefined ? { maxFaces: opts.maxFaces } : {}),
    ...(opts.minFaceScore !== undefined ? { minFaceScore: opts.minFaceScore } : {}),
  };
  const pick = { count: opts.count, strategy: opts.strategy, mode: opts.mode, seed: opts.seed };
  if (!opts.catalog && !opts.json)
    io.stderr.write('No --catalog given: using the generated demo catalog (generated tracks, not real ones).\n');
  // The catalog loads before tfjs starts: a bad catalog then fails fast, without the model's load time.
  const counter = catalogProgress(io);
  let catalog: MusicCatalog;
  try {
    catalog = await openCatalog(
      {
        ...(opts.catalog ? { path: resolve(io.cwd, opts.catalog), shownAs: opts.catalog } : {}),
        lenient: opts.lenient,
        onProgress: counter.update,
      },
      pick,
    );
  } finally {
    counter.done();
  }
  let detector: EmotionDetector;
  try {
    detector = await createEmotionDetector({ model: opts.emotionModel, faceDetector: { model: opts.faceModel } });
  } catch (error) {
    catalog.dispose();
    throw error;
  }
  let embedder: FaceEmbedder | undefined;
  try {
    // face-id runs on the backend the detector chose.
    if (opts.gallery) embedder = await createFaceEmbedder();
    const gallery =
      opts.gallery && embedder ? await loadGallery(resolve(io.cwd, opts.gallery), opts.gallery, detector, embedder) : undefined;
    const report: Report = {
      backend: detector.backend,
      emotionModel: String(detector.classifier.metadata.name),
      catalog: catalog.summary,
      recommend: pick,
      ...(gallery ? { gallery: gallery.summary } : {}),
      inputs: [],
    };
    for (const input of inputs) {
      try {
        report.inputs.push(
          input.kind === 'video'
            ? await videoReport(input, detector, catalog, detectOptions, videoOptions, opts, io)
            : await photoReport(input, detector, catalog, detectOptions, gallery),
        );
      } catch (error) {
        if (!(error instanceof FileError || error instanceof VideoDecodeError || error instanceof FerError)) throw error;
        report.inputs.push({
          file: input.file,
          kind: input.kind === 'video' ? 'video' : 'photo',
          error: { name: error.name, message: error.message },
        });
      }
    }
    if (opts.playlist) {
      const analysed = report.inputs.filter((i) => !isFailure(i)) as (PhotoReport | VideoReport)[];
      const faces = analysed.flatMap((i): { emotion: Emotion; recommendations: Pick[] }[] => i.faces);
      const tracks = mergePicks(faces.map((f) => f.recommendations));
      const path = resolve(io.cwd, opts.playlist);
      const emotions = [...new Set(faces.map((f) => f.emotion))];
      const name = `moodtunes: ${emotions.length ? `${opts.mode} ${emotions.join(' + ')}` : 'no face found'}`;
      await writePlaylistFile(path, { name, emotions, catalog: catalog.summary.path, tracks });
      report.playlist = { path: opts.playlist, format: playlistFormat(path), tracks: tracks.length };
    }
    io.stdout.write(opts.json ? JSON.stringify(report, null, 2) + '\n' : formatTable(report));
    return report.inputs.some(isFailure) ? 1 : 0;
  } finally {
    embedder?.dispose();
    detector.dispose();
    catalog.dispose();
  }
}

async function photoReport(
  input: Input,
  detector: EmotionDetector,
  catalog: MusicCatalog,
  options: DetectEmotionOptions,
  gallery?: Gallery,
): Promise<PhotoReport> {
  const image = await decodeImage(input.path, input.file, input.kind as 'jpeg' | 'png');
  const started = performance.now();
  const faces = await analyzePhoto(detector, image, options, gallery?.identify);
  const detectMs = Math.round(performance.now() - started);
  return {
    file: input.file,
    kind: 'photo',
    width: image.width,
    height: image.height,
    detectMs,
    faces: faces.map((f) => ({ ...f, recommendations: catalog.picksFor(f.emotion) })),
  };
}

async function videoReport(
  input: Input,
  detector: EmotionDetector,
  catalog: MusicCatalog,
  detectOptions: DetectEmotionOptions,
  videoOptions: VideoOptions,
  opts: CliOptions,
  io: CliIo,
): Promise<VideoReport> {
  const info = await probeVideo(input.path, input.file, videoOptions);
  const expected = Number.isFinite(info.durationSec) ? Math.max(1, Math.ceil(info.durationSec * opts.fps)) : 0;
  const show = opts.progress ?? (io.stderrIsTTY && expected >= PROGRESS_MIN_FRAMES);
  const progress = show
    ? new SingleBar({
        stream: io.stderr,
        noTTYOutput: !io.stderrIsTTY,
        notTTYSchedule: 1000,
        format: `${input.file} |{bar}| {percentage}% | {value}/{total} frames | {speed} frames/s | ETA {eta_formatted}`,
        hideCursor: true,
        clearOnComplete: false,
      })
    : undefined;
  const started = performance.now();
  progress?.start(expected, 0, { speed: '0.0' });
  let analysis;
  try {
    analysis = await analyzeVideo(detector, readVideoFrames(input.path, input.file, info, videoOptions), {
      ...detectOptions,
      onFrame: (frame) => {
        const done = frame.index + 1;
        if (progress && done > progress.getTotal()) progress.setTotal(done);
        progress?.update(done, { speed: (done / ((performance.now() - started) / 1000)).toFixed(1) });
      },
    });
  } finally {
    progress?.stop();
  }
  return {
    file: input.file,
    kind: 'video',
    width: info.width,
    height: info.height,
    durationSec: Number.isFinite(info.durationSec) ? info.durationSec : null,
    fps: opts.fps,
    frames: analysis.frames,
    framesWithFaces: analysis.framesWithFaces,
    msPerFrame: analysis.msPerFrame,
    timeline: analysis.timeline,
    dominantEmotion: analysis.dominantEmotion,
    secondsByEmotion: analysis.secondsByEmotion,
    faces: analysis.faces.map((f) => ({ ...f, recommendations: catalog.picksFor(f.emotion) })),
    recommendations: analysis.dominantEmotion ? catalog.picksFor(analysis.dominantEmotion) : [],
  };
}

/**
 * A counter line on stderr for catalogs big enough to take a while (the demo has 320 rows). The
 * row total is unknown while streaming, so it is a counter, not a bar.
 */
function catalogProgress(io: CliIo): { update: (rowsRead: number) => void; done: () => void } {
  let shown = false;
  return {
    update: (rows) => {
      if (rows < 50_000 || !io.stderrIsTTY) return;
      shown = true;
      io.stderr.write(`\rcatalog: ${rows.toLocaleString('en')} rows read`);
    },
    done: () => {
      if (shown) io.stderr.write('\n');
    },
  };
}
