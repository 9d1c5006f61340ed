import type { AccessTokenProvider } from '../auth/tokens';
import {
  SpotifyAbortError,
  SpotifyAuthError,
  SpotifyHttpError,
  SpotifyNetworkError,
  SpotifyRateLimitError,
  SpotifyResponseError,
  SpotifyServerError,
} from '../errors';
import { withRetry, type RetryOptions } from './retry';

/** Transport settings shared by the API client and the auth helpers. */
export interface HttpOptions {
  /** `fetch` to use (default: the global one). Handy for proxies, tests and instrumentation. */
  fetch?: typeof fetch;
  /** Retry policy; see {@link RetryOptions}. */
  retry?: RetryOptions;
}

/** One HTTP request. */
export interface RequestSpec {
  /** HTTP method. */
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Absolute URL. */
  url: string | URL;
  /** Short description for errors, e.g. `GET /v1/me/tracks`; defaults to method and path. */
  operation?: string;
  /** Adds `Authorization: Bearer ...`, refreshing once on 401. */
  auth?: AccessTokenProvider;
  /** Extra headers. */
  headers?: Record<string, string>;
  /** JSON request body. */
  json?: unknown;
  /** Form request body (accounts service). */
  form?: URLSearchParams;
  /** Cancels the request and any retry wait. */
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
async function errorFromResponse(response: Response, operation: string): Promise<SpotifyHttpError> {
  const { status } = response;
  const body = await readErrorBody(response);
  const apiError = typeof body.error === 'object' ? body.error : undefined;
  const oauthError = typeof body.error === 'string' ? body.error : undefined;
  const spotifyMessage = apiError?.message ?? body.error_description ?? oauthError;
  const details = { operation, status, spotifyMessage };
  const said = spotifyMessage ? `: ${spotifyMessage}` : '';
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    const quotaExceeded = (apiError?.reason ?? body.reason) === 'QUOTA_EXCEEDED';
    const wait = retryAfterMs === undefined ? '' : `; Retry-After ${Math.ceil(retryAfterMs / 1000)} s`;
    const what = quotaExceeded ? "the developer account's API quota is spent (429 QUOTA_EXCEEDED)" : 'rate limited (429)';
    return new SpotifyRateLimitError(`${operation} failed: ${what}${wait}`, { ...details, retryAfterMs, quotaExceeded });
  }
  if (status >= 500) return new SpotifyServerError(`${operation} failed: Spotify server error ${status}${said}`, details);
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

function failedTransfer(error: unknown, operation: string, signal?: AbortSignal): Error {
  if (signal?.aborted) return new SpotifyAbortError(`${operation} was aborted`, { operation, cause: signal.reason });
  const inner = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const reason = inner instanceof Error ? inner.message : String(inner);
  return new SpotifyNetworkError(`${operation} failed: no complete answer from the server (${reason})`, {
    operation,
    cause: error,
  });
}

async function sendOnce(spec: RequestSpec, operation: string, fetchImpl: typeof fetch): Promise<Response> {
  const { body, type } = bodyOf(spec);
  for (let pass = 0; ; pass += 1) {
    const headers: Record<string, string> = { accept: 'application/json', ...spec.headers };
    if (type) headers['content-type'] = type;
    if (spec.auth) {
      const token = await spec.auth.getAccessToken({ signal: spec.signal, forceRefresh: pass > 0 });
      headers.authorization = `Bearer ${token}`;
    }
    let response: Response;
    try {
      response = await fetchImpl(spec.url, { method: spec.method, headers, body, signal: spec.signal });
    } catch (error) {
      throw failedTransfer(error, operation, spec.signal);
    }
    if (response.status === 401 && spec.auth && pass === 0) {
      await response.body?.cancel();
      continue;
    }
    if (!response.ok) throw await errorFromResponse(response, operation);
    return response;
  }
}

/**
 * Sends one request with retries (see {@link RetryOptions}) and returns the parsed JSON body
 * (`undefined` for an empty one). Throws a typed {@link SpotifyError} subclass on failure.
 */
export async function requestJson<T>(spec: RequestSpec, http: HttpOptions = {}): Promise<T> {
  const url = new URL(spec.url);
  const operation = spec.operation ?? `${spec.method} ${url.pathname}`;
  const fetchImpl = http.fetch ?? globalThis.fetch;
  return withRetry(
    operation,
    async () => {
      const response = await sendOnce(spec, operation, fetchImpl);
      const text = await response.text().catch((error: unknown) => {
        throw failedTransfer(error, operation, spec.signal);
      });
      if (text.trim() === '') return undefined as T;
      try {
        return JSON.parse(text) as T;
      } catch (error) {
        throw new SpotifyResponseError(`${operation}: the answer was not valid JSON`, { operation, cause: error });
      }
    },
    http.retry,
    spec.signal,
  );
}
