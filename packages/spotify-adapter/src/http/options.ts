import { SpotifyOptionError } from '../errors';
import type { RetryOptions } from './retry';

/** Default per-request timeout: generous for a slow mobile link, short enough that a dead server is noticed. */
export const DEFAULT_TIMEOUT_MS = 15_000;

// setTimeout fires at once for delays above 2^31 - 1 ms, so larger timeouts are refused.
const MAX_TIMER_MS = 2_147_483_647;

interface Range {
  /** Only whole numbers. */
  integer?: boolean;
  /** Smallest value allowed. */
  min: number;
  /** `Infinity` is allowed (it switches the limit off). */
  infinite?: boolean;
  /** Largest finite value allowed. */
  max?: number;
}

function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : typeof value === 'number' ? String(value) : typeof value;
}

function check(option: string, value: unknown, range: Range, operation: string): void {
  if (value === undefined) return;
  const ok =
    typeof value === 'number' &&
    !Number.isNaN(value) &&
    value >= range.min &&
    (value === Number.POSITIVE_INFINITY
      ? range.infinite === true
      : (range.max === undefined || value <= range.max) && (!range.integer || Number.isInteger(value)));
  if (ok) return;
  const kind = range.integer ? 'a whole number' : 'a number';
  const upper = range.max === undefined ? '' : ` and ≤ ${range.max}`;
  const infinity = range.infinite ? ' (or Infinity for no limit)' : '';
  throw new SpotifyOptionError(`${option} must be ${kind} ≥ ${range.min}${upper}${infinity}, got ${shown(value)}`, {
    operation,
    option,
  });
}

/** Checks every retry option; throws {@link SpotifyOptionError} naming the first bad one. */
function checkRetry(retry: RetryOptions | undefined, operation: string): void {
  if (retry === undefined) return;
  if (typeof retry !== 'object' || retry === null) {
    throw new SpotifyOptionError(`retry must be an object, got ${shown(retry)}`, { operation, option: 'retry' });
  }
  check('retry.retries', retry.retries, { integer: true, min: 0 }, operation);
  check('retry.rateLimitRetries', retry.rateLimitRetries, { integer: true, min: 0 }, operation);
  check('retry.minDelayMs', retry.minDelayMs, { min: 0, max: MAX_TIMER_MS }, operation);
  check('retry.maxDelayMs', retry.maxDelayMs, { min: 0, max: MAX_TIMER_MS, infinite: true }, operation);
  check('retry.defaultRetryAfterMs', retry.defaultRetryAfterMs, { min: 0, max: MAX_TIMER_MS }, operation);
  check('retry.maxRetryAfterMs', retry.maxRetryAfterMs, { min: 0, infinite: true }, operation);
  if (retry.minDelayMs !== undefined && retry.maxDelayMs !== undefined && retry.maxDelayMs < retry.minDelayMs) {
    throw new SpotifyOptionError(`retry.maxDelayMs (${retry.maxDelayMs}) is below retry.minDelayMs (${retry.minDelayMs})`, {
      operation,
      option: 'retry.maxDelayMs',
    });
  }
  if (retry.onRetry !== undefined && typeof retry.onRetry !== 'function') {
    throw new SpotifyOptionError(`retry.onRetry must be a function, got ${shown(retry.onRetry)}`, { operation, option: 'retry.onRetry' });
  }
}

/**
 * Checks the transport options (`retry`, `timeoutMs`, and `maxPages` where given) before any
 * request, so a typo fails at setup with {@link SpotifyOptionError} instead of deep inside p-retry.
 */
export function validateHttpOptions(options: { retry?: RetryOptions; timeoutMs?: number; maxPages?: number }, operation: string): void {
  checkRetry(options.retry, operation);
  check('timeoutMs', options.timeoutMs, { min: 1, max: MAX_TIMER_MS, infinite: true }, operation);
  check('maxPages', options.maxPages, { integer: true, min: 1 }, operation);
}
