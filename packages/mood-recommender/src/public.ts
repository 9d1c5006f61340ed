// Everything both entries export; only `readCatalogFile` differs, in src/index.ts (browsers) and src/node.ts (Node).
export * from './types';
export * from './errors';
export type { TrackTable } from './catalog/track-table';
export { FEATURE_RANGES, type RangedValue, type ValueRange } from './feature-ranges';
export { CATALOG_FORMATS, type CatalogFormat } from './load/formats';
export {
  parseCatalogCsv,
  readCatalog,
  type CatalogImport,
  type CatalogInput,
  type ImportOptions,
  type ImportProgress,
  type SkippedRow,
  type TruncatedInput,
} from './load/import';
export {
  createEmotionMapping,
  DEFAULT_EMOTION_MAPPING,
  emotionTargets,
  isEmotion,
  type EmotionMapping,
  type EmotionMappingOverrides,
  type EmotionProfile,
  type MusicTarget,
  type RecommendMode,
} from './map/emotion-map';
export {
  DEFAULT_FEATURE_WEIGHTS,
  prepareCatalog,
  REQUIRED_FEATURES,
  VECTOR_FEATURES,
  type PreparedCatalog,
  type PrepareOptions,
  type TrackIdIndex,
  type PrepareProgress,
  type VectorFeature,
} from './recommend/prepare';
export {
  closenessOf,
  createScorer,
  queryDistance,
  querySimilarity,
  strategyIndex,
  type Candidate,
  type CandidateScorer,
  type ScoreParams,
  type Strategy,
  type StrategyContext,
  type StrategyMeasure,
  type StrategyQuery,
} from './strategies/strategy';
export { knn } from './strategies/knn';
export type { GridIndex } from './strategies/grid';
export { cosine, type CosineIndex } from './strategies/cosine';
export { createKmeansStrategy, kmeans, type ClusterIndex, type KmeansOptions } from './strategies/kmeans';
export { DEFAULT_STRATEGY, STRATEGIES, STRATEGY_NAMES, type StrategyName } from './strategies/builtin';
export {
  recommend,
  type Explanation,
  type Recommendation,
  type RecommendationResult,
  type RecommendOptions,
  type ScoreParts,
} from './recommend/recommend';
export { PROFILE_MEMORY, recordFeedback, type FeedbackAction, type ListenerProfile } from './recommend/profile';
export {
  CLASSIFIER_FEATURES,
  crossValidateMoodClassifier,
  loadMoodClassifier,
  stratifiedFolds,
  trainMoodClassifier,
  type CrossValidationResult,
  type MoodClassifier,
  type MoodModelJson,
  type MoodPrediction,
  type TrainMoodOptions,
} from './classify/mood-classifier';
export type { MlpWeights } from './classify/mlp';
export { loadDefaultMoodClassifier } from './classify/default-model';
