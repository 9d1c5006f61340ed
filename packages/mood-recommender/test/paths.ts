import { fileURLToPath } from 'node:url';

/** `<repo>/../shared/data/music`, where the real catalog files live (never copied into the repo). */
const MUSIC_DIR = fileURLToPath(new URL('../../../../shared/data/music/', import.meta.url));
export const DATA_MOODS = `${MUSIC_DIR}data_moods.csv`;
export const SPOTIFY_FEATURES_SAMPLE = `${MUSIC_DIR}SpotifyFeatures-sample.csv.gz`;
