import pRetry from 'p-retry';
import { SpotifyAbortError, SpotifyError, SpotifyNetworkError, SpotifyRateLimitError, SpotifyServerError } from '../errors';

/**
 * How failed requests are retried. All delays are in milliseconds. Counts must be whole numbers
 * ≥ 0 and delays numbers ≥ 0 (the caps may be `Infinity`); anything else throws
 * {@link SpotifyOptionError} at setup.
 */
export interface RetryOptions {
  /** Retries after 5xx answers, timeouts and network errors (default 4). */
  retries?: number;
  /** First backoff delay for 5xx/network errors (default 500). Later ones double, with 1-2x jitter. */
  minDelayMs?: number;
  /** Cap on one backoff delay (default 20 000; not below `minDelayMs`). */
  maxDelayMs?: number;
  /** Retries after 429 answers; these wait `Retry-After` and do not use the backoff budget (default 5). */
  rateLimitRetries?: number;
  /** Wait used for a 429 without a usable `Retry-After` (default 1 000). */
  defaultRetryAfterMs?: number;
  /** A 429 asking to wait longer than this is thrown at once instead of waited out (default 60 000). */
  maxRetryAfterMs?: number;
  /** Called before each retry, e.g. for logging. Receives no credentials. */
  onRetry?: (event: RetryEvent) => void;
}

/** One upcoming retry. */
export interface RetryEvent {
  /** What is being retried, e.g. `GET /v1/me/tracks`. */
  operation: string;
  /** The attempt that failed (1 = first try). */
  attempt: number;
  /** Why it failed. */
  error: SpotifyError;
  /** The wait before the next attempt when it is known up front (the `Retry-After` of a 429). */
  waitMs?: number;
}

/** Waits `ms`, or rejects with `signal.reason` as soon as `signal` aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- rejects with the signal's own reason, as timers/promises does
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- as above
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `attempt` with p-retry: capped exponential backoff with jitter for 5xx and network errors,
 * `Retry-After` waits for 429 (outside the backoff budget, bounded by `rateLimitRetries`), no retry
 * for anything else. Aborts become {@link SpotifyAbortError}.
 */
export async function withRetry<T>(
  operation: string,
  attempt: () => Promise<T>,
  options: RetryOptions = {},
  signal?: AbortSignal,
): Promise<T> {
  const retries = options.retries ?? 4;
  const rateLimitRetries = options.rateLimitRetries ?? 5;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  let rateLimited = 0;
  let transientFailures = 0;
  try {
    // Both budgets are counted here; p-retry's own count would also stop 429 retries once 5xx spent it.
    return await pRetry(attempt, {
      retries: Number.POSITIVE_INFINITY,
      minTimeout: options.minDelayMs ?? 500,
      maxTimeout: options.maxDelayMs ?? 20_000,
      factor: 2,
      randomize: true,
      signal,
      onFailedAttempt: async ({ error, attemptNumber }) => {
        if (error instanceof SpotifyRateLimitError) {
          const waitMs = error.retryAfterMs ?? options.defaultRetryAfterMs ?? 1_000;
          rateLimited += 1;
          if (rateLimited > rateLimitRetries || waitMs > maxRetryAfterMs) throw error;
          options.onRetry?.({ operation, attempt: attemptNumber, error, waitMs });
          await sleep(waitMs, signal);
          return;
        }
        const transient = error instanceof SpotifyServerError || error instanceof SpotifyNetworkError;
        transientFailures += 1;
        if (!transient || transientFailures > retries) throw error;
        options.onRetry?.({ operation, attempt: attemptNumber, error });
      },
      shouldConsumeRetry: ({ error }) => !(error instanceof SpotifyRateLimitError),
    });
  } catch (error) {
    if (error instanceof SpotifyError) throw error;
    if (signal?.aborted) throw new SpotifyAbortError(`${operation} was aborted`, { operation, cause: signal.reason });
    throw error;
  }
}
