import { addHours, addMonths, addWeeks, endOfDay } from 'date-fns';
import type { Grant, GrantDuration, GrantStatus } from './types.js';
import { DEFAULT_TIME_ZONE, instant } from './zone.js';
import { firstOccurrence, inZone } from './zoned.js';

// The list of durations lives apart from the arithmetic, which needs the zone library: the response validator checks
// durations without carrying it.
export * from './grant-durations.js';

/**
 * When a grant of `duration` made at `grantedAt` ends; `null` for permanent. The time counts from the grant, not
 * from the support login.
 *
 * - `1h`, `2h`, `4h`: elapsed time (a 1-hour grant lasts 60 real minutes, also across a DST switch).
 * - `today`: the last millisecond of the grant's calendar day in the tenant's zone.
 * - `1w`, `2w`, `1m`: calendar arithmetic in the tenant's zone: same wall time 7/14 days or one calendar month later
 *   (31 Jan + 1 month = 28/29 Feb). A wall time that falls into a spring-forward gap moves forward (02:30 → 03:30);
 *   one that occurs twice on a fall-back day resolves to its first occurrence.
 */
export function grantEndsAt(duration: GrantDuration, grantedAt: Date, timeZone: string = DEFAULT_TIME_ZONE): Date | null {
  const zone = inZone(timeZone);
  switch (duration) {
    case '1h':
      return instant(addHours(grantedAt, 1));
    case '2h':
      return instant(addHours(grantedAt, 2));
    case '4h':
      return instant(addHours(grantedAt, 4));
    case 'today':
      return instant(endOfDay(grantedAt, zone));
    case '1w':
      return firstOccurrence(addWeeks(grantedAt, 1, zone), timeZone);
    case '2w':
      return firstOccurrence(addWeeks(grantedAt, 2, zone), timeZone);
    case '1m':
      return firstOccurrence(addMonths(grantedAt, 1, zone), timeZone);
    case 'permanent':
      return null;
  }
}

/**
 * A grant's status at instant `now`. The end is exclusive (at `endsAt` the grant has expired). A revocation counts from
 * `revokedAt` on, and only if it came before the grant ended by itself: revoking an already expired grant leaves it
 * expired (otherwise its status would flip from expired to revoked).
 */
export function grantStatus(grant: Pick<Grant, 'endsAt' | 'revokedAt' | 'revokedBy'>, now: Date): GrantStatus {
  const { revokedAt } = grant;
  const revokedBeforeEnd = revokedAt !== null && (grant.endsAt === null || revokedAt.getTime() < grant.endsAt.getTime());
  if (revokedBeforeEnd && revokedAt.getTime() <= now.getTime()) {
    return { kind: 'revoked', at: revokedAt, by: grant.revokedBy };
  }
  if (grant.endsAt === null) return { kind: 'active', endsAt: null, remainingMs: null };
  const remainingMs = grant.endsAt.getTime() - now.getTime();
  if (remainingMs <= 0) return { kind: 'expired', endedAt: grant.endsAt };
  return { kind: 'active', endsAt: grant.endsAt, remainingMs };
}

export const isGrantActive = (grant: Pick<Grant, 'endsAt' | 'revokedAt' | 'revokedBy'>, now: Date): boolean =>
  grantStatus(grant, now).kind === 'active';
