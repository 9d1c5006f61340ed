export * from './errors';
export * from './contract';
export type { RetryOptions, RetryEvent } from './http/retry';
export { requestJson, parseRetryAfter, type HttpOptions, type RequestSpec } from './http/request';
export * from './auth/tokens';
export { DEFAULT_ACCOUNTS_BASE_URL, type AccountsOptions } from './auth/accounts';
export * from './auth/client-credentials';
export * from './auth/redirect-uri';
export * from './auth/pkce';
export * from './api/ids';
export {
  toTrack,
  toAudioFeatures,
  type ApiTrack,
  type ApiImage,
  type ApiPage,
  type ApiPlaylist,
  type ApiPlaylistEntry,
  type ApiSavedTrack,
  type ApiAudioFeatures,
  type ApiSnapshot,
} from './api/parse';
export { SpotifyClient, DEFAULT_API_BASE_URL, type SpotifyClientOptions, type Query } from './api/client';
export {
  spotifyFeatureSource,
  localFeatureSource,
  providerFeatureSource,
  combineFeatureSources,
  attachFeatures,
  hasFeatures,
  type LocalFeatureData,
  type FeatureProvider,
  type ProviderOptions,
  type AttachOptions,
} from './catalog/features';
export { reccoBeatsFeatureSource, DEFAULT_RECCOBEATS_BASE_URL, RECCOBEATS_BATCH, type ReccoBeatsOptions } from './catalog/reccobeats';
export * from './catalog/spotify-sources';
export { writePlaylist, resolvePlaylistUris, PLAYLIST_BATCH, type ResolvedPlaylist } from './catalog/playlist';
export * from './catalog/build';
export * from './catalog/spotify-adapter';
