// The built webcam demo, served on 127.0.0.1, in headless Debian chromium driven by
// playwright-core. The fake webcam plays a .y4m clip made here from a public-domain NASA
// portrait of a smiling astronaut, so every backend must outline one face and call it happy.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_FLAGS, cameraFlags, CHROMIUM, PORTRAIT } from './browser';
import { writeFakeCamera, type FaceBox, type FakeCamera } from './fake-camera';

const IN_CI = process.env.CI === 'true' || process.env.CI === '1';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const APP = fileURLToPath(new URL('..', import.meta.url));
const RESULTS = join(APP, 'test-results');
const PHOTO = PORTRAIT.path;
const SHARED_MUSIC = fileURLToPath(new URL('../../../../shared/data/music', import.meta.url));
const SHARED_FACES = fileURLToPath(new URL('../../../../shared/data/faces', import.meta.url));
/** Software WebGPU/WebGL (SwiftShader) compile and run the two models in seconds per frame. */
const SLOW_BACKEND_MS = 150_000;
const FAST_BACKEND_MS = 45_000;

if (!HAVE_CHROMIUM && !IN_CI) {
  console.warn(
    `[example-webcam] end-to-end tests skipped: ${CHROMIUM} not found (install Debian's chromium: apt-get install -y chromium).`,
  );
}

