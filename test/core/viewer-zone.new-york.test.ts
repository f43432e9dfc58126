import { expect } from '@open-wc/testing';
import {
  DEFAULT_SUPPORT_HOURS,
  atWallTime,
  grantEndsAt,
  isIsoDay,
  retentionStart,
  supportStatus,
} from '../../src/core/index.js';

// This file runs in a Chromium whose own zone is America/New_York (EST/EDT, switching on Sun 8 Mar and Sun 1 Nov 2026,
// three weeks and one week before Berlin). The tenant's rules must still follow the tenant's zone, not the browser's.
//
// Besides the checks below, it runs every time-related core table again in this browser: the imported suites register
// their `describe` blocks here, with the same hand-computed expectations as in the default (UTC) browser.
import './zone.test.js';
import './durations.test.js';
import './retention.test.js';
import './support-hours.test.js';
import './callback-windows.test.js';
import './hotline.test.js';

describe('core rules in a browser running in America/New_York', () => {
  it('really runs in New York', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).to.equal('America/New_York');
    // Sun 8 Mar 2026 02:30 does not exist on this browser's own clock.
    expect(new Date(2026, 2, 8, 2, 30).getHours()).to.equal(3);
  });

  const cases: { name: string; actual: () => Date | null; expected: string }[] = [
    {
      name: '"today" ends at midnight Berlin, not New York: Wed 25 Nov 10:00 CET (04:00 EST) → 23:59:59.999 CET',
      actual: () => grantEndsAt('today', new Date('2026-11-25T09:00:00Z')),
      expected: '2026-11-25T22:59:59.999Z',
    },
    {
      name: '"today" at Wed 25 Nov 00:30 CET, still Tue 18:30 in New York → Wed 23:59:59.999 CET',
      actual: () => grantEndsAt('today', new Date('2026-11-24T23:30:00Z')),
      expected: '2026-11-25T22:59:59.999Z',
    },
    {
      name: '1w from Sun 1 Mar 02:30 CET lands on Sun 8 Mar 02:30 CET, inside this browser\'s own DST gap',
      actual: () => grantEndsAt('1w', new Date('2026-03-01T01:30:00Z')),
      expected: '2026-03-08T01:30:00.000Z',
    },
    {
      name: '1w from Sun 25 Oct 01:30 CEST lands on Sun 1 Nov 01:30 CET, inside this browser\'s repeated hour',
      actual: () => grantEndsAt('1w', new Date('2026-10-24T23:30:00Z')),
      expected: '2026-11-01T00:30:00.000Z',
    },
    {
      name: '1w from Sun 18 Oct 02:30 CEST → the first Sun 25 Oct 02:30, CEST, as in a Berlin browser',
      actual: () => grantEndsAt('1w', new Date('2026-10-18T00:30:00Z')),
      expected: '2026-10-25T00:30:00.000Z',
    },
    {
      name: 'Berlin 25 Oct 02:30 (twice) → the first, CEST, as in a Berlin browser',
      actual: () => atWallTime(new Date('2026-10-25T10:00:00Z'), '02:30', 'Europe/Berlin'),
      expected: '2026-10-25T00:30:00.000Z',
    },
    {
      name: 'Berlin Sun 8 Mar 02:30 CET exists, though this browser skips 02:30 that day',
      actual: () => atWallTime(new Date('2026-03-08T10:00:00Z'), '02:30', 'Europe/Berlin'),
      expected: '2026-03-08T01:30:00.000Z',
    },
    {
      name: 'chat retention from Sun 29 Mar 00:30 CET (still 28 Mar in New York) → Sun 8 Mar 00:30 CET',
      actual: () => retentionStart('chat', new Date('2026-03-28T23:30:00Z')),
      expected: '2026-03-07T23:30:00.000Z',
    },
    {
      name: 'grant retention from Tue 8 Sep 02:30 CEST → Sun 8 Mar 02:30 CET, inside this browser\'s own DST gap',
      actual: () => retentionStart('grants', new Date('2026-09-08T00:30:00Z')),
      expected: '2026-03-08T01:30:00.000Z',
    },
  ];
  for (const c of cases) {
    it(c.name, () => expect(c.actual()?.toISOString()).to.equal(c.expected));
  }

  it('support opens at 09:00 Berlin = 03:00 New York', () => {
    const status = supportStatus(DEFAULT_SUPPORT_HOURS, new Date('2026-11-25T07:00:00Z'));
    expect(status).to.deep.equal({ open: false, opensAt: new Date('2026-11-25T08:00:00Z') });
  });

  it('isIsoDay does not depend on the browser zone on the US switch days', () => {
    expect([isIsoDay('2026-03-08'), isIsoDay('2026-11-01'), isIsoDay('2026-02-29')]).to.deep.equal([true, true, false]);
  });
});
