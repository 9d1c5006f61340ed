import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { ModelIntegrityError, ModelLoadError } from './errors';
import { bundledModelUrls, type ModelFile, type ModelSpec } from './models';
import type { FaceDetectorOptions } from './types';

/** How a platform turns URLs into bytes and user strings into URLs (fetch in browsers, fs in Node). */
export interface AssetPlatform {
  read(url: URL): Promise<ArrayBuffer>;
  resolve(location: string): URL;
}

/** Lower-case hex SHA-256 via WebCrypto; `undefined` where it is missing (browser pages on plain http). */
export async function sha256Hex(bytes: ArrayBuffer): Promise<string | undefined> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return undefined;
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Throws {@link ModelIntegrityError} when `bytes` do not hash to `file.sha256`. */
export async function verifyModelFile(file: ModelFile, bytes: ArrayBuffer): Promise<void> {
  const actual = await sha256Hex(bytes);
  if (actual !== undefined && actual !== file.sha256) throw new ModelIntegrityError(file.name, file.sha256, actual);
}

/**
 * An IOHandler over a `model.json` URL. Weight files come from `weightUrls` when given (bundled
 * files, whose URLs the bundler rewrote) or else from the manifest paths relative to the JSON.
 * `files` holds the expected hashes of the bundled JSON and weights.
 */
export function graphModelHandler(
  jsonUrl: URL,
  platform: AssetPlatform,
  bundled?: { weightUrl: URL; files: { json: ModelFile; bin: ModelFile } },
): tf.io.IOHandler {
  return {
    load: async () => {
      const jsonBytes = await platform.read(jsonUrl);
      if (bundled) await verifyModelFile(bundled.files.json, jsonBytes);
      const modelJson = JSON.parse(new TextDecoder().decode(jsonBytes)) as tf.io.ModelJSON;
      return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
        const specs = manifest.flatMap((group) => group.weights);
        const paths = manifest.flatMap((group) => group.paths);
        const urls = bundled ? [bundled.weightUrl] : paths.map((p) => new URL(p, jsonUrl));
        const buffers = await Promise.all(urls.map((url) => platform.read(url)));
        if (bundled) await verifyModelFile(bundled.files.bin, buffers[0]!);
        return [specs, buffers];
      });
    },
  };
}

/** Loads the detector graph: the bundled, hash-checked weights, or `modelUrl` when given. */
export async function loadDetectorModel(
  spec: ModelSpec,
  modelUrl: FaceDetectorOptions['modelUrl'],
  platform: AssetPlatform,
): Promise<GraphModel> {
  let handler: tf.io.IOHandler;
  let where: string;
  if (modelUrl === undefined) {
    const urls = bundledModelUrls(spec.type);
    handler = graphModelHandler(urls.json, platform, { weightUrl: urls.bin, files: spec.files });
    where = `from ${urls.json.href}`;
  } else if (typeof modelUrl === 'string' || modelUrl instanceof URL) {
    const url = typeof modelUrl === 'string' ? platform.resolve(modelUrl) : modelUrl;
    handler = graphModelHandler(url, platform);
    where = `from ${url.href}`;
  } else {
    handler = modelUrl;
    where = 'from the given IOHandler';
  }
  try {
    return await loadGraphModel(handler);
  } catch (error) {
    if (error instanceof ModelIntegrityError) throw error;
    throw new ModelLoadError(where, error);
  }
}
