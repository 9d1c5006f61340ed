import type { AccessTokenProvider } from '../auth/tokens';
import {
  SpotifyAbortError,
  SpotifyAuthError,
  SpotifyHttpError,
  SpotifyNetworkError,
  SpotifyRateLimitError,
  SpotifyResponseError,
  SpotifyServerError,
  SpotifyTimeoutError,
} from '../errors';
import { DEFAULT_TIMEOUT_MS, validateHttpOptions } from './options';
import { withRetry, type RetryOptions } from './retry';

/** Transport settings shared by the API client and the auth helpers. */
export interface HttpOptions {
  /** `fetch` to use (default: the global one). Handy for proxies, tests and instrumentation. */
  fetch?: typeof fetch;
  /** Retry policy; see {@link RetryOptions}. */
  retry?: RetryOptions;
  /**
   * Time one attempt may take, from sending the request to the last byte of the answer, in ms
   * (default 15 000; `Infinity` switches it off). A timeout is a {@link SpotifyTimeoutError},
   * retried within `retry.retries`.
   */
  timeoutMs?: number;
}

/** One HTTP request. */
export interface RequestSpec {
  /** HTTP method. */
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Absolute URL. */
  url: string | URL;
  /** Short description for errors, e.g. `GET /v1/me/tracks`; defaults to method and path. */
  operation?: string;
  /** Who answers, named in server errors (default `Spotify`). */
  service?: string;
  /** Adds `Authorization: Bearer ...`, refreshing once on 401. */
  auth?: AccessTokenProvider;
  /** Extra headers. */
  headers?: Record<string, string>;
  /** JSON request body. */
  json?: unknown;
  /** Form request body (accounts service). */
  form?: URLSearchParams;
  /** Cancels the request and any retry wait; an abort is never retried. */
  signal?: AbortSignal;
}

/** Parses `Retry-After` (delta seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

interface ErrorBody {
  error?: string | { status?: number; message?: string; reason?: string };
  error_description?: string;
  reason?: string;
}

async function readErrorBody(response: Response): Promise<ErrorBody> {
  const text = await response.text().catch(() => '');
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' ? parsed : {};
  } catch {
    return {};
  }
}

/** Turns a non-2xx answer into the matching typed error. */
async function errorFromResponse(
  response: Response,
  operation: string,
  secrets: readonly string[],
  service: string,
): Promise<SpotifyHttpError> {
  const { status } = response;
  const body = await readErrorBody(response);
  const apiError = typeof body.error === 'object' ? body.error : undefined;
  const oauthError = typeof body.error === 'string' ? body.error : undefined;
  const spotifyMessage = apiError?.message ?? body.error_description ?? oauthError;
  const details = { operation, status, spotifyMessage, secrets };
  const said = spotifyMessage ? `: ${spotifyMessage}` : '';
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    const quotaExceeded = (apiError?.reason ?? body.reason) === 'QUOTA_EXCEEDED';
    const wait = retryAfterMs === undefined ? '' : `; Retry-After ${Math.ceil(retryAfterMs / 1000)} s`;
    const what = quotaExceeded ? "the developer account's API quota is spent (429 QUOTA_EXCEEDED)" : 'rate limited (429)';
    return new SpotifyRateLimitError(`${operation} failed: ${what}${wait}`, { ...details, retryAfterMs, quotaExceeded });
  }
  if (status >= 500) return new SpotifyServerError(`${operation} failed: ${service} server error ${status}${said}`, details);
  if (status === 401 || oauthError !== undefined) {
    return new SpotifyAuthError(`${operation} failed: authorization refused (${status}${said})`, {
      ...details,
      oauthError,
    });
  }
  return new SpotifyHttpError(`${operation} failed: HTTP ${status}${said}`, details);
}

function bodyOf(spec: RequestSpec): { body?: string; type?: string } {
  if (spec.json !== undefined) return { body: JSON.stringify(spec.json), type: 'application/json' };
  if (spec.form !== undefined) return { body: spec.form.toString(), type: 'application/x-www-form-urlencoded' };
  return {};
}

// Form fields of the accounts service that carry credentials.
const SECRET_FIELDS = ['client_secret', 'code', 'code_verifier', 'refresh_token'];

/** The credentials a request carries, so that errors can redact them by value whatever their length. */
function credentialsOf(spec: RequestSpec): string[] {
  const secrets: string[] = [];
  for (const field of SECRET_FIELDS) {
    const value = spec.form?.get(field);
    if (value) secrets.push(value);
  }
  const header = Object.entries(spec.headers ?? {}).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
  const [scheme = '', credential = ''] = header?.split(/\s+/, 2) ?? [];
  if (credential) secrets.push(credential);
  if (scheme.toLowerCase() === 'basic' && credential) {
    try {
      // `client_id:client_secret`: the id is not secret, the secret is.
      const decoded = atob(credential);
      secrets.push(decoded.slice(decoded.indexOf(':') + 1));
    } catch {
      // Not base64: the credential itself is already listed.
    }
  }
  return secrets;
}

