import { INPUT_SCALES, registryNames, type InputScale } from '@moodtunes/vision-core';
import { EMOTION_MODELS, type BundledModel } from './models';
import { EMOTIONS, type Emotion } from './types';

export type { BundledModel, InputScale };

/** How a classifier model wants its input; read from `model.json` metadata, overridable. */
export interface ModelSpec {
  /** Side of the square input in pixels (48 for ours, 64 for mini-Xception). */
  inputSize: number;
  /** 1 (gray) or 3 (gray replicated to RGB). */
  channels: 1 | 3;
  /** Input range: `0..1` = gray/255, `-1..1` = (gray/255 - 0.5) * 2, `0..255` = raw gray. */
  scale: InputScale;
  /** The model's output classes, in output order (a permutation of {@link EMOTIONS}). */
  classes: readonly Emotion[];
}

/** Every {@link BundledModel}, e.g. for an option's choices. */
export const BUNDLED_MODELS: readonly BundledModel[] = registryNames(EMOTION_MODELS);

/**
 * Builds a spec from model metadata, the model's input shape and explicit overrides (in that
 * order of increasing priority). Returns a list of problems instead of throwing, so the
 * loader can report them with the model's source.
 */
export function resolveModelSpec(
  metadata: unknown,
  inputShape: readonly (number | null | undefined)[] | undefined,
  overrides: Partial<ModelSpec> = {},
): { spec: ModelSpec; problems: string[] } {
  const meta = (typeof metadata === 'object' && metadata !== null ? metadata : {}) as Record<string, unknown>;
  const shapeSize = inputShape?.[1] ?? undefined;
  const shapeChannels = inputShape?.[3] ?? undefined;
  const spec: ModelSpec = {
    inputSize: overrides.inputSize ?? numberOr(meta.inputSize, shapeSize ?? 48),
    channels: overrides.channels ?? (numberOr(meta.channels, shapeChannels ?? 1) as 1 | 3),
    scale: overrides.scale ?? ((typeof meta.scale === 'string' ? meta.scale : '0..1') as InputScale),
    classes: overrides.classes ?? (Array.isArray(meta.classes) ? (meta.classes as Emotion[]) : EMOTIONS),
  };
  const problems: string[] = [];
  if (!Number.isInteger(spec.inputSize) || spec.inputSize <= 0) problems.push(`inputSize ${spec.inputSize} is not a positive integer`);
  if (spec.channels !== 1 && spec.channels !== 3) problems.push(`channels ${String(spec.channels)} is not 1 or 3`);
  if (!INPUT_SCALES.includes(spec.scale)) problems.push(`scale "${spec.scale}" is not one of ${INPUT_SCALES.join(', ')}`);
  const sorted = [...spec.classes]
    .map((c) => String(c).toLowerCase())
    .sort()
    .join(',');
  if (sorted !== [...EMOTIONS].sort().join(',')) problems.push(`classes [${spec.classes.join(', ')}] are not the 7 FER2013 emotions`);
  else spec.classes = spec.classes.map((c) => String(c).toLowerCase() as Emotion);
  if (shapeSize && shapeSize > 0 && shapeSize !== spec.inputSize)
    problems.push(`metadata inputSize ${spec.inputSize} but the model input is ${shapeSize}`);
  return { spec, problems };
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}
