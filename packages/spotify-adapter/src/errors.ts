import type { Catalog } from '@moodtunes/mood-recommender';

/** A playlist the adapter created, as far as it got. */
export interface PlaylistRef {
  /** Spotify playlist id. */
  id: string;
  /** `spotify:playlist:<id>`. */
  uri: string;
  /** `https://open.spotify.com/playlist/<id>`. */
  url: string;
}

/** Work that finished before an error, so callers can keep it instead of starting over. */
export interface PartialResult {
  /** Tracks loaded before a catalog build failed or was aborted. */
  catalog?: Catalog;
  /** The playlist created before adding its tracks failed. */
  playlist?: PlaylistRef;
  /** Track URIs already added to {@link PartialResult.playlist}. */
  addedUris?: string[];
}

/** Options shared by every error constructor. */
export interface SpotifyErrorOptions {
  /** What was being done, e.g. `GET /v1/playlists/{id}/items` or `token refresh`. */
  operation: string;
  /** The underlying error, when there is one. */
  cause?: unknown;
  /**
   * Credentials the failed request carried (bearer token, refresh token, client secret, code
   * verifier). They are replaced by `[redacted]` wherever they occur, whatever their length: in the
   * message, Spotify's text and the messages and stacks of the cause chain.
   */
  secrets?: readonly string[];
}

// Access tokens are long base64url runs (Spotify's start with "BQ"); ids are 22 characters.
const TOKEN_LIKE = /[A-Za-z0-9_\-.~+/]{60,}={0,2}/g;
const BEARER = /Bearer\s+\S+/gi;

/**
 * Removes bearer credentials and long token-like runs from `text`, and every value of
 * `secrets` by value, however short (longest first, so one secret inside another goes whole).
 */
export function redactSecrets(text: string, secrets: Iterable<string> = []): string {
  let out = text;
  const values = [...new Set(secrets)].filter((value) => value !== '').sort((a, b) => b.length - a.length);
  for (const value of values) {
    out = out.split(value).join('[redacted]');
    const encoded = encodeURIComponent(value);
    if (encoded !== value) out = out.split(encoded).join('[redacted]');
  }
  return out.replace(BEARER, 'Bearer [redacted]').replace(TOKEN_LIKE, '[redacted]');
}

/**
 * Rewrites, in place, the message and stack of each error in a cause chain that holds a secret.
 * Causes are errors this package caught from `fetch` or a parser; a caller's abort reason without
 * secrets is left as it is.
 */
function scrubCauses(cause: unknown, secrets: readonly string[]): void {
  const seen = new Set<unknown>();
  for (let current = cause; current instanceof Error && !seen.has(current) && seen.size < 8; current = current.cause) {
    seen.add(current);
    for (const key of ['message', 'stack'] as const) {
      const text = current[key];
      if (typeof text !== 'string') continue;
      const clean = redactSecrets(text, secrets);
      if (clean !== text) Object.defineProperty(current, key, { value: clean, writable: true, configurable: true });
    }
  }
}

/**
 * Base class of every error this package throws. `operation` says what failed; messages never
 * contain tokens: server-supplied text and causes are passed through {@link redactSecrets}, with the
 * credentials of the failed request redacted by value.
 */
export class SpotifyError extends Error {
  /** Always `'SpotifyError'`. */
  override name = 'SpotifyError';
  /** What was being done when it failed. */
  readonly operation: string;
  /** Work finished before the failure, when there was any. */
  partial?: PartialResult;

  constructor(message: string, options: SpotifyErrorOptions) {
    super(redactSecrets(message, options.secrets), options.cause === undefined ? undefined : { cause: options.cause });
    this.operation = options.operation;
    scrubCauses(options.cause, options.secrets ?? []);
  }

  /** A plain summary without the cause chain or the partial result's tracks. */
  toJSON(): Record<string, unknown> {
    const { name, message, operation } = this;
    const status = (this as { status?: number }).status;
    return status === undefined ? { name, message, operation } : { name, message, operation, status };
  }
}

/** Details of a non-2xx HTTP answer. */
export interface HttpErrorDetails extends SpotifyErrorOptions {
  /** HTTP status code. */
  status: number;
  /** Spotify's own error text (`error.message` or `error_description`), redacted. */
  spotifyMessage?: string;
}

/** Spotify answered with an HTTP error status that is not covered by a more specific class. */
export class SpotifyHttpError extends SpotifyError {
  /** Always `'SpotifyHttpError'`. */
  override name = 'SpotifyHttpError';
  /** HTTP status code. */
  readonly status: number;
  /** Spotify's own error text, when it sent one. */
  readonly spotifyMessage?: string;

  constructor(message: string, details: HttpErrorDetails) {
    super(message, details);
    this.status = details.status;
    if (details.spotifyMessage !== undefined) this.spotifyMessage = redactSecrets(details.spotifyMessage, details.secrets);
  }
}

/**
 * The access token was refused (401 after a refresh, or no way to refresh), or the accounts
 * service refused a grant (`oauthError` such as `invalid_grant`, `invalid_client`).
 */
export class SpotifyAuthError extends SpotifyHttpError {
  /** Always `'SpotifyAuthError'`. */
  override name = 'SpotifyAuthError';
  /** OAuth error code from the accounts service, when there was one. */
  readonly oauthError?: string;

