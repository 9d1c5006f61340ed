import type { ModelRegistry } from '@moodtunes/vision-core';

/**
 * The emotion models shipped in this package. `accurate` is FerNet-S (the default); `fast` is
 * FerNet-T, the same network pooled after its first layer: about 4x fewer multiply-adds, lower
 * accuracy. The model card (docs/model-card.md) gives both models' measured accuracy and speed.
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
      sha256: '7d2704585b9058bb913242c0efbe839053d7cac9b68a303870ffa1b6f90b24fb',
      url: new URL('../models/accurate/model.json', import.meta.url),
    },
    weights: [
      {
        name: 'group1-shard1of1.bin',
        sha256: '9aec65637b1de9bf89564969f49a447f396c83458f43356ce582beef7cd0d698',
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
      sha256: '2f3a2f9134f0a8ea99e5b0509ac58c2514f070187c3deaeabb6a3a7728f7f9af',
      url: new URL('../models/fast/model.json', import.meta.url),
    },
    weights: [
      {
        name: 'group1-shard1of1.bin',
        sha256: 'e575b02f63eeceb31fe540e430006c4ca44dff99e4a607b135c16592230b0ddd',
        url: new URL('../models/fast/group1-shard1of1.bin', import.meta.url),
      },
    ],
    meta: { summary: 'faster than the mini-Xception baseline, less accurate than FerNet-S' },
  },
};
