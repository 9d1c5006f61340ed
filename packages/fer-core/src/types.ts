import type { Box, FacePass, Keypoint } from '@moodtunes/face-detect';
import type { PixelData } from '@moodtunes/vision-core';

export type { Box, FacePass, Keypoint, PixelData };

/** The 7 FER2013 classes, in the order the dataset (and every model we load) uses. */
export const EMOTIONS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'] as const;

/** One of the 7 FER2013 emotion classes. */
export type Emotion = (typeof EMOTIONS)[number];

/** A probability for each emotion. */
export type EmotionProbabilities = Record<Emotion, number>;

/** The classifier's verdict for one face. */
export interface EmotionPrediction {
  /** The most probable emotion. */
  emotion: Emotion;
  /** Probability of `emotion`, in [0, 1]. */
  confidence: number;
  /** Probability of every class. */
  probabilities: EmotionProbabilities;
  /** The same probabilities as an array in {@link EMOTIONS} order. */
  scores: number[];
}

/** One detected face with its emotion. */
export interface FaceEmotion extends EmotionPrediction {
  /** Face box from the face detector. */
  box: Box;
  /** Face detector confidence in [0, 1]. */
  faceScore: number;
  /** Face keypoints from the face detector (eyes, nose, mouth, ears). */
  keypoints: Keypoint[];
  /** In-plane angle of the face in degrees, (-180, 180]: 0 upright, 90 turned clockwise, 180 upside down. */
  roll: number;
  /** Which pass of the face detector found it: network (`range`), `rotation` of the image, `tile` (null: the whole image). */
  pass: FacePass;
}
