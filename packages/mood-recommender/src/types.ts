import type { TrackTable } from './catalog/track-table';

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
  /** Musical positiveness, 0..1 (high: happy, cheerful). */
  valence: number;
  /** Perceived intensity and activity, 0..1. */
  energy: number;
  /** How suitable for dancing, 0..1. */
  danceability: number;
  /** Estimated tempo in BPM. */
  tempo: number;
  /** Overall loudness in dB (typically -60..0). */
  loudness: number;
  /** Confidence that the track is acoustic, 0..1. */
  acousticness: number;
  /** Likelihood that the track has no vocals, 0..1. */
  instrumentalness: number;
  /** Presence of spoken words, 0..1. */
  speechiness: number;
  /** Likelihood of a live audience, 0..1. */
  liveness: number;
  /** Pitch class 0..11 (C = 0), -1 when unknown. */
  key: number;
  /** 1 for major, 0 for minor. */
  mode: 0 | 1;
  /** Length in milliseconds. */
  durationMs: number;
  /** Beats per bar (3..7), when known. */
  timeSignature?: number;
}

/** Name of one audio feature. */
export type FeatureName = keyof AudioFeatures;

/** A track of a catalog. Only `id` and `title` are required; features may be missing and are then absent, never NaN. */
export interface Track {
  /** Stable id within the catalog (the Spotify id where known). */
  id: string;
  /** Track name. */
  title: string;
  /** Artist names, primary artist first. */
  artists: string[];
  /** Album name, when known. */
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
  /** Release date as the source gives it (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`). */
  releaseDate?: string;
  /** Genre label of the source, when it has one. */
  genre?: string;
  /** Whether the track is marked explicit. */
  explicit?: boolean;
  /** A mood label, from the source data or from the mood classifier. */
  mood?: Mood;
  /** Audio features; a feature the source did not have is absent, not NaN or 0. */
  features?: Partial<AudioFeatures>;
}

/** A set of tracks, with where it came from. */
export interface Catalog {
  /**
   * The tracks, in source order. For an imported catalog they are built from {@link table} the
   * first time this is read; from then on `prepareCatalog` reads them, not the table, so edits count.
   */
  tracks: Track[];
  /** Free-form description of the source, e.g. `"data_moods.csv"` or `"spotify:playlist:..."`. */
  source?: string;
  /** The same tracks in columns (imported catalogs): what `prepareCatalog` reads while `tracks` was never read. */
  readonly table?: TrackTable;
}
