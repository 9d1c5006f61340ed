import { SpotifyAuthError, SpotifyInputError } from '../errors';
import { validateHttpOptions } from '../http/options';
import { DEFAULT_ACCOUNTS_BASE_URL, joinUrl, requestToken, type AccountsOptions } from './accounts';
import { validateRedirectUri } from './redirect-uri';
import { RefreshingTokenProvider, SpotifyTokens } from './tokens';

// 64 of RFC 7636's unreserved characters, so `byte & 63` picks one without modulo bias.
const VERIFIER_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VERIFIER_PATTERN = /^[A-Za-z0-9\-._~]{43,128}$/;

/** A PKCE code verifier and its S256 challenge. */
export interface PkcePair {
  /** Keep it (e.g. in `sessionStorage`) until the code exchange. */
  verifier: string;
  /** Goes into the authorize URL. */
  challenge: string;
}

function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A random RFC 7636 code verifier of `length` characters (43..128, default 64), from `crypto.getRandomValues`. */
export function createCodeVerifier(length = 64): string {
  if (!Number.isInteger(length) || length < 43 || length > 128) {
    throw new SpotifyInputError(`PKCE verifier length must be an integer in 43..128, got ${length}`, {
      operation: 'PKCE verifier',
    });
  }
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let verifier = '';
  for (const byte of bytes) verifier += VERIFIER_ALPHABET[byte & 63];
  return verifier;
}

