import { expect } from '@open-wc/testing';
import {
  DEFAULT_CALLBACK_RULES,
  callbackWindows,
  groupWindowsByDay,
  type CallbackWindow,
  type CallbackWindowRules,
  type SupportHours,
  type TimeWindow,
} from '../../src/core/index.js';
import { BERLIN_HOURS, NEVER_OPEN, NEW_YORK_HOURS, dayIn } from './fixtures.js';

// Europe/Berlin 2026: CET (UTC+1) until Sun 29 Mar, CEST (UTC+2) until Sun 25 Oct, then CET.
// So 09:00–18:00 Berlin is 08:00Z–17:00Z in CET and 07:00Z–16:00Z in CEST.
// Calendar: Mon 23 Nov 2026; Fri 27 Nov; Thu 24 + Fri 25 Dec and Thu 31 Dec + Fri 1 Jan are holidays in BERLIN_HOURS.

/** Per calendar day (in the hours' zone): how many windows, the first start and the last end. */
type DaySummary = [count: number, firstStart: string, lastEnd: string];

/** A full Berlin day of 18 half-hour windows, 09:00–18:00 CET. */
const fullCet = (day: string): [string, DaySummary] => [day, [18, `${day}T08:00:00.000Z`, `${day}T17:00:00.000Z`]];
/** A full Berlin day of 18 half-hour windows, 09:00–18:00 CEST. */
const fullCest = (day: string): [string, DaySummary] => [day, [18, `${day}T07:00:00.000Z`, `${day}T16:00:00.000Z`]];

const rules = (windowMinutes: number, minNoticeMinutes: number, horizonWorkingDays: number): CallbackWindowRules => ({
  windowMinutes,
  minNoticeMinutes,
  horizonWorkingDays,
});

