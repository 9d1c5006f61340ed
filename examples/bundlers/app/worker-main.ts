// fer-core in a Web Worker, as an app uses it (test/bundlers.test.ts reads `data-result`): frames
// transferred, a frame dropped while the worker is busy, typed errors from both sides, disposal, and
// the main thread's long tasks for the same frames analysed in the worker and on the main thread.
import { createEmotionDetector, createWorkerDetector, DisposedError, InvalidInputError, InvalidOptionError } from '@moodtunes/fer-core';
import { wasmPaths } from './wasm-paths';

const FRAMES = 20;
const absolute = Object.fromEntries(Object.entries(wasmPaths).map(([name, url]) => [name, new URL(url, location.href).href]));
const spawn = () => new Worker(new URL('./fer-worker.ts', import.meta.url), { type: 'module' });
const photo = async () => createImageBitmap(await (await fetch('/photo.jpg')).blob());
const errorName = (error: unknown) =>
  error instanceof InvalidInputError
    ? 'InvalidInputError'
    : error instanceof InvalidOptionError
      ? 'InvalidOptionError'
      : error instanceof DisposedError
        ? 'DisposedError'
        : String(error);

/** Main-thread time in long tasks (> 50 ms) while `work` runs, and its wall time. */
async function busy(work: () => Promise<void>): Promise<{ longTaskMs: number; longTasks: number; wallMs: number }> {
  const tasks: number[] = [];
  const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration)));
  observer.observe({ type: 'longtask' });
  const start = performance.now();
  await work();
  const wallMs = performance.now() - start;
  await new Promise((done) => setTimeout(done, 100));
  observer.disconnect();
  return { longTaskMs: Math.round(tasks.reduce((a, b) => a + b, 0)), longTasks: tasks.length, wallMs: Math.round(wallMs) };
}

async function run(): Promise<void> {
  const detector = await createWorkerDetector(spawn(), { detector: { wasmPaths: absolute } });
  const bitmap = await photo();
  const first = detector.detect(bitmap, { timeMs: 0 });
  const transferred = bitmap.width === 0;
  const dropped = await detector.detect(await photo(), { timeMs: 1 });
  const result = await first;
  const badInput = await detector.detect({} as ImageBitmap).then(() => 'resolved', errorName);
  const badStart = await createWorkerDetector(spawn(), { detector: { model: 'tiny' as never } }).then(() => 'resolved', errorName);

  const frames = await Promise.all(Array.from({ length: FRAMES }, photo));
  const inWorker = await busy(async () => {
    for (const [i, frame] of frames.entries()) await detector.detect(frame, { timeMs: 100 * (i + 2), mode: 'video' });
  });
  const afterDispose = (() => {
    detector.dispose();
    return detector.detect(bitmap);
  })().then(() => 'resolved', errorName);

  const main = await createEmotionDetector({ wasmPaths: absolute });
  const mainFrames = await Promise.all(Array.from({ length: FRAMES }, photo));
  const onMain = await busy(async () => {
    for (const frame of mainFrames) await main.detect(frame, { mode: 'video' });
  });
  main.dispose();

  document.body.dataset.result = JSON.stringify({
    backend: detector.backend,
    reason: detector.backendSelection.reason,
    emotions: result?.faces.map((f) => f.emotion),
    tracked: result?.tracked.faces.map((f) => f.id),
    group: result?.tracked.group?.emotion,
    transferred,
    dropped: dropped === null,
    droppedFrames: detector.droppedFrames,
    badInput,
    badStart,
    afterDispose: await afterDispose,
    inWorker,
    onMain,
    mainBackend: main.backend,
  });
}

run().catch((error: unknown) => {
  document.body.dataset.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
});
