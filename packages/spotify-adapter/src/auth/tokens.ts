import { SpotifyAuthError } from '../errors';

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** Supplies access tokens to the HTTP layer. Implement it to plug in your own token store. */
export interface AccessTokenProvider {
  /**
   * Returns a valid access token. `forceRefresh` is set after Spotify answered 401 to the last
   * token; a provider that cannot refresh should throw {@link SpotifyAuthError} then.
   */
  getAccessToken(options?: { signal?: AbortSignal; forceRefresh?: boolean }): Promise<string>;
}

/** Plain token data, as sent to and read from the accounts service. */
export interface TokenData {
  /** The bearer token. */
  accessToken: string;
  /** Present for user grants (PKCE); client credentials have none. */
  refreshToken?: string;
  /** Expiry as epoch milliseconds; `Infinity` when unknown. */
  expiresAt: number;
  /** Granted scopes, space-separated. */
  scope?: string;
}

/**
 * An access token (and refresh token) whose secrets stay out of `JSON.stringify`, `String()`,
 * `console.log` and `util.inspect`. Read them explicitly through the getters, e.g. to store the
 * refresh token.
 */
export class SpotifyTokens {
  readonly #access: string;
  readonly #refresh: string | undefined;
  /** Expiry as epoch milliseconds; `Infinity` when unknown. */
  readonly expiresAt: number;
  /** Granted scopes, space-separated, when known. */
  readonly scope: string | undefined;

  constructor(data: TokenData) {
    this.#access = data.accessToken;
    this.#refresh = data.refreshToken;
    this.expiresAt = data.expiresAt;
    this.scope = data.scope;
  }

  /** The bearer token. */
  get accessToken(): string {
    return this.#access;
  }

  /** The refresh token of a user grant. */
  get refreshToken(): string | undefined {
    return this.#refresh;
  }

  /** A redacted summary. */
  toJSON(): Record<string, unknown> {
    return {
      accessToken: '[redacted]',
      refreshToken: this.#refresh === undefined ? undefined : '[redacted]',
      expiresAt: this.expiresAt,
      scope: this.scope,
    };
  }

  /** A redacted summary. */
  toString(): string {
    const expiry = Number.isFinite(this.expiresAt) ? new Date(this.expiresAt).toISOString() : 'unknown';
    return `SpotifyTokens(expires ${expiry}${this.#refresh === undefined ? '' : ', refreshable'})`;
  }

  /** What `util.inspect` (and so `console.log` in Node) prints: the redacted summary. */
  [INSPECT](): string {
    return this.toString();
  }
}

/** Options of {@link RefreshingTokenProvider}. */
export interface RefreshingTokenOptions {
  /** Tokens to start with; without them the first call refreshes. */
  initial?: SpotifyTokens;
  /** Gets new tokens; receives the current ones (for their refresh token). */
  refresh: (current: SpotifyTokens | undefined, signal?: AbortSignal) => Promise<SpotifyTokens>;
  /** Refresh this long before expiry (default 60 000 ms). */
  refreshMarginMs?: number;
  /** Called with every new token set, e.g. to persist the refresh token. */
  onTokens?: (tokens: SpotifyTokens) => void;
  /** Clock, for tests. */
  now?: () => number;
}

/**
 * Holds tokens and refreshes them before expiry and when asked after a 401. Concurrent callers
 * share one refresh.
 */
export class RefreshingTokenProvider implements AccessTokenProvider {
  #tokens: SpotifyTokens | undefined;
  #inFlight: Promise<SpotifyTokens> | undefined;
  readonly #options: RefreshingTokenOptions;

  constructor(options: RefreshingTokenOptions) {
    this.#options = options;
    this.#tokens = options.initial;
  }

  /** The current tokens (refreshed ones included), e.g. to persist them. */
  get tokens(): SpotifyTokens | undefined {
    return this.#tokens;
  }

  /** {@inheritDoc AccessTokenProvider.getAccessToken} */
  async getAccessToken(options: { signal?: AbortSignal; forceRefresh?: boolean } = {}): Promise<string> {
    const now = (this.#options.now ?? Date.now)();
    const margin = this.#options.refreshMarginMs ?? 60_000;
    const current = this.#tokens;
    if (current && !options.forceRefresh && current.expiresAt - margin > now) return current.accessToken;
    this.#inFlight ??= this.#options
      .refresh(current, options.signal)
      .then((tokens) => {
        this.#tokens = tokens;
        this.#options.onTokens?.(tokens);
        return tokens;
      })
      .finally(() => {
        this.#inFlight = undefined;
      });
    return (await this.#inFlight).accessToken;
  }

  /** A redacted summary. */
  toJSON(): Record<string, unknown> {
    return { type: 'RefreshingTokenProvider', tokens: this.#tokens?.toJSON() };
  }

  /** A redacted summary. */
  toString(): string {
    return `RefreshingTokenProvider(${this.#tokens?.toString() ?? 'no token yet'})`;
  }

  /** What `util.inspect` (and so `console.log` in Node) prints: the redacted summary. */
  [INSPECT](): string {
    return this.toString();
  }
}

/** Options of {@link callerToken}. */
export interface CallerTokenOptions {
  /** Expiry as epoch milliseconds, when known; the token is then refreshed before it. */
  expiresAt?: number;
  /** Returns a fresh token when the current one expires or gets a 401. Without it, a 401 is final. */
  refresh?: (signal?: AbortSignal) => Promise<string | TokenData>;
}

/** Wraps an access token you obtained yourself (e.g. from your backend) as a provider. */
export function callerToken(accessToken: string, options: CallerTokenOptions = {}): RefreshingTokenProvider {
  const { refresh } = options;
  return new RefreshingTokenProvider({
    initial: new SpotifyTokens({ accessToken, expiresAt: options.expiresAt ?? Number.POSITIVE_INFINITY }),
    refresh: async (_current, signal) => {
      if (!refresh) {
        throw new SpotifyAuthError(
          'Spotify refused the access token (401: expired or revoked) and no refresh callback was given to callerToken()',
          { operation: 'token refresh', status: 401 },
        );
      }
      const next = await refresh(signal);
      return new SpotifyTokens(typeof next === 'string' ? { accessToken: next, expiresAt: Number.POSITIVE_INFINITY } : next);
    },
  });
}
