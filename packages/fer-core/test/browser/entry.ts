// Bundled by test/browser.test.ts and run in headless chromium: the same photo on one backend.
import * as tf from '@tensorflow/tfjs-core';
import { createEmotionDetector, selectBackend, type BackendName } from '../../src/index';

const WASM_PATHS = '/wasm/';

async function loadImageData(url: string): Promise<ImageData> {
  const bitmap = await createImageBitmap(await (await fetch(url)).blob());
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  context.drawImage(bitmap, 0, 0);
  return context.getImageData(0, 0, bitmap.width, bitmap.height);
}

const api = {
  /** The default choice on this machine, and why. */
  async select() {
    return selectBackend({ wasmPaths: WASM_PATHS });
  },
  /** Forces a backend, runs detect on a photo, then `calls` more times to watch numTensors. */
  async run(backend: BackendName, photo: string, calls: number, modelUrl = '/fer/model.json') {
    const detector = await createEmotionDetector({
      backend,
      wasmPaths: WASM_PATHS,
      modelUrl,
      faceDetector: { modelUrls: { short: '/fd/facemesh-detection-short.json', full: '/fd/facemesh-detection-full.json' } },
    });
    const frame = await loadImageData(`/img/${photo}`);
    const results = await detector.detect(frame);
    const before = tf.memory().numTensors;
    const start = performance.now();
    for (let i = 0; i < calls; i++) await detector.detect(frame);
    const msPerCall = calls > 0 ? (performance.now() - start) / calls : 0;
    const after = tf.memory().numTensors;
    const reason = detector.backendSelection.reason;
    detector.dispose();
    return {
      backend: detector.backend,
      reason,
      results: results.map((r) => ({ emotion: r.emotion, scores: r.scores, box: r.box })),
      before,
      after,
      afterDispose: tf.memory().numTensors,
      msPerCall,
    };
  },
};

/** A live <video> of a photo (canvas.captureStream), as a webcam would give. */
async function photoVideo(photo: string): Promise<HTMLVideoElement> {
  const bitmap = await createImageBitmap(await (await fetch(`/img/${photo}`)).blob());
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  const context = canvas.getContext('2d')!;
  const draw = () => context.drawImage(bitmap, 0, 0);
  draw();
  setInterval(draw, 50);
  const video = document.createElement('video');
  video.muted = true;
  video.srcObject = canvas.captureStream(20);
  document.body.append(video);
  await video.play();
  while (video.readyState < 2 || video.videoWidth === 0) await new Promise((r) => setTimeout(r, 20));
  return video;
}

const videoApi = {
  /** Forces a backend and runs detect on a playing <video> element. */
  async runVideo(backend: BackendName, photo: string) {
    const detector = await createEmotionDetector({
      backend,
      wasmPaths: WASM_PATHS,
      modelUrl: '/fer/model.json',
      faceDetector: { modelUrls: { short: '/fd/facemesh-detection-short.json', full: '/fd/facemesh-detection-full.json' } },
    });
    const video = await photoVideo(photo);
    const results = await detector.detect(video);
    detector.dispose();
    return { backend: detector.backend, results: results.map((r) => ({ emotion: r.emotion, scores: r.scores, box: r.box })) };
  },
};

(globalThis as unknown as { ferTest: typeof api & typeof videoApi }).ferTest = { ...api, ...videoApi };
