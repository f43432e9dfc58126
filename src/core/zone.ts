// TZDateMini, not tz() (which makes a TZDate): the full TZDate only adds string formatting (toString & co.), which
// nothing here uses, and costs every element about 0.5 kB gzipped. The subpaths keep the full class out of bundles.
import { TZDateMini } from '@date-fns/tz/date/mini';
import { tzOffset } from '@date-fns/tz/tzOffset';
import { set } from 'date-fns';
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

/** A date-fns context function: dates in `timeZone` (what `tz()` of @date-fns/tz does, with the lighter class). */
const tz =
  (timeZone: string) =>
  (value: Date | number | string): Date =>
    TZDateMini.tz(timeZone, +new Date(value));

/** The date-fns context for computing in `timeZone`. */
export const inZone = (timeZone: string) => ({ in: tz(timeZone) });

/** A plain `Date` for the same instant (date-fns returns `TZDate`s inside a zone context). */
export const instant = (date: Date): Date => new Date(date.getTime());

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** The calendar day of `at` in `timeZone`. */
export function isoDayIn(at: Date, timeZone: string): IsoDay {
  // Read from a TZDate, not with date-fns' `format`: that would bring its whole token formatter and the en-US locale
  // (about 10 kB gzipped) into every element. The same goes for `parse` in isIsoDay below.
  const day = tz(timeZone)(at);
  const year = day.getFullYear();
  // Like date-fns' `yyyy`: the year of the era, so year 0 is 1 BC.
  return `${pad(year > 0 ? year : 1 - year, 4)}-${pad(day.getMonth() + 1, 2)}-${pad(day.getDate(), 2)}`;
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

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * The first of the two instants that share `at`'s wall time in `timeZone` when that wall time occurs twice (the
 * repeated hour after a fall-back switch: 02:30 on 2026-10-25 in Berlin is 00:30Z and 01:30Z); otherwise `at` itself.
 *
 * date-fns resolves such a wall time through the runtime's own zone, so without this the same rule would give a
 * viewer in Berlin one instant and a viewer in New York or UTC another. Picking the earlier one matches `Temporal`'s
 * default (`disambiguation: 'compatible'`).
 */
export function firstOccurrence(at: Date, timeZone: string): Date {
  const time = at.getTime();
  const offset = tzOffset(timeZone, at);
  const before = tzOffset(timeZone, new Date(time - DAY_MS));
  // The same wall time read with the offset in force before a switch; it is a real, earlier instant only after a
  // fall-back switch, and only when that instant still had the earlier offset.
  const other = time + (offset - before) * MINUTE_MS;
  return other < time && tzOffset(timeZone, new Date(other)) === before ? new Date(other) : instant(at);
}

/**
 * The instant at wall time `time` on the calendar day of `day` in `timeZone`. On the spring-forward day a
 * wall time inside the gap resolves forward (02:30 → 03:30 in Berlin), as date-fns does; on the fall-back day a
 * wall time that occurs twice resolves to the first occurrence (02:30 CEST, not 02:30 CET), whatever the runtime's zone.
 */
export function atWallTime(day: Date, time: WallTime, timeZone: string): Date {
  const { hours, minutes } = parseWallTime(time);
  return firstOccurrence(set(day, { hours, minutes, seconds: 0, milliseconds: 0 }, inZone(timeZone)), timeZone);
}
