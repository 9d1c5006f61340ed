// Runs the CLI as users do (tsx, source condition) on the demo catalog and on the real data_moods.csv.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RecommendationResult } from '@moodtunes/mood-recommender';

const cwd = fileURLToPath(new URL('..', import.meta.url));
const MUSIC = fileURLToPath(new URL('../../../../shared/data/music', import.meta.url));
const DATA_MOODS = join(MUSIC, 'data_moods.csv');

/** The CLI in a child process, `nodeArgs` (e.g. `--import preload.mjs`) before the script: its exit code and both streams. */
function cliWith(nodeArgs: string[], ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'pnpm',
      ['exec', 'tsx', '--conditions=@moodtunes/source', ...nodeArgs, 'src/cli.ts', ...args],
      { cwd, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: typeof error?.code === 'number' ? error.code : error ? -1 : 0, stdout, stderr }),
    );
  });
}

const cli = (...args: string[]) => cliWith([], ...args);

/** One short line (two with the hint of an unexpected error), with no stack frame. */
function expectOneLine(stderr: string): void {
  expect(Buffer.byteLength(stderr)).toBeLessThan(300);
  expect(stderr.trimEnd().split('\n').length).toBeLessThanOrEqual(2);
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toContain('node_modules');
}

describe('recommend-cli', () => {
  it('recommends from the generated demo catalog when no CSV is given, and says it is generated', async () => {
    const { code, stdout, stderr } = await cli('--emotion', 'sad', '--mode', 'uplift', '-n', '5', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as RecommendationResult;
    expect(stderr).toContain('generated demo catalog');
    expect(json.items).toHaveLength(5);
    expect(json.items.every((i) => i.track.title.includes('(generated)'))).toBe(true);
    // uplift starts near sad and moves toward positive valence
    const valences = json.items.map((i) => i.track.features?.valence ?? Number.NaN);
    expect(valences.at(-1)).toBeGreaterThan(valences[0]!);
  });

  it('reads the real data_moods.csv and prints a ranked, explained list', async () => {
    const { code, stdout, stderr } = await cli(DATA_MOODS, '--emotion', 'happy', '--strategy', 'kmeans', '-n', '3');
    expect(code).toBe(0);
    expect(stderr).toMatch(/^686 tracks \(data-moods/);
    expect(stdout).toMatch(/^ {2}1\. .+\n {5}why: /m);
    expect(stdout).toMatch(/^ {2}3\. /m);
  });

  it('--db: loads the CSV into a PGlite folder once, then answers from it without the CSV, as from the file', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'moodtunes-cli-db-')), 'catalog');
    const args = ['--emotion', 'sad', '--mode', 'uplift', '-n', '6', '--json'];
    const loaded = await cli(DATA_MOODS, '--db', dir, ...args);
    expect(loaded.code).toBe(0);
    expect(loaded.stderr).toMatch(/^686 tracks \(data-moods/);
    expect(loaded.stderr).toContain(`loaded into ${dir}`);
    const again = await cli('--db', dir, ...args);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`686 tracks in ${dir} (loaded by an earlier run`);
    const fromFile = await cli(DATA_MOODS, ...args);
    expect(JSON.parse(again.stdout)).toEqual(JSON.parse(fromFile.stdout));
    expect(JSON.parse(loaded.stdout)).toEqual(JSON.parse(fromFile.stdout));
    // The database runs knn and cosine; kmeans is refused in one line.
    const kmeans = await cli('--db', dir, '--strategy', 'kmeans');
    expect(kmeans.code).toBe(1);
    const [held, error] = kmeans.stderr.trimEnd().split('\n');
    expect(held).toContain(`686 tracks in ${dir}`);
    expect(error).toMatch(/^InvalidOptionError: .*runs knn and cosine$/);
    expectOneLine(error!);
    // --index builds the HNSW indexes once, with progress; below the size where they pay, queries stay exact.
    const indexed = await cli('--db', dir, '--index', ...args);
    expect(indexed.code).toBe(0);
    expect(indexed.stderr.match(/^built HNSW index \d of 6: \w+$/gm)).toHaveLength(6);
    expect(JSON.parse(indexed.stdout)).toEqual(JSON.parse(fromFile.stdout));
    const reindexed = await cli('--db', dir, '--index', ...args);
    expect(reindexed.stderr).not.toContain('built HNSW index');
  }, 120_000);

  it('--json: stdout is exactly one JSON document, the catalog summary goes to stderr (issue 13 item 3)', async () => {
    const { code, stdout, stderr } = await cli(DATA_MOODS, '--emotion', 'sad', '-n', '4', '--json');
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as RecommendationResult).items).toHaveLength(4);
    expect(stderr).toMatch(/^686 tracks \(data-moods\) from .+data_moods\.csv\n$/);
  });

  it('a missing path, a directory or a truncated .gz exits 2 with one line and no stack (issue 13 item 4)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'recommend-cli-'));
    const gz = readFileSync(join(MUSIC, 'SpotifyFeatures-sample.csv.gz'));
    writeFileSync(join(dir, 'cut.csv.gz'), gz.subarray(0, Math.floor(gz.length / 2)));
    const cases: [string, RegExp][] = [
      [join(dir, 'nope.csv'), /^FileError: .+nope\.csv: no such file$/],
      [dir, /^FileError: .+: is a directory, not a file$/],
      // mood-recommender reports a truncated gzip itself (CatalogInputError, with the line it reached).
      [join(dir, 'cut.csv.gz'), /^(FileError|CatalogInputError): .*cut\.csv\.gz.*(truncated|gzip)/],
    ];
    for (const [path, message] of cases) {
      const { code, stdout, stderr } = await cli(path, '--json');
      expect(code, `${path}: ${stderr}`).toBe(2);
      expectOneLine(stderr);
      expect(stderr.trim()).toMatch(message);
      expect(stdout).toBe('');
    }
  });

  it("a value outside an option's choices is a usage error: exit 2, one line", async () => {
    const { code, stderr } = await cli('--emotion', 'bored');
    expect(code).toBe(2);
    expectOneLine(stderr);
    expect(stderr).toMatch(/^error: option .*--emotion.* argument 'bored' is invalid/);
  });

  it('rejects a bad count with the recommender typed error and exit code 1', async () => {
    const { code, stderr } = await cli('-n', '0');
    expect(code).toBe(1);
    expect(stderr).toMatch(/^InvalidOptionError: Invalid option n=0/m);
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it('an unexpected error is one line and a hint, exit 1; --debug shows its stack', async () => {
    const preload = ['--import', './test/throwing-json.mjs'];
    const plain = await cliWith(preload, '--json');
    expect(plain.code).toBe(1);
    expect(plain.stderr.split('\n').slice(-3)).toEqual([
      'Error: serialiser failed',
      '(unexpected error; rerun with --debug for the stack)',
      '',
    ]);
    expect(plain.stderr).not.toMatch(/^\s+at /m);
    const debug = await cliWith(preload, '--json', '--debug');
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/Error: serialiser failed\n\s+at library \(lib\.js:1:1\)\n\s+at /);
  });

  it('--lenient on a truncated .gz recommends from the rows before the cut and says where it was cut', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'recommend-cli-'));
    const gz = readFileSync(join(MUSIC, 'SpotifyFeatures-sample.csv.gz'));
    writeFileSync(join(dir, 'cut.csv.gz'), gz.subarray(0, Math.floor(gz.length / 2)));
    const { code, stdout, stderr } = await cli(join(dir, 'cut.csv.gz'), '--lenient', '--json', '-n', '3');
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as RecommendationResult).items).toHaveLength(3);
    expect(stderr).toMatch(
      /^\d+ tracks \(spotify-features\) from .+cut\.csv\.gz; file cut short at line \d+, rows from there on missing: .*gzip/,
    );
  });
});
