// How each of the 7 FER2013 emotions looks in the UI.
import { EMOTIONS, type Emotion } from '@moodtunes/fer-core';

export { EMOTIONS, type Emotion };

interface EmotionLook {
  /** Accent colour (box outline, bar fill). */
  color: string;
  /** Words for the recommendations heading. */
  mood: string;
}

export const LOOKS: Record<Emotion, EmotionLook> = {
  angry: { color: '#f05252', mood: 'an angry' },
  disgust: { color: '#84cc16', mood: 'a disgusted' },
  fear: { color: '#a78bfa', mood: 'a fearful' },
  happy: { color: '#facc15', mood: 'a happy' },
  sad: { color: '#60a5fa', mood: 'a sad' },
  surprise: { color: '#fb923c', mood: 'a surprised' },
  neutral: { color: '#94a3b8', mood: 'a neutral' },
};

export const percent = (p: number): string => `${Math.round(p * 100)}%`;
