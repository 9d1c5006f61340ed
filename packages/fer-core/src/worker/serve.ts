// The worker side: one detector and one tracker, created from the app's `init`, answering frames
// one at a time (the client sends the next only after the answer).
import { createEmotionDetector, type EmotionDetector } from '../detector';
import { EmotionTracker } from '../tracker';
import type { FromWorker, ToWorker, TransferableFrame, WireError } from './protocol';

/** The part of a worker's global scope this needs. */
export interface WorkerScope {
  postMessage(message: FromWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
  close(): void;
}

const wire = (error: unknown): WireError =>
  error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };

/** Frames arrive as ImageBitmap or VideoFrame; the detector reads bitmaps. Closes what it made. */
async function toBitmap(frame: TransferableFrame): Promise<ImageBitmap> {
  if (typeof ImageBitmap !== 'undefined' && frame instanceof ImageBitmap) return frame;
  const bitmap = await createImageBitmap(frame);
  (frame as VideoFrame).close();
  return bitmap;
}

/** Serves `scope`'s messages: call it once in the worker (the `@moodtunes/fer-core/worker` entry does). */
export function serveEmotionDetector(scope: WorkerScope): void {
  let detector: Promise<EmotionDetector> | undefined;
  let tracker: EmotionTracker | undefined;
  scope.addEventListener('message', (event) => {
    const message = event.data;
    switch (message.type) {
      case 'init':
        tracker = new EmotionTracker(message.init.tracker);
        detector = createEmotionDetector(message.init.detector);
        detector.then(
          (d) => scope.postMessage({ type: 'ready', selection: d.backendSelection, metadata: { ...d.classifier.metadata } }),
          (error: unknown) => scope.postMessage({ type: 'error', id: null, error: wire(error) }),
        );
        return;
      case 'frame':
        void answer(message);
        return;
      case 'reset':
        tracker?.reset();
        return;
      case 'dispose':
        void detector?.then((d) => d.dispose()).catch(() => undefined);
        tracker?.dispose();
        scope.postMessage({ type: 'disposed' });
        scope.close();
    }
  });

  async function answer({ id, frame, timeMs, options }: Extract<ToWorker, { type: 'frame' }>): Promise<void> {
    let bitmap: ImageBitmap | undefined;
    try {
      if (!detector || !tracker) throw new Error('frame before init');
      const d = await detector;
      bitmap = await toBitmap(frame);
      const start = performance.now();
      const faces = await d.detect(bitmap, options);
      const ms = performance.now() - start;
      scope.postMessage({ type: 'result', id, faces, tracked: tracker.update(faces, timeMs), ms });
    } catch (error) {
      scope.postMessage({ type: 'error', id, error: wire(error) });
    } finally {
      bitmap?.close();
    }
  }
}
