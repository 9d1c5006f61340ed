/** The 7 FER2013 emotion classes, in the dataset's label order (0..6). */
export const EMOTIONS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'] as const;

/** One of the 7 FER2013 emotions. */
export type Emotion = (typeof EMOTIONS)[number];

/** The 4 music moods of `data_moods.csv`, which the mood classifier predicts. */
export const MOODS = ['happy', 'sad', 'energetic', 'calm'] as const;

/** A music mood label. */
export type Mood = (typeof MOODS)[number];

/**
 * Spotify-style audio features of one track.
 *
 * Ranges follow Spotify's Web API documentation: the 0..1 features are unit-free; `tempo` is in BPM,
 * `loudness` in dB (typically -60..0), `key` is a pitch class 0..11 (-1 when unknown), `mode` is
 * 1 for major and 0 for minor, `durationMs` is in milliseconds.
 */
export interface AudioFeatures {
  valence: number;
  energy: number;
  danceability: number;
  tempo: number;
  loudness: number;
  acousticness: number;
  instrumentalness: number;
  speechiness: number;
  liveness: number;
  key: number;
  mode: 0 | 1;
  durationMs: number;
  timeSignature?: number;
}

/** Name of one audio feature. */
export type FeatureName = keyof AudioFeatures;

/** A track of a catalog. Only `id` and `title` are required; features may be missing and are then absent, never NaN. */
export interface Track {
  /** Stable id within the catalog (the Spotify id where known). */
  id: string;
  title: string;
  artists: string[];
  album?: string;
  /** 0..100, as in Spotify's API. */
  popularity?: number;
  /** Spotify track id (22 base-62 characters), when known. */
  spotifyId?: string;
  /** `spotify:track:<id>`, when known. */
  spotifyUri?: string;
  /** `https://open.spotify.com/track/<id>`, when known. */
  spotifyUrl?: string;
  /** Album artwork URL, when known. */
  imageUrl?: string;
  /** 30-second preview URL, when known. */
  previewUrl?: string;
  releaseDate?: string;
  genre?: string;
  explicit?: boolean;
  /** A mood label, from the source data or from the mood classifier. */
  mood?: Mood;
  /** Audio features; a feature the source did not have is absent, not NaN or 0. */
  features?: Partial<AudioFeatures>;
}

/** A set of tracks, with where it came from. */
export interface Catalog {
  tracks: Track[];
  /** Free-form description of the source, e.g. `"data_moods.csv"` or `"spotify:playlist:..."`. */
  source?: string;
}