/** How one attempt ended early: the caller's abort, or the timeout. */
function abortedOrTimedOut(operation: string, signal: AbortSignal | undefined, timeoutMs: number, secrets: readonly string[]): Error {
  if (signal?.aborted) return new SpotifyAbortError(`${operation} was aborted`, { operation, cause: signal.reason });
  return new SpotifyTimeoutError(`${operation} failed: no complete answer within ${timeoutMs} ms`, { operation, timeoutMs, secrets });
}

function failedTransfer(error: unknown, operation: string, secrets: readonly string[]): Error {
  const inner = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const reason = inner instanceof Error ? inner.message : String(inner);
  return new SpotifyNetworkError(`${operation} failed: no complete answer from the server (${reason})`, {
    operation,
    cause: error,
    secrets,
  });
}

/**
 * Runs `work` with a signal that aborts when the caller's `signal` does or after `timeoutMs`.
 * Rejects at that moment even if `work` ignores its signal (a custom `fetch` may), with
 * {@link SpotifyAbortError} or {@link SpotifyTimeoutError}.
 */
async function withDeadline<T>(
  operation: string,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  secrets: readonly string[],
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let stop: (() => void) | undefined;
  const ended = new Promise<never>((_, reject) => {
    stop = () => {
      const error = abortedOrTimedOut(operation, signal, timeoutMs, secrets);
      controller.abort(error);
      reject(error);
    };
  });
  const onAbort = () => stop?.();
  signal?.addEventListener('abort', onAbort, { once: true });
  const timer = Number.isFinite(timeoutMs) ? setTimeout(onAbort, timeoutMs) : undefined;
  try {
    if (signal?.aborted) onAbort();
    return await Promise.race([work(controller.signal), ended]);
  } catch (error) {
    // `work` may reject first with fetch's own AbortError; say which of the two ended it.
    throw controller.signal.aborted ? (controller.signal.reason as Error) : error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * One attempt: sends the request (once more with a fresh token after a 401) and reads the whole
 * answer, each send within the timeout. Returns the body text.
 */
async function attemptOnce(spec: RequestSpec, operation: string, http: HttpOptions, secrets: string[]): Promise<string> {
  const { body, type } = bodyOf(spec);
  const fetchImpl = http.fetch ?? globalThis.fetch;
  const timeoutMs = http.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let refused: string | undefined;
  for (let pass = 0; ; pass += 1) {
    const headers: Record<string, string> = { accept: 'application/json', ...spec.headers };
    if (type) headers['content-type'] = type;
    let token: string | undefined;
    if (spec.auth) {
      token = await spec.auth.getAccessToken({ signal: spec.signal, forceRefresh: pass > 0, rejectedToken: refused });
      secrets.push(token);
      headers.authorization = `Bearer ${token}`;
    }
    const answer = await withDeadline(operation, timeoutMs, spec.signal, secrets, async (signal) => {
      let response: Response;
      try {
        response = await fetchImpl(spec.url, { method: spec.method, headers, body, signal });
      } catch (error) {
        throw failedTransfer(error, operation, secrets);
      }
      if (response.status === 401 && spec.auth && pass === 0) {
        await response.body?.cancel();
        return undefined;
      }
      if (!response.ok) throw await errorFromResponse(response, operation, secrets, spec.service ?? 'Spotify');
      return response.text().catch((error: unknown) => {
        throw failedTransfer(error, operation, secrets);
      });
    });
    if (answer !== undefined) return answer;
    refused = token;
  }
}

/** Where V8 says a JSON text went wrong; its message quotes the text itself, which may hold a token. */
function jsonErrorPosition(error: unknown): string {
  const position = error instanceof Error ? /at position (\d+)/.exec(error.message)?.[1] : undefined;
  return position === undefined ? '' : `, at position ${position}`;
}

/**
 * Sends one request with retries (see {@link RetryOptions}) and a per-attempt timeout
 * ({@link HttpOptions.timeoutMs}), and returns the parsed JSON body (`undefined` for an empty one).
 * Throws a typed {@link SpotifyError} subclass on failure; bad options throw
 * {@link SpotifyOptionError} before anything is sent.
 */
export async function requestJson<T>(spec: RequestSpec, http: HttpOptions = {}): Promise<T> {
  const url = new URL(spec.url);
  const operation = spec.operation ?? `${spec.method} ${url.pathname}`;
  validateHttpOptions(http, operation);
  const secrets = credentialsOf(spec);
  return withRetry(
    operation,
    async () => {
      const text = await attemptOnce(spec, operation, http, secrets);
      if (text.trim() === '') return undefined as T;
      try {
        return JSON.parse(text) as T;
      } catch (error) {
        // The parser's message quotes the start of the body, so it is not kept as the cause.
        throw new SpotifyResponseError(
          `${operation}: the answer was not valid JSON (${text.length} characters${jsonErrorPosition(error)})`,
          { operation },
        );
      }
    },
    http.retry,
    spec.signal,
  );
}
