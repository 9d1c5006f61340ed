/**
 * moodtunes recommend CLI: recommends tracks for an emotion from a CSV catalog (data_moods.csv,
 * SpotifyFeatures.csv, or the 1921-2020 tracks.csv / data.csv; .gz works too). Without a CSV it uses
 * the generated demo catalog in data/ (generated tracks, not real ones).
 *
 *   pnpm demo
 *   pnpm demo ../shared/data/music/data_moods.csv --emotion sad --mode uplift -n 10
 *   pnpm demo ../shared/data/music/data_moods.csv --db catalog-db   (loads it into a PGlite folder)
 *   pnpm demo --db catalog-db --emotion sad                          (queries that folder)
 */
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import {
  EMOTIONS,
  MoodRecommenderError,
  DEFAULT_STRATEGY,
  STRATEGY_NAMES,
  loadDefaultMoodClassifier,
  prepareCatalog,
  readCatalogFile,
  recommend,
  type Emotion,
  type RecommendMode,
  type PreparedCatalog,
  type RecommendationResult,
  type RecommendOptions,
  type StrategyName,
} from '@moodtunes/mood-recommender';
import { createCatalogStore, HNSW_MIN_TRACKS, openPglite } from '@moodtunes/mood-recommender/db';

const DEMO_CATALOG = fileURLToPath(new URL('../data/demo-catalog.generated.csv', import.meta.url));

/** The parsed options; commander checks `choices`, `number` checks the numbers. */
interface CliOptions {
  emotion: Emotion;
  strategy: StrategyName;
  mode: RecommendMode;
  count: number;
  seed: number;
  maxPerArtist: number;
  popularityWeight: number;
  lenient: boolean;
  explain: boolean;
  json: boolean;
  debug: boolean;
  db?: string;
  index: boolean;
}

/** The catalog file is missing, a directory, unreadable, or a truncated or corrupt gzip (exit code 2). */
class FileError extends Error {
  override name = 'FileError';
}

const number = (value: string): number => {
  const parsed = Number(value);
  if (value.trim() === '' || Number.isNaN(parsed)) throw new InvalidArgumentError('not a number');
  return parsed;
};

const program = new Command()
  .name('recommend')
  .description('Recommend tracks from a CSV catalog for a facial emotion')
  .argument('[csv]', 'catalog CSV (or .csv.gz); default: the generated demo catalog (not real tracks)')
  .addOption(new Option('-e, --emotion <emotion>', 'emotion to recommend for').choices(EMOTIONS).default('happy'))
  .addOption(new Option('-s, --strategy <strategy>', 'candidate search').choices(STRATEGY_NAMES).default(DEFAULT_STRATEGY.name))
  .addOption(
    new Option('-m, --mode <mode>', 'match the mood, or uplift it toward positive valence').choices(['match', 'uplift']).default('match'),
  )
  .option('-n, --count <n>', 'number of tracks', number, 10)
  .option('--seed <seed>', 'random seed (same seed, same list)', number, 0)
  .option('--max-per-artist <n>', 'per-artist cap', number, 2)
  .option('--popularity-weight <w>', 'share of the score from popularity, 0..1', number, 0.15)
  .option('--lenient', 'skip malformed CSV rows instead of failing', false)
  .option('--no-explain', 'do not print why each track was picked')
  .option('--json', 'print the result as JSON', false)
  .option('--db <dir>', 'keep the catalog in a PGlite database in this folder: load the CSV into it, or query what an earlier run loaded')
  .option(
    '--index',
    `with --db: build the HNSW indexes (approximate search, used from ${HNSW_MIN_TRACKS.toLocaleString('en')} tracks up)`,
    false,
  )
  .option('--debug', 'print the stack of an error, with its causes', false)
  .exitOverride();

/** Results go to stdout (the table, or only the JSON document); notes and progress to stderr. */
async function run(csv: string | undefined, opts: CliOptions): Promise<void> {
  const options: RecommendOptions = {
    n: opts.count,
    strategy: opts.strategy,
    mode: opts.mode,
    seed: opts.seed,
    maxPerArtist: opts.maxPerArtist,
    popularityWeight: opts.popularityWeight,
    explain: opts.explain,
  };
  let result: RecommendationResult;
  if (opts.db) {
    result = await fromDatabase(csv, opts.db, opts, options);
  } else {
    const prepared = await readAndPrepare(csv, opts);
    try {
      result = recommend(opts.emotion, prepared, options);
    } finally {
      prepared.dispose();
    }
  }
  print(result, opts.json);
}

