// TZDateMini, not tz() (which makes a TZDate): the full TZDate only adds string formatting (toString & co.), which
// nothing here uses, and costs every element about 0.5 kB gzipped. The subpaths keep the full class out of bundles.
import { TZDateMini } from '@date-fns/tz/date/mini';
import { tzOffset } from '@date-fns/tz/tzOffset';
import { set } from 'date-fns';
import type { WallTime } from './types.js';
import { instant, parseWallTime } from './zone.js';

// Computing in a time zone: date-fns with a TZDate context, and the two wall-time rules date-fns leaves to the
// runtime's zone. Apart from zone.ts so that code needing only zone facts does not carry @date-fns/tz.

/** A date-fns context function: dates in `timeZone` (what `tz()` of @date-fns/tz does, with the lighter class). */
const tz =
  (timeZone: string) =>
  (value: Date | number | string): Date =>
    TZDateMini.tz(timeZone, +new Date(value));

/** The date-fns context for computing in `timeZone`. */
export const inZone = (timeZone: string) => ({ in: tz(timeZone) });

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
