import { SpotifyInputError } from '../errors';
import { validateHttpOptions } from '../http/options';
import { requestToken, type AccountsOptions } from './accounts';
import { RefreshingTokenProvider } from './tokens';

/** Options of {@link clientCredentials}. */
export interface ClientCredentialsOptions extends AccountsOptions {
  /** The app's client id. */
  clientId: string;
  /** Keep it on the server: never ship it to a browser. */
  clientSecret: string;
  /** Refresh this long before expiry (default 60 000 ms). */
  refreshMarginMs?: number;
}

/**
 * Client credentials grant, for server-side catalog reads (no user data: no saved tracks, no
 * playlist writes). Fetches a token on first use, then renews it before expiry and after a 401.
 * Bad `retry` or `timeoutMs` options throw {@link SpotifyOptionError} here.
 */
export function clientCredentials(options: ClientCredentialsOptions): RefreshingTokenProvider {
  const { clientId, clientSecret } = options;
  if (!clientId || !clientSecret) {
    throw new SpotifyInputError('clientCredentials() needs a clientId and a clientSecret', {
      operation: 'client credentials setup',
    });
  }
  validateHttpOptions(options, 'client credentials setup');
  const basic = `Basic ${btoa(`${clientId}:${clientSecret}`)}`;
  return new RefreshingTokenProvider({
    refreshMarginMs: options.refreshMarginMs,
    now: options.now,
    refresh: (_current, signal) =>
      requestToken('client_credentials', new URLSearchParams(), {
        ...options,
        headers: { authorization: basic },
        signal,
      }),
  });
}
