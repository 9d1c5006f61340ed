import type { ModelRegistry } from '@moodtunes/vision-core';
import type { ModelType } from './types';

/** SSD anchor layout of a MediaPipe detector (see MediaPipe's ssd_anchors_calculator). */
export interface AnchorConfig {
  /** Side of the square model input, in pixels. */
  inputSize: number;
  /** Stride of each anchor layer, in input pixels. */
  strides: number[];
  /** MediaPipe's `interpolated_scale_aspect_ratio`: when > 0, one extra anchor per layer. */
  interpolatedScaleAspectRatio: number;
}

/** Everything the code needs to run one detector model, besides its files. */
export interface DetectorSpec {
  /** Side of the square model input, in pixels (128 short, 192 full). */
  inputSize: number;
  /** How the SSD anchors are laid out. */
  anchors: AnchorConfig;
  /** MediaPipe's default `min_score_thresh`. */
  defaultMinScore: number;
  /** Output node holding the `[N, anchors, 17]` detections. */
  outputNode: string;
  /**
   * Smallest face, long side in model-input pixels, that the network finds reliably; sets the tile
   * scale for small faces. Measured by tiling the fixtures' group photo (31 faces of 23-58 px) at
   * fixed scales: full range found all of them from about 12 px in its input, short range from about 16 px.
   */
  minFacePixels: number;
}

/**
 * The detector models this package ships: name, display name, files with the SHA-256 recorded in
 * models/NOTICE.md, and input size, anchors, default `minScore` and output node. File URLs are
 * literal `new URL(..., import.meta.url)` calls so that bundlers emit the files; `src/` and `dist/`
 * both sit one level below the package root, so `../models/` works from either.
 */
export const DETECTOR_MODELS: ModelRegistry<ModelType, DetectorSpec> = {
  short: {
    name: 'short',
    displayName: 'BlazeFace short range',
    graph: {
      name: 'facemesh-detection-short.json',
      sha256: '39a0a802cee9aeacd430e35b819f3a77f1440ca94747388a4147185a0bda7a03',
      url: new URL('../models/facemesh-detection-short.json', import.meta.url),
    },
    weights: [
      {
        name: 'facemesh-detection-short.bin',
        sha256: 'e9b69ee1c1f8cd33c58120bcd75bf8c56bfba20c880f447e9d293ec102059d4b',
        url: new URL('../models/facemesh-detection-short.bin', import.meta.url),
      },
    ],
    meta: {
      inputSize: 128,
      anchors: { inputSize: 128, strides: [8, 16, 16, 16], interpolatedScaleAspectRatio: 1 },
      defaultMinScore: 0.5,
      outputNode: 'Identity:0',
      minFacePixels: 18,
    },
  },
  full: {
    name: 'full',
    displayName: 'BlazeFace full range',
    graph: {
      name: 'facemesh-detection-full.json',
      sha256: '1bdef3b5bfef3132ad5b625eca3493af01a373df4a3b2584fa250e5da16ed960',
      url: new URL('../models/facemesh-detection-full.json', import.meta.url),
    },
    weights: [
      {
        name: 'facemesh-detection-full.bin',
        sha256: '5c3f885a2fd36cb36a6e8bf96a902d9702d486dc76454536e7c15ba73c4e5b42',
        url: new URL('../models/facemesh-detection-full.bin', import.meta.url),
      },
    ],
    meta: {
      inputSize: 192,
      anchors: { inputSize: 192, strides: [4], interpolatedScaleAspectRatio: 0 },
      defaultMinScore: 0.6,
      outputNode: 'Identity:0',
      minFacePixels: 13,
    },
  },
};
