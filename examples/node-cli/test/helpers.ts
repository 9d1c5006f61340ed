import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../src/main';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const FACES = join(REPO, '../shared/data/faces');
export const MUSIC = join(REPO, '../shared/data/music');
const BIN = fileURLToPath(new URL('../bin/moodtunes.js', import.meta.url));

export const tempDir = () => mkdtempSync(join(tmpdir(), 'moodtunes-cli-'));

/** Runs `main` in this process with captured output. */
export async function cli(args: string[], options: { cwd?: string; tty?: boolean } = {}) {
  let stdout = '';
  let stderr = '';
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        append(String(chunk));
        done();
      },
    });
  const code = await main(args, {
    stdout: sink((s) => (stdout += s)),
    stderr: sink((s) => (stderr += s)),
    cwd: options.cwd ?? FACES,
    stderrIsTTY: options.tty ?? false,
  });
  return { code, stdout, stderr };
}

/** Runs the real `bin` in a child process (exit codes, stdout/stderr split). */
export function bin(args: string[], cwd = FACES, nodeArgs: string[] = []): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [...nodeArgs, BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, INIT_CWD: cwd },
    timeout: 60_000,
  });
}

/** Node flag that preloads tools/no-network.mjs (exit code 99 on any network attempt). */
export const NO_NETWORK = ['--import', fileURLToPath(new URL('../tools/no-network.mjs', import.meta.url))];

/** True when `ffmpeg -version` runs. */
export function hasFfmpeg(): boolean {
  return spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status === 0;
}

/**
 * A video of `seconds` of one photo followed by `seconds` of another (same frame size, padded),
 * encoded with ffmpeg's built-in mpeg4 encoder so it needs no optional codec.
 */
export function makeVideo(out: string, first: string, second: string, seconds: number): void {
  const fit = 'scale=480:600:force_original_aspect_ratio=decrease,pad=480:600:(ow-iw)/2:(oh-ih)/2,setsar=1';
  const result = spawnSync(
    'ffmpeg',
    [
      '-v',
      'error',
      '-y',
      '-loop',
      '1',
      '-t',
      String(seconds),
      '-i',
      first,
      '-loop',
      '1',
      '-t',
      String(seconds),
      '-i',
      second,
      '-filter_complex',
      `[0]${fit}[a];[1]${fit}[b];[a][b]concat=n=2:v=1[v]`,
      '-map',
      '[v]',
      '-r',
      '10',
      '-c:v',
      'mpeg4',
      '-q:v',
      '4',
      out,
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`ffmpeg could not make the test video: ${result.stderr}`);
}
