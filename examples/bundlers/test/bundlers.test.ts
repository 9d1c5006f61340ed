// The tiny app (app/main.ts) built the way apps build it: with Vite, webpack 5 and esbuild, against
// the packages' published builds (dist/, built here first), and rendered on the server with Vite's
// SSR build. Each build is served on 127.0.0.1 and run in headless Debian chromium with every
// other origin blocked: the models and wasm binaries must come from the build's own output.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import metaUrlPlugin from '@chialab/esbuild-plugin-meta-url';
import { build as esbuild, transformSync } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { build as vite } from 'vite';
import webpack from 'webpack';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const IN_CI = process.env.CI === 'true' || process.env.CI === '1';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const APP = fileURLToPath(new URL('../app/', import.meta.url));
const PHOTO = join(ROOT, '..', 'shared', 'data', 'faces', 'nasa_leland_melvin_portrait.jpg');
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.bin': 'application/octet-stream',
  '.jpg': 'image/jpeg',
};

interface Served {
  origin: string;
  server: Server;
}

/** Serves `dir` (and the test photo at /photo.jpg; `html` at / when given) on 127.0.0.1. */
async function serve(dir: string, html?: string): Promise<Served> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/photo.jpg') return res.writeHead(200, { 'Content-Type': TYPES['.jpg'] }).end(readFileSync(PHOTO));
    if (path === '/' && html) return res.writeHead(200, { 'Content-Type': TYPES['.html'] }).end(html);
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dir) || !existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const page = (script: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>moodtunes</title></head><body><script type="module" src="${script}"></script></body></html>`;

/** The app's TypeScript as plain ES modules (what a TS loader hands webpack), wasm glue chosen. */
function appAsJs(out: string, glue: 'bundler'): string {
  mkdirSync(join(out, 'wasm'), { recursive: true });
  for (const [from, to] of [
    ['main.ts', 'main.js'],
    [`wasm/${glue}.ts`, 'wasm-paths.js'],
  ] as const) {
    writeFileSync(
      join(out, to),
      transformSync(readFileSync(join(APP, from), 'utf8'), { loader: 'ts', format: 'esm', target: 'es2022' }).code,
    );
  }
  return join(out, 'main.js');
}

const builds: Record<string, (out: string) => Promise<{ dir: string; html?: string }>> = {
  async vite(out) {
    await vite({
      root: APP,
      configFile: false,
      logLevel: 'warn',
      resolve: { alias: [{ find: './wasm-paths', replacement: join(APP, 'wasm/vite.ts') }] },
      // fer-core loads its backends with dynamic imports, which a worker bundle keeps only as ES modules.
      worker: { format: 'es' },
      build: {
        outDir: out,
        emptyOutDir: true,
        target: 'es2022',
        rollupOptions: { input: { main: join(APP, 'index.html'), worker: join(APP, 'worker.html') } },
      },
    });
    return { dir: out };
  },
  async webpack(out) {
    const entry = appAsJs(join(out, 'src'), 'bundler');
    const compiler = webpack({
      mode: 'production',
      target: 'web',
      entry,
      output: { path: join(out, 'dist'), filename: 'main.js', publicPath: '/' },
      // The app's JS sits in a temporary folder; its packages are this example's dependencies.
      resolve: { modules: [fileURLToPath(new URL('../node_modules', import.meta.url)), 'node_modules'] },
      // tfjs is large; minifying it is the app's business, not what this test checks.
      optimization: { minimize: false },
      performance: { hints: false },
      module: {
        rules: [
          { test: /\.wasm$/, type: 'asset/resource' },
          // The app imports './wasm-paths' without an extension, as TypeScript sources do.
          { test: /\.js$/, include: join(out, 'src'), resolve: { fullySpecified: false } },
        ],
      },
    });
    const stats = await new Promise<webpack.Stats>((resolve, reject) =>
      compiler.run((error, result) => (error ? reject(error) : resolve(result!))),
    );
    await new Promise((done) => compiler.close(done));
    if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true }));
    writeFileSync(join(out, 'dist', 'index.html'), page('/main.js'));
    return { dir: join(out, 'dist') };
  },
  async esbuild(out) {
    await esbuild({
      entryPoints: [join(APP, 'main.ts')],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      outdir: out,
      assetNames: 'assets/[name]-[hash]',
      loader: { '.wasm': 'file' },
      logLevel: 'warning',
      plugins: [
        metaUrlPlugin(),
        {
          name: 'wasm-paths',
          setup(b) {
            b.onResolve({ filter: /^\.\/wasm-paths$/ }, () => ({ path: join(APP, 'wasm/bundler.ts') }));
          },
        },
      ],
    });
    writeFileSync(join(out, 'index.html'), page('/main.js'));
    return { dir: out };
  },
};

describe.skipIf(!HAVE_CHROMIUM && !IN_CI)('the tiny app built by each bundler, run in headless chromium', () => {
  let work: string;
  let browser: Browser;

  beforeAll(async () => {
    if (!HAVE_CHROMIUM) throw new Error(`CI=true but ${CHROMIUM} is missing: .ci/run must apt-get install chromium`);
    // The published builds: what `npm install` gives an app.
    execFileSync('pnpm', ['-r', '--filter', './packages/*', 'build'], { cwd: ROOT, stdio: 'ignore' });
    work = mkdtempSync(join(tmpdir(), 'moodtunes-bundlers-'));
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--enable-unsafe-webgpu'] });
  });

  afterAll(async () => {
    await browser?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** Runs a served build in a fresh page; every request to another origin is blocked and listed. */
  async function runServed({ origin }: Served, path = '/') {
    const context = await browser.newContext();
    const foreign: string[] = [];
    const models: { url: string; status: number }[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
      foreign.push(url);
      return route.abort();
    });
    const tab = await context.newPage();
    tab.on('response', (r) => {
      if (/\.(bin|wasm)$|model\.json$|detection-\w+\.json$|manifest\.json$/.test(new URL(r.url()).pathname))
        models.push({ url: r.url(), status: r.status() });
    });
    await tab.goto(`${origin}${path}`);
    await tab.waitForFunction(() => document.body?.dataset.result !== undefined || document.body?.dataset.error !== undefined, null, {
      timeout: 120_000,
    });
    const error = await tab.evaluate(() => document.body.dataset.error);
    const result = JSON.parse((await tab.evaluate(() => document.body.dataset.result)) ?? 'null') as Record<string, unknown> | null;
    const ssr = await tab.evaluate(() => document.body.dataset.ssr);
    await context.close();
    return { error, result, foreign, models, ssr };
  }

  function expectWorking(run: Awaited<ReturnType<typeof runServed>>, origin: string) {
    expect(run.error).toBeUndefined();
    expect(run.foreign).toEqual([]);
    expect(run.result).toMatchObject({
      emotions: ['happy'],
      classes: 7,
      embedding: 128,
      shortRangeFaces: 1,
      tracks: 3,
      spotify: 'function',
    });
    expect(['webgpu', 'webgl', 'wasm']).toContain(run.result!.backend);
    // fer-core's emotion model, face-detect's detector, face-id's weights: all from this origin.
    for (const m of run.models) {
      expect(m.url.startsWith(origin)).toBe(true);
      expect(m.status).toBe(200);
    }
    // Bundlers rename the files (webpack to bare hashes), so count them: the two BlazeFace networks
    // of 'auto', the emotion model and face-id's weights are four weight files, plus a wasm binary
    // when wasm runs (headless chromium here has only software GPUs, which fer-core demotes).
    const names = run.models.map((m) => new URL(m.url).pathname);
    expect(new Set(names.filter((n) => n.endsWith('.bin'))).size).toBeGreaterThanOrEqual(4);
    if (run.result!.backend === 'wasm') expect(names.filter((n) => n.endsWith('.wasm')).length).toBeGreaterThanOrEqual(1);
  }

  it.each(Object.keys(builds))('%s: builds, loads every model from its own output, and runs', async (name) => {
    const { dir, html } = await builds[name]!(join(work, name));
    const served = await serve(dir, html);
    try {
      expectWorking(await runServed(served), served.origin);
    } finally {
      served.server.close();
    }
  });

  it('Web Worker (Vite): frames transferred and tracked in the worker, one dropped while busy, typed errors, disposal; main-thread long tasks against the main thread', async () => {
    const { dir } = await builds.vite!(join(work, 'worker'));
    const served = await serve(dir);
    try {
      const run = await runServed(served, '/worker.html');
      expect(run.error).toBeUndefined();
      expect(run.foreign).toEqual([]);
      const r = run.result as Record<string, unknown> & {
        inWorker: { longTaskMs: number; wallMs: number };
        onMain: { longTaskMs: number; wallMs: number };
      };
      expect(r).toMatchObject({
        emotions: ['happy'],
        tracked: [1],
        group: 'happy',
        transferred: true,
        dropped: true,
        droppedFrames: 1,
        badInput: 'InvalidInputError',
        badStart: 'InvalidOptionError',
        afterDispose: 'DisposedError',
      });
      expect(['webgpu', 'webgl', 'wasm']).toContain(r.backend);
      // The worker keeps inference off the main thread: far less long-task time for the same frames.
      expect(r.inWorker.longTaskMs).toBeLessThan(r.onMain.longTaskMs / 4);
      console.log(`[worker] ${JSON.stringify({ backend: r.backend, mainBackend: r.mainBackend, inWorker: r.inWorker, onMain: r.onMain })}`);
    } finally {
      served.server.close();
    }
  });

  it('Vite SSR: importing fer-core on the server reads no file, needs no DOM, opens no connection; the page then runs in the browser', async () => {
    const out = join(work, 'ssr');
    await vite({
      root: APP,
      configFile: false,
      logLevel: 'warn',
      build: { ssr: join(APP, 'ssr.ts'), outDir: join(out, 'server'), emptyOutDir: true, target: 'node20' },
    });
    const client = await builds.vite!(join(out, 'client'));

    // Import the server bundle with file reads, fetch and sockets watched (spies keep the behaviour;
    // syncBuiltinESMExports makes ESM imports of node:fs see them too).
    const require = createRequire(import.meta.url);
    const fs = require('node:fs') as typeof import('node:fs');
    const net = require('node:net') as typeof import('node:net');
    const spies = [
      vi.spyOn(fs, 'readFile'),
      vi.spyOn(fs, 'readFileSync'),
      vi.spyOn(fs.promises, 'readFile'),
      vi.spyOn(globalThis, 'fetch'),
      vi.spyOn(net.Socket.prototype, 'connect'),
    ];
    syncBuiltinESMExports();
    let render: (clientSrc: string) => string;
    try {
      expect(typeof (globalThis as { document?: unknown }).document).toBe('undefined');
      ({ render } = (await import(pathToFileURL(join(out, 'server', 'ssr.js')).href)) as { render: typeof render });
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
      syncBuiltinESMExports();
    }

    const clientHtml = readFileSync(join(client.dir, 'index.html'), 'utf8');
    const script = /<script type="module" crossorigin src="([^"]+)"/.exec(clientHtml)?.[1];
    expect(script).toBeDefined();
    const html = render(script!);
    expect(html).toContain('<li>neutral</li>');
    const served = await serve(client.dir, html);
    try {
      const run = await runServed(served);
      expect(run.ssr).toBe('7-4');
      expectWorking(run, served.origin);
    } finally {
      served.server.close();
    }
  });
});
