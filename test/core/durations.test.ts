import { expect } from '@open-wc/testing';
import {
  DEFAULT_GRANT_DURATION,
  GRANT_DURATIONS,
  grantEndsAt,
  grantStatus,
  isGrantActive,
  isGrantDuration,
  type GrantDuration,
  type GrantStatus,
  type PersonRef,
} from '../../src/core/index.js';

// Europe/Berlin 2026: CET (UTC+1) until Sun 29 Mar 02:00 → 03:00, CEST (UTC+2) until Sun 25 Oct 03:00 → 02:00, then CET.
// America/New_York 2026: EST (UTC−5) until Sun 8 Mar, EDT (UTC−4) until Sun 1 Nov, then EST. Tokyo: JST (UTC+9), no DST.

const HOUR = 3_600_000;

describe('grant durations', () => {
  it('offers the eight durations in select order, 1 hour by default', () => {
    expect(GRANT_DURATIONS).to.deep.equal(['1h', '2h', '4h', 'today', '1w', '2w', '1m', 'permanent']);
    expect(DEFAULT_GRANT_DURATION).to.equal('1h');
  });

  describe('isGrantDuration', () => {
    const cases: { input: unknown; expected: boolean }[] = [
      ...GRANT_DURATIONS.map((input) => ({ input, expected: true })),
      { input: '3h', expected: false },
      { input: 'Today', expected: false },
      { input: '', expected: false },
      { input: 1, expected: false },
      { input: null, expected: false },
    ];
    for (const c of cases) {
      it(`${JSON.stringify(c.input)} → ${c.expected}`, () => expect(isGrantDuration(c.input)).to.equal(c.expected));
    }
  });

  describe('grantEndsAt', () => {
    /** `hours`: the real time between grant and end, stated where a DST switch makes it differ from the wall clock. */
    const cases: { name: string; duration: GrantDuration; grantedAt: string; timeZone?: string; expected: string | null; hours?: number }[] = [
      // Every duration from Wed 25 Nov 2026 10:00 CET (09:00Z), tenant zone Europe/Berlin by default.
      { name: '1h: Wed 25 Nov 10:00 → 11:00 CET', duration: '1h', grantedAt: '2026-11-25T09:00:00Z', expected: '2026-11-25T10:00:00.000Z' },
      { name: '2h: Wed 25 Nov 10:00 → 12:00 CET', duration: '2h', grantedAt: '2026-11-25T09:00:00Z', expected: '2026-11-25T11:00:00.000Z' },
      { name: '4h: Wed 25 Nov 10:00 → 14:00 CET', duration: '4h', grantedAt: '2026-11-25T09:00:00Z', expected: '2026-11-25T13:00:00.000Z' },
      { name: 'today: Wed 25 Nov 10:00 → 23:59:59.999 CET', duration: 'today', grantedAt: '2026-11-25T09:00:00Z', expected: '2026-11-25T22:59:59.999Z' },
      { name: '1w: Wed 25 Nov 10:00 → Wed 2 Dec 10:00 CET', duration: '1w', grantedAt: '2026-11-25T09:00:00Z', expected: '2026-12-02T09:00:00.000Z' },
      { name: '2w: Wed 25 Nov 10:00 → Wed 9 Dec 10:00 CET', duration: '2w', grantedAt: '2026-11-25T09:00:00Z', expected: '2026-12-09T09:00:00.000Z' },
      { name: '1m: Wed 25 Nov 10:00 → Fri 25 Dec 10:00 CET', duration: '1m', grantedAt: '2026-11-25T09:00:00Z', expected: '2026-12-25T09:00:00.000Z' },
      { name: 'permanent: never ends', duration: 'permanent', grantedAt: '2026-11-25T09:00:00Z', expected: null },
      { name: '4h: Wed 25 Nov 22:00 → Thu 26 Nov 02:00 CET (across midnight)', duration: '4h', grantedAt: '2026-11-25T21:00:00Z', expected: '2026-11-26T01:00:00.000Z' },
      { name: 'today: Wed 25 Nov 00:00 CET (still 24 Nov in UTC) → 25 Nov 23:59:59.999 CET', duration: 'today', grantedAt: '2026-11-24T23:00:00Z', expected: '2026-11-25T22:59:59.999Z' },
      { name: 'today: granted at Wed 25 Nov 23:59:59.999 CET ends at once', duration: 'today', grantedAt: '2026-11-25T22:59:59.999Z', expected: '2026-11-25T22:59:59.999Z' },
      { name: 'today: Wed 1 Jul 10:00 CEST → 23:59:59.999 CEST', duration: 'today', grantedAt: '2026-07-01T08:00:00Z', expected: '2026-07-01T21:59:59.999Z' },

      // Spring forward, Sun 29 Mar 2026 02:00 CET → 03:00 CEST.
      { name: '1h: Sun 29 Mar 01:30 CET → 03:30 CEST (60 real minutes)', duration: '1h', grantedAt: '2026-03-29T00:30:00Z', expected: '2026-03-29T01:30:00.000Z', hours: 1 },
      { name: '2h: Sun 29 Mar 01:30 CET → 04:30 CEST', duration: '2h', grantedAt: '2026-03-29T00:30:00Z', expected: '2026-03-29T02:30:00.000Z', hours: 2 },
      { name: '4h: Sun 29 Mar 00:00 CET → 05:00 CEST', duration: '4h', grantedAt: '2026-03-28T23:00:00Z', expected: '2026-03-29T03:00:00.000Z', hours: 4 },
      { name: 'today: Sun 29 Mar 10:00 CEST → 23:59:59.999 CEST', duration: 'today', grantedAt: '2026-03-29T08:00:00Z', expected: '2026-03-29T21:59:59.999Z' },
      { name: 'today: Sun 29 Mar 00:30 CET → 23:59:59.999 CEST (a 23-hour day)', duration: 'today', grantedAt: '2026-03-28T23:30:00Z', expected: '2026-03-29T21:59:59.999Z' },
      { name: 'today: Sat 28 Mar 13:00 CET → 23:59:59.999 CET', duration: 'today', grantedAt: '2026-03-28T12:00:00Z', expected: '2026-03-28T22:59:59.999Z' },
      { name: '1w: Sun 22 Mar 12:00 CET → Sun 29 Mar 12:00 CEST (167 h)', duration: '1w', grantedAt: '2026-03-22T11:00:00Z', expected: '2026-03-29T10:00:00.000Z', hours: 167 },
      { name: '1w: Wed 25 Mar 10:00 CET → Wed 1 Apr 10:00 CEST (167 h)', duration: '1w', grantedAt: '2026-03-25T09:00:00Z', expected: '2026-04-01T08:00:00.000Z', hours: 167 },
      { name: '2w: Fri 20 Mar 09:00 CET → Fri 3 Apr 09:00 CEST (335 h)', duration: '2w', grantedAt: '2026-03-20T08:00:00Z', expected: '2026-04-03T07:00:00.000Z', hours: 335 },
      { name: '1w: Sun 22 Mar 02:30 CET → Sun 29 Mar 02:30 is in the gap → 03:30 CEST', duration: '1w', grantedAt: '2026-03-22T01:30:00Z', expected: '2026-03-29T01:30:00.000Z', hours: 168 },
      { name: '1m: Sun 15 Mar 10:00 CET → Wed 15 Apr 10:00 CEST', duration: '1m', grantedAt: '2026-03-15T09:00:00Z', expected: '2026-04-15T08:00:00.000Z' },

      // Fall back, Sun 25 Oct 2026 03:00 CEST → 02:00 CET.
      { name: '1h: Sun 25 Oct 02:30 CEST → 02:30 CET (60 real minutes, same wall time)', duration: '1h', grantedAt: '2026-10-25T00:30:00Z', expected: '2026-10-25T01:30:00.000Z', hours: 1 },
      { name: '2h: Sun 25 Oct 01:30 CEST → 02:30 CET', duration: '2h', grantedAt: '2026-10-24T23:30:00Z', expected: '2026-10-25T01:30:00.000Z', hours: 2 },
      { name: '4h: Sun 25 Oct 00:00 CEST → 03:00 CET', duration: '4h', grantedAt: '2026-10-24T22:00:00Z', expected: '2026-10-25T02:00:00.000Z', hours: 4 },
      { name: 'today: Sun 25 Oct 10:00 CET → 23:59:59.999 CET', duration: 'today', grantedAt: '2026-10-25T09:00:00Z', expected: '2026-10-25T22:59:59.999Z' },
      { name: 'today: Sun 25 Oct 00:30 CEST → 23:59:59.999 CET (a 25-hour day)', duration: 'today', grantedAt: '2026-10-24T22:30:00Z', expected: '2026-10-25T22:59:59.999Z' },
      { name: '1w: Sun 18 Oct 12:00 CEST → Sun 25 Oct 12:00 CET (169 h)', duration: '1w', grantedAt: '2026-10-18T10:00:00Z', expected: '2026-10-25T11:00:00.000Z', hours: 169 },
      { name: '2w: Fri 16 Oct 09:00 CEST → Fri 30 Oct 09:00 CET (337 h)', duration: '2w', grantedAt: '2026-10-16T07:00:00Z', expected: '2026-10-30T08:00:00.000Z', hours: 337 },
      { name: '1w: Sun 18 Oct 02:30 CEST → Sun 25 Oct 02:30 (twice) → the first, CEST', duration: '1w', grantedAt: '2026-10-18T00:30:00Z', expected: '2026-10-25T00:30:00.000Z', hours: 168 },
      { name: '1w: Sun 25 Oct 02:30 CET (the second) → Sun 1 Nov 02:30 CET', duration: '1w', grantedAt: '2026-10-25T01:30:00Z', expected: '2026-11-01T01:30:00.000Z', hours: 168 },
      { name: '1m: Fri 25 Sep 10:00 CEST → Sun 25 Oct 10:00 CET', duration: '1m', grantedAt: '2026-09-25T08:00:00Z', expected: '2026-10-25T09:00:00.000Z' },

      // Calendar months.
      { name: '1m: Sat 31 Jan 2026 10:00 CET → Sat 28 Feb 2026 10:00 CET', duration: '1m', grantedAt: '2026-01-31T09:00:00Z', expected: '2026-02-28T09:00:00.000Z' },
      { name: '1m: Sun 31 Jan 2027 10:00 CET → Sun 28 Feb 2027 10:00 CET', duration: '1m', grantedAt: '2027-01-31T09:00:00Z', expected: '2027-02-28T09:00:00.000Z' },
      { name: '1m: Mon 31 Jan 2028 10:00 CET → Tue 29 Feb 2028 10:00 CET (leap year)', duration: '1m', grantedAt: '2028-01-31T09:00:00Z', expected: '2028-02-29T09:00:00.000Z' },
      { name: '1m: Tue 29 Feb 2028 12:00 CET → Wed 29 Mar 2028 12:00 CEST', duration: '1m', grantedAt: '2028-02-29T11:00:00Z', expected: '2028-03-29T10:00:00.000Z' },
      { name: '1m: Tue 31 Mar 2026 10:00 CEST → Thu 30 Apr 10:00 CEST', duration: '1m', grantedAt: '2026-03-31T08:00:00Z', expected: '2026-04-30T08:00:00.000Z' },
      { name: '1m: Thu 31 Dec 2026 23:30 CET → Sun 31 Jan 2027 23:30 CET', duration: '1m', grantedAt: '2026-12-31T22:30:00Z', expected: '2027-01-31T22:30:00.000Z' },
      { name: '1m: Sat 31 Jan 00:30 CET (30 Jan in UTC) → Sat 28 Feb 00:30 CET', duration: '1m', grantedAt: '2026-01-30T23:30:00Z', expected: '2026-02-27T23:30:00.000Z' },

      // Other tenant zones.
      { name: 'New York today: Sun 8 Mar 12:00 EDT → 23:59:59.999 EDT (US spring forward)', duration: 'today', grantedAt: '2026-03-08T16:00:00Z', timeZone: 'America/New_York', expected: '2026-03-09T03:59:59.999Z' },
      { name: 'New York today: Sun 1 Nov 12:00 EST → 23:59:59.999 EST (US fall back)', duration: 'today', grantedAt: '2026-11-01T17:00:00Z', timeZone: 'America/New_York', expected: '2026-11-02T04:59:59.999Z' },
      { name: 'New York today: Wed 25 Nov 17:30 EST (23:30 Berlin) → 23:59:59.999 EST', duration: 'today', grantedAt: '2026-11-25T22:30:00Z', timeZone: 'America/New_York', expected: '2026-11-26T04:59:59.999Z' },
      { name: 'Tokyo today: Thu 26 Nov 01:00 JST (25 Nov in Berlin) → 26 Nov 23:59:59.999 JST', duration: 'today', grantedAt: '2026-11-25T16:00:00Z', timeZone: 'Asia/Tokyo', expected: '2026-11-26T14:59:59.999Z' },
      { name: 'UTC today: Wed 25 Nov 09:00Z → 23:59:59.999Z', duration: 'today', grantedAt: '2026-11-25T09:00:00Z', timeZone: 'UTC', expected: '2026-11-25T23:59:59.999Z' },
      { name: 'New York 1h: Sun 8 Mar 01:30 EST → 03:30 EDT', duration: '1h', grantedAt: '2026-03-08T06:30:00Z', timeZone: 'America/New_York', expected: '2026-03-08T07:30:00.000Z', hours: 1 },
      { name: 'New York 1w: Thu 5 Mar 10:00 EST → Thu 12 Mar 10:00 EDT (167 h)', duration: '1w', grantedAt: '2026-03-05T15:00:00Z', timeZone: 'America/New_York', expected: '2026-03-12T14:00:00.000Z', hours: 167 },
      { name: 'New York 1w: Thu 29 Oct 10:00 EDT → Thu 5 Nov 10:00 EST (169 h)', duration: '1w', grantedAt: '2026-10-29T14:00:00Z', timeZone: 'America/New_York', expected: '2026-11-05T15:00:00.000Z', hours: 169 },
      { name: 'New York 1w: Sun 1 Mar 02:30 EST → Sun 8 Mar 02:30 is in the gap → 03:30 EDT', duration: '1w', grantedAt: '2026-03-01T07:30:00Z', timeZone: 'America/New_York', expected: '2026-03-08T07:30:00.000Z', hours: 168 },
      { name: 'New York 1w: Sun 25 Oct 01:30 EDT → Sun 1 Nov 01:30 (twice) → the first, EDT', duration: '1w', grantedAt: '2026-10-25T05:30:00Z', timeZone: 'America/New_York', expected: '2026-11-01T05:30:00.000Z', hours: 168 },
      { name: 'Tokyo 1w: Wed 25 Mar 09:00 JST → Wed 1 Apr 09:00 JST (Berlin switch irrelevant)', duration: '1w', grantedAt: '2026-03-25T00:00:00Z', timeZone: 'Asia/Tokyo', expected: '2026-04-01T00:00:00.000Z', hours: 168 },
      { name: 'UTC 1w: Wed 25 Mar 09:00Z → Wed 1 Apr 09:00Z', duration: '1w', grantedAt: '2026-03-25T09:00:00Z', timeZone: 'UTC', expected: '2026-04-01T09:00:00.000Z', hours: 168 },
      { name: 'Tokyo 1m: Sat 31 Jan 01:00 JST → Sat 28 Feb 01:00 JST', duration: '1m', grantedAt: '2026-01-30T16:00:00Z', timeZone: 'Asia/Tokyo', expected: '2026-02-27T16:00:00.000Z' },
      { name: 'New York permanent: never ends', duration: 'permanent', grantedAt: '2026-11-25T09:00:00Z', timeZone: 'America/New_York', expected: null },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const grantedAt = new Date(c.grantedAt);
        const endsAt = c.timeZone ? grantEndsAt(c.duration, grantedAt, c.timeZone) : grantEndsAt(c.duration, grantedAt);
        expect(endsAt?.toISOString() ?? null).to.equal(c.expected);
        if (endsAt) expect(endsAt.constructor, 'a plain Date').to.equal(Date);
        if (endsAt && c.hours !== undefined) expect((endsAt.getTime() - grantedAt.getTime()) / HOUR).to.equal(c.hours);
      });
    }
  });

  describe('grantStatus and isGrantActive', () => {
    const admin: PersonRef = { id: 'u1', name: 'Anna Admin' };
    const endsAt = '2026-11-25T10:00:00Z'; // Wed 25 Nov 11:00 CET
    const cases: {
      name: string;
      endsAt: string | null;
      revokedAt?: string;
      revokedBy?: PersonRef | null;
      now: string;
      expected: GrantStatus;
    }[] = [
      { name: 'active an hour before its end (10:00 CET)', endsAt, now: '2026-11-25T09:00:00Z', expected: { kind: 'active', endsAt: new Date(endsAt), remainingMs: 3_600_000 } },
      { name: 'active 1 ms before its end (10:59:59.999 CET)', endsAt, now: '2026-11-25T09:59:59.999Z', expected: { kind: 'active', endsAt: new Date(endsAt), remainingMs: 1 } },
      { name: 'expired exactly at its end (11:00 CET)', endsAt, now: '2026-11-25T10:00:00Z', expected: { kind: 'expired', endedAt: new Date(endsAt) } },
      { name: 'expired a day after its end', endsAt, now: '2026-11-26T10:00:00Z', expected: { kind: 'expired', endedAt: new Date(endsAt) } },
      { name: 'permanent: active without an end', endsAt: null, now: '2036-11-25T10:00:00Z', expected: { kind: 'active', endsAt: null, remainingMs: null } },
      { name: 'revoked at 10:30 CET, judged at 10:45 CET', endsAt, revokedAt: '2026-11-25T09:30:00Z', now: '2026-11-25T09:45:00Z', expected: { kind: 'revoked', at: new Date('2026-11-25T09:30:00Z'), by: admin } },
      { name: 'revoked at 10:30 CET, judged at exactly 10:30 CET', endsAt, revokedAt: '2026-11-25T09:30:00Z', now: '2026-11-25T09:30:00Z', expected: { kind: 'revoked', at: new Date('2026-11-25T09:30:00Z'), by: admin } },
      { name: 'revoked at 10:30 CET, judged after the planned end: still revoked', endsAt, revokedAt: '2026-11-25T09:30:00Z', now: '2026-11-25T12:00:00Z', expected: { kind: 'revoked', at: new Date('2026-11-25T09:30:00Z'), by: admin } },
      { name: 'revocation at 10:30 CET still ahead at 10:15 CET: active', endsAt, revokedAt: '2026-11-25T09:30:00Z', now: '2026-11-25T09:15:00Z', expected: { kind: 'active', endsAt: new Date(endsAt), remainingMs: 2_700_000 } },
      { name: 'revoked by an unknown user', endsAt, revokedAt: '2026-11-25T09:30:00Z', revokedBy: null, now: '2026-11-25T09:45:00Z', expected: { kind: 'revoked', at: new Date('2026-11-25T09:30:00Z'), by: null } },
      { name: 'permanent, revoked', endsAt: null, revokedAt: '2026-11-25T09:30:00Z', now: '2026-11-25T09:45:00Z', expected: { kind: 'revoked', at: new Date('2026-11-25T09:30:00Z'), by: admin } },
      { name: 'permanent, revocation ahead: active', endsAt: null, revokedAt: '2026-11-25T09:30:00Z', now: '2026-11-25T09:15:00Z', expected: { kind: 'active', endsAt: null, remainingMs: null } },
      { name: '"revoked" at 12:00 CET after it expired at 11:00 CET: stays expired', endsAt, revokedAt: '2026-11-25T11:00:00Z', now: '2026-11-25T12:00:00Z', expected: { kind: 'expired', endedAt: new Date(endsAt) } },
      { name: '"revoked" exactly at its end: expired', endsAt, revokedAt: endsAt, now: '2026-11-25T10:00:00Z', expected: { kind: 'expired', endedAt: new Date(endsAt) } },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const grant = {
          endsAt: c.endsAt === null ? null : new Date(c.endsAt),
          revokedAt: c.revokedAt ? new Date(c.revokedAt) : null,
          revokedBy: c.revokedAt ? (c.revokedBy === undefined ? admin : c.revokedBy) : null,
        };
        const now = new Date(c.now);
        expect(grantStatus(grant, now)).to.deep.equal(c.expected);
        expect(isGrantActive(grant, now)).to.equal(c.expected.kind === 'active');
      });
    }
  });
});