  constructor(message: string, details: HttpErrorDetails & { oauthError?: string }) {
    super(message, details);
    if (details.oauthError !== undefined) this.oauthError = redactSecrets(details.oauthError, details.secrets);
  }
}

/** HTTP 429. `retryAfterMs` comes from `Retry-After`; `quotaExceeded` from `reason: "QUOTA_EXCEEDED"`. */
export class SpotifyRateLimitError extends SpotifyHttpError {
  /** Always `'SpotifyRateLimitError'`. */
  override name = 'SpotifyRateLimitError';
  /** How long Spotify asked us to wait, in ms (undefined when it sent no usable `Retry-After`). */
  readonly retryAfterMs?: number;
  /** True when the developer account's quota is spent (`reason: "QUOTA_EXCEEDED"`), not a short burst limit. */
  readonly quotaExceeded: boolean;

  constructor(message: string, details: HttpErrorDetails & { retryAfterMs?: number; quotaExceeded: boolean }) {
    super(message, details);
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
    this.quotaExceeded = details.quotaExceeded;
  }
}

/** HTTP 5xx from Spotify (retried with backoff before this is thrown). */
export class SpotifyServerError extends SpotifyHttpError {
  /** Always `'SpotifyServerError'`. */
  override name = 'SpotifyServerError';
}

/**
 * `GET /audio-features` answered 403: Spotify closed it on 2024-11-27 to apps created after that
 * date and to development-mode apps without extended access. Use another {@link FeatureSource}.
 */
export class AudioFeaturesUnavailableError extends SpotifyHttpError {
  /** Always `'AudioFeaturesUnavailableError'`. */
  override name = 'AudioFeaturesUnavailableError';
}

/** The request never got an HTTP answer (DNS, connection refused, reset), after retries. */
export class SpotifyNetworkError extends SpotifyError {
  /** Always `'SpotifyNetworkError'`. */
  override name = 'SpotifyNetworkError';
}

/**
 * No complete answer within the per-request timeout (`timeoutMs`, default 15 s). Retried like
 * other network errors; a caller's abort is a {@link SpotifyAbortError} instead.
 */
export class SpotifyTimeoutError extends SpotifyNetworkError {
  /** Always `'SpotifyTimeoutError'`. */
  override name = 'SpotifyTimeoutError';
  /** The timeout that ran out, in ms. */
  readonly timeoutMs: number;

  constructor(message: string, options: SpotifyErrorOptions & { timeoutMs: number }) {
    super(message, options);
    this.timeoutMs = options.timeoutMs;
  }
}

/** Spotify answered 2xx with a body that is not the JSON shape expected. */
export class SpotifyResponseError extends SpotifyError {
  /** Always `'SpotifyResponseError'`. */
  override name = 'SpotifyResponseError';
}

/**
 * Paging did not end: a `next` link led back to a page already read (`reason: 'cycle'`), or there
 * were more pages than `maxPages` (`reason: 'page-limit'`). A catalog load keeps what it read in
 * `partial.catalog`.
 */
export class SpotifyPagingError extends SpotifyResponseError {
  /** Always `'SpotifyPagingError'`. */
  override name = 'SpotifyPagingError';
  /** Why paging stopped. */
  readonly reason: 'cycle' | 'page-limit';
  /** Pages read before stopping. */
  readonly pages: number;

  constructor(message: string, options: SpotifyErrorOptions & { reason: 'cycle' | 'page-limit'; pages: number }) {
    super(message, options);
    this.reason = options.reason;
    this.pages = options.pages;
  }
}

/**
 * After an uncertain playlist addition (5xx, timeout or dropped connection), reading the playlist
 * back found items this write did not put there: it was changed elsewhere meanwhile, so nothing
 * more is added. `partial` names the playlist and the URIs added.
 */
export class PlaylistConflictError extends SpotifyError {
  /** Always `'PlaylistConflictError'`. */
  override name = 'PlaylistConflictError';
}

/** The caller's `AbortSignal` fired. `partial` holds what was done before. */
export class SpotifyAbortError extends SpotifyError {
  /** Always `'SpotifyAbortError'`. */
  override name = 'SpotifyAbortError';
}

/** An argument was invalid (a malformed id or URI, an empty playlist name, a bad option). */
export class SpotifyInputError extends SpotifyError {
  /** Always `'SpotifyInputError'`. */
  override name = 'SpotifyInputError';
}

/**
 * An option is out of range or of the wrong type (e.g. `retry.minDelayMs: NaN`, `retry.retries: 1.5`,
 * `timeoutMs: -1`). Thrown when the client, provider or request is set up, before any request.
 */
export class SpotifyOptionError extends SpotifyInputError {
  /** Always `'SpotifyOptionError'`. */
  override name = 'SpotifyOptionError';
  /** The option's path, e.g. `retry.minDelayMs`. */
  readonly option: string;

  constructor(message: string, options: SpotifyErrorOptions & { option: string }) {
    super(message, options);
    this.option = options.option;
  }
}

/** A redirect URI Spotify would refuse: not https, `localhost`, or a non-loopback http host. */
export class InvalidRedirectUriError extends SpotifyInputError {
  /** Always `'InvalidRedirectUriError'`. */
  override name = 'InvalidRedirectUriError';
}
