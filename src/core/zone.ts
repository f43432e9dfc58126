// Zone facts that need no zone arithmetic. What computes in a zone (date-fns with a TZDate context) is in zoned.ts:
// @date-fns/tz patches Date's methods onto its class when loaded, so a bundler keeps it wherever its module is
// imported; apart, elements that only read a calendar day (the closed unlock dialog, the access indicator) go without.
import type { IsoDay, WallTime } from './types.js';

/** The zone support-widgets assumes for a tenant unless the backend says otherwise. */
export const DEFAULT_TIME_ZONE = 'Europe/Berlin';

/** `true` for a time zone the runtime knows (`Europe/Berlin`, `UTC`, `America/New_York` …). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** A plain `Date` for the same instant (date-fns returns `TZDate`s inside a zone context). */
export const instant = (date: Date): Date => new Date(date.getTime());

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of `at` in `timeZone`. */
export function isoDayIn(at: Date, timeZone: string): IsoDay {
  // Read with Intl, not from a TZDate, nor with date-fns' `format`: `format` would bring its whole token formatter and
  // the en-US locale (about 10 kB gzipped) into every element, and a TZDate the zone class (about 1.4 kB) into elements
  // that need nothing else of it (the unlock dialog's closed shell, the access indicator). `parse` is avoided in
  // isIsoDay below for the same reason.
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const { type, value } of format.formatToParts(at)) part[type] = value;
  // Like date-fns' `yyyy`: the year of the era (en-US names the era of a year before 1, and gives its year of the era).
  return `${part.year!.padStart(4, '0')}-${part.month}-${part.day}`;
}

const WALL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Parses `HH:mm` into hours and minutes; throws a RangeError on anything else. */
export function parseWallTime(value: WallTime): { hours: number; minutes: number } {
  const match = WALL_TIME.exec(value);
  if (!match) throw new RangeError(`Not a wall time (HH:mm): ${JSON.stringify(value)}`);
  return { hours: Number(match[1]), minutes: Number(match[2]) };
}

/** `true` for `HH:mm`. */
export const isWallTime = (value: unknown): value is WallTime => typeof value === 'string' && WALL_TIME.test(value);

const isLeapYear = (year: number): boolean => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

/** `true` for a real calendar day `yyyy-MM-dd` (year 0001 or later, proleptic Gregorian calendar). */
export function isIsoDay(value: unknown): value is IsoDay {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const daysInMonth = month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth;
}
