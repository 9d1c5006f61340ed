/**
 * Measures the built demo per backend in headless Debian chromium with the same fake webcam as
 * the e2e tests: time from page load to the first labelled face, and frames analysed per second
 * over the following seconds (the app's own counter). Prints a Markdown table.
 *
 *   pnpm --filter @moodtunes/example-webcam measure [-- --seconds 10 --backends wasm,webgl,webgpu,auto]
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { writeFakeCamera } from '../test/fake-camera';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const APP = fileURLToPath(new URL('..', import.meta.url));
const PHOTO = fileURLToPath(new URL('../../../../shared/data/faces/nasa_leland_melvin_portrait.jpg', import.meta.url));

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: { seconds: { type: 'string', default: '10' }, backends: { type: 'string', default: 'wasm,webgl,webgpu,auto' } },
});
const seconds = Number(values.seconds);
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
  const camera = writeFakeCamera(PHOTO, join(work, 'camera.y4m'), { face: { x: 434, y: 163, width: 170, height: 185 } });
  const context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--enable-unsafe-webgpu',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${camera.path}`,
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const version = context.browser()?.version() ?? (await (await context.newPage()).evaluate(() => navigator.userAgent)).match(/Chrome\/([\d.]+)/)?.[1];
  console.log(`chromium ${version}, ${cpus().length} CPU cores (${cpus()[0]?.model.trim()}), ${camera.width}x${camera.height} fake webcam, ${seconds} s per backend\n`);
  console.log('| backend asked | backend used | first labelled face (s) | frames/s | label |');
  console.log('|---|---|---|---|---|');
  for (const backend of (values.backends ?? '').split(',')) {
    const page = await context.newPage();
    const start = Date.now();
    await page.goto(`${origin}/?backend=${backend}`);
    const box = page.locator('.face-box').first();
    await box.waitFor({ timeout: 300_000 });
    const firstFace = (Date.now() - start) / 1000;
    await page.waitForTimeout(seconds * 1000);
    const chip = page.locator('#engine-chip');
    const used = await chip.getAttribute('data-backend');
    const fps = Number(await chip.getAttribute('data-fps'));
    const label = await page.locator('.face-box .face-tag').first().textContent();
    console.log(`| ${backend} | ${used} | ${firstFace.toFixed(1)} | ${fps.toFixed(fps < 1 ? 2 : 1)} | ${label} |`);
    await page.close();
  }
  await context.close();
  await server.close();
} finally {
  rmSync(work, { recursive: true, force: true });
}
