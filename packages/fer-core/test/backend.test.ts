import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { BackendInitError, selectBackend } from '@moodtunes/fer-core';

// Node: no navigator.gpu and no canvas, so the default order must fall through to wasm,
// with the .wasm files found inside the installed package (no network, no setWasmPaths).
describe('selectBackend in Node', () => {
  it('falls back from webgpu and webgl to wasm and says why', async () => {
    const selection = await selectBackend();
    expect(selection.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(selection.attempts.map((a) => [a.backend, a.ok])).toEqual([
      ['webgpu', false],
      ['webgl', false],
      ['wasm', true],
    ]);
    expect(selection.attempts[0]?.reason).toMatch(/navigator\.gpu/);
    expect(selection.reason).toMatch(/^wasm: initialised, self-check passed, warm-up [\d.]+ ms, 1 thread/);
    // Node runs tfjs's single-threaded build (vision-core's node platform turns threads off).
    expect(selection.wasmThreads).toBe(1);
    expect(selection.reason).toMatch(/webgpu skipped/);
    // Threads are off in Node.
    expect(tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT')).toBe(false);
  });

  it('shares one selection between concurrent calls with the same options', async () => {
    const [a, b] = await Promise.all([selectBackend({ order: ['wasm'] }), selectBackend({ order: ['wasm'] })]);
    expect(a).toBe(b);
    expect(a.backend).toBe('wasm');
  });

  it('follows an app-given order and switches the active backend back on reuse', async () => {
    expect((await selectBackend({ order: ['cpu', 'wasm'] })).backend).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect((await selectBackend()).backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
  });

  it('throws BackendInitError when a forced backend cannot start, naming the reason', async () => {
    const failure = selectBackend({ backend: 'webgl' });
    await expect(failure).rejects.toBeInstanceOf(BackendInitError);
    await expect(failure).rejects.toThrow(/webgl.*no canvas/);
    // The failed attempt is not cached: the next call tries again (and fails the same way).
    await expect(selectBackend({ backend: 'webgl' })).rejects.toBeInstanceOf(BackendInitError);
  });

  it('throws when no backend in the order can start', async () => {
    await expect(selectBackend({ order: ['webgpu', 'webgl'] })).rejects.toThrow(/No tfjs backend could start.*webgpu:.*webgl:/);
  });
});
