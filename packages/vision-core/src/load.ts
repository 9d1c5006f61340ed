import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { ModelIntegrityError, ModelLoadError } from './errors';
import type { BundledFile, BundledModelEntry } from './models';

/** The part of `@tensorflow/tfjs-backend-wasm` a platform configures. */
export interface WasmSetup {
  /** tfjs-backend-wasm's `setWasmPaths`: a URL prefix of the `.wasm` files, or a map from file name to URL. */
  setWasmPaths(prefixOrFileMap: string | Record<string, string>, usePlatformFetch?: boolean): void;
}

/**
 * What differs between runtimes, and nothing else: how URLs become bytes (fs for `file:` URLs in
 * Node, fetch elsewhere), how a user's string becomes a URL (a path in Node, relative to the page
 * in browsers), and where the wasm backend finds its binaries. The package entry chosen by the
 * `node` export condition supplies the Node one.
 */
export interface Platform {
  /** `'node'` or `'browser'` (any fetch-capable runtime that is not Node). */
  readonly name: 'node' | 'browser';
  /** Reads a whole file. Rejects with an Error that names the URL. */
  read(url: URL): Promise<ArrayBuffer>;
  /** Turns a user's location (URL, or in Node a path) into a URL. */
  resolve(location: string): URL;
  /** Points the wasm backend at its binaries before it initialises; `wasmPaths` as in tfjs `setWasmPaths`. */
  configureWasm(wasm: WasmSetup, wasmPaths?: string | Record<string, string>): void;
}

/** Where a graph model comes from: a bundled registry entry, a URL or path of its `model.json`, or a tfjs IOHandler. */
export type ModelSource = BundledSource | string | URL | tf.io.IOHandler;

/** A model shipped inside a package, loaded from its registry entry's own file URLs. */
export interface BundledSource {
  /** The registry entry of the model. */
  bundled: BundledModelEntry;
}

/** Lower-case hex SHA-256 via WebCrypto; `undefined` where it is missing (browser pages on plain http). */
async function sha256Hex(bytes: ArrayBuffer): Promise<string | undefined> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return undefined;
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function readChecked(platform: Platform, file: BundledFile): Promise<ArrayBuffer> {
  const bytes = await platform.read(file.url);
  const actual = await sha256Hex(bytes);
  if (actual !== undefined && actual !== file.sha256) throw new ModelIntegrityError(file.name, file.sha256, actual);
  return bytes;
}

/**
 * An IOHandler over a `model.json`. A bundled model reads each file from its own URL (the
 * bundler may have renamed them all) and checks its SHA-256; any other model reads its weights
 * from the manifest paths relative to the JSON, unchecked (they may be the user's own).
 */
function graphHandler(platform: Platform, json: URL, bundled?: BundledModelEntry): tf.io.IOHandler {
  return {
    load: async () => {
      const modelJson = JSON.parse(new TextDecoder().decode(await readEntry(platform, json, bundled))) as tf.io.ModelJSON;
      return tf.io.getModelArtifactsForJSON(modelJson, (manifest) => readWeightFiles(platform, manifest, json, bundled));
    },
  };
}

/** The bytes of a model's JSON: a bundled entry's `graph` file, hash-checked, else the file at `url`. */
const readEntry = (platform: Platform, url: URL, bundled?: BundledModelEntry): Promise<ArrayBuffer> =>
  bundled ? readChecked(platform, bundled.graph) : platform.read(url);

/**
 * The weight files a manifest names, as one buffer in manifest order, with their specs. A bundled
 * model's files are found by name and hash-checked; any other model's are read relative to `base`.
 */
async function readWeightFiles(
  platform: Platform,
  manifest: tf.io.WeightsManifestConfig,
  base: URL,
  bundled?: BundledModelEntry,
): Promise<[tf.io.WeightsManifestEntry[], ArrayBuffer]> {
  const buffers = await Promise.all(
    manifest
      .flatMap((group) => group.paths)
      .map((path) => {
        if (!bundled) return platform.read(new URL(path, base));
        const file = bundled.weights.find((w) => w.name === path);
        if (!file) throw new Error(`the manifest names ${path}, which is not among the bundled files`);
        return readChecked(platform, file);
      }),
  );
  return [manifest.flatMap((group) => group.weights), concat(buffers)];
}

function concat(buffers: ArrayBuffer[]): ArrayBuffer {
  if (buffers.length === 1) return buffers[0]!;
  const out = new Uint8Array(buffers.reduce((n, b) => n + b.byteLength, 0));
  let offset = 0;
  for (const b of buffers) {
    out.set(new Uint8Array(b), offset);
    offset += b.byteLength;
  }
  return out.buffer;
}

/**
 * Loads the weights of a network written in tfjs ops (no graph): a weights manifest and the
 * weight files it names, decoded (quantized entries dequantized to float32) on the active
 * backend. A bundled entry's `graph` file is the manifest; its files are hash-checked like a
 * graph model's. The caller owns the tensors. Rejects with {@link ModelIntegrityError} or
 * {@link ModelLoadError}, like {@link loadGraph}.
 */
export async function loadWeights(source: BundledSource | string | URL, platform: Platform): Promise<tf.NamedTensorMap> {
  const bundled = typeof source === 'object' && 'bundled' in source ? source.bundled : undefined;
  const url = bundled ? bundled.graph.url : typeof source === 'string' ? platform.resolve(source) : (source as URL);
  try {
    const manifest = JSON.parse(new TextDecoder().decode(await readEntry(platform, url, bundled))) as tf.io.WeightsManifestConfig;
    if (!Array.isArray(manifest)) throw new Error('expected a weights manifest (an array of {paths, weights} groups)');
    const [specs, data] = await readWeightFiles(platform, manifest, url, bundled);
    return tf.io.decodeWeights(data, specs);
  } catch (error) {
    if (error instanceof ModelIntegrityError) throw error;
    throw new ModelLoadError(describeSource(source, platform), error);
  }
}

/** Where a source came from, for messages: `from <url>` or `from the given IOHandler`. */
export function describeSource(source: ModelSource, platform: Platform): string {
  if (typeof source === 'object' && 'bundled' in source) return `from ${source.bundled.graph.url.href}`;
  if (typeof source === 'string') return `from ${platform.resolve(source).href}`;
  if (source instanceof URL) return `from ${source.href}`;
  return 'from the given IOHandler';
}

/**
 * Loads a tfjs graph model. Rejects with {@link ModelIntegrityError} when a bundled file's hash
 * differs, else with {@link ModelLoadError} naming the source for any read or parse failure.
 */
export async function loadGraph(source: ModelSource, platform: Platform): Promise<GraphModel> {
  let handler: tf.io.IOHandler;
  if (typeof source === 'object' && 'bundled' in source) handler = graphHandler(platform, source.bundled.graph.url, source.bundled);
  else if (typeof source === 'string' || source instanceof URL) {
    handler = graphHandler(platform, typeof source === 'string' ? platform.resolve(source) : source);
  } else handler = source;
  try {
    return await loadGraphModel(handler);
  } catch (error) {
    if (error instanceof ModelIntegrityError) throw error;
    throw new ModelLoadError(describeSource(source, platform), error);
  }
}
