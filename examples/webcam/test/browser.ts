// What the e2e tests and the measure script share: the browser, its flags and the fake webcam's source.
import { fileURLToPath } from 'node:url';
import type { FaceBox } from './fake-camera';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for every browser the tests start (each also gets a fresh --user-data-dir). */
export const BASE_FLAGS = [
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A fake camera that plays `y4m` and a permission prompt that says yes. */
export const cameraFlags = (y4m: string) => [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  `--use-file-for-fake-video-capture=${y4m}`,
];

/** NASA's public-domain portrait of astronaut Leland Melvin, smiling, and its annotated face box (shared/data/faces/annotations.json). */
export const PORTRAIT: { path: string; face: FaceBox } = {
  path: fileURLToPath(new URL('../../../../shared/data/faces/nasa_leland_melvin_portrait.jpg', import.meta.url)),
  face: { x: 434, y: 163, width: 170, height: 185 },
};