describe('callback windows', () => {
  it('defaults to 30-minute windows, 60 minutes notice, 10 working days', () => {
    expect(DEFAULT_CALLBACK_RULES).to.deep.equal({ windowMinutes: 30, minNoticeMinutes: 60, horizonWorkingDays: 10 });
  });

  describe('callbackWindows', () => {
    const cases: {
      name: string;
      hours: SupportHours;
      rules: CallbackWindowRules;
      now: string;
      /** Calendar days in order, with their summary. */
      expected: [string, DaySummary][];
    }[] = [
      {
        name: 'Mon 23 Nov 08:00 CET: all 18 windows today, 10 working days up to Fri 4 Dec',
        hours: BERLIN_HOURS,
        rules: DEFAULT_CALLBACK_RULES,
        now: '2026-11-23T07:00:00Z',
        expected: ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'].map(fullCet),
      },
      {
        name: 'Mon 23 Nov 11:10 CET: notice until 12:10, so today starts at 12:30 (11 windows)',
        hours: BERLIN_HOURS,
        rules: DEFAULT_CALLBACK_RULES,
        now: '2026-11-23T10:10:00Z',
        expected: [
          ['2026-11-23', [11, '2026-11-23T11:30:00.000Z', '2026-11-23T17:00:00.000Z']],
          ...['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'].map(fullCet),
        ],
      },
      {
        name: 'Mon 23 Nov 11:00 CET: the window at exactly now + 60 min (12:00) is offered',
        hours: BERLIN_HOURS,
        rules: rules(30, 60, 1),
        now: '2026-11-23T10:00:00Z',
        expected: [['2026-11-23', [12, '2026-11-23T11:00:00.000Z', '2026-11-23T17:00:00.000Z']]],
      },
      {
        name: 'Mon 23 Nov 16:30 CET: only the last window, 17:30–18:00, is left today',
        hours: BERLIN_HOURS,
        rules: rules(30, 60, 1),
        now: '2026-11-23T15:30:00Z',
        expected: [['2026-11-23', [1, '2026-11-23T16:30:00.000Z', '2026-11-23T17:00:00.000Z']]],
      },
      {
        name: 'Mon 23 Nov 17:00 CET: nothing left today, but today counts: Tue 24 Nov – Fri 4 Dec',
        hours: BERLIN_HOURS,
        rules: DEFAULT_CALLBACK_RULES,
        now: '2026-11-23T16:00:00Z',
        expected: ['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'].map(fullCet),
      },
      {
        name: 'Fri 27 Nov 19:00 CET: first windows Mon 30 Nov 09:00; Friday counts, so up to Thu 10 Dec',
        hours: BERLIN_HOURS,
        rules: DEFAULT_CALLBACK_RULES,
        now: '2026-11-27T18:00:00Z',
        expected: ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10'].map(fullCet),
      },
      {
        name: 'Sat 28 Nov 12:00 CET: Saturday does not count, Mon 30 Nov – Fri 11 Dec',
        hours: BERLIN_HOURS,
        rules: DEFAULT_CALLBACK_RULES,
        now: '2026-11-28T11:00:00Z',
        expected: ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11'].map(fullCet),
      },
      {
        name: 'Sun 29 Nov 23:30 CET: notice reaches into Monday 00:30, all of Monday is offered',
        hours: BERLIN_HOURS,
        rules: rules(30, 60, 1),
        now: '2026-11-29T22:30:00Z',
        expected: ['2026-11-30'].map(fullCet),
      },
      {
        name: 'Wed 23 Dec 19:00 CET: Christmas and New Year skipped, Wednesday counts, up to Mon 11 Jan',
        hours: BERLIN_HOURS,
        rules: DEFAULT_CALLBACK_RULES,
        now: '2026-12-23T18:00:00Z',
        expected: ['2026-12-28', '2026-12-29', '2026-12-30', '2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08', '2027-01-11'].map(fullCet),
      },
      {
        name: 'Thu 24 Dec 10:00 CET (holiday): does not count, Mon 28 Dec – Tue 12 Jan',
        hours: BERLIN_HOURS,
        rules: DEFAULT_CALLBACK_RULES,
        now: '2026-12-24T09:00:00Z',
        expected: ['2026-12-28', '2026-12-29', '2026-12-30', '2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08', '2027-01-11', '2027-01-12'].map(fullCet),
      },
      {
        name: 'spring forward: Thu 26 Mar 20:00 CET, 3 days → Fri 27 Mar 09:00–18:00 CET, Mon 30 Mar 09:00–18:00 CEST',
        hours: BERLIN_HOURS,
        rules: rules(30, 60, 3),
        now: '2026-03-26T19:00:00Z',
        expected: [fullCet('2026-03-27'), fullCest('2026-03-30')],
      },
      {
        name: 'fall back: Fri 23 Oct 08:00 CEST, 2 days → Fri 23 Oct 09:00–18:00 CEST, Mon 26 Oct 09:00–18:00 CET',
        hours: BERLIN_HOURS,
        rules: rules(30, 60, 2),
        now: '2026-10-23T06:00:00Z',
        expected: [fullCest('2026-10-23'), fullCet('2026-10-26')],
      },
      {
        name: '45-minute windows divide 9 hours: 12 windows, the last 17:15–18:00 CET',
        hours: BERLIN_HOURS,
        rules: rules(45, 0, 1),
        now: '2026-11-22T23:00:00Z',
        expected: [['2026-11-23', [12, '2026-11-23T08:00:00.000Z', '2026-11-23T17:00:00.000Z']]],
      },
      {
        name: '40-minute windows do not: 13 windows, the last 17:00–17:40 CET',
        hours: BERLIN_HOURS,
        rules: rules(40, 0, 1),
        now: '2026-11-22T23:00:00Z',
        expected: [['2026-11-23', [13, '2026-11-23T08:00:00.000Z', '2026-11-23T16:40:00.000Z']]],
      },
      {
        name: '120-minute windows: 4 windows, the last 15:00–17:00 CET',
        hours: BERLIN_HOURS,
        rules: rules(120, 0, 1),
        now: '2026-11-22T23:00:00Z',
        expected: [['2026-11-23', [4, '2026-11-23T08:00:00.000Z', '2026-11-23T16:00:00.000Z']]],
      },
      {
        name: 'a 540-minute window fills the day exactly',
        hours: BERLIN_HOURS,
        rules: rules(540, 0, 1),
        now: '2026-11-22T23:00:00Z',
        expected: [['2026-11-23', [1, '2026-11-23T08:00:00.000Z', '2026-11-23T17:00:00.000Z']]],
      },
      {
        name: 'a 541-minute window does not fit at all',
        hours: BERLIN_HOURS,
        rules: rules(541, 0, 1),
        now: '2026-11-22T23:00:00Z',
        expected: [],
      },
      {
        name: 'hour windows without notice at Mon 10:30 CET: the grid stays on the hour, 11:00–18:00',
        hours: BERLIN_HOURS,
        rules: rules(60, 0, 1),
        now: '2026-11-23T09:30:00Z',
        expected: [['2026-11-23', [7, '2026-11-23T10:00:00.000Z', '2026-11-23T17:00:00.000Z']]],
      },
      {
        name: 'hour windows without notice at exactly Mon 10:00 CET: 10:00 is still offered',
        hours: BERLIN_HOURS,
        rules: rules(60, 0, 1),
        now: '2026-11-23T09:00:00Z',
        expected: [['2026-11-23', [8, '2026-11-23T09:00:00.000Z', '2026-11-23T17:00:00.000Z']]],
      },
      {
        name: 'a day of notice at Mon 10:00 CET: nothing today, Tuesday from 10:00',
        hours: BERLIN_HOURS,
        rules: rules(30, 1440, 2),
        now: '2026-11-23T09:00:00Z',
        expected: [['2026-11-24', [16, '2026-11-24T09:00:00.000Z', '2026-11-24T17:00:00.000Z']]],
      },
      {
        name: 'New York hours at Tue 24 Nov 23:00 EST (Wednesday in Berlin): Tuesday counts, then Wed 08:00–17:00 EST',
        hours: NEW_YORK_HOURS,
        rules: rules(60, 0, 2),
        now: '2026-11-25T04:00:00Z',
        expected: [['2026-11-25', [9, '2026-11-25T13:00:00.000Z', '2026-11-25T22:00:00.000Z']]],
      },
      {
        name: 'New York hours, 3 days from Tue 24 Nov 23:00 EST: Thanksgiving skipped',
        hours: NEW_YORK_HOURS,
        rules: rules(60, 0, 3),
        now: '2026-11-25T04:00:00Z',
        expected: [
          ['2026-11-25', [9, '2026-11-25T13:00:00.000Z', '2026-11-25T22:00:00.000Z']],
          ['2026-11-27', [9, '2026-11-27T13:00:00.000Z', '2026-11-27T22:00:00.000Z']],
        ],
      },
      { name: 'hours that never open: no windows', hours: NEVER_OPEN, rules: DEFAULT_CALLBACK_RULES, now: '2026-11-23T07:00:00Z', expected: [] },
    ];

    for (const c of cases) {
      it(c.name, () => {
        const now = new Date(c.now);
        const windows = callbackWindows(c.hours, c.rules, now);

        const days = new Map<string, TimeWindow[]>();
        for (const w of windows) {
          const day = dayIn(w.start, c.hours.timeZone);
          days.set(day, [...(days.get(day) ?? []), w]);
        }
        const summary = [...days].map(([day, list]): [string, DaySummary] => [
          day,
          [list.length, list[0]!.start.toISOString(), list[list.length - 1]!.end.toISOString()],
        ]);
        expect(summary).to.deep.equal(c.expected);

        // Back to back within a day, each exactly windowMinutes long, none before the notice ends, plain Dates.
        const earliest = now.getTime() + c.rules.minNoticeMinutes * 60_000;
        for (const list of days.values()) {
          list.forEach((w, i) => {
            expect(w.end.getTime() - w.start.getTime()).to.equal(c.rules.windowMinutes * 60_000);
            expect(w.start.getTime()).to.be.at.least(earliest);
            expect(w.start.constructor).to.equal(Date);
            if (i > 0) expect(w.start.getTime()).to.equal(list[i - 1]!.end.getTime());
          });
        }
      });
    }

    const invalid: { name: string; rules: CallbackWindowRules }[] = [
      { name: 'windowMinutes 0', rules: rules(0, 60, 10) },
      { name: 'negative windowMinutes', rules: rules(-30, 60, 10) },
      { name: 'fractional windowMinutes', rules: rules(1.5, 60, 10) },
      { name: 'NaN windowMinutes', rules: rules(Number.NaN, 60, 10) },
      { name: 'negative minNoticeMinutes', rules: rules(30, -1, 10) },
      { name: 'NaN minNoticeMinutes', rules: rules(30, Number.NaN, 10) },
      { name: 'infinite minNoticeMinutes', rules: rules(30, Number.POSITIVE_INFINITY, 10) },
      { name: 'horizonWorkingDays 0', rules: rules(30, 60, 0) },
      { name: 'fractional horizonWorkingDays', rules: rules(30, 60, 1.5) },
      { name: 'infinite horizonWorkingDays', rules: rules(30, 60, Number.POSITIVE_INFINITY) },
    ];
    for (const c of invalid) {
      it(`throws a RangeError on ${c.name}`, () => {
        expect(() => callbackWindows(BERLIN_HOURS, c.rules, new Date('2026-11-23T07:00:00Z'))).to.throw(RangeError);
      });
    }
  });

  describe('groupWindowsByDay', () => {
    const hour = (start: string): CallbackWindow => ({
      start: new Date(start),
      end: new Date(new Date(start).getTime() + 3_600_000),
      available: true,
    });
    // Mon 23 Nov 13:00, 14:00, 15:00, 16:00, 17:00 CET and Tue 24 Nov 09:00 CET.
    const afternoon = ['2026-11-23T12:00:00Z', '2026-11-23T13:00:00Z', '2026-11-23T14:00:00Z', '2026-11-23T15:00:00Z', '2026-11-23T16:00:00Z', '2026-11-24T08:00:00Z'];
    // Tue 24 Nov 05:30 and 06:00 CET (a tenant opening early): 23:30 Mon and 00:00 Tue in New York.
    const early = ['2026-11-24T04:30:00Z', '2026-11-24T05:00:00Z'];

    const cases: { name: string; starts: string[]; timeZone: string; expected: [string, string[]][] }[] = [
      {
        name: 'Berlin viewer: Monday afternoon and Tuesday morning',
        starts: afternoon,
        timeZone: 'Europe/Berlin',
        expected: [
          ['2026-11-23', afternoon.slice(0, 5)],
          ['2026-11-24', afternoon.slice(5)],
        ],
      },
      {
        name: 'New York viewer: 07:00–11:00 EST Monday, 03:00 EST Tuesday, same days',
        starts: afternoon,
        timeZone: 'America/New_York',
        expected: [
          ['2026-11-23', afternoon.slice(0, 5)],
          ['2026-11-24', afternoon.slice(5)],
        ],
      },
      {
        name: 'Tokyo viewer: Berlin 16:00 CET is 00:00 JST, so the Berlin afternoon splits into Tuesday',
        starts: afternoon,
        timeZone: 'Asia/Tokyo',
        expected: [
          ['2026-11-23', afternoon.slice(0, 3)],
          ['2026-11-24', afternoon.slice(3)],
        ],
      },
      {
        name: 'Berlin viewer: Tue 05:30 and 06:00 CET on one day',
        starts: early,
        timeZone: 'Europe/Berlin',
        expected: [['2026-11-24', early]],
      },
      {
        name: 'New York viewer: Tue 05:30 CET is still Monday 23:30 EST',
        starts: early,
        timeZone: 'America/New_York',
        expected: [
          ['2026-11-23', early.slice(0, 1)],
          ['2026-11-24', early.slice(1)],
        ],
      },
      {
        name: 'unsorted input: days and windows come out in order',
        starts: [...afternoon].reverse(),
        timeZone: 'Europe/Berlin',
        expected: [
          ['2026-11-23', afternoon.slice(0, 5)],
          ['2026-11-24', afternoon.slice(5)],
        ],
      },
      { name: 'no windows: no days', starts: [], timeZone: 'Europe/Berlin', expected: [] },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const grouped = groupWindowsByDay(c.starts.map(hour), c.timeZone);
        const actual = [...grouped].map(([day, list]) => [day, list.map((w) => w.start.toISOString().replace('.000Z', 'Z'))]);
        expect(actual).to.deep.equal(c.expected);
      });
    }

    it('keeps the windows themselves (and their extra fields) and does not reorder the input', () => {
      const windows = [hour('2026-11-23T13:00:00Z'), { ...hour('2026-11-23T12:00:00Z'), available: false }];
      const grouped = groupWindowsByDay(windows, 'Europe/Berlin');
      expect(grouped.get('2026-11-23')).to.deep.equal([windows[1], windows[0]]);
      expect(grouped.get('2026-11-23')![0]).to.equal(windows[1]);
      expect(windows[0]!.start.toISOString()).to.equal('2026-11-23T13:00:00.000Z');
    });
  });
});
