import type { CallbackScheduler } from '../../../src/elements/callback-scheduler/callback-scheduler.js';
import { textOf, until } from '../../helpers/backend.js';
import { dayIn } from '../../core/fixtures.js';

/**
 * The scheduler's shadow root and, once it shows, its internal panel's (form, booking, closed notice): a test
 * looks into both, as a user sees one widget.
 */
const roots = (el: Element): ShadowRoot[] => {
  const panel = el.shadowRoot!.querySelector('callback-scheduler-panel');
  return panel?.shadowRoot ? [el.shadowRoot!, panel.shadowRoot] : [el.shadowRoot!];
};
export const q = <T extends HTMLElement = HTMLElement>(el: Element, selector: string): T | null => {
  for (const root of roots(el)) {
    const found = root.querySelector<T>(selector);
    if (found) return found;
  }
  return null;
};
export const qa = <T extends HTMLElement = HTMLElement>(el: Element, selector: string) =>
  roots(el).flatMap((root) => [...root.querySelectorAll<T>(selector)]);
/** The focused element inside the scheduler (through its panel's shadow root). */
export const active = (el: Element): Element | null => {
  let focused = el.shadowRoot!.activeElement;
  while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
  return focused;
};
export const part = <T extends HTMLElement = HTMLElement>(el: Element, name: string) => q<T>(el, `[part~="${name}"]`);

/** Waits until the element shows its form or booking with a fresh window list. */
export async function ready(el: CallbackScheduler): Promise<void> {
  await el.updateComplete;
  await until(
    () => (el.view === 'form' || el.view === 'booking' || el.view === 'change') && el.windows.state === 'fresh' && !el.windows.refreshing,
    3000,
    'the scheduler to be ready',
  );
  await el.updateComplete;
}

/** The accessible name a window button gets from its content (full date hidden, time, Berlin time, reason). */
export const nameOf = (button: Element | null | undefined) => textOf(button);

export const dayTab = (el: CallbackScheduler, day: string) => q<HTMLButtonElement>(el, `[role="tab"][data-day="${day}"]`);
export const windowButton = (el: CallbackScheduler, start: string) =>
  q<HTMLButtonElement>(el, `button.window[data-start="${start}"]`);
export const tabDays = (el: CallbackScheduler) => qa<HTMLButtonElement>(el, '[role="tab"]').map((t) => t.dataset['day']);

/** Shows the day of `start` (in the element's viewer zone) and clicks its window. */
export async function pick(el: CallbackScheduler, start: string): Promise<HTMLButtonElement> {
  dayTab(el, dayIn(new Date(start), el.viewerZone))!.click();
  await el.updateComplete;
  const button = windowButton(el, start)!;
  button.click();
  await el.updateComplete;
  return button;
}

/** Element tests run axe on big shadow trees; on a loaded 2-core machine that takes seconds. */
export const ELEMENT_TEST_TIMEOUT = 30_000;

/**
 * Windows around the switches to and from daylight saving time. Berlin: CET → CEST on Sun 29 Mar 2026, back on Sun
 * 25 Oct. New York: EST → EDT on Sun 8 Mar, back on Sun 1 Nov. So for three weeks in March and one week in October
 * the two are 5 hours apart instead of 6. Support opens at 09:00 Berlin wall time all year.
 */
export const DST_CASES: {
  name: string;
  now: string;
  /** [first window's start, Berlin viewer's name, New York viewer's name, absent days] */
  windows: [start: string, berlin: string, newYork: string][];
  absentDays: string[];
}[] = [
  {
    name: 'autumn: Thu 22 Oct 2026 12:00 CEST, windows from Thu 22 Oct (CEST) over the switch to CET',
    now: '2026-10-22T10:00:00Z',
    windows: [
      // Today from 13:00 (60 minutes notice).
      ['2026-10-22T11:00:00.000Z', 'Thursday 22 October 2026, 13:00–13:30', 'Thursday 22 October 2026, 07:00–07:30 (Berlin: 13:00–13:30)'],
      ['2026-10-23T07:00:00.000Z', 'Friday 23 October 2026, 09:00–09:30', 'Friday 23 October 2026, 03:00–03:30 (Berlin: 09:00–09:30)'],
      ['2026-10-23T15:30:00.000Z', 'Friday 23 October 2026, 17:30–18:00', 'Friday 23 October 2026, 11:30–12:00 (Berlin: 17:30–18:00)'],
      // Berlin already on CET, New York still on EDT: 5 hours apart.
      ['2026-10-26T08:00:00.000Z', 'Monday 26 October 2026, 09:00–09:30', 'Monday 26 October 2026, 04:00–04:30 (Berlin: 09:00–09:30)'],
      ['2026-10-30T16:30:00.000Z', 'Friday 30 October 2026, 17:30–18:00', 'Friday 30 October 2026, 12:30–13:00 (Berlin: 17:30–18:00)'],
      // Both on standard time again.
      ['2026-11-02T08:00:00.000Z', 'Monday 2 November 2026, 09:00–09:30', 'Monday 2 November 2026, 03:00–03:30 (Berlin: 09:00–09:30)'],
    ],
    absentDays: ['2026-10-24', '2026-10-25', '2026-10-31', '2026-11-01', '2026-11-05'],
  },
  {
    name: 'spring: Thu 26 Mar 2026 09:30 CET, windows over the switch to CEST and Easter',
    now: '2026-03-26T08:30:00Z',
    windows: [
      // Berlin still on CET, New York already on EDT: 5 hours apart. Today from 10:30 (60 minutes notice).
      ['2026-03-26T09:30:00.000Z', 'Thursday 26 March 2026, 10:30–11:00', 'Thursday 26 March 2026, 05:30–06:00 (Berlin: 10:30–11:00)'],
      ['2026-03-27T08:00:00.000Z', 'Friday 27 March 2026, 09:00–09:30', 'Friday 27 March 2026, 04:00–04:30 (Berlin: 09:00–09:30)'],
      ['2026-03-27T16:30:00.000Z', 'Friday 27 March 2026, 17:30–18:00', 'Friday 27 March 2026, 12:30–13:00 (Berlin: 17:30–18:00)'],
      // Both on daylight saving time.
      ['2026-03-30T07:00:00.000Z', 'Monday 30 March 2026, 09:00–09:30', 'Monday 30 March 2026, 03:00–03:30 (Berlin: 09:00–09:30)'],
      ['2026-04-07T07:00:00.000Z', 'Tuesday 7 April 2026, 09:00–09:30', 'Tuesday 7 April 2026, 03:00–03:30 (Berlin: 09:00–09:30)'],
    ],
    // Weekend of the switch, Good Friday and Easter Monday.
    absentDays: ['2026-03-28', '2026-03-29', '2026-04-03', '2026-04-06'],
  },
];
