// Runs the CLI as users do (tsx, source condition) on the demo catalog and on the real data_moods.csv.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { RecommendationResult } from '@moodtunes/mood-recommender';

const run = promisify(execFile);
const cwd = fileURLToPath(new URL('..', import.meta.url));
const DATA_MOODS = fileURLToPath(new URL('../../../../shared/data/music/data_moods.csv', import.meta.url));

function cli(...args: string[]) {
  return run('pnpm', ['exec', 'tsx', '--conditions=@moodtunes/source', 'src/cli.ts', ...args], { cwd, timeout: 60_000 });
}

describe('recommend-cli', () => {
  it('recommends from the generated demo catalog when no CSV is given, and says it is generated', async () => {
    const { stdout } = await cli('--emotion', 'sad', '--mode', 'uplift', '-n', '5', '--json');
    const json = JSON.parse(stdout.slice(stdout.indexOf('{'))) as RecommendationResult;
    expect(stdout).toContain('generated demo catalog');
    expect(json.items).toHaveLength(5);
    expect(json.items.every((i) => i.track.title.includes('(generated)'))).toBe(true);
    // uplift starts near sad and moves toward positive valence
    const valences = json.items.map((i) => i.track.features?.valence ?? Number.NaN);
    expect(valences.at(-1)).toBeGreaterThan(valences[0]!);
  });

  it('reads the real data_moods.csv and prints a ranked, explained list', async () => {
    const { stdout } = await cli(DATA_MOODS, '--emotion', 'happy', '--strategy', 'kmeans', '-n', '3');
    expect(stdout).toMatch(/686 tracks \(data-moods/);
    expect(stdout).toMatch(/^ {2}1\. .+\n {5}why: /m);
    expect(stdout).toMatch(/^ {2}3\. /m);
  });

  it('rejects a bad count with a typed error and a non-zero exit code', async () => {
    await expect(cli('-n', '0')).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/InvalidOptionError/) as string });
  });
});
