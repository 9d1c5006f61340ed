// "Connect Spotify": Authorization Code with PKCE in the browser, through spotify-adapter.
// Nothing here needs a server: the verifier lives in sessionStorage until Spotify redirects back.
import {
  buildAuthorizeUrl,
  createPkcePair,
  createSpotifyAdapter,
  exchangeAuthorizationCode,
  parseAuthorizeCallback,
  pkceTokenProvider,
  SpotifyTokens,
  validateRedirectUri,
  type SpotifyAdapter,
} from '@moodtunes/spotify-adapter';

const CLIENT_ID_KEY = 'moodtunes.spotify.clientId';
const PENDING_KEY = 'moodtunes.spotify.pending';
const REFRESH_KEY = 'moodtunes.spotify.refresh';
const SCOPES = ['user-library-read', 'playlist-read-private'];
const CALLBACK_PATH = '/callback';

/** Where Spotify sends the user back; register exactly this URI for the app in Spotify's dashboard. */
export function redirectUri(): string {
  return `${location.origin}${CALLBACK_PATH}`;
}

/** The client id of the last login attempt, to fill in the form. */
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

/** Drops the refresh token: the next page load is not connected. */
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
