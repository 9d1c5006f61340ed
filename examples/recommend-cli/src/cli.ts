/**
 * moodtunes recommend CLI: recommends tracks for an emotion from a CSV catalog (data_moods.csv,
 * SpotifyFeatures.csv, or the 1921-2020 tracks.csv / data.csv; .gz works too). Without a CSV it uses
 * the generated demo catalog in data/ (generated tracks, not real ones).
 *
 *   pnpm demo
 *   pnpm demo ../shared/data/music/data_moods.csv --emotion sad --mode uplift -n 10
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import {
  EMOTIONS,
  MoodRecommenderError,
  STRATEGIES,
  loadDefaultMoodClassifier,
  prepareCatalog,
  readCatalogFile,
  recommend,
  type Emotion,
  type RecommendMode,
  type Strategy,
} from '@moodtunes/mood-recommender';

const DEMO_CATALOG = fileURLToPath(new URL('../data/demo-catalog.generated.csv', import.meta.url));

/** The parsed options; commander checks `choices`, `number` checks the numbers. */
interface CliOptions {
  emotion: Emotion;
  strategy: Strategy;
  mode: RecommendMode;
  count: number;
  seed: number;
  maxPerArtist: number;
  popularityWeight: number;
  lenient: boolean;
  explain: boolean;
  json: boolean;
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
  .addOption(new Option('-s, --strategy <strategy>', 'candidate search').choices(STRATEGIES).default('knn'))
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
  .action(async (csv: string | undefined, opts: CliOptions) => {
    // `pnpm --filter` runs this in the package folder; resolve paths against where pnpm was invoked.
    const path = csv ? resolve(process.env.INIT_CWD ?? process.cwd(), csv) : DEMO_CATALOG;
    if (!csv) console.log('No CSV given: using the generated demo catalog (generated tracks, not real ones).\n');
    const imported = await readCatalogFile(path, {
      strict: !opts.lenient,
      progressEvery: 100_000,
      onProgress: (p) => {
        if (p.rowsRead >= 100_000) process.stderr.write(`\rread ${p.rowsRead.toLocaleString('en')} rows`);
      },
    });
    if (imported.rowsRead >= 100_000) process.stderr.write('\n');
    const { catalog, skippedCount } = imported;
    // Catalogs without mood labels get them from the shipped classifier (used in explanations and scoring).
    const prepared = prepareCatalog(catalog, { classifier: loadDefaultMoodClassifier() });
    console.log(
      `${catalog.tracks.length} tracks (${imported.format}${skippedCount ? `, ${skippedCount} malformed rows skipped` : ''}` +
        `${prepared.excludedCount ? `, ${prepared.excludedCount} without valence/energy left out` : ''}) from ${path}`,
    );
    const result = recommend(opts.emotion, prepared, {
      n: opts.count,
      strategy: opts.strategy,
      mode: opts.mode,
      seed: opts.seed,
      maxPerArtist: opts.maxPerArtist,
      popularityWeight: opts.popularityWeight,
      explain: opts.explain,
    });
    if (opts.json) {
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
    prepared.dispose();
  });

try {
  // `pnpm demo -- args` forwards the `--` itself; drop it so the options are still parsed.
  const args = process.argv.slice(2);
  await program.parseAsync(args[0] === '--' ? args.slice(1) : args, { from: 'user' });
} catch (err) {
  if (err instanceof MoodRecommenderError) {
    console.error(`${err.name}: ${err.message}`);
    process.exit(1);
  }
  throw err;
}
