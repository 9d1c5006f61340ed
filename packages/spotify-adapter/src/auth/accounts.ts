import { SpotifyResponseError } from '../errors';
import { requestJson, type HttpOptions } from '../http/request';
import { SpotifyTokens } from './tokens';

/** Where the accounts service lives and how to reach it. */
export interface AccountsOptions extends HttpOptions {
  /** Accounts service root (default `https://accounts.spotify.com`). */
  accountsBaseUrl?: string;
  /** Clock, for tests. */
  now?: () => number;
}

/** Spotify's accounts service root. */
export const DEFAULT_ACCOUNTS_BASE_URL = 'https://accounts.spotify.com';

interface TokenResponse {
  access_token?: unknown;
  refresh_token?: unknown;
  expires_in?: unknown;
  scope?: unknown;
}

/** Joins a base URL and a path without dropping the base's own path. */
export function joinUrl(base: string, path: string): URL {
  return new URL(path.replace(/^\//, ''), base.endsWith('/') ? base : `${base}/`);
}

/** POSTs a grant to `/api/token` and returns the tokens it gives. */
export async function requestToken(
  grant: string,
  form: URLSearchParams,
  options: AccountsOptions & { headers?: Record<string, string>; signal?: AbortSignal },
): Promise<SpotifyTokens> {
  const operation = `POST /api/token (${grant})`;
  form.set('grant_type', grant);
  const body = await requestJson<TokenResponse | undefined>(
    {
      method: 'POST',
      url: joinUrl(options.accountsBaseUrl ?? DEFAULT_ACCOUNTS_BASE_URL, 'api/token'),
      operation,
      form,
      headers: options.headers,
      signal: options.signal,
    },
    options,
  );
  if (typeof body?.access_token !== 'string' || body.access_token === '') {
    throw new SpotifyResponseError(`${operation}: the answer has no access_token`, { operation });
  }
  const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : Number.POSITIVE_INFINITY;
  return new SpotifyTokens({
    accessToken: body.access_token,
    refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : undefined,
    expiresAt: (options.now ?? Date.now)() + expiresIn * 1000,
    scope: typeof body.scope === 'string' ? body.scope : undefined,
  });
}
