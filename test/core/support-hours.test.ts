import { expect } from '@open-wc/testing';
import {
  DEFAULT_SUPPORT_HOURS,
  isSupportOpen,
  isWorkingDay,
  openingOn,
  openingPeriods,
  supportStatus,
  type SupportHours,
  type SupportStatus,
} from '../../src/core/index.js';
import { BERLIN_HOURS as BERLIN, NEVER_OPEN as NEVER, NEW_YORK_HOURS as NEW_YORK } from './fixtures.js';

// Europe/Berlin 2026: CET (UTC+1) until Sun 29 Mar, CEST (UTC+2) until Sun 25 Oct, then CET.
// America/New_York 2026: EST (UTC−5) until Sun 8 Mar, EDT (UTC−4) until Sun 1 Nov, then EST.
// Calendar: Mon 23 Nov 2026; Thu 24 Dec, Fri 25 Dec, Sat 26 Dec; Mon 4 Jan 2027.

const period = (start: string, end: string) => ({ start, end });
const isoPeriod = (p: { start: Date; end: Date } | null) => p && period(p.start.toISOString(), p.end.toISOString());

describe('support hours', () => {
  it('defaults to Mon–Fri 09:00–18:00 Europe/Berlin without holidays', () => {
    expect(DEFAULT_SUPPORT_HOURS).to.deep.equal({
      timeZone: 'Europe/Berlin',
      weekdays: [1, 2, 3, 4, 5],
      opens: '09:00',
      closes: '18:00',
      holidays: [],
    });
  });

  describe('isWorkingDay', () => {
    const cases: { name: string; hours: SupportHours; day: string; expected: boolean }[] = [
      { name: 'Mon 23 Nov 13:00 CET', hours: BERLIN, day: '2026-11-23T12:00:00Z', expected: true },
      { name: 'Fri 27 Nov 13:00 CET', hours: BERLIN, day: '2026-11-27T12:00:00Z', expected: true },
      { name: 'Sat 28 Nov 13:00 CET', hours: BERLIN, day: '2026-11-28T12:00:00Z', expected: false },
      { name: 'Sun 29 Nov 13:00 CET', hours: BERLIN, day: '2026-11-29T12:00:00Z', expected: false },
      { name: 'Sat 28 Nov 00:30 CET (still Friday in UTC)', hours: BERLIN, day: '2026-11-27T23:30:00Z', expected: false },
      { name: 'Mon 23 Nov 00:30 CET (still Sunday in UTC)', hours: BERLIN, day: '2026-11-22T23:30:00Z', expected: true },
      { name: 'Thu 24 Dec (holiday) 13:00 CET', hours: BERLIN, day: '2026-12-24T12:00:00Z', expected: false },
      { name: 'Thu 24 Dec (holiday) 00:30 CET (23 Dec in UTC)', hours: BERLIN, day: '2026-12-23T23:30:00Z', expected: false },
      { name: 'Fri 25 Dec (holiday)', hours: BERLIN, day: '2026-12-25T12:00:00Z', expected: false },
      { name: 'Mon 28 Dec 00:30 CET (Sunday in UTC)', hours: BERLIN, day: '2026-12-27T23:30:00Z', expected: true },
      { name: 'Thu 24 Dec without holidays configured', hours: DEFAULT_SUPPORT_HOURS, day: '2026-12-24T12:00:00Z', expected: true },
      { name: 'New York: Thanksgiving, Thu 26 Nov', hours: NEW_YORK, day: '2026-11-26T17:00:00Z', expected: false },
      { name: 'New York: Wed 25 Nov 23:00 EST (Thanksgiving in Berlin and UTC)', hours: NEW_YORK, day: '2026-11-26T04:00:00Z', expected: true },
      { name: 'no open weekdays', hours: NEVER, day: '2026-11-23T12:00:00Z', expected: false },
    ];
    for (const c of cases) {
      it(`${c.name} → ${c.expected}`, () => expect(isWorkingDay(c.hours, new Date(c.day))).to.equal(c.expected));
    }
  });

  describe('openingOn', () => {
    const cases: { name: string; hours: SupportHours; day: string; expected: { start: string; end: string } | null }[] = [
      { name: 'Wed 25 Nov: 09:00–18:00 CET', hours: BERLIN, day: '2026-11-25T15:00:00Z', expected: period('2026-11-25T08:00:00.000Z', '2026-11-25T17:00:00.000Z') },
      { name: 'Wed 25 Nov given as 23:59 CET: same day', hours: BERLIN, day: '2026-11-25T22:59:00Z', expected: period('2026-11-25T08:00:00.000Z', '2026-11-25T17:00:00.000Z') },
      { name: 'Mon 23 Nov given as 00:30 CET (Sunday in UTC)', hours: BERLIN, day: '2026-11-22T23:30:00Z', expected: period('2026-11-23T08:00:00.000Z', '2026-11-23T17:00:00.000Z') },
      { name: 'Fri 27 Mar (last CET day before the switch): 09:00–18:00 CET', hours: BERLIN, day: '2026-03-27T12:00:00Z', expected: period('2026-03-27T08:00:00.000Z', '2026-03-27T17:00:00.000Z') },
      { name: 'Sun 29 Mar (spring forward): closed', hours: BERLIN, day: '2026-03-29T12:00:00Z', expected: null },
      { name: 'Mon 30 Mar: 09:00–18:00 CEST', hours: BERLIN, day: '2026-03-30T12:00:00Z', expected: period('2026-03-30T07:00:00.000Z', '2026-03-30T16:00:00.000Z') },
      { name: 'Fri 23 Oct: 09:00–18:00 CEST', hours: BERLIN, day: '2026-10-23T12:00:00Z', expected: period('2026-10-23T07:00:00.000Z', '2026-10-23T16:00:00.000Z') },
      { name: 'Mon 26 Oct: 09:00–18:00 CET', hours: BERLIN, day: '2026-10-26T12:00:00Z', expected: period('2026-10-26T08:00:00.000Z', '2026-10-26T17:00:00.000Z') },
      { name: 'Thu 24 Dec (holiday): closed', hours: BERLIN, day: '2026-12-24T12:00:00Z', expected: null },
      { name: 'Sat 28 Nov: closed', hours: BERLIN, day: '2026-11-28T12:00:00Z', expected: null },
      { name: 'New York: Tue 24 Nov 22:00 EST (Wednesday in UTC): 08:00–17:00 EST', hours: NEW_YORK, day: '2026-11-25T03:00:00Z', expected: period('2026-11-24T13:00:00.000Z', '2026-11-24T22:00:00.000Z') },
      { name: 'New York: Mon 9 Mar: 08:00–17:00 EDT', hours: NEW_YORK, day: '2026-03-09T15:00:00Z', expected: period('2026-03-09T12:00:00.000Z', '2026-03-09T21:00:00.000Z') },
    ];
    for (const c of cases) {
      it(c.name, () => expect(isoPeriod(openingOn(c.hours, new Date(c.day)))).to.deep.equal(c.expected));
    }
  });

  describe('openingPeriods', () => {
    const cases: { name: string; hours: SupportHours; from: string; limit: number; expected: { start: string; end: string }[] }[] = [
      {
        name: 'from Fri 27 Nov 17:30 CET: the running period first, then Mon and Tue',
        hours: BERLIN,
        from: '2026-11-27T16:30:00Z',
        limit: 3,
        expected: [
          period('2026-11-27T08:00:00.000Z', '2026-11-27T17:00:00.000Z'),
          period('2026-11-30T08:00:00.000Z', '2026-11-30T17:00:00.000Z'),
          period('2026-12-01T08:00:00.000Z', '2026-12-01T17:00:00.000Z'),
        ],
      },
      {
        name: 'from Fri 27 Nov 18:00 CET (closing): Mon and Tue',
        hours: BERLIN,
        from: '2026-11-27T17:00:00Z',
        limit: 2,
        expected: [
          period('2026-11-30T08:00:00.000Z', '2026-11-30T17:00:00.000Z'),
          period('2026-12-01T08:00:00.000Z', '2026-12-01T17:00:00.000Z'),
        ],
      },
      {
        name: 'from Wed 23 Dec 18:00 CET: Christmas skipped',
        hours: BERLIN,
        from: '2026-12-23T17:00:00Z',
        limit: 3,
        expected: [
          period('2026-12-28T08:00:00.000Z', '2026-12-28T17:00:00.000Z'),
          period('2026-12-29T08:00:00.000Z', '2026-12-29T17:00:00.000Z'),
          period('2026-12-30T08:00:00.000Z', '2026-12-30T17:00:00.000Z'),
        ],
      },
      {
        name: 'from Tue 29 Dec 20:00 CET: New Year skipped',
        hours: BERLIN,
        from: '2026-12-29T19:00:00Z',
        limit: 3,
        expected: [
          period('2026-12-30T08:00:00.000Z', '2026-12-30T17:00:00.000Z'),
          period('2027-01-04T08:00:00.000Z', '2027-01-04T17:00:00.000Z'),
          period('2027-01-05T08:00:00.000Z', '2027-01-05T17:00:00.000Z'),
        ],
      },
      {
        name: 'from Fri 27 Mar 12:00 CET across spring forward',
        hours: BERLIN,
        from: '2026-03-27T11:00:00Z',
        limit: 2,
        expected: [
          period('2026-03-27T08:00:00.000Z', '2026-03-27T17:00:00.000Z'),
          period('2026-03-30T07:00:00.000Z', '2026-03-30T16:00:00.000Z'),
        ],
      },
      {
        name: 'from Fri 23 Oct 18:00 CEST across fall back',
        hours: BERLIN,
        from: '2026-10-23T16:00:00Z',
        limit: 1,
        expected: [period('2026-10-26T08:00:00.000Z', '2026-10-26T17:00:00.000Z')],
      },
      {
        name: 'New York from Wed 25 Nov 17:00 EST: Thanksgiving skipped',
        hours: NEW_YORK,
        from: '2026-11-25T22:00:00Z',
        limit: 2,
        expected: [
          period('2026-11-27T13:00:00.000Z', '2026-11-27T22:00:00.000Z'),
          period('2026-11-30T13:00:00.000Z', '2026-11-30T22:00:00.000Z'),
        ],
      },
      { name: 'limit 0: nothing', hours: BERLIN, from: '2026-11-27T12:00:00Z', limit: 0, expected: [] },
      { name: 'no open weekdays: nothing (and it terminates)', hours: NEVER, from: '2026-11-27T12:00:00Z', limit: Infinity, expected: [] },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const periods = [...openingPeriods(c.hours, new Date(c.from), c.limit)].map(isoPeriod);
        expect(periods).to.deep.equal(c.expected);
      });
    }

    it('without a limit stops after searching 400 days', () => {
      const everyDay: SupportHours = { ...DEFAULT_SUPPORT_HOURS, weekdays: [1, 2, 3, 4, 5, 6, 7] };
      const periods = [...openingPeriods(everyDay, new Date('2026-11-24T23:00:00Z'))]; // from Wed 25 Nov 00:00 CET
      expect(periods.length).to.equal(400);
      expect(isoPeriod(periods[399]!)).to.deep.equal(period('2027-12-29T08:00:00.000Z', '2027-12-29T17:00:00.000Z'));
    });
  });

  describe('supportStatus and isSupportOpen', () => {
    const open = (closesAt: string): SupportStatus => ({ open: true, closesAt: new Date(closesAt) });
    const closed = (opensAt: string | null): SupportStatus => ({ open: false, opensAt: opensAt === null ? null : new Date(opensAt) });
    const cases: { name: string; hours: SupportHours; at: string; expected: SupportStatus }[] = [
      { name: 'Mon 23 Nov 00:00 CET: closed, opens 09:00', hours: BERLIN, at: '2026-11-22T23:00:00Z', expected: closed('2026-11-23T08:00:00Z') },
      { name: 'Mon 23 Nov 08:59:59 CET: closed, opens 09:00', hours: BERLIN, at: '2026-11-23T07:59:59Z', expected: closed('2026-11-23T08:00:00Z') },
      { name: 'Mon 23 Nov 09:00 CET (opening is inclusive): open until 18:00', hours: BERLIN, at: '2026-11-23T08:00:00Z', expected: open('2026-11-23T17:00:00Z') },
      { name: 'Mon 23 Nov 17:59 CET: open until 18:00', hours: BERLIN, at: '2026-11-23T16:59:00Z', expected: open('2026-11-23T17:00:00Z') },
      { name: 'Mon 23 Nov 17:59:59.999 CET: open until 18:00', hours: BERLIN, at: '2026-11-23T16:59:59.999Z', expected: open('2026-11-23T17:00:00Z') },
      { name: 'Mon 23 Nov 18:00 CET (closing is exclusive): closed, opens Tue 09:00', hours: BERLIN, at: '2026-11-23T17:00:00Z', expected: closed('2026-11-24T08:00:00Z') },
      { name: 'Fri 27 Nov 18:00 CET: closed, opens Mon 30 Nov 09:00', hours: BERLIN, at: '2026-11-27T17:00:00Z', expected: closed('2026-11-30T08:00:00Z') },
      { name: 'Sat 28 Nov 12:00 CET: closed, opens Mon 09:00', hours: BERLIN, at: '2026-11-28T11:00:00Z', expected: closed('2026-11-30T08:00:00Z') },
      { name: 'Sun 29 Nov 23:59 CET: closed, opens Mon 09:00', hours: BERLIN, at: '2026-11-29T22:59:00Z', expected: closed('2026-11-30T08:00:00Z') },
      { name: 'Wed 23 Dec 18:00 CET: closed over Christmas, opens Mon 28 Dec 09:00', hours: BERLIN, at: '2026-12-23T17:00:00Z', expected: closed('2026-12-28T08:00:00Z') },
      { name: 'Thu 24 Dec 10:00 CET (holiday): closed, opens Mon 28 Dec 09:00', hours: BERLIN, at: '2026-12-24T09:00:00Z', expected: closed('2026-12-28T08:00:00Z') },
      { name: 'Fri 25 Dec 10:00 CET (holiday, a Friday): closed, opens Mon 28 Dec 09:00', hours: BERLIN, at: '2026-12-25T09:00:00Z', expected: closed('2026-12-28T08:00:00Z') },
      { name: 'Thu 24 Dec 10:00 CET without holidays: open', hours: DEFAULT_SUPPORT_HOURS, at: '2026-12-24T09:00:00Z', expected: open('2026-12-24T17:00:00Z') },
      { name: 'Fri 27 Mar 17:30 CET: open until 18:00 CET', hours: BERLIN, at: '2026-03-27T16:30:00Z', expected: open('2026-03-27T17:00:00Z') },
      { name: 'Fri 27 Mar 18:00 CET: closed, opens Mon 30 Mar 09:00 CEST', hours: BERLIN, at: '2026-03-27T17:00:00Z', expected: closed('2026-03-30T07:00:00Z') },
      { name: 'Sun 29 Mar 03:30 CEST (just after the switch): closed, opens Mon 09:00 CEST', hours: BERLIN, at: '2026-03-29T01:30:00Z', expected: closed('2026-03-30T07:00:00Z') },
      { name: 'Mon 30 Mar 08:59:59 CEST: closed, opens 09:00 CEST', hours: BERLIN, at: '2026-03-30T06:59:59Z', expected: closed('2026-03-30T07:00:00Z') },
      { name: 'Mon 30 Mar 10:30 CEST: open until 18:00 CEST', hours: BERLIN, at: '2026-03-30T08:30:00Z', expected: open('2026-03-30T16:00:00Z') },
      { name: 'Fri 23 Oct 18:00 CEST: closed, opens Mon 26 Oct 09:00 CET', hours: BERLIN, at: '2026-10-23T16:00:00Z', expected: closed('2026-10-26T08:00:00Z') },
      { name: 'Sun 25 Oct 02:30 CET (repeated hour): closed, opens Mon 09:00 CET', hours: BERLIN, at: '2026-10-25T01:30:00Z', expected: closed('2026-10-26T08:00:00Z') },
      { name: 'New York hours, Wed 25 Nov 09:00 EST: open until 17:00 EST', hours: NEW_YORK, at: '2026-11-25T14:00:00Z', expected: open('2026-11-25T22:00:00Z') },
      { name: 'New York hours, Wed 25 Nov 17:00 EST: closed over Thanksgiving, opens Fri 08:00 EST', hours: NEW_YORK, at: '2026-11-25T22:00:00Z', expected: closed('2026-11-27T13:00:00Z') },
      { name: 'New York hours, Mon 23 Nov 09:00 CET = 03:00 EST: closed, opens 08:00 EST', hours: NEW_YORK, at: '2026-11-23T08:00:00Z', expected: closed('2026-11-23T13:00:00Z') },
      { name: 'New York hours, Fri 6 Mar 17:00 EST: closed, opens Mon 9 Mar 08:00 EDT', hours: NEW_YORK, at: '2026-03-06T22:00:00Z', expected: closed('2026-03-09T12:00:00Z') },
      { name: 'no open weekdays: closed, no opening in sight', hours: NEVER, at: '2026-11-23T08:00:00Z', expected: closed(null) },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const status = supportStatus(c.hours, new Date(c.at));
        expect(status).to.deep.equal(c.expected);
        expect(isSupportOpen(c.hours, new Date(c.at))).to.equal(c.expected.open);
        const instant = status.open ? status.closesAt : status.opensAt;
        if (instant) expect(instant.constructor, 'a plain Date').to.equal(Date);
      });
    }
  });
});
