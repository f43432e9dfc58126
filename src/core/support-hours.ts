import { addDays, getISODay, startOfDay } from 'date-fns';
import type { SupportHours } from './types.js';
import { DEFAULT_TIME_ZONE, instant, isoDayIn } from './zone.js';
import { atWallTime, inZone } from './zoned.js';

/** The seed page's hours: Monday–Friday 09:00–18:00, Europe/Berlin. Holidays come from the backend. */
export const DEFAULT_SUPPORT_HOURS: SupportHours = {
  timeZone: DEFAULT_TIME_ZONE,
  weekdays: [1, 2, 3, 4, 5],
  opens: '09:00',
  closes: '18:00',
  holidays: [],
};

/** How far ahead the search for the next opening looks before giving up (a year of holidays is absurd already). */
const SEARCH_DAYS = 400;

export interface OpeningPeriod {
  readonly start: Date;
  readonly end: Date;
}

/** `true` when `day` (any instant of it) is a working day: an open weekday that is not a holiday. */
export function isWorkingDay(hours: SupportHours, day: Date): boolean {
  const zone = inZone(hours.timeZone);
  return hours.weekdays.includes(getISODay(day, zone)) && !hours.holidays.includes(isoDayIn(day, hours.timeZone));
}

/** The opening period of the calendar day of `day`, or `null` when support is closed all that day. */
export function openingOn(hours: SupportHours, day: Date): OpeningPeriod | null {
  if (!isWorkingDay(hours, day)) return null;
  return { start: atWallTime(day, hours.opens, hours.timeZone), end: atWallTime(day, hours.closes, hours.timeZone) };
}

/**
 * Opening periods that end after `from`, in order, starting with the one in force or next. Stops after `limit`
 * periods or after searching SEARCH_DAYS days.
 */
export function* openingPeriods(hours: SupportHours, from: Date, limit = Infinity): Generator<OpeningPeriod> {
  const zone = inZone(hours.timeZone);
  let day = startOfDay(from, zone);
  let yielded = 0;
  for (let i = 0; i < SEARCH_DAYS && yielded < limit; i += 1, day = addDays(day, 1, zone)) {
    const period = openingOn(hours, day);
    if (period && period.end.getTime() > from.getTime()) {
      yielded += 1;
      yield period;
    }
  }
}

export type SupportStatus =
  | { readonly open: true; readonly closesAt: Date }
  | { readonly open: false; /** `null` if no opening within a year */ readonly opensAt: Date | null };

/** Whether support is open at `at` and until when, or when it opens next. Opening is inclusive, closing exclusive. */
export function supportStatus(hours: SupportHours, at: Date): SupportStatus {
  const next = openingPeriods(hours, at, 1).next();
  if (next.done) return { open: false, opensAt: null };
  const period = next.value;
  if (period.start.getTime() <= at.getTime()) return { open: true, closesAt: instant(period.end) };
  return { open: false, opensAt: instant(period.start) };
}

export const isSupportOpen = (hours: SupportHours, at: Date): boolean => supportStatus(hours, at).open;
