// "Connect Spotify": Authorization Code with PKCE in the browser, through spotify-adapter.
// Nothing here needs a server: the verifier lives in sessionStorage until Spotify redirects back.
import {
  buildAuthorizeUrl,
  buildCatalog,
  combineFeatureSources,
  createPkcePair,
  createSpotifyAdapter,
  exchangeAuthorizationCode,
  localFeatureSource,
  parseAuthorizeCallback,
  pkceTokenProvider,
  SpotifyTokens,
  validateRedirectUri,
  type FeatureSource,
  type Progress,
  type SpotifyAdapter,
} from '@moodtunes/spotify-adapter';
import type { Catalog } from '@moodtunes/mood-recommender';

const CLIENT_ID_KEY = 'moodtunes.spotify.clientId';
const PENDING_KEY = 'moodtunes.spotify.pending';
const REFRESH_KEY = 'moodtunes.spotify.refresh';
const SCOPES = ['user-library-read', 'playlist-read-private'];
export const CALLBACK_PATH = '/callback';

/** Where Spotify sends the user back; register exactly this URI for the app in Spotify's dashboard. */
export function redirectUri(): string {
  return `${location.origin}${CALLBACK_PATH}`;
}

export function savedClientId(): string {
  return localStorage.getItem(CLIENT_ID_KEY) ?? '';
}

/** Sends the user to Spotify's consent page. */
export async function beginLogin(clientId: string): Promise<void> {
  const uri = redirectUri();
  validateRedirectUri(uri);
  localStorage.setItem(CLIENT_ID_KEY, clientId);
  const { verifier, challenge } = await createPkcePair();
  const state = crypto.randomUUID();
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state, clientId }));
  location.assign(buildAuthorizeUrl({ clientId, redirectUri: uri, codeChallenge: challenge, state, scopes: SCOPES }));
}

/** True when this page load is Spotify's redirect back to us. */
export function isCallback(): boolean {
  return location.pathname === CALLBACK_PATH;
}

/**
 * Finishes the login on the callback page: checks `state`, trades the code for tokens and
 * returns a connected adapter. The URL is cleaned up whether it worked or not.
 */
export async function completeLogin(): Promise<SpotifyAdapter> {
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as { verifier: string; state: string; clientId: string } | null;
  const callback = location.href;
  sessionStorage.removeItem(PENDING_KEY);
  history.replaceState(null, '', '/');
  if (!pending) throw new Error('This Spotify login was not started here (or the tab was reloaded); press “Connect Spotify” again.');
  const code = parseAuthorizeCallback(callback, pending.state);
  const tokens = await exchangeAuthorizationCode({
    clientId: pending.clientId,
    code,
    codeVerifier: pending.verifier,
    redirectUri: redirectUri(),
  });
  return connect(pending.clientId, tokens);
}

/** A session from an earlier login in this tab (the refresh token is kept in sessionStorage only). */
export function restoreSession(): SpotifyAdapter | null {
  const refreshToken = sessionStorage.getItem(REFRESH_KEY);
  const clientId = savedClientId();
  if (!refreshToken || !clientId) return null;
  return connect(clientId, new SpotifyTokens({ accessToken: '', refreshToken, expiresAt: 0 }));
}

export function forgetSession(): void {
  sessionStorage.removeItem(REFRESH_KEY);
}

function connect(clientId: string, tokens: SpotifyTokens): SpotifyAdapter {
  const remember = (t: SpotifyTokens) => {
    if (t.refreshToken) sessionStorage.setItem(REFRESH_KEY, t.refreshToken);
  };
  remember(tokens);
  return createSpotifyAdapter({ auth: pkceTokenProvider({ clientId, tokens, onTokens: remember }) });
}

export type SpotifySource = 'saved' | 'playlists';

/**
 * Builds a catalog from the user's library. Audio features come from Spotify's /audio-features
 * where the app still may call it, else from `featureCatalog` (e.g. a Kaggle CSV the user loaded,
 * matched by Spotify id).
 */
export async function loadSpotifyCatalog(
  spotify: SpotifyAdapter,
  source: SpotifySource,
  options: {
    featureCatalog?: Catalog;
    limit: number;
    signal: AbortSignal;
    onProgress: (p: Progress) => void;
    onNote: (note: string) => void;
  },
) {
  const sources: FeatureSource[] = [spotify.audioFeatures()];
  if (options.featureCatalog) sources.push(localFeatureSource(options.featureCatalog, options.featureCatalog.source ?? 'CSV'));
  const features = combineFeatureSources(sources, {
    onUnavailable: () => options.onNote('Spotify’s /audio-features is closed to apps created after 2024-11-27'),
  });
  const catalogSource = source === 'saved' ? spotify.savedTracks() : spotify.myPlaylists();
  return buildCatalog(catalogSource, { features, limit: options.limit, signal: options.signal, onProgress: options.onProgress });
}
