import { subDays, subMonths } from 'date-fns';
import type { Grant } from './types.js';
import { isGrantActive } from './durations.js';
import { DEFAULT_TIME_ZONE } from './zone.js';
import { firstOccurrence, inZone } from './zoned.js';

/** What support-widgets keeps and shows: chat 21 days; grants and support logins 6 months. */
export const RETENTION = {
  chat: { days: 21 },
  grants: { months: 6 },
  logins: { months: 6 },
} as const;

export type RetentionKind = keyof typeof RETENTION;

/**
 * The oldest instant still inside the retention window of `kind` at `now`: exactly 21 calendar days or 6 calendar
 * months before `now`, counted in `timeZone` (so a DST switch inside the window does not shift the boundary by an
 * hour; a wall time that occurs twice resolves to its first occurrence). Anything at or after it is kept; anything
 * before it is neither shown nor cached.
 */
export function retentionStart(kind: RetentionKind, now: Date, timeZone: string = DEFAULT_TIME_ZONE): Date {
  const zone = inZone(timeZone);
  const rule = RETENTION[kind];
  return firstOccurrence('days' in rule ? subDays(now, rule.days, zone) : subMonths(now, rule.months, zone), timeZone);
}

/** `true` when `at` lies inside the retention window of `kind` at `now` (the boundary itself is inside). */
export const isRetained = (kind: RetentionKind, at: Date, now: Date, timeZone: string = DEFAULT_TIME_ZONE): boolean =>
  at.getTime() >= retentionStart(kind, now, timeZone).getTime();

/**
 * Whether the grants overview lists `grant` at `now`: granted within 6 months, or still active (a permanent grant
 * from a year ago must stay visible, or nobody could revoke it).
 */
export const isGrantListed = (grant: Grant, now: Date, timeZone: string = DEFAULT_TIME_ZONE): boolean =>
  isRetained('grants', grant.grantedAt, now, timeZone) || isGrantActive(grant, now);