describe.skipIf(!HAVE_CHROMIUM && !IN_CI)(`webcam demo in headless chromium (${CHROMIUM})`, () => {
  let work: string;
  let server: PreviewServer;
  let origin: string;
  let camera: FakeCamera;
  let context: BrowserContext;

  beforeAll(async () => {
    if (!HAVE_CHROMIUM) throw new Error(`CI=true but ${CHROMIUM} is missing: .ci/run must apt-get install chromium`);
    work = mkdtempSync(join(tmpdir(), 'moodtunes-webcam-e2e-'));
    mkdirSync(RESULTS, { recursive: true });
    const outDir = join(work, 'dist');
    await build({ root: APP, logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false } });
    server = await preview({ root: APP, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false } });
    origin = (server.resolvedUrls?.local[0] ?? '').replace(/\/$/, '');
    expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    camera = writeFakeCamera(PHOTO, join(work, 'astronaut.y4m'), { face: PORTRAIT.face });
    context = await launch('camera', cameraFlags(camera.path));
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** A fresh browser profile each time (--user-data-dir), as a first-time visitor has. */
  function launch(name: string, flags: string[]): Promise<BrowserContext> {
    return chromium.launchPersistentContext(join(work, `profile-${name}`), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1360, height: 900 },
      args: [...BASE_FLAGS, ...flags],
    });
  }

  /** A page of the demo with default settings (the profile's localStorage outlives a page). */
  async function open(ctx: BrowserContext, query: string, init?: () => void): Promise<Page> {
    const page = await ctx.newPage();
    await page.addInitScript(() => localStorage.removeItem('moodtunes.settings'));
    if (init) await page.addInitScript(init);
    await page.goto(`${origin}/${query}`);
    return page;
  }

  /** Waits for a labelled face; on timeout the error says what the page showed instead. */
  async function waitForFace(page: Page, emotion: string, timeout: number) {
    const box = page.locator(`.face-box[data-emotion="${emotion}"]`).first();
    try {
      await box.waitFor({ timeout });
    } catch (error) {
      const seen = await page.evaluate(() =>
        ['#stage-hint', '#stage-notice', '#banner', '#backend-status', '.face-box']
          .map((s) => `${s}: ${document.querySelector(s)?.textContent ?? '-'}`)
          .join(' | '),
      );
      throw new Error(`no face labelled ${emotion} within ${timeout} ms; page shows ${seen}`, { cause: error });
    }
    return box;
  }

  async function expectFaceOnBackend(backend: 'wasm' | 'webgl' | 'webgpu', timeout: number): Promise<Page> {
    const page = await open(context, `?backend=${backend}`);
    const box = await waitForFace(page, 'happy', timeout);
    await expect.poll(() => page.locator('#backend-active').textContent()).toBe(backend);
    const [x, y, w, h] = ((await box.getAttribute('data-box')) ?? '').split(',').map(Number) as [number, number, number, number];
    expect(iou({ x, y, width: w, height: h }, camera.face)).toBeGreaterThan(0.35);
    expect(await box.locator('.face-tag').textContent()).toMatch(/^happy \d{2,3}%$/);
    await expect.poll(() => page.locator('.face-card .bar').count()).toBe(7);
    return page;
  }

  async function recommendationTitles(page: Page, emotion: string): Promise<string[]> {
    await page.locator(`#rec-list[data-emotion="${emotion}"] .rec`).first().waitFor({ timeout: 30_000 });
    return page.locator('#rec-list .rec-title').allTextContents();
  }

  async function shot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(RESULTS, `${name}.png`), fullPage: true });
  }

  it('wasm: outlines the fake webcam face, labels it happy, and recommends tracks for a happy mood', async () => {
    const page = await expectFaceOnBackend('wasm', FAST_BACKEND_MS);
    expect(await page.locator('#mood-emotion').textContent()).toBe('happy');
    const titles = await recommendationTitles(page, 'happy');
    expect(titles).toHaveLength(10);
    expect(await page.locator('#rec-list .rec-why').first().textContent()).toMatch(/happy/);
    expect(await page.locator('#catalog-current').textContent()).toMatch(/generated/i);
    // The panel follows the stable mood, not the frames: a few more frames change nothing.
    await page.waitForTimeout(1500);
    expect(await page.locator('#rec-list .rec-title').allTextContents()).toEqual(titles);
    await shot(page, 'webcam-wasm');
    await page.close();
  });

  it('manual override, strategy and track count change the recommendations', async () => {
    const page = await expectFaceOnBackend('wasm', FAST_BACKEND_MS);
    const happy = await recommendationTitles(page, 'happy');
    await page.selectOption('#override', 'sad');
    const sad = await recommendationTitles(page, 'sad');
    expect(sad).toHaveLength(10);
    expect(sad).not.toEqual(happy);
    expect(sad.filter((t) => happy.includes(t)).length).toBeLessThan(5);
    expect(await page.locator('.area-recs .card-title').textContent()).toBe('Music for a sad mood');
    await page.click('#strategy [data-value="kmeans"]');
    await page.locator('#rec-list[data-strategy="kmeans"]').waitFor();
    await page.click('#mode [data-value="uplift"]');
    await page.locator('#rec-list[data-mode="uplift"]').waitFor();
    await page.locator('#count').fill('5');
    await expect.poll(() => page.locator('#rec-list .rec').count()).toBe(5);
    await shot(page, 'webcam-override');
    await page.selectOption('#override', 'auto');
    await page.locator('#rec-list[data-emotion="happy"]').waitFor();
    await page.close();
  });

  it('the emotion model switch loads FerNet-T, keeps it in the URL, and still labels the face happy', async () => {
    const page = await expectFaceOnBackend('wasm', FAST_BACKEND_MS);
    await expect
      .poll(() => page.locator('#model-info').textContent())
      .toMatch(/^FerNet-S · 1\.2M parameters · \d\d\.\d% on FER2013 PublicTest$/);
    await page.click('#model [data-value="fast"]');
    await expect.poll(() => page.locator('#model-info').textContent(), { timeout: 30_000 }).toMatch(/^FerNet-T · /);
    expect(new URL(page.url()).searchParams.get('model')).toBe('fast');
    // The frame rate restarts from 0 with each detector, so a rate above 0 means FerNet-T frames.
    await expect
      .poll(async () => Number(await page.locator('#engine-chip').getAttribute('data-fps')), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await waitForFace(page, 'happy', FAST_BACKEND_MS);
    await shot(page, 'webcam-fast-model');
    await page.close();
  });

  it('cross-origin isolated: wasm runs threads sized by the core count, and cross-origin covers still load', async () => {
    // Album art stands in for Spotify's CDN: another origin that sends no CORP or CORS header.
    const covers = createServer((_, res) => res.writeHead(200, { 'Content-Type': 'image/jpeg' }).end(readFileSync(PHOTO)));
    await new Promise<void>((done) => covers.listen(0, '127.0.0.1', done));
    const coverUrl = `http://localhost:${(covers.address() as AddressInfo).port}/cover.jpg`;
    const loadsCover = (page: Page) =>
      page.evaluate(
        (src) =>
          new Promise<number>((resolve) => {
            const img = Object.assign(new Image(), { referrerPolicy: 'no-referrer', src });
            img.onload = () => resolve(img.naturalWidth);
            img.onerror = () => resolve(0);
          }),
        coverUrl,
      );
    const fourCores = await launch('four-cores', cameraFlags(camera.path));
    try {
      // This machine's own core count: tfjs takes half of it for wasm threads.
      const native = await expectFaceOnBackend('wasm', FAST_BACKEND_MS);
      expect(await native.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
      const cores = await native.evaluate(() => navigator.hardwareConcurrency);
      const expected = String(Math.max(1, Math.floor(cores / 2)));
      await expect.poll(() => native.locator('#engine-chip').getAttribute('data-threads')).toBe(expected);
      if (expected === '1') expect(await native.locator('#backend-threads-why').textContent()).toMatch(/half the logical cores/);
      expect(await loadsCover(native)).toBeGreaterThan(0);
      await native.close();

      // Main thread (?worker=0): a faked core count reaches the page, not its workers.
      const page = await open(fourCores, '?backend=wasm&worker=0', () => {
        Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => 4 });
      });
      await waitForFace(page, 'happy', FAST_BACKEND_MS);
      await expect.poll(() => page.locator('#engine-chip').getAttribute('data-threads')).toBe('2');
      expect(await page.locator('#backend-threads').textContent()).toBe(' · 2 threads');
      expect(await page.locator('#backend-threads-why').count()).toBe(0);
      await page.close();
    } finally {
      await fourCores.close();
      await new Promise((done) => covers.close(done));
    }
  });

  it('people: enrols "me" from the camera, tags the box, likes and skips change the next list, and delete erases it all', async () => {
    const page = await expectFaceOnBackend('wasm', FAST_BACKEND_MS);
    const before = await recommendationTitles(page, 'happy');
    await page.fill('#enroll-name', 'me');
    await page.click('#enroll');
    await page.locator('#people-list li[data-name="me"]').waitFor({ timeout: 30_000 });
    await page.locator('.face-box[data-name="me"] .face-name').waitFor({ timeout: 15_000 });
    expect(await page.locator('.face-box .face-name').first().textContent()).toBe('me');
    const gallery = JSON.parse((await page.evaluate(() => localStorage.getItem('moodtunes.gallery'))) ?? 'null') as {
      format: string;
      people: { name: string; embeddings: number[][] }[];
    };
    expect(gallery.format).toBe('moodtunes-face-gallery');
    expect(gallery.people.map((p) => [p.name, p.embeddings.length, p.embeddings[0]!.length])).toEqual([['me', 5, 128]]);
    await expect.poll(() => page.locator('.area-recs .card-title').textContent()).toBe('Music for a happy mood · for me');

    // A skip: that track leaves the list and does not come back; a like changes the list again.
    const skipped = await page.locator('#rec-list .rec').first().getAttribute('data-track-id');
    await page.locator('#rec-list .rec').first().locator('.rec-skip').click();
    await expect.poll(async () => page.locator(`#rec-list .rec[data-track-id="${skipped}"]`).count()).toBe(0);
    const afterSkip = await page.locator('#rec-list .rec-title').allTextContents();
    expect(afterSkip).not.toEqual(before);
    await page.locator('#rec-list .rec').nth(3).locator('.rec-like').click();
    await expect.poll(() => page.locator('#rec-list .rec-title').allTextContents()).not.toEqual(afterSkip);
    expect(await page.locator('.rec-sub').textContent()).toMatch(/tuned to 1 like and 1 skip$/);
    const profiles = JSON.parse((await page.evaluate(() => localStorage.getItem('moodtunes.profiles'))) ?? '{}') as Record<
      string,
      { skipped: string[] }
    >;
    expect(profiles.me?.skipped).toEqual([skipped]);
    await shot(page, 'webcam-people');

    // The gallery outlives the page; the delete button erases the embeddings and the profiles.
    await page.reload();
    await page.locator('.face-box[data-name="me"]').waitFor({ timeout: FAST_BACKEND_MS });
    await page.click('#forget-all');
    await expect.poll(() => page.locator('#people-list li').count()).toBe(0);
    expect(await page.evaluate(() => [localStorage.getItem('moodtunes.gallery'), localStorage.getItem('moodtunes.profiles')])).toEqual([
      null,
      null,
    ]);
    await expect.poll(() => page.locator('.face-box[data-name]').count(), { timeout: 10_000 }).toBe(0);
    await page.close();
  });

  it('webgl: outlines the face and labels it happy', async () => {
    const page = await expectFaceOnBackend('webgl', SLOW_BACKEND_MS);
    await shot(page, 'webcam-webgl');
    await page.close();
  });

  it('webgpu: outlines the face and labels it happy', async () => {
    const page = await expectFaceOnBackend('webgpu', SLOW_BACKEND_MS);
    await shot(page, 'webcam-webgpu');
    await page.close();
  });

  it('a backend that fails to start: says so, falls back, and keeps labelling faces', async () => {
    // On the main thread (?worker=0): a page's init script cannot take WebGPU away from a worker.
    const page = await open(context, '?backend=webgpu&worker=0', () => {
      Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined });
    });
    await waitForFace(page, 'happy', FAST_BACKEND_MS);
    expect(await page.locator('#banner-text').textContent()).toMatch(
      /webgpu backend could not start here, so faces are analysed on wasm instead\..*navigator\.gpu is not available/,
    );
    expect(await page.locator('#backend-active').textContent()).toBe('wasm');
    await shot(page, 'webcam-backend-fallback');
    await page.close();
  });

  it('no camera: explains it; a photo without a face says so; a portrait works', async () => {
    const page = await open(context, '?backend=wasm', () => {
      navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Requested device not found', 'NotFoundError'));
    });
    await expect.poll(() => page.locator('#stage-notice h2').textContent()).toBe('No camera found');
    await page.click('#stage-notice >> text=Use a photo');
    await page.setInputFiles('#photo-input', join(SHARED_FACES, 'noface_coffee_cc0.jpg'));
    await expect
      .poll(() => page.locator('#stage-hint').textContent(), { timeout: FAST_BACKEND_MS })
      .toBe('No face found in this photo. Try one with a clear, frontal face.');
    expect(await page.locator('.face-box').count()).toBe(0);
    await page.setInputFiles('#photo-input', PHOTO);
    await waitForFace(page, 'happy', FAST_BACKEND_MS);
    await recommendationTitles(page, 'happy');
    await shot(page, 'webcam-no-camera-photo');
    await page.close();
  });

  it('permission denied: explains it, and a manual mood and a video file still work', async () => {
    // No fake UI: the browser itself refuses the camera prompt.
    const denied = await launch('denied', ['--use-fake-device-for-media-stream', '--deny-permission-prompts']);
    try {
      const page = await open(denied, '?backend=wasm');
      await expect.poll(() => page.locator('#stage-notice h2').textContent()).toBe('Camera permission denied');
      expect(await page.locator('#stage-notice').textContent()).toMatch(/Allow the camera/);
      await page.selectOption('#override', 'neutral');
      expect(await recommendationTitles(page, 'neutral')).toHaveLength(10);
      await shot(page, 'webcam-denied');
      await page.selectOption('#override', 'auto');

      await page.click('#stage-notice >> text=Use a video');
      await page.setInputFiles('#video-input', { name: 'astronaut.webm', mimeType: 'video/webm', buffer: await recordWebm(page, PHOTO) });
      await waitForFace(page, 'happy', FAST_BACKEND_MS);
      await recommendationTitles(page, 'happy');
      await shot(page, 'webcam-video-file');
      await page.close();
    } finally {
      await denied.close();
    }
  });

  it('CSV catalog: a Kaggle file replaces the demo catalog; a file in no known format is refused and changes nothing', async () => {
    const page = await open(context, '?backend=wasm');
    await page.selectOption('#override', 'sad');
    const demo = await recommendationTitles(page, 'sad');
    await page.setInputFiles('#csv-input', join(SHARED_MUSIC, 'data_moods.csv'));
    await expect.poll(() => page.locator('#catalog-current').getAttribute('data-kind')).toBe('csv');
    expect(await page.locator('#catalog-current').textContent()).toMatch(/686 tracks from data_moods\.csv \(data-moods\)/);
    await expect.poll(() => page.locator('#rec-list .rec-title').allTextContents()).not.toEqual(demo);
    expect(await page.locator('#rec-list .rec a.pill.link').count()).toBe(10);
    const fromCsv = await page.locator('#rec-list .rec-title').allTextContents();

    await page.setInputFiles('#csv-input', { name: 'notes.csv', mimeType: 'text/csv', buffer: Buffer.from('title,notes\nhello,world\n') });
    await expect
      .poll(() => page.locator('#catalog-message').textContent())
      .toMatch(/^notes\.csv: Unrecognised catalog CSV header.*The current catalog stays in use\.$/);
    expect(await page.locator('#catalog-current').getAttribute('data-kind')).toBe('csv');
    expect(await page.locator('#rec-list .rec-title').allTextContents()).toEqual(fromCsv);
    await shot(page, 'webcam-csv');
    await page.close();
  });

  it('Connect Spotify: PKCE login on the 127.0.0.1 redirect URI, then a catalog from saved tracks', async () => {
    const page = await context.newPage();
    const seen: { authorize?: URL; token?: URLSearchParams } = {};
    await page.route('https://accounts.spotify.com/**', async (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === '/authorize') {
        seen.authorize = url;
        const back = new URL(url.searchParams.get('redirect_uri') ?? '');
        back.search = new URLSearchParams({ code: 'test-code', state: url.searchParams.get('state') ?? '' }).toString();
        return route.fulfill({ status: 302, headers: { location: back.href } });
      }
      seen.token = new URLSearchParams(route.request().postData() ?? '');
      return route.fulfill({
        json: {
          access_token: 'test-access',
          token_type: 'Bearer',
          expires_in: 3600,
          refresh_token: 'test-refresh',
          scope: 'user-library-read',
        },
      });
    });
    await page.route('https://i.scdn.co/**', (route) =>
      route.fulfill({ contentType: 'image/svg+xml', body: albumArt(route.request().url()) }),
    );
    await page.route('https://api.spotify.com/**', (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === '/v1/me/tracks') return route.fulfill({ json: savedTracksPage() });
      if (url.pathname === '/v1/audio-features') {
        const ids = (url.searchParams.get('ids') ?? '').split(',');
        return route.fulfill({ json: { audio_features: ids.map((id, i) => audioFeatures(id, i)) } });
      }
      return route.fulfill({ status: 404, json: { error: { status: 404, message: 'not in this test' } } });
    });
    await page.goto(`${origin}/?backend=wasm`);
    await page.fill('#spotify-client-id', 'test-client-id');
    await page.click('#spotify-connect');
    await page.locator('#spotify-saved').waitFor({ timeout: 30_000 });
    expect(seen.authorize?.searchParams.get('redirect_uri')).toBe(`${origin}/callback`);
    expect(seen.authorize?.searchParams.get('code_challenge_method')).toBe('S256');
    expect(seen.token?.get('grant_type')).toBe('authorization_code');
    expect(seen.token?.get('code_verifier')).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
    expect(new URL(page.url()).pathname).toBe('/');

    await page.click('#spotify-saved');
    await expect.poll(() => page.locator('#catalog-current').getAttribute('data-kind')).toBe('spotify');
    await page.selectOption('#override', 'happy');
    await page.locator('#rec-list[data-emotion="happy"] .rec').first().waitFor();
    const first = page.locator('#rec-list .rec').first();
    expect(await first.locator('a.pill.link').getAttribute('href')).toMatch(/^https:\/\/open\.spotify\.com\/track\//);
    expect(await first.locator('img.rec-art').count()).toBe(1);
    expect(await first.locator('audio.rec-preview').count()).toBe(1);
    await shot(page, 'webcam-spotify');
    await page.close();
  });
});

