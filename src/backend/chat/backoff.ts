import type { SupportErrorKind } from '../errors.js';

/** How the outbox retries a message that could not be sent. */
export interface RetryPolicy {
  /** Wait after the first failed attempt, ms. */
  readonly baseMs: number;
  /** Upper bound of any wait, ms. */
  readonly maxMs: number;
  /** Growth per further attempt. */
  readonly factor: number;
  /** Share of each wait that is randomised (0 = exact waits, 0.5 = between 50 % and 100 %), so tabs and clients do not retry in step. */
  readonly jitter: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 1000, maxMs: 30_000, factor: 2, jitter: 0.5 };

/**
 * How long to wait before the next attempt after `attempts` failed ones: `baseMs · factor^(attempts − 1)`, capped at
 * `maxMs`, minus up to `jitter` of it. `0` before any attempt.
 */
export function retryDelay(attempts: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY, random: () => number = Math.random): number {
  if (attempts <= 0) return 0;
  const exact = Math.min(policy.maxMs, policy.baseMs * policy.factor ** (attempts - 1));
  return Math.round(exact * (1 - policy.jitter * random()));
}

/**
 * Failures a later attempt may cure, so the outbox retries them by itself: no connection, a timeout, an unavailable
 * server. Anything else (the server refused the message, the session ended, an unreadable answer) waits for the user
 * to retry or delete it.
 */
export const isRetryable = (kind: SupportErrorKind | string | null): boolean =>
  kind === 'network' || kind === 'timeout' || kind === 'unavailable';
