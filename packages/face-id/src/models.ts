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
      sha256: '87466acb7e923c026bee8bb468e3a883b63490cf0374beb35599fb1b792bae74',
      url: new URL('../models/face_recognition_model-weights_manifest.json', import.meta.url),
    },
    weights: [
      {
        name: 'face_recognition_model-shard1of2.bin',
        sha256: '412566a2b8d814d84c60b8055ec5d3b3b2328ef7cd7853384e03ec3db7b053d8',
        url: new URL('../models/face_recognition_model-shard1of2.bin', import.meta.url),
      },
      {
        name: 'face_recognition_model-shard2of2.bin',
        sha256: '69350fdecd845c532e44dd8f7d0521c773505ef46b87cc34f46640a0cc334ecc',
        url: new URL('../models/face_recognition_model-shard2of2.bin', import.meta.url),
      },
    ],
    meta: { inputSize: 150, dimensions: 128, defaultThreshold: 0.55 },
  },
};
