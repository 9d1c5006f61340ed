// Headless Debian chromium (playwright-core, no browser download): the same photo must give the
// same top emotion on webgpu, webgl and wasm, with probabilities within a tolerance, and the
// default picker must refuse the software GPU here. Skipped where chromium is not installed.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED_DATA } from '../tools/lib/paths';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const PHOTO = 'astronaut_eileen_collins.png';
const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.html': 'text/html',
  '.bin': 'application/octet-stream',
};

interface RunResult {
  backend: string;
  reason: string;
  results: { emotion: string; scores: number[]; box: { x: number; y: number; width: number; height: number } }[];
  before: number;
  after: number;
  afterDispose: number;
  msPerCall: number;
}

describe.skipIf(!existsSync(CHROMIUM))('browser backends in headless chromium', () => {
  let server: Server;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    const bundle = await build({
      entryPoints: [join(PACKAGE, 'test/browser/entry.ts')],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      conditions: ['@moodtunes/source'],
      logLevel: 'error',
    });
    const roots: Record<string, string> = {
      '/wasm/': join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist'),
      '/fer/': join(PACKAGE, 'models/accurate'),
      '/fer-fast/': join(PACKAGE, 'models/fast'),
      '/fd/': join(PACKAGE, '../face-detect/models'),
      '/img/': join(SHARED_DATA, 'faces'),
    };
    const page = '<!doctype html><script type="module" src="/entry.js"></script>';
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (url === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(page);
      if (url === '/entry.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle.outputFiles[0]!.contents);
      const prefix = Object.keys(roots).find((p) => url.startsWith(p));
      const file = prefix ? normalize(join(roots[prefix]!, url.slice(prefix.length))) : undefined;
      if (!file || !file.startsWith(roots[prefix!]!) || !existsSync(file)) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    // WebGPU needs a secure context: http://127.0.0.1 is one, about:blank and file:// are not.
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--enable-unsafe-webgpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  /** Each backend gets a fresh page, so one backend's state cannot leak into another's. */
  async function inPage<T>(fn: string): Promise<T> {
    const page = await browser.newPage();
    try {
      await page.goto(`${origin}/`);
      await page.waitForFunction(() => 'ferTest' in globalThis);
      return await page.evaluate(fn);
    } finally {
      await page.close();
    }
  }

  it('picks wasm by default here because both GPU backends are software (SwiftShader)', async () => {
    const selection = await inPage<{
      backend: string;
      reason: string;
      attempts: { backend: string; ok: boolean; demoted: boolean; reason: string }[];
    }>('ferTest.select()');
    expect(selection.backend).toBe('wasm');
    const gpu = selection.attempts.filter((a) => a.backend === 'webgpu' || a.backend === 'webgl');
    expect(gpu).toHaveLength(2);
    for (const attempt of gpu) {
      // Either detected as a software adapter/renderer, or measured slow; both demote it.
      expect(attempt).toMatchObject({ ok: true, demoted: true });
      expect(attempt.reason).toMatch(/software|warm-up/i);
    }
    expect(selection.reason).toMatch(/^wasm:.*webgpu demoted/);
  }, 120_000);

  it.each([
    ['accurate', '/fer/model.json'],
    ['fast', '/fer-fast/model.json'],
  ])(
    '%s model: the same top emotion on webgpu, webgl and wasm, probabilities within 1e-4, no tensor leak',
    async (_, modelUrl) => {
      const runs: RunResult[] = [];
      // Software GPUs are slow here (see docs/backends.md), so they get fewer repeat calls.
      for (const [backend, calls] of [
        ['wasm', 100],
        ['webgl', 3],
        ['webgpu', 3],
      ] as const) {
        const args = [backend, PHOTO, calls, modelUrl].map((a) => JSON.stringify(a)).join(', ');
        runs.push(await inPage<RunResult>(`ferTest.run(${args})`));
      }
      const [wasm] = runs;
      const maxDiff = (r: RunResult) => Math.max(...r.results[0]!.scores.map((s, k) => Math.abs(s - wasm!.results[0]!.scores[k]!)));
      console.info(
        runs
          .map(
            (r) =>
              `${r.backend}: ${r.results[0]?.emotion}, ${r.msPerCall.toFixed(0)} ms per detect, max |p - p_wasm| ${maxDiff(r).toExponential(1)}`,
          )
          .join('; '),
      );
      expect(wasm!.results).toHaveLength(1);
      for (const run of runs) {
        expect(run.results).toHaveLength(1);
        expect(run.results[0]!.emotion).toBe(wasm!.results[0]!.emotion);
        run.results[0]!.scores.forEach((s, k) => expect(Math.abs(s - wasm!.results[0]!.scores[k]!)).toBeLessThan(1e-4));
        expect(run.after).toBe(run.before);
        expect(run.afterDispose).toBeLessThan(run.before);
      }
      expect(runs.map((r) => r.backend)).toEqual(['wasm', 'webgl', 'webgpu']);
    },
    240_000,
  );

  it('reads a playing <video> element on webgpu and wasm (webgpu imports video as an external texture)', async () => {
    for (const backend of ['webgpu', 'wasm'] as const) {
      const run = await inPage<{ backend: string; results: { emotion: string }[] }>(
        `ferTest.runVideo(${JSON.stringify(backend)}, ${JSON.stringify(PHOTO)})`,
      );
      expect(run.backend).toBe(backend);
      expect(run.results.map((r) => r.emotion)).toEqual(['happy']);
    }
  }, 240_000);
});
