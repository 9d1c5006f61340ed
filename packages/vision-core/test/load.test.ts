// Model loading through a platform: bundled files are hash-checked, user files are not, and every
// failure names its source. The fixtures are face-detect's bundled BlazeFace files.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadGraph, ModelIntegrityError, ModelLoadError, platform, type BundledModelEntry, type Platform } from '@moodtunes/vision-core';

const MODELS = new URL('../../face-detect/models/', import.meta.url);
const file = (name: string) => {
  const url = new URL(name, MODELS);
  return { name, url, sha256: createHash('sha256').update(readFileSync(url)).digest('hex') };
};
const json = file('facemesh-detection-short.json');
const bundled: BundledModelEntry = {
  name: 'short',
  displayName: 'BlazeFace short range',
  graph: json,
  weights: [file('facemesh-detection-short.bin')],
  meta: {},
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the Node platform', () => {
  it('is chosen by the node export condition and resolves paths to file URLs', () => {
    expect(platform.name).toBe('node');
    expect(platform.resolve('/tmp/model.json').href).toBe('file:///tmp/model.json');
    expect(platform.resolve('https://example.org/m.json').href).toBe('https://example.org/m.json');
  });
});

describe('loadGraph', () => {
  it('loads a bundled model from its own file URLs and checks every hash', async () => {
    const read: URL[] = [];
    const watching: Platform = { ...platform, read: (url) => (read.push(url), platform.read(url)) };
    const model = await loadGraph({ bundled }, watching);
    expect(model.inputs[0]?.shape).toEqual([-1, 128, 128, 3]);
    expect(read.map((u) => u.href)).toEqual([json.url.href, bundled.weights[0]!.url.href]);
    model.dispose();
  });

  it('refuses a bundled file whose bytes changed with ModelIntegrityError, a ModelLoadError', async () => {
    const tampered: Platform = {
      ...platform,
      async read(url) {
        const bytes = new Uint8Array(await platform.read(url));
        if (url.pathname.endsWith('.bin')) bytes[7] = bytes[7]! ^ 0xff;
        return bytes.buffer;
      },
    };
    const error = await loadGraph({ bundled }, tampered).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelIntegrityError);
    expect(error).toBeInstanceOf(ModelLoadError);
    expect((error as ModelIntegrityError).file).toBe('facemesh-detection-short.bin');
  });

  it('refuses a manifest that names a file the entry does not bundle', async () => {
    const error = await loadGraph({ bundled: { ...bundled, weights: [] } }, platform).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelLoadError);
    expect((error as Error).message).toMatch(/manifest names facemesh-detection-short\.bin/);
  });

  it('loads a user model from a path without hash checks, weights beside the JSON', async () => {
    const model = await loadGraph(json.url.pathname, platform);
    expect(model.outputs).toHaveLength(1);
    model.dispose();
  });

  it('names the location of a missing or unparsable model', async () => {
    const missing = await loadGraph('/nonexistent/model.json', platform).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ModelLoadError);
    expect((missing as ModelLoadError).source).toBe('from file:///nonexistent/model.json');
    const notJson = await loadGraph(bundled.weights[0]!.url, platform).catch((e: unknown) => e);
    expect(notJson).toBeInstanceOf(ModelLoadError);
    const broken = await loadGraph({ load: () => Promise.reject(new Error('disk on fire')) }, platform).catch((e: unknown) => e);
    expect((broken as Error).message).toBe('Could not load the model from the given IOHandler: disk on fire');
  });
});
