import { InvalidOptionError, UnknownEmotionError } from '../errors';
import { EMOTIONS, type Emotion, type Mood } from '../types';

/**
 * A point in audio-feature space that music should be close to. `valence` and `energy` (0..1, as in
 * Spotify's features) place it on Russell's circumplex (valence = pleasure, energy = arousal); the
 * optional features refine it.
 */
export interface MusicTarget {
  /** Target valence, 0..1. */
  valence: number;
  /** Target energy, 0..1. */
  energy: number;
  /** Target danceability, 0..1, when the emotion constrains it. */
  danceability?: number;
  /** Target acousticness, 0..1, when the emotion constrains it. */
  acousticness?: number;
  /** Moods whose labelled tracks fit this target (they get `moodWeight` extra score). */
  moods: Mood[];
}

/** How one emotion maps to music. */
export interface EmotionProfile {
  /** `match` mode: music that fits the feeling. */
  match: MusicTarget;
  /** `uplift` mode: where the sequence ends; it starts at `match` (the iso principle). */
  uplift: MusicTarget;
  /** One line on why, shown in explanations. */
  rationale: string;
}

/** The full emotion to music mapping: one profile per FER emotion. */
export type EmotionMapping = Record<Emotion, EmotionProfile>;

/** `match`: fit the feeling; `uplift`: start at the feeling and move toward positive valence. */
export type RecommendMode = 'match' | 'uplift';

const calmPositive: MusicTarget = { valence: 0.7, energy: 0.4, acousticness: 0.5, moods: ['calm', 'happy'] };

/**
 * Default mapping, placed on Russell's circumplex of affect (see docs/emotion-mapping.md).
 * Disgust keeps its own profile instead of being merged into anger: see the doc for why.
 */
export const DEFAULT_EMOTION_MAPPING: EmotionMapping = {
  happy: {
    match: { valence: 0.82, energy: 0.72, danceability: 0.7, moods: ['happy', 'energetic'] },
    uplift: { valence: 0.85, energy: 0.7, moods: ['happy'] },
    rationale: 'pleasant, aroused: bright, upbeat music',
  },
  surprise: {
    match: { valence: 0.62, energy: 0.82, moods: ['energetic', 'happy'] },
    uplift: { valence: 0.8, energy: 0.68, moods: ['happy'] },
    rationale: 'high arousal, mildly positive: lively, energetic music',
  },
  neutral: {
    match: { valence: 0.5, energy: 0.5, moods: ['calm', 'happy'] },
    uplift: { valence: 0.78, energy: 0.6, moods: ['happy'] },
    rationale: 'centre of the circumplex: mid-valence, mid-energy music',
  },
  sad: {
    match: { valence: 0.18, energy: 0.3, acousticness: 0.7, moods: ['sad', 'calm'] },
    uplift: { valence: 0.72, energy: 0.55, moods: ['happy'] },
    rationale: 'unpleasant, low arousal: slow, sombre music',
  },
  angry: {
    match: { valence: 0.22, energy: 0.88, moods: ['energetic'] },
    uplift: calmPositive,
    rationale: 'unpleasant, high arousal: loud, intense music; uplift also lowers arousal',
  },
  fear: {
    match: { valence: 0.22, energy: 0.68, moods: ['energetic', 'sad'] },
    uplift: { ...calmPositive, energy: 0.35 },
    rationale: 'unpleasant, tense: dark, restless music; uplift moves to calm, reassuring music',
  },
  disgust: {
    match: { valence: 0.2, energy: 0.58, moods: ['sad', 'energetic'] },
    uplift: calmPositive,
    rationale: 'unpleasant, moderate arousal (less than anger): dark, mid-energy music',
  },
};

/** Per-emotion overrides: any profile part replaces the default's. */
export type EmotionMappingOverrides = Partial<Record<Emotion, Partial<EmotionProfile>>>;

/**
 * Builds a mapping from the default and `overrides`, validating every target.
 *
 * @example Merge disgust into anger, as some seeds did:
 * `createEmotionMapping({ disgust: DEFAULT_EMOTION_MAPPING.angry })`
 * @throws {@link InvalidOptionError} when a target value is outside 0..1 or NaN.
 */
export function createEmotionMapping(overrides: EmotionMappingOverrides = {}): EmotionMapping {
  const mapping = { ...DEFAULT_EMOTION_MAPPING };
  for (const [emotion, profile] of Object.entries(overrides)) {
    if (!isEmotion(emotion)) throw new UnknownEmotionError(emotion, EMOTIONS);
    mapping[emotion] = { ...DEFAULT_EMOTION_MAPPING[emotion], ...profile };
  }
  for (const emotion of EMOTIONS) {
    validateTarget(`mapping.${emotion}.match`, mapping[emotion].match);
    validateTarget(`mapping.${emotion}.uplift`, mapping[emotion].uplift);
  }
  return mapping;
}

/** Whether `value` is one of the 7 FER emotions. */
export function isEmotion(value: unknown): value is Emotion {
  return typeof value === 'string' && (EMOTIONS as readonly string[]).includes(value);
}

/**
 * The sequence of targets for an emotion: one target in `match` mode; in `uplift` mode `steps`
 * targets that move linearly from the emotion's match target to its uplift target.
 *
 * @throws {@link UnknownEmotionError} for anything that is not one of the 7 emotions.
 */
export function emotionTargets(
  emotion: Emotion,
  mode: RecommendMode,
  steps: number,
  mapping: EmotionMapping = DEFAULT_EMOTION_MAPPING,
): MusicTarget[] {
  if (!isEmotion(emotion)) throw new UnknownEmotionError(emotion, EMOTIONS);
  const { match, uplift } = mapping[emotion];
  if (mode === 'match' || steps <= 1) return [match];
  const path: MusicTarget[] = [];
  for (let s = 0; s < steps; s++) {
    const t = s / (steps - 1);
    const lerp = (a: number, b: number) => a + (b - a) * t;
    const target: MusicTarget = {
      valence: lerp(match.valence, uplift.valence),
      energy: lerp(match.energy, uplift.energy),
      moods: t < 0.5 ? match.moods : uplift.moods,
    };
    const dance = mix(match.danceability, uplift.danceability, lerp);
    if (dance !== undefined) target.danceability = dance;
    const acoustic = mix(match.acousticness, uplift.acousticness, lerp);
    if (acoustic !== undefined) target.acousticness = acoustic;
    path.push(target);
  }
  return path;
}

/** Interpolates an optional feature; when only one end sets it, it fades in or out at that end's half. */
function mix(a: number | undefined, b: number | undefined, lerp: (a: number, b: number) => number): number | undefined {
  if (a !== undefined && b !== undefined) return lerp(a, b);
  const t = lerp(0, 1);
  if (a !== undefined) return t < 0.5 ? a : undefined;
  if (b !== undefined) return t >= 0.5 ? b : undefined;
  return undefined;
}

function validateTarget(name: string, target: MusicTarget): void {
  for (const key of ['valence', 'energy', 'danceability', 'acousticness'] as const) {
    const value = target[key];
    if (value === undefined && (key === 'danceability' || key === 'acousticness')) continue;
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
      throw new InvalidOptionError(`${name}.${key}`, value, 'expected a number in 0..1');
    }
  }
  if (!Array.isArray(target.moods)) throw new InvalidOptionError(`${name}.moods`, target.moods, 'expected an array of moods');
}
