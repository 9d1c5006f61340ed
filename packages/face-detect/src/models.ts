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

/** Everything that differs between the short- and full-range models. */
export interface ModelSpec {
  /** Which model this is. */
  type: ModelType;
  /** Side of the square model input, in pixels (128 short, 192 full). */
  inputSize: number;
  /** How the SSD anchors are laid out. */
  anchors: AnchorConfig;
  /** MediaPipe's default `min_score_thresh`. */
  defaultMinScore: number;
  /** Output node holding the `[1, N, 17]` detections. */
  outputNode: string;
  /** The bundled files. */
  files: {
    /** The graph model's `model.json`. */
    json: ModelFile;
    /** Its weights. */
    bin: ModelFile;
  };
}

/** A bundled file and the SHA-256 recorded in models/NOTICE.md. */
export interface ModelFile {
  /** File name inside the package's `models/` folder. */
  name: string;
  /** Hex SHA-256 the loaders check the file against. */
  sha256: string;
}

/** Input size, anchors, default `minScore`, output node and bundled files of each model. */
export const MODEL_SPECS: Record<ModelType, ModelSpec> = {
  short: {
    type: 'short',
    inputSize: 128,
    anchors: { inputSize: 128, strides: [8, 16, 16, 16], interpolatedScaleAspectRatio: 1 },
    defaultMinScore: 0.5,
    outputNode: 'Identity:0',
    files: {
      json: {
        name: 'facemesh-detection-short.json',
        sha256: '39a0a802cee9aeacd430e35b819f3a77f1440ca94747388a4147185a0bda7a03',
      },
      bin: {
        name: 'facemesh-detection-short.bin',
        sha256: 'e9b69ee1c1f8cd33c58120bcd75bf8c56bfba20c880f447e9d293ec102059d4b',
      },
    },
  },
  full: {
    type: 'full',
    inputSize: 192,
    anchors: { inputSize: 192, strides: [4], interpolatedScaleAspectRatio: 0 },
    defaultMinScore: 0.6,
    outputNode: 'Identity:0',
    files: {
      json: {
        name: 'facemesh-detection-full.json',
        sha256: '1bdef3b5bfef3132ad5b625eca3493af01a373df4a3b2584fa250e5da16ed960',
      },
      bin: {
        name: 'facemesh-detection-full.bin',
        sha256: '5c3f885a2fd36cb36a6e8bf96a902d9702d486dc76454536e7c15ba73c4e5b42',
      },
    },
  },
};

/**
 * URLs of the bundled files. Written as literal `new URL(..., import.meta.url)` calls so that
 * bundlers (Vite, webpack, esbuild with a plugin) see them and emit the files as assets; both
 * `src/` and `dist/` sit one level below the package root, so `../models/` works from either.
 */
export function bundledModelUrls(type: ModelType): { json: URL; bin: URL } {
  return type === 'full'
    ? {
        json: new URL('../models/facemesh-detection-full.json', import.meta.url),
        bin: new URL('../models/facemesh-detection-full.bin', import.meta.url),
      }
    : {
        json: new URL('../models/facemesh-detection-short.json', import.meta.url),
        bin: new URL('../models/facemesh-detection-short.bin', import.meta.url),
      };
}