function iou(a: FaceBox, b: FaceBox): number {
  const w = Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x));
  const h = Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));
  const inter = w * h;
  return inter / (a.width * a.height + b.width * b.height - inter);
}

/** A two-second WebM of the photo, recorded in the page with MediaRecorder (no ffmpeg needed). */
async function recordWebm(page: Page, photo: string): Promise<Buffer> {
  const dataUrl = `data:image/jpeg;base64,${readFileSync(photo).toString('base64')}`;
  const bytes = await page.evaluate(async (src) => {
    const image = new Image();
    image.src = src;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = 480;
    canvas.height = 600;
    const context = canvas.getContext('2d') as CanvasRenderingContext2D;
    const recorder = new MediaRecorder(canvas.captureStream(10), { mimeType: 'video/webm' });
    const chunks: Blob[] = [];
    recorder.ondataavailable = (event) => chunks.push(event.data);
    const done = new Promise((resolve) => (recorder.onstop = resolve));
    recorder.start();
    for (let i = 0; i < 20; i++) {
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    recorder.stop();
    await done;
    return [...new Uint8Array(await new Blob(chunks).arrayBuffer())];
  }, dataUrl);
  return Buffer.from(bytes);
}

/** Three saved tracks in the Web API's shape, with album art and previews. */
function savedTracksPage() {
  const names = ['Sunlit Avenue', 'Rain on Glass', 'Paper Planes Home'];
  const items = names.map((name, i) => ({
    added_at: '2026-01-01T00:00:00Z',
    track: {
      id: `4uLU6hMCjMI75M1A2tKUQ${i}`,
      name,
      type: 'track',
      uri: `spotify:track:4uLU6hMCjMI75M1A2tKUQ${i}`,
      is_local: false,
      popularity: 60 + i,
      explicit: false,
      duration_ms: 200000,
      preview_url: `https://p.scdn.co/mp3-preview/test${i}`,
      external_urls: { spotify: `https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQ${i}` },
      artists: [{ id: `artist${i}`, name: `Test Artist ${i}` }],
      album: {
        id: `album${i}`,
        name: `Test Album ${i}`,
        release_date: '2020-01-01',
        images: [{ url: `https://i.scdn.co/image/test${i}`, width: 640, height: 640 }],
      },
    },
  }));
  return { href: 'https://api.spotify.com/v1/me/tracks', items, limit: 50, offset: 0, total: items.length, next: null };
}

/** A flat-colour square per URL, standing in for album art. */
function albumArt(url: string): string {
  const hue = [...url].reduce((sum, c) => (sum * 31 + c.charCodeAt(0)) % 360, 0);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="hsl(${hue} 60% 45%)"/><circle cx="32" cy="32" r="14" fill="#0008"/></svg>`;
}

function audioFeatures(id: string, i: number) {
  const valence = [0.9, 0.2, 0.6][i % 3] as number;
  const energy = [0.8, 0.3, 0.5][i % 3] as number;
  return {
    id,
    valence,
    energy,
    danceability: 0.6,
    tempo: 110,
    loudness: -7,
    acousticness: 0.3,
    instrumentalness: 0,
    speechiness: 0.05,
    liveness: 0.1,
    key: 5,
    mode: 1,
    duration_ms: 200000,
    time_signature: 4,
  };
}
