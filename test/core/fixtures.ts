import { DEFAULT_SUPPORT_HOURS, type SupportHours } from '../../src/core/index.js';

/** Mon–Fri 09:00–18:00 Europe/Berlin with Christmas and New Year closed (Thu 24, Fri 25, Sat 26, Thu 31 Dec 2026, Fri 1 Jan 2027). */
export const BERLIN_HOURS: SupportHours = {
  ...DEFAULT_SUPPORT_HOURS,
  holidays: ['2026-12-24', '2026-12-25', '2026-12-26', '2026-12-31', '2027-01-01'],
};

/** Mon–Fri 08:00–17:00 America/New_York with Thanksgiving (Thu 26 Nov 2026) closed. */
export const NEW_YORK_HOURS: SupportHours = {
  timeZone: 'America/New_York',
  weekdays: [1, 2, 3, 4, 5],
  opens: '08:00',
  closes: '17:00',
  holidays: ['2026-11-26'],
};

/** Hours without a single open weekday. */
export const NEVER_OPEN: SupportHours = { ...DEFAULT_SUPPORT_HOURS, weekdays: [] };

/** The calendar day of `at` in `timeZone`, computed with Intl only (independent of the code under test). */
export function dayIn(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
