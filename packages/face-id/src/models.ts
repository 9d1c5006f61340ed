import type { ModelRegistry } from '@moodtunes/vision-core';

/** The embedding models this package ships. */
export type EmbeddingModel = 'dlib-resnet';

/** What the code needs to know to run an embedding model, besides its files. */
export interface EmbeddingSpec {
  /** Side of the square RGB input, in pixels. */
  inputSize: number;
  /** Length of an embedding. */
  dimensions: number;
  /**
   * Distance (euclidean, between embeddings) up to which two faces are the same person by default.
   * The network was trained to put one person's faces inside a ball of radius 0.6; on the shared
   * photos, with this package's crops, 0.55 kept the same true matches with fewer false ones (README).
   */
  defaultThreshold: number;
}

/**
 * dlib's ResNet face recognition network, weights with the SHA-256 recorded in models/NOTICE.md.
 * `graph` is its weights manifest: the network itself is written in tfjs ops (src/network.ts).
 * File URLs are literal `new URL(..., import.meta.url)` calls so that bundlers emit the files.
 */
export const EMBEDDING_MODELS: ModelRegistry<EmbeddingModel, EmbeddingSpec> = {
  'dlib-resnet': {
    name: 'dlib-resnet',
    displayName: 'dlib ResNet face recognition v1',
    graph: {
      name: 'face_recognition_model-weights_manifest.json',
      sha256: 'cbaffa501b0b9275a12b63357a6843e7e30c054e1c9151e1a5f879b26e32986b',
      url: new URL('../models/face_recognition_model-weights_manifest.json', import.meta.url),
    },
    weights: [
      {
        name: 'face_recognition_model.bin',
        sha256: 'b413e420d6840b2775fba32008db6f3cddb07d485967fb42cfcf379c16a8c589',
        url: new URL('../models/face_recognition_model.bin', import.meta.url),
      },
    ],
    meta: { inputSize: 150, dimensions: 128, defaultThreshold: 0.55 },
  },
};