/** The S256 challenge of `verifier`: base64url(SHA-256(verifier)) without padding, via WebCrypto. */
export async function createCodeChallenge(verifier: string): Promise<string> {
  if (!VERIFIER_PATTERN.test(verifier)) {
    throw new SpotifyInputError('A PKCE verifier is 43..128 characters of A-Z a-z 0-9 - . _ ~', {
      operation: 'PKCE challenge',
    });
  }
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

/** A fresh verifier and its challenge. */
export async function createPkcePair(length?: number): Promise<PkcePair> {
  const verifier = createCodeVerifier(length);
  return { verifier, challenge: await createCodeChallenge(verifier) };
}

/** Options of {@link buildAuthorizeUrl}. */
export interface AuthorizeUrlOptions {
  /** The app's client id. */
  clientId: string;
  /** Must pass {@link validateRedirectUri} and match one registered for the app exactly. */
  redirectUri: string;
  /** From {@link createPkcePair}. */
  codeChallenge: string;
  /** e.g. `['playlist-read-private', 'user-library-read', 'playlist-modify-private']`. */
  scopes?: readonly string[];
  /** Random value you check again in {@link parseAuthorizeCallback} (CSRF protection). */
  state?: string;
  /** Ask the user to approve again even if they already did. */
  showDialog?: boolean;
  /** Accounts service root (default `https://accounts.spotify.com`). */
  accountsBaseUrl?: string;
}

/** The URL to send the user to for Authorization Code with PKCE (S256). */
export function buildAuthorizeUrl(options: AuthorizeUrlOptions): string {
  validateRedirectUri(options.redirectUri);
  if (!options.clientId || !options.codeChallenge) {
    throw new SpotifyInputError('buildAuthorizeUrl() needs a clientId and a codeChallenge', {
      operation: 'authorize URL',
    });
  }
  const url = joinUrl(options.accountsBaseUrl ?? DEFAULT_ACCOUNTS_BASE_URL, 'authorize');
  const params = url.searchParams;
  params.set('client_id', options.clientId);
  params.set('response_type', 'code');
  params.set('redirect_uri', options.redirectUri);
  params.set('code_challenge_method', 'S256');
  params.set('code_challenge', options.codeChallenge);
  if (options.scopes?.length) params.set('scope', options.scopes.join(' '));
  if (options.state !== undefined) params.set('state', options.state);
  if (options.showDialog) params.set('show_dialog', 'true');
  return url.toString();
}

/**
 * Reads the authorization code from the URL Spotify redirected back to. Throws
 * {@link SpotifyAuthError} when the user declined (`error=access_denied`) or `state` does not match.
 */
export function parseAuthorizeCallback(callbackUrl: string | URL, expectedState?: string): string {
  const operation = 'authorize callback';
  const params = new URL(callbackUrl).searchParams;
  const error = params.get('error');
  if (error !== null) {
    throw new SpotifyAuthError(`Spotify authorization did not complete: ${error}`, {
      operation,
      status: 400,
      oauthError: error,
    });
  }
  if (expectedState !== undefined && params.get('state') !== expectedState) {
    throw new SpotifyAuthError('The authorize callback state does not match the one sent (possible CSRF)', {
      operation,
      status: 400,
      oauthError: 'state_mismatch',
    });
  }
  const code = params.get('code');
  if (!code) {
    throw new SpotifyAuthError('The authorize callback has no code', { operation, status: 400, oauthError: 'no_code' });
  }
  return code;
}

/** Options of {@link exchangeAuthorizationCode}. */
export interface CodeExchangeOptions extends AccountsOptions {
  /** The app's client id. */
  clientId: string;
  /** From {@link parseAuthorizeCallback}. */
  code: string;
  /** The verifier whose challenge was in the authorize URL. */
  codeVerifier: string;
  /** The same redirect URI as in the authorize URL. */
  redirectUri: string;
  /** Cancels the request. */
  signal?: AbortSignal;
}

/** Trades the authorization code for tokens (no client secret: PKCE). */
export function exchangeAuthorizationCode(options: CodeExchangeOptions): Promise<SpotifyTokens> {
  validateRedirectUri(options.redirectUri);
  const form = new URLSearchParams({
    code: options.code,
    redirect_uri: options.redirectUri,
    client_id: options.clientId,
    code_verifier: options.codeVerifier,
  });
  return requestToken('authorization_code', form, options);
}

/** Options of {@link refreshUserTokens}. */
export interface RefreshOptions extends AccountsOptions {
  /** The app's client id. */
  clientId: string;
  /** Cancels the request. */
  signal?: AbortSignal;
}

/** Uses the refresh token of `tokens` to get new ones; keeps the old refresh token if Spotify sends none. */
export async function refreshUserTokens(tokens: SpotifyTokens, options: RefreshOptions): Promise<SpotifyTokens> {
  const { refreshToken } = tokens;
  if (refreshToken === undefined) {
    throw new SpotifyAuthError('These tokens have no refresh token; authorize the user again', {
      operation: 'POST /api/token (refresh_token)',
      status: 401,
    });
  }
  const form = new URLSearchParams({ refresh_token: refreshToken, client_id: options.clientId });
  const next = await requestToken('refresh_token', form, options);
  if (next.refreshToken !== undefined) return next;
  return new SpotifyTokens({ accessToken: next.accessToken, refreshToken, expiresAt: next.expiresAt, scope: next.scope });
}

/** Options of {@link pkceTokenProvider}. */
export interface PkceTokenProviderOptions extends AccountsOptions {
  /** The app's client id. */
  clientId: string;
  /** Tokens from {@link exchangeAuthorizationCode} or restored with `new SpotifyTokens(...)`. */
  tokens: SpotifyTokens;
  /** Called after each refresh, e.g. to store the new refresh token. */
  onTokens?: (tokens: SpotifyTokens) => void;
  /** Refresh this long before expiry (default 60 000 ms). */
  refreshMarginMs?: number;
}

/**
 * A token provider for a PKCE user grant: refreshes before expiry and after a 401. Bad `retry` or
 * `timeoutMs` options throw {@link SpotifyOptionError} here.
 */
export function pkceTokenProvider(options: PkceTokenProviderOptions): RefreshingTokenProvider {
  validateHttpOptions(options, 'PKCE token provider setup');
  return new RefreshingTokenProvider({
    initial: options.tokens,
    onTokens: options.onTokens,
    refreshMarginMs: options.refreshMarginMs,
    now: options.now,
    refresh: (current, signal) => refreshUserTokens(current ?? options.tokens, { ...options, signal }),
  });
}
