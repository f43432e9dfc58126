import { addMinutes, startOfDay } from 'date-fns';
import type { SupportHours, TimeWindow } from './types.js';
import { instant, isoDayIn } from './zone.js';
import { inZone } from './zoned.js';
import { openingPeriods } from './support-hours.js';

export interface CallbackWindowRules {
  /** Length of one window. */
  readonly windowMinutes: number;
  /** How long before its start a window can still be booked. */
  readonly minNoticeMinutes: number;
  /** How many working days (today included when it is one) the picker offers. */
  readonly horizonWorkingDays: number;
}

export const DEFAULT_CALLBACK_RULES: CallbackWindowRules = {
  windowMinutes: 30,
  minNoticeMinutes: 60,
  horizonWorkingDays: 10,
};

function assertRules(rules: CallbackWindowRules): void {
  const { windowMinutes, minNoticeMinutes, horizonWorkingDays } = rules;
  if (!Number.isInteger(windowMinutes) || windowMinutes <= 0) throw new RangeError('windowMinutes must be a positive integer');
  if (!Number.isFinite(minNoticeMinutes) || minNoticeMinutes < 0) throw new RangeError('minNoticeMinutes must be ≥ 0');
  if (!Number.isInteger(horizonWorkingDays) || horizonWorkingDays < 1) throw new RangeError('horizonWorkingDays must be ≥ 1');
}

/**
 * The callback windows that can be offered at `now`: back-to-back windows of `windowMinutes` inside the support hours
 * of the next `horizonWorkingDays` working days (holidays skipped, DST handled by the hours' zone), none starting
 * before `now + minNoticeMinutes`, none running past closing time. Today counts towards the horizon when it is a
 * working day, even if no window is left in it.
 */
export function callbackWindows(hours: SupportHours, rules: CallbackWindowRules, now: Date): TimeWindow[] {
  assertRules(rules);
  const earliest = addMinutes(now, rules.minNoticeMinutes).getTime();
  const windows: TimeWindow[] = [];
  // Periods from the start of today, so that a working "today" counts even after closing time.
  const todayStart = startOfDay(now, inZone(hours.timeZone));
  for (const period of openingPeriods(hours, todayStart, rules.horizonWorkingDays)) {
    for (let start = period.start; ; ) {
      const end = addMinutes(start, rules.windowMinutes);
      if (end.getTime() > period.end.getTime()) break;
      if (start.getTime() >= earliest) windows.push({ start: instant(start), end: instant(end) });
      start = end;
    }
  }
  return windows;
}

/**
 * Groups windows by their calendar day in `timeZone` (the viewer's zone: a viewer in Tokyo sees a Berlin afternoon on
 * the next day). Keys are ISO days in ascending order.
 */
export function groupWindowsByDay<W extends TimeWindow>(windows: readonly W[], timeZone: string): Map<string, W[]> {
  const days = new Map<string, W[]>();
  for (const window of [...windows].sort((a, b) => a.start.getTime() - b.start.getTime())) {
    const key = isoDayIn(window.start, timeZone);
    const list = days.get(key);
    if (list) list.push(window);
    else days.set(key, [window]);
  }
  return days;
}