/** The CSV (or the demo catalog), read and prepared, with a line on stderr about what it held. */
async function readAndPrepare(csv: string | undefined, opts: CliOptions): Promise<PreparedCatalog> {
  // `pnpm --filter` runs this in the package folder; resolve paths against where pnpm was invoked.
  const path = csv ? resolve(process.env.INIT_CWD ?? process.cwd(), csv) : DEMO_CATALOG;
  if (!csv) console.error('No CSV given: using the generated demo catalog (generated tracks, not real ones).');
  await assertReadable(path, csv ?? path);
  let imported;
  try {
    imported = await readCatalogFile(path, {
      strict: !opts.lenient,
      progressEvery: 100_000,
      onProgress: (p) => {
        if (p.rowsRead >= 100_000) process.stderr.write(`\rread ${p.rowsRead.toLocaleString('en')} rows`);
      },
    });
  } catch (error) {
    // mood-recommender's own errors name the file and the line; a bare fs or zlib error does not.
    if (error instanceof MoodRecommenderError || ioCode(error) === undefined) throw error;
    throw new FileError(`${csv ?? path}: ${describeIoError(error)}`, { cause: error });
  }
  if (imported.rowsRead >= 100_000) process.stderr.write('\n');
  const { catalog, skippedCount } = imported;
  // Catalogs without mood labels get them from the shipped classifier (used in explanations and scoring).
  const prepared = prepareCatalog(catalog, { classifier: loadDefaultMoodClassifier() });
  console.error(
    `${imported.trackCount} tracks (${imported.format}${skippedCount ? `, ${skippedCount} malformed rows skipped` : ''}` +
      `${prepared.excludedCount ? `, ${prepared.excludedCount} without valence/energy left out` : ''}) from ${path}` +
      // --lenient keeps the rows of a file that could not be read to its end; say what is missing.
      `${imported.truncated ? `; file cut short at line ${imported.truncated.line}, rows from there on missing: ${imported.truncated.reason}` : ''}`,
  );
  return prepared;
}

/**
 * `--db`: the catalog in a PGlite folder. A CSV given (or an empty folder) is loaded into it first;
 * otherwise the tracks an earlier run loaded are queried, without reading any file.
 */
async function fromDatabase(
  csv: string | undefined,
  dir: string,
  opts: CliOptions,
  options: RecommendOptions,
): Promise<RecommendationResult> {
  const folder = resolve(process.env.INIT_CWD ?? process.cwd(), dir);
  const db = await openPglite(folder);
  try {
    const store = await createCatalogStore(db);
    const held = await store.size();
    if (csv !== undefined || held === 0) {
      const prepared = await readAndPrepare(csv, opts);
      const tracks = prepared.size;
      try {
        await store.load(prepared, {
          onProgress: (p) => {
            if (p.total >= 100_000) process.stderr.write(`\rloaded ${p.rows.toLocaleString('en')} of ${p.total.toLocaleString('en')}`);
          },
        });
      } finally {
        prepared.dispose();
      }
      if (tracks >= 100_000) process.stderr.write('\n');
      console.error(`loaded into ${folder}`);
    } else {
      console.error(`${held} tracks in ${folder} (loaded by an earlier run; give a CSV to replace them)`);
    }
    if (opts.index) {
      await store.createIndex({ onProgress: (p) => console.error(`built HNSW index ${p.built} of ${p.total}: ${p.index}`) });
    }
    return await store.recommend(opts.emotion, options);
  } finally {
    await db.close();
  }
}

function print(result: RecommendationResult, json: boolean): void {
  if (json) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  console.log(`${result.mode} ${result.emotion}, strategy ${result.strategy}:\n`);
  for (const { rank, track, explanation } of result.items) {
    const f = track.features!;
    console.log(
      `${String(rank).padStart(3)}. ${track.title} - ${track.artists.join(', ')}  (valence ${f.valence!.toFixed(2)}, energy ${f.energy!.toFixed(2)})`,
    );
    if (explanation) console.log(`     why: ${explanation.text}`);
  }
  if (result.exhausted) console.log(`\nOnly ${result.items.length} tracks fit the exclusions and the per-artist cap.`);
}

/** Fails fast, in words, on a path that is missing, a directory or unreadable. */
async function assertReadable(path: string, shownAs: string): Promise<void> {
  try {
    const handle = await open(path, 'r');
    try {
      await handle.read(Buffer.alloc(1), 0, 1, 0);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new FileError(`${shownAs}: ${describeIoError(error)}`, { cause: error });
  }
}

/** The errno (`ENOENT`, ...) or zlib (`Z_BUF_ERROR`, ...) code of an error or of one of its causes. */
function ioCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^(E[A-Z]+|Z_[A-Z_]+)$/.test(code)) return code;
  }
  return undefined;
}

function describeIoError(error: unknown): string {
  const code = ioCode(error);
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory, not a file';
  const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  return code?.startsWith('Z_') ? `truncated or corrupt gzip: ${message}` : message;
}

/**
 * Exit codes: 0 done; 1 the catalog could not be parsed, the recommender refused an option, or an
 * unexpected error; 2 bad usage, or a catalog file that is missing, a directory, unreadable or a
 * truncated or corrupt gzip. Every error is one line on stderr; `--debug` adds the stack.
 */
function report(error: unknown, debug: boolean): number {
  const typed = error instanceof FileError || error instanceof MoodRecommenderError;
  const name = error instanceof Error ? error.name : 'Error';
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  // An unexpected error's message is cut short: it could be anything, up to a library's source.
  const line = typed ? `${name}: ${message}` : `${name}: ${message.slice(0, 200)}\n(unexpected error; rerun with --debug for the stack)`;
  console.error(debug && error instanceof Error && error.stack ? error.stack : line);
  return typed && ioCode(error) !== undefined ? 2 : 1;
}

const debug = process.argv.includes('--debug');
const fatal = (error: unknown) => process.exit(report(error, debug));
process.on('uncaughtException', fatal);
process.on('unhandledRejection', fatal);

// `pnpm demo -- args` forwards the `--` itself; drop it so the options are still parsed.
const argv = process.argv.slice(2);
try {
  await program.parseAsync(argv[0] === '--' ? argv.slice(1) : argv, { from: 'user' });
  await run(program.args[0], program.opts<CliOptions>());
} catch (error) {
  // commander has already printed its own one-line message.
  process.exitCode = error instanceof CommanderError ? (error.exitCode === 0 ? 0 : 2) : report(error, debug);
}
