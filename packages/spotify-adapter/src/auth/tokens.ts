import { SpotifyAbortError, SpotifyAuthError } from '../errors';

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** Options of {@link AccessTokenProvider.getAccessToken}. */
export interface AccessTokenRequest {
  /** Stops waiting for the token. */
  signal?: AbortSignal;
  /** Set after Spotify answered 401 to `rejectedToken`: a cached token will not do. */
  forceRefresh?: boolean;
  /**
   * The token Spotify refused. A provider that already holds a different one (another request
   * refreshed meanwhile) returns that instead of refreshing again.
   */
  rejectedToken?: string;
}

/** Supplies access tokens to the HTTP layer. Implement it to plug in your own token store. */
export interface AccessTokenProvider {
  /**
   * Returns a valid access token. `forceRefresh` is set after Spotify answered 401 to
   * `rejectedToken`; a provider that cannot refresh should throw {@link SpotifyAuthError} then.
   */
  getAccessToken(options?: AccessTokenRequest): Promise<string>;
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
  /**
   * Gets new tokens; receives the current ones (for their refresh token). The refresh is shared by
   * every caller waiting for it, so `signal` aborts only once all of them have given up.
   */
  refresh: (current: SpotifyTokens | undefined, signal?: AbortSignal) => Promise<SpotifyTokens>;
  /** Refresh this long before expiry (default 60 000 ms). */
  refreshMarginMs?: number;
  /** Called with every new token set, e.g. to persist the refresh token. */
  onTokens?: (tokens: SpotifyTokens) => void;
  /** Clock, for tests. */
  now?: () => number;
}

/** A refresh in progress and how many callers still wait for it. */
interface Flight {
  promise: Promise<SpotifyTokens>;
  controller: AbortController;
  waiting: number;
}

/**
 * Holds tokens and refreshes them before expiry and when asked after a 401. Single flight:
 * concurrent callers share one refresh, and a 401 for a token that was already replaced does not
 * start another.
 */
export class RefreshingTokenProvider implements AccessTokenProvider {
  #tokens: SpotifyTokens | undefined;
  #flight: Flight | undefined;
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
  async getAccessToken(options: AccessTokenRequest = {}): Promise<string> {
    const now = (this.#options.now ?? Date.now)();
    const margin = this.#options.refreshMarginMs ?? 60_000;
    const current = this.#tokens;
    const refused =
      options.forceRefresh === true && (options.rejectedToken === undefined || options.rejectedToken === current?.accessToken);
    if (current && !refused && current.expiresAt - margin > now) return current.accessToken;
    return (await this.#join(current, options.signal)).accessToken;
  }

  /** Waits for the refresh in flight, starting one if there is none (or only a cancelled one). */
  #join(current: SpotifyTokens | undefined, signal: AbortSignal | undefined): Promise<SpotifyTokens> {
    let flight = this.#flight;
    if (!flight || flight.controller.signal.aborted) {
      const controller = new AbortController();
      // Through a promise constructor, so a refresh callback that throws at once rejects too.
      const refreshed = new Promise<SpotifyTokens>((resolve) => resolve(this.#options.refresh(current, controller.signal)));
      const promise = refreshed.then((tokens) => {
        this.#tokens = tokens;
        this.#options.onTokens?.(tokens);
        return tokens;
      });
      const started: Flight = { promise, controller, waiting: 0 };
      const clear = () => {
        if (this.#flight === started) this.#flight = undefined;
      };
      promise.then(clear, clear);
      this.#flight = flight = started;
    }
    const joined = flight;
    joined.waiting += 1;
    return new Promise<SpotifyTokens>((resolve, reject) => {
      const onAbort = () => {
        joined.waiting -= 1;
        // Shared: cancelled only when nobody waits for it any more.
        if (joined.waiting === 0) joined.controller.abort(signal?.reason);
        reject(new SpotifyAbortError('token refresh was aborted', { operation: 'token refresh', cause: signal?.reason }));
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      const leave = () => signal?.removeEventListener('abort', onAbort);
      joined.promise.then(resolve, reject);
      joined.promise.then(leave, leave);
    });
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
