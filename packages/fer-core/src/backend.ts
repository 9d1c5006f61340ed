// Backend choice lives here and nowhere else. tfjs has one active backend per process or page,
// so the choice is global to tfjs; the selection is cached per set of options.
import * as tf from '@tensorflow/tfjs-core';
import { platform } from '@moodtunes/vision-core';
import { BackendInitError } from './errors';

/** A tfjs backend fer-core knows how to start. */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** The default preference: fastest first when real hardware is behind it. */
export const DEFAULT_BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** How to choose the tfjs backend. */
export interface BackendOptions {
  /** Use exactly this backend; fail with {@link BackendInitError} if it cannot start. */
  backend?: BackendName;
  /** Preference order to try instead of {@link DEFAULT_BACKEND_ORDER}. */
  order?: readonly BackendName[];
  /**
   * Accept a software GPU (SwiftShader, llvmpipe, fallback adapters) or a GPU backend whose
   * warm-up is slow, even when wasm would be faster. Default false: those are tried after wasm.
   */
  allowSlowGpu?: boolean;
  /** A GPU backend whose warm-up convolution takes longer than this (ms) is treated as slow. Default 50. */
  slowWarmupMs?: number;
  /** Where the wasm backend finds its `.wasm` files (prefix or per-file map); Node finds them itself. */
  wasmPaths?: string | Record<string, string>;
}

/** What happened when one backend was tried. */
export interface BackendAttempt {
  /** The backend that was tried. */
  backend: BackendName;
  /** True when the backend started and passed the self-check. */
  ok: boolean;
  /** True when it works but was put behind faster backends (software GPU or slow warm-up). */
  demoted: boolean;
  /** Why it was accepted, demoted or rejected. */
  reason: string;
  /** Time of the second run of the warm-up convolution, in ms (the first compiles shaders). */
  warmupMs?: number;
  /** wasm only: the threads tfjs's wasm backend runs on (see {@link BackendSelection.wasmThreads}). */
  wasmThreads?: number;
}

/** The backend fer-core runs on, and why. */
export interface BackendSelection {
  /** The backend now active in tfjs. */
  backend: BackendName;
  /** One sentence: why this backend was chosen. */
  reason: string;
  /** Every backend tried, in order. */
  attempts: BackendAttempt[];
  /**
   * When the backend is wasm: how many threads it runs on. More than 1 only in a cross-origin
   * isolated page (`Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy:
   * require-corp` or `credentialless`), where tfjs loads its threaded build and uses half the
   * logical cores; always 1 in Node. docs/backends.md measures what threads buy.
   */
  wasmThreads?: number;
}

const SOFTWARE_GPU = /swiftshader|llvmpipe|lavapipe|softpipe|software|basic render/i;

const selections = new Map<string, Promise<BackendSelection>>();
let queue: Promise<unknown> = Promise.resolve();
// Live models per backend. tfjs runs one backend per process or page, so a model created on a
// second backend would silently move every earlier one onto it.
const holders = new Map<BackendName, number>();

/**
 * @internal Registers a new model on the selected backend and returns its release function.
 * Refuses (and switches tfjs back) when live models run on another backend.
 */
export async function claimBackend(selection: BackendSelection): Promise<() => void> {
  const name = selection.backend;
  const held = [...holders].find(([other, count]) => count > 0 && other !== name);
  if (held) {
    await tf.setBackend(held[0]);
    throw new BackendInitError(
      `tfjs runs one backend per process or page, and ${held[1]} live model(s) run on ${held[0]}: ` +
        `dispose them before creating one on ${name}, or create this one with backend: '${held[0]}'`,
    );
  }
  holders.set(name, (holders.get(name) ?? 0) + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holders.set(name, (holders.get(name) ?? 1) - 1);
  };
}

/** @internal Throws {@link BackendInitError} when tfjs's active backend is no longer the one a model was created on. */
export function assertActiveBackend(expected: BackendName): void {
  const active = tf.getBackend();
  if (active !== expected) {
    throw new BackendInitError(
      `The active tfjs backend is now ${active}, but this model was created on ${expected}: something called ` +
        'tf.setBackend or selectBackend with other options since. tfjs runs one backend per process or page.',
    );
  }
}

