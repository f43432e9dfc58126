import { tz, tzOffset } from '@date-fns/tz';
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

/** The date-fns context for computing in `timeZone`. */
export const inZone = (timeZone: string) => ({ in: tz(timeZone) });

/** A plain `Date` for the same instant (date-fns returns `TZDate`s inside a zone context). */
export const instant = (date: Date): Date => new Date(date.getTime());

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar day of `at` in `timeZone`. Through `Intl` rather than date-fns' `format`, which would pull its
 * formatters and the English locale (~10 KB gzipped) into every element's bundle; throws a RangeError for an invalid
 * date or zone, as `format` did.
 */
export function isoDayIn(at: Date, timeZone: string): IsoDay {
  let dtf = dayFormats.get(timeZone);
  if (!dtf) {
    dtf = new Intl.DateTimeFormat('en-US', { timeZone, calendar: 'gregory', numberingSystem: 'latn', year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, dtf);
  }
  if (Number.isNaN(at.getTime())) throw new RangeError('Invalid time value');
  let year = '';
  let month = '';
  let day = '';
  for (const part of dtf.formatToParts(at)) {
    if (part.type === 'year') year = part.value.padStart(4, '0');
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'day') day = part.value;
  }
  return `${year}-${month}-${day}`;
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

/** `true` for a real calendar day `yyyy-MM-dd` (proleptic Gregorian calendar). */
export function isIsoDay(value: unknown): value is IsoDay {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one (setUTCFullYear keeps years 0–99 as they are).
  const last = new Date(0);
  last.setUTCFullYear(year, month, 0);
  return day <= last.getUTCDate();
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
