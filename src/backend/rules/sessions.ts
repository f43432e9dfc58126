/** How long a session (a bearer token) lives. */
export interface SessionPolicy {
  /** Absolute lifetime from sign-in, ms. Default 30 days. */
  readonly maxAgeMs: number;
  /** Longest time without a request, ms. Default 7 days. */
  readonly idleMs: number;
}

const DAY_MS = 24 * 3600_000;

export const DEFAULT_SESSION_POLICY: SessionPolicy = { maxAgeMs: 30 * DAY_MS, idleMs: 7 * DAY_MS };

/**
 * A use is recorded at most this often (or a tenth of the idle timeout, when that is shorter): an idle timeout of days
 * does not need a write per request, and the timeout stays accurate to 10 %.
 */
export const SESSION_TOUCH_INTERVAL_MS = 60_000;

export interface SessionRecord {
  readonly createdAt: number;
  /** The last recorded use (epoch ms). */
  readonly lastUsedAt: number;
  readonly signedOut: boolean;
}

/**
 * Why a session no longer authenticates at `now`, or `null`: signed out, past its absolute lifetime, or unused for
 * longer than the idle timeout. Both bounds are exclusive of the session: at exactly `createdAt + maxAgeMs` it ends.
 */
export function sessionProblem(session: SessionRecord, now: number, policy: SessionPolicy = DEFAULT_SESSION_POLICY): 'signed-out' | 'expired' | null {
  if (session.signedOut) return 'signed-out';
  if (now >= session.createdAt + policy.maxAgeMs) return 'expired';
  if (now >= Math.max(session.lastUsedAt, session.createdAt) + policy.idleMs) return 'expired';
  return null;
}

/** Whether a request at `now` should record the use (throttled, see {@link SESSION_TOUCH_INTERVAL_MS}). */
export const sessionNeedsTouch = (session: SessionRecord, now: number, policy: SessionPolicy = DEFAULT_SESSION_POLICY): boolean =>
  now - session.lastUsedAt >= Math.min(SESSION_TOUCH_INTERVAL_MS, policy.idleMs / 10);