/**
 * Starts the best tfjs backend and reports why it won: WebGPU, then WebGL, then WASM, then CPU
 * by default, taking the first that initialises and passes a numeric self-check. A software or
 * slow GPU is demoted behind wasm. Calls with the same options share one selection; calls with
 * different options run one after another, and the last one decides the active backend.
 *
 * @throws {@link BackendInitError} when no candidate (or the forced backend) can start.
 */
export function selectBackend(options: BackendOptions = {}): Promise<BackendSelection> {
  const key = JSON.stringify([options.backend, options.order, options.allowSlowGpu, options.slowWarmupMs]);
  const cached = selections.get(key);
  if (cached) {
    // Another selection may have switched the global backend since; switch back.
    return (queue = queue.then(async () => {
      const selection = await cached;
      if (tf.getBackend() !== selection.backend) await tf.setBackend(selection.backend);
      return selection;
    })) as Promise<BackendSelection>;
  }
  const run = queue.then(() => runSelection(options));
  queue = run.catch(() => undefined);
  selections.set(key, run);
  run.catch(() => selections.delete(key));
  return run;
}

async function runSelection(options: BackendOptions): Promise<BackendSelection> {
  const forced = options.backend !== undefined;
  const order = forced ? [options.backend as BackendName] : [...(options.order ?? DEFAULT_BACKEND_ORDER)];
  const acceptSlow = forced || options.allowSlowGpu === true;
  const slowMs = options.slowWarmupMs ?? 50;
  const attempts: BackendAttempt[] = [];
  const demoted: BackendAttempt[] = [];

  for (const name of order) {
    const attempt = await tryBackend(name, options, slowMs);
    attempts.push(attempt);
    if (!attempt.ok) continue;
    if (attempt.demoted && !acceptSlow) {
      demoted.push(attempt);
      continue;
    }
    return { backend: name, reason: summarise(attempt, attempts), attempts, ...threadsOf(attempt) };
  }
  const fallback = demoted[0];
  if (fallback && (await tf.setBackend(fallback.backend))) {
    return {
      backend: fallback.backend,
      reason: `${fallback.backend}: the only working backend, although ${fallback.reason}`,
      attempts,
      ...threadsOf(fallback),
    };
  }
  const detail = attempts.map((a) => `${a.backend}: ${a.reason}`).join('; ');
  throw new BackendInitError(
    forced ? `Backend "${options.backend}" could not start (${detail})` : `No tfjs backend could start (${detail})`,
  );
}

const threadsOf = (attempt: BackendAttempt) => (attempt.wasmThreads === undefined ? {} : { wasmThreads: attempt.wasmThreads });

function summarise(chosen: BackendAttempt, attempts: BackendAttempt[]): string {
  const skipped = attempts.filter((a) => a !== chosen).map((a) => `${a.backend} ${a.ok ? 'demoted' : 'skipped'}: ${a.reason}`);
  return [`${chosen.backend}: ${chosen.reason}`, ...skipped].join('; ');
}

