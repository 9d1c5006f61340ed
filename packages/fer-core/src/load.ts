import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { defaultModelUrl, modelSource } from '#platform';
import { ModelLoadError } from './errors';
import { BUNDLED_MODELS, resolveModelSpec, type BundledModel, type ModelSpec } from './model-spec';

/** A loaded classifier graph and how to feed it. */
export interface LoadedModel {
  model: GraphModel;
  spec: ModelSpec;
  /** Where it came from (for messages). */
  source: string;
}

/**
 * Loads a tfjs graph model that maps `[n, s, s, c]` faces to `[n, 7]` probabilities. Without
 * `url` it loads the `bundled` model shipped in this package (files in Node, a bundler-resolved
 * URL in browsers). In Node, `url` may also be a path or a `file:` URL.
 */
export async function loadEmotionModel(
  url?: string | URL,
  overrides?: Partial<ModelSpec>,
  bundled: BundledModel = 'accurate',
): Promise<LoadedModel> {
  if (!BUNDLED_MODELS.includes(bundled)) {
    throw new ModelLoadError(String(bundled), `model must be one of ${BUNDLED_MODELS.map((m) => `'${m}'`).join(', ')}`);
  }
  const source = url === undefined ? defaultModelUrl(bundled) : String(url);
  let model: GraphModel;
  try {
    model = await loadGraphModel(modelSource(source));
  } catch (error) {
    throw new ModelLoadError(source, error instanceof Error ? error.message : String(error), { cause: error });
  }
  const inputs = model.inputs;
  const { spec, problems } = resolveModelSpec(model.metadata, inputs[0]?.shape, overrides);
  if (inputs.length !== 1) problems.push(`expected one input, found ${inputs.length}`);
  if (model.outputs.length !== 1) problems.push(`expected one output, found ${model.outputs.length}`);
  if (problems.length > 0) {
    model.dispose();
    throw new ModelLoadError(source, problems.join('; '));
  }
  return { model, spec, source };
}
