import type { ModelRegistry } from '@moodtunes/vision-core';

/**
 * The emotion models shipped in this package. `accurate` is FerNet-S (the default); `fast` is
 * FerNet-T, the same network pooled after its first layer: about 4x fewer multiply-adds, lower
 * accuracy. Both store their conv and fc weights as uint8 (affine per tensor, dequantized by tfjs at
 * load): 1,231,404 bytes each. The model card (docs/model-card.md) gives both models' measured
 * accuracy, size and speed.
 */
export type BundledModel = 'accurate' | 'fast';

/** What a bundled model's entry records besides its files: where its figures come from. */
export interface EmotionModelInfo {
  /** One line on what the model is for. */
  summary: string;
}

/**
 * Every bundled emotion model: name (the `model` option and the folder in `models/`), display
 * name, files with their SHA-256, and a summary. Input size, channels, scale and class order are
 * read from each `model.json`'s metadata. Every file URL is its own literal
 * `new URL(..., import.meta.url)`, because bundlers emit (and rename) only the files such a
 * literal names; `src/` and `dist/` both sit one level below the package root.
 */
export const EMOTION_MODELS: ModelRegistry<BundledModel, EmotionModelInfo> = {
  accurate: {
    name: 'accurate',
    displayName: 'FerNet-S',
    graph: {
      name: 'model.json',
      sha256: '2325d6b68dfc361133b28a291373a5baf530e20fffe24046aca992d425bd8339',
      url: new URL('../models/accurate/model.json', import.meta.url),
    },
    weights: [
      {
        name: 'group1-shard1of1.bin',
        sha256: 'fff83f57c7fe0b217ec5da1dda6d456afdc233f5ddb630200a4a9d1f5e84e2d1',
        url: new URL('../models/accurate/group1-shard1of1.bin', import.meta.url),
      },
    ],
    meta: { summary: 'the most accurate bundled model (default)' },
  },
  fast: {
    name: 'fast',
    displayName: 'FerNet-T',
    graph: {
      name: 'model.json',
      sha256: '9d7a6f8d2d8309b78e7e040dc809dfb914dcffdb65bcf3a344893917595fd7d7',
      url: new URL('../models/fast/model.json', import.meta.url),
    },
    weights: [
      {
        name: 'group1-shard1of1.bin',
        sha256: '5222a5e50776d1d33b3d1642f1b9cea47af974423da96d014dee2557dca4dde7',
        url: new URL('../models/fast/group1-shard1of1.bin', import.meta.url),
      },
    ],
    meta: { summary: 'faster than the mini-Xception baseline, less accurate than FerNet-S' },
  },
};