async function tryBackend(name: BackendName, options: BackendOptions, slowMs: number): Promise<BackendAttempt> {
  const fail = (reason: string): BackendAttempt => ({ backend: name, ok: false, demoted: false, reason });
  let softwareNote: string | undefined;
  try {
    if (name === 'webgpu') {
      const probe = await probeWebGpu();
      if (typeof probe === 'string' && !probe.startsWith('software')) return fail(probe);
      if (typeof probe === 'string') softwareNote = probe;
    }
    if (name === 'webgl' && typeof document === 'undefined' && typeof OffscreenCanvas === 'undefined') {
      return fail('no canvas (not a browser)');
    }
    await registerBackend(name, options);
    if (!(await tf.setBackend(name))) return fail('tfjs could not initialise it');
    await tf.ready();
    if (name === 'webgl') softwareNote = webglSoftwareNote();
    const warmupMs = await selfCheck();
    if (softwareNote) {
      return { backend: name, ok: true, demoted: true, reason: `${softwareNote}, warm-up ${warmupMs.toFixed(1)} ms`, warmupMs };
    }
    if ((name === 'webgpu' || name === 'webgl') && warmupMs > slowMs) {
      return { backend: name, ok: true, demoted: true, reason: `warm-up ${warmupMs.toFixed(1)} ms > ${slowMs} ms`, warmupMs };
    }
    if (name === 'wasm') {
      const wasmThreads = (await import('@tensorflow/tfjs-backend-wasm')).getThreadsCount();
      const threads = wasmThreads === 1 ? '1 thread' : `${wasmThreads} threads`;
      return {
        backend: name,
        ok: true,
        demoted: false,
        reason: `initialised, self-check passed, warm-up ${warmupMs.toFixed(1)} ms, ${threads}`,
        warmupMs,
        wasmThreads,
      };
    }
    return {
      backend: name,
      ok: true,
      demoted: false,
      reason: `initialised, self-check passed, warm-up ${warmupMs.toFixed(1)} ms`,
      warmupMs,
    };
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

async function registerBackend(name: BackendName, options: BackendOptions): Promise<void> {
  switch (name) {
    case 'webgpu':
      if (!tf.findBackendFactory(name)) await import('@tensorflow/tfjs-backend-webgpu');
      return;
    case 'webgl':
      if (!tf.findBackendFactory(name)) await import('@tensorflow/tfjs-backend-webgl');
      return;
    case 'wasm': {
      // Paths can only be set before the wasm backend initialises (once per process or page).
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      if (!tf.findBackend('wasm')) platform.configureWasm(wasm, options.wasmPaths);
      return;
    }
    case 'cpu':
      if (!tf.findBackendFactory(name)) await import('@tensorflow/tfjs-backend-cpu');
  }
}

/** Returns undefined for a hardware adapter, 'software …' for a software one, else why it failed. */
async function probeWebGpu(): Promise<string | undefined> {
  const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  if (!gpu) return 'navigator.gpu is not available';
  const adapter = await gpu.requestAdapter();
  if (!adapter) return 'requestAdapter() returned no adapter';
  const info = adapter.info ?? (adapter.requestAdapterInfo ? await adapter.requestAdapterInfo() : {});
  if (adapter.isFallbackAdapter || info.isFallbackAdapter) return 'software adapter (isFallbackAdapter)';
  const text = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ');
  return SOFTWARE_GPU.test(text) ? `software adapter (${text})` : undefined;
}

interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}

interface GpuLike {
  requestAdapter(): Promise<{
    info?: AdapterInfoLike;
    isFallbackAdapter?: boolean;
    requestAdapterInfo?: () => Promise<AdapterInfoLike>;
  } | null>;
}

function webglSoftwareNote(): string | undefined {
  const gl = (tf.backend() as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
  if (!gl) return undefined;
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
  return SOFTWARE_GPU.test(renderer) ? `software renderer (${renderer})` : undefined;
}

/**
 * A 3x3 convolution of a known input must give known sums (a broken backend returns zeros or
 * garbage); the second run is timed because the first one compiles shaders.
 */
async function selfCheck(): Promise<number> {
  const run = async (): Promise<number> => {
    const out = tf.tidy(() => {
      const x = tf.ones([1, 48, 48, 8]);
      const w = tf.ones([3, 3, 8, 16]);
      return tf.sum(tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'valid'));
    });
    const value = (await out.data())[0] ?? Number.NaN;
    out.dispose();
    return value;
  };
  await run();
  const start = performance.now();
  const value = await run();
  const elapsed = performance.now() - start;
  const expected = 46 * 46 * 16 * 72;
  if (Math.abs(value - expected) > expected * 1e-4) {
    throw new Error(`self-check failed: conv2d sum ${value}, expected ${expected}`);
  }
  return elapsed;
}
