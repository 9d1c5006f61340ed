// Regression tests for issue 13's CLI items: each bad input ends with its documented exit code and
// a short message on stderr, never a stack or library source. All run the real bin as a child process.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CsvRowError } from '@moodtunes/mood-recommender';
import { failure, FileError } from '../src/errors';
import type { Report } from '../src/report';
import { bin, FACES, hasFfmpeg, MUSIC, tempDir } from './helpers';

const PHOTO = 'obama_official_portrait_2012.jpg';
const STRAY_ERROR = ['--import', fileURLToPath(new URL('../tools/stray-error.mjs', import.meta.url))];

/** A few short lines, with no stack frame and nothing of a library's source. */
function expectShortMessage(stderr: string): void {
  expect(Buffer.byteLength(stderr)).toBeLessThan(300);
  expect(stderr.trimEnd().split('\n').length).toBeLessThanOrEqual(3);
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toMatch(/node_modules|function\s*\(|=>/);
}

/** A PNG of only a signature, an IHDR chunk that declares `width x height` (RGBA, 8-bit), and IEND. */
function pngHeader(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])));
    return Buffer.concat([length, Buffer.from(type, 'latin1'), data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A JPEG of only SOI, a JFIF APP0, a baseline SOF0 that declares `width x height` (3 components), and EOI. */
function jpegHeader(width: number, height: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const sof = Buffer.from([0xff, 0xc0, 0, 17, 8, 0, 0, 0, 0, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  sof.writeUInt16BE(height, 5);
  sof.writeUInt16BE(width, 7);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.from([0xff, 0xd9])]);
}

describe('a bad --catalog (issue 13 item 1)', () => {
  it('a missing catalog, a directory or a truncated .csv.gz exits 2 with one line', () => {
    const dir = tempDir();
    const gz = readFileSync(join(MUSIC, 'SpotifyFeatures-sample.csv.gz'));
    writeFileSync(join(dir, 'cut.csv.gz'), gz.subarray(0, Math.floor(gz.length / 2)));
    const cases: [string, RegExp][] = [
      ['nope.csv', /^FileError: nope\.csv: no such file \(--catalog\)$/],
      [dir, /^FileError: .+: is a directory, not a file \(--catalog\)$/],
      // mood-recommender reports a truncated gzip itself (CatalogInputError, with the line it reached).
      [join(dir, 'cut.csv.gz'), /^(FileError|CatalogInputError): .*cut\.csv\.gz.*(truncated|gzip)/],
    ];
    for (const [catalog, message] of cases) {
      const run = bin(['--catalog', catalog, PHOTO, '--json']);
      expect(run.status, `${catalog}: ${run.stderr}`).toBe(2);
      expectShortMessage(run.stderr);
      expect(run.stderr.trim()).toMatch(message);
      expect(run.stdout).toBe('');
    }
  });

  it('--lenient on a truncated .csv.gz uses the rows before the cut and reports where it was cut', () => {
    const dir = tempDir();
    const gz = readFileSync(join(MUSIC, 'SpotifyFeatures-sample.csv.gz'));
    writeFileSync(join(dir, 'cut.csv.gz'), gz.subarray(0, Math.floor(gz.length / 2)));
    const run = bin(['--catalog', join(dir, 'cut.csv.gz'), '--lenient', PHOTO, '--json', '-n', '2']);
    expect(run.status).toBe(0);
    const { catalog } = JSON.parse(run.stdout) as Report;
    expect(catalog.tracks).toBeGreaterThan(0);
    expect(catalog.truncated).toMatchObject({ line: catalog.tracks + 2, reason: expect.stringMatching(/gzip/) as string });
  });

  it('an error that escapes while tfjs-backend-wasm is running is one line and exit 1, not its minified source and exit 7', () => {
    const run = bin([PHOTO, '--json'], FACES, STRAY_ERROR);
    expect(run.status).toBe(1);
    expectShortMessage(run.stderr);
    expect(run.stderr).toContain('Error: stray failure in a library\n(unexpected error; rerun with --debug for the stack)');
  });

  it('--debug shows the stack of an unexpected error', () => {
    const run = bin([PHOTO, '--json', '--debug'], FACES, STRAY_ERROR);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/stray failure in a library\n\s+at library \(lib\.js:1:1\)\n\s+at /);
  });

  it('unexpected errors map to exit 1 and one capped line; typed ones keep their message', () => {
    const minified = new Error(`${'x=>y,'.repeat(5000)}\n    at f (lib.js:1:1)`);
    const unknown = failure(minified, false);
    expect(unknown.exitCode).toBe(1);
    expect(unknown.text).toMatch(/^Error: (x=>y,){40}…\n\(unexpected error; rerun with --debug for the stack\)\n$/);
    expect(failure(minified, true).text).toContain('at f (lib.js:1:1)');
    const typed = failure(new FileError('a.jpg', 'no such file'), false);
    expect(typed).toEqual({ exitCode: 2, text: 'FileError: a.jpg: no such file\n' });
    expect(failure(new CsvRowError(4, 'valence is not a number'), false)).toEqual({
      exitCode: 1,
      text: 'CsvRowError: CSV line 4: valence is not a number\n',
    });
  });
});

describe('image headers are checked before decoding (issue 13 item 2)', () => {
  it('a tiny PNG or JPEG that declares 12000x12000 pixels is refused from its header with ImageTooLargeError', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bomb.png'), pngHeader(12000, 12000));
    writeFileSync(join(dir, 'bomb.jpg'), jpegHeader(12000, 12000));
    const started = performance.now();
    const run = bin(['bomb.png', 'bomb.jpg', join(FACES, 'nasa_ellen_ochoa_portrait.jpg'), '--json', '-n', '1'], dir);
    expect(performance.now() - started).toBeLessThan(30_000); // decoding 144 MP took 30 s on its own
    expect(run.status).toBe(1); // an input failed; the good photo is still analysed
    expectShortMessage(run.stderr);
    const [png, jpg, good] = (JSON.parse(run.stdout) as Report).inputs;
    const tooLarge = (file: string) => ({
      file,
      error: {
        name: 'ImageTooLargeError',
        message: `${file}: 12000x12000 is 144.0 megapixels, over the 100 MP limit; scale it down first`,
      },
    });
    expect(png).toMatchObject(tooLarge('bomb.png'));
    expect(jpg).toMatchObject(tooLarge('bomb.jpg'));
    expect(good).toMatchObject({ kind: 'photo', faces: [expect.anything()] });
  });

  it.runIf(hasFfmpeg() || process.env.CI === 'true')(
    'a video whose frames are over the cap is refused from ffprobe, before ffmpeg decodes it',
    () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'huge.y4m'), 'YUV4MPEG2 W12000 H12000 F10:1 Ip A1:1 C420jpeg\nFRAME\n');
      const run = bin(['huge.y4m', '--json'], dir);
      expect(run.status).toBe(1);
      expectShortMessage(run.stderr);
      expect((JSON.parse(run.stdout) as Report).inputs[0]).toMatchObject({ kind: 'video', error: { name: 'ImageTooLargeError' } });
    },
  );
});
