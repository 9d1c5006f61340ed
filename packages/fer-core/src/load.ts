import type { GraphModel } from '@tensorflow/tfjs-converter';
import { describeSource, loadGraph, ModelLoadError, platform, registryEntry, type ModelSource } from '@moodtunes/vision-core';
import { EMOTION_MODELS, type BundledModel } from './models';
import { resolveModelSpec, type ModelSpec } from './model-spec';

/** What the classifier needs of a model: a tfjs graph model, or a network written in tfjs ops. */
export type ClassifierModel = Pick<GraphModel, 'execute' | 'dispose' | 'metadata'>;

/** A loaded classifier model and how to feed it. */
export interface LoadedModel {
  model: ClassifierModel;
  spec: ModelSpec;
  /** Where it came from (for messages). */
  source: string;
}

/**
 * Loads a tfjs graph model that maps `[n, s, s, c]` faces to `[n, 7]` probabilities. Without
 * `url` it loads the `bundled` model shipped in this package, hash-checked (files in Node, a
 * bundler-resolved URL in browsers). In Node, `url` may also be a path or a `file:` URL.
 */
export async function loadEmotionModel(
  url?: string | URL,
  overrides?: Partial<ModelSpec>,
  bundled: BundledModel = 'accurate',
): Promise<LoadedModel> {
  const from: ModelSource = url ?? { bundled: registryEntry(EMOTION_MODELS, bundled) };
  const model = await loadGraph(from, platform);
  const source = describeSource(from, platform).replace(/^from /, '');
  const inputs = model.inputs;
  const { spec, problems } = resolveModelSpec(model.metadata, inputs[0]?.shape, overrides);
  if (inputs.length !== 1) problems.push(`expected one input, found ${inputs.length}`);
  if (model.outputs.length !== 1) problems.push(`expected one output, found ${model.outputs.length}`);
  if (problems.length > 0) {
    model.dispose();
    throw new ModelLoadError(`from ${source}`, problems.join('; '));
  }
  return { model, spec, source };
}
