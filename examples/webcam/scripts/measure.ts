/**
 * Measures the built demo per backend in headless Debian chromium with the same fake webcam as
 * the e2e tests: time from page load to the first labelled face, and frames analysed per second
 * over the following seconds (the app's own counter), per face detector (`?faces=`): `short`, the
 * detector before fer-core's `'auto'`, and `auto`, the default, in turns, `--rounds` times each, so
 * both see the same machine. `--cores` repeats everything with `navigator.hardwareConcurrency` faked
 * (tfjs sizes its wasm thread pool from it: half the cores), `native` for the real value. Prints a
 * Markdown table with the wasm threads the page got. `--worker on,off` runs the models in the Web
 * Worker (the default) and on the main thread (`?worker=0`) in turns, and reports the main thread's
 * long-task time (tasks over 50 ms) per second and how late a 10 ms timer fires (p95 and worst:
 * what a click waits for while a frame is analysed). A faked core
 * count reaches the page, not its workers.
 *
 *   pnpm --filter @moodtunes/example-webcam measure [-- --seconds 10 --backends wasm,webgl,webgpu,auto --faces short,auto --rounds 1 --cores native,4 --worker on,off]
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { BASE_FLAGS, cameraFlags, CHROMIUM, PORTRAIT } from '../test/browser';
import { writeFakeCamera } from '../test/fake-camera';

const APP = fileURLToPath(new URL('..', import.meta.url));

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    seconds: { type: 'string', default: '10' },
    backends: { type: 'string', default: 'wasm,webgl,webgpu,auto' },
    faces: { type: 'string', default: 'short,auto' },
    rounds: { type: 'string', default: '1' },
    cores: { type: 'string', default: 'native' },
    worker: { type: 'string', default: 'on' },
  },
});
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
if (!existsSync(CHROMIUM)) {
  console.error(`${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'moodtunes-measure-'));
try {
  const outDir = join(work, 'dist');
  await build({ root: APP, logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false } });
  const server = await preview({ root: APP, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0 } });
  const origin = (server.resolvedUrls?.local[0] ?? '').replace(/\/$/, '');
  const camera = writeFakeCamera(PORTRAIT.path, join(work, 'camera.y4m'), { face: PORTRAIT.face });
  const coreCounts = (values.cores ?? '').split(',');
  const contexts = [];
  for (const cores of coreCounts) {
    const context = await chromium.launchPersistentContext(join(work, `profile-${cores}`), {
      executablePath: CHROMIUM,
      headless: true,
      args: [...BASE_FLAGS, ...cameraFlags(camera.path)],
    });
    if (cores !== 'native') {
      // A source string, not a function: tsx's transpiled functions can reference helpers the page lacks.
      await context.addInitScript({
        content: `Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => ${Number(cores)} });`,
      });
    }
    // Long tasks of the page's main thread, from the start (buffered), for the jank figure.
    await context.addInitScript({
      content:
        `window.__longTasks = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longTasks.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });` +
        // How late a 10 ms timer fires: what a click or a scroll waits for while a frame is analysed.
        `window.__lateness = []; let due = performance.now() + 10; setInterval(() => { const now = performance.now(); window.__lateness.push([now, Math.max(0, now - due)]); due = now + 10; }, 10);`,
    });
    contexts.push({ cores, context });
  }
  const version = contexts[0]?.context.browser()?.version() ?? 'unknown version';
  console.log(
    `chromium ${version}, ${cpus().length} CPU cores (${cpus()[0]?.model.trim()}), ${camera.width}x${camera.height} fake webcam, ${seconds} s per backend\n`,
  );
  console.log(
    '| models in | hardwareConcurrency | backend asked | face detector | round | backend used | wasm threads | cross-origin isolated | first labelled face (s) | frames/s | main-thread long tasks, ms/s | 10 ms timer late, p95 / max ms | label |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  const runs = (values.backends ?? '')
    .split(',')
    .flatMap((backend) =>
      Array.from({ length: rounds }, (_, round) =>
        (values.faces ?? '')
          .split(',')
          .flatMap((faces) =>
            (values.worker ?? '').split(',').map((worker) => ({ backend, faces, worker: worker !== 'off', round: round + 1 })),
          ),
      ).flat(),
    );
  for (const { backend, faces, worker, round } of runs) {
    for (const { cores, context } of contexts) {
      const page = await context.newPage();
      const start = Date.now();
      await page.goto(`${origin}/?backend=${backend}&faces=${faces}${worker ? '' : '&worker=0'}`);
      const box = page.locator('.face-box').first();
      await box.waitFor({ timeout: 300_000 });
      const firstFace = (Date.now() - start) / 1000;
      const from = await page.evaluate(() => performance.now());
      await page.waitForTimeout(seconds * 1000);
      const { longTaskMs, lateP95, lateMax } = await page.evaluate((t0) => {
        const w = window as unknown as { __longTasks: [number, number][]; __lateness: [number, number][] };
        const late = w.__lateness
          .filter(([t]) => t >= t0)
          .map(([, d]) => d)
          .sort((a, b) => a - b);
        return {
          longTaskMs: w.__longTasks.filter(([t]) => t >= t0).reduce((sum, [, d]) => sum + d, 0),
          lateP95: late[Math.floor(late.length * 0.95)] ?? 0,
          lateMax: late[late.length - 1] ?? 0,
        };
      }, from);
      const chip = page.locator('#engine-chip');
      const used = await chip.getAttribute('data-backend');
      const threads = (await chip.getAttribute('data-threads')) || '-';
      const fps = Number(await chip.getAttribute('data-fps'));
      const isolated = await page.evaluate(() => globalThis.crossOriginIsolated);
      const concurrency = await page.evaluate(() => navigator.hardwareConcurrency);
      const label = await page.locator('.face-box .face-tag').first().textContent();
      const perSecond = longTaskMs / seconds;
      console.log(
        `| ${worker ? 'worker' : 'main thread'} | ${concurrency}${cores === 'native' ? '' : ' (faked)'} | ${backend} | ${faces} | ${round} | ${used} | ${threads} | ${isolated ? 'yes' : 'no'} | ${firstFace.toFixed(1)} | ${fps.toFixed(fps < 1 ? 2 : 1)} | ${perSecond.toFixed(0)} | ${lateP95.toFixed(1)} / ${lateMax.toFixed(0)} | ${label} |`,
      );
      await page.close();
    }
  }
  for (const { context } of contexts) await context.close();
  await server.close();
} finally {
  rmSync(work, { recursive: true, force: true });
}
