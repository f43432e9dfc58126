import { expect } from '@open-wc/testing';
import {
  RETENTION,
  isGrantListed,
  isRetained,
  retentionStart,
  type Grant,
  type RetentionKind,
} from '../../src/core/index.js';

// Europe/Berlin 2026: CET (UTC+1) until Sun 29 Mar 02:00 → 03:00, CEST (UTC+2) until Sun 25 Oct 03:00 → 02:00, then CET.

describe('retention', () => {
  it('keeps chat 21 days, grants and logins 6 months', () => {
    expect(RETENTION).to.deep.equal({ chat: { days: 21 }, grants: { months: 6 }, logins: { months: 6 } });
  });

  describe('retentionStart', () => {
    const cases: { name: string; kind: RetentionKind; now: string; timeZone?: string; expected: string }[] = [
      { name: 'chat: Wed 25 Nov 11:00 CET → Wed 4 Nov 11:00 CET', kind: 'chat', now: '2026-11-25T10:00:00Z', expected: '2026-11-04T10:00:00.000Z' },
      { name: 'chat: Wed 25 Nov 00:00 CET → Wed 4 Nov 00:00 CET', kind: 'chat', now: '2026-11-24T23:00:00Z', expected: '2026-11-03T23:00:00.000Z' },
      { name: 'chat across spring forward: Fri 10 Apr 12:00 CEST → Fri 20 Mar 12:00 CET (503 real hours)', kind: 'chat', now: '2026-04-10T10:00:00Z', expected: '2026-03-20T11:00:00.000Z' },
      { name: 'chat across fall back: Thu 5 Nov 12:00 CET → Thu 15 Oct 12:00 CEST (505 real hours)', kind: 'chat', now: '2026-11-05T11:00:00Z', expected: '2026-10-15T10:00:00.000Z' },
      { name: 'chat: Sun 19 Apr 02:30 CEST → Sun 29 Mar 02:30 is in the gap → 03:30 CEST', kind: 'chat', now: '2026-04-19T00:30:00Z', expected: '2026-03-29T01:30:00.000Z' },
      { name: 'chat: Sun 15 Nov 02:30 CET → Sun 25 Oct 02:30 (twice) → the first, CEST', kind: 'chat', now: '2026-11-15T01:30:00Z', expected: '2026-10-25T00:30:00.000Z' },
      { name: 'chat in UTC: Fri 10 Apr 10:00Z → Fri 20 Mar 10:00Z (504 h)', kind: 'chat', now: '2026-04-10T10:00:00Z', timeZone: 'UTC', expected: '2026-03-20T10:00:00.000Z' },
      { name: 'chat in New York: Fri 20 Mar 12:00 EDT → Fri 27 Feb 12:00 EST', kind: 'chat', now: '2026-03-20T16:00:00Z', timeZone: 'America/New_York', expected: '2026-02-27T17:00:00.000Z' },
      { name: 'grants: Wed 25 Nov 11:00 CET → Mon 25 May 11:00 CEST', kind: 'grants', now: '2026-11-25T10:00:00Z', expected: '2026-05-25T09:00:00.000Z' },
      { name: 'grants: Mon 31 Aug 2026 12:00 CEST → Sat 28 Feb 2026 12:00 CET', kind: 'grants', now: '2026-08-31T10:00:00Z', expected: '2026-02-28T11:00:00.000Z' },
      { name: 'grants: Tue 31 Aug 2027 12:00 CEST → Sun 28 Feb 2027 12:00 CET', kind: 'grants', now: '2027-08-31T10:00:00Z', expected: '2027-02-28T11:00:00.000Z' },
      { name: 'grants: Thu 31 Aug 2028 12:00 CEST → Tue 29 Feb 2028 12:00 CET (leap year)', kind: 'grants', now: '2028-08-31T10:00:00Z', expected: '2028-02-29T11:00:00.000Z' },
      { name: 'grants: Tue 1 Sep 00:30 CEST (31 Aug in UTC) → Sun 1 Mar 00:30 CET', kind: 'grants', now: '2026-08-31T22:30:00Z', expected: '2026-02-28T23:30:00.000Z' },
      { name: 'logins: Thu 31 Dec 10:00 CET → Tue 30 Jun 10:00 CEST', kind: 'logins', now: '2026-12-31T09:00:00Z', expected: '2026-06-30T08:00:00.000Z' },
      { name: 'logins: Sat 31 Oct 12:00 CET → Thu 30 Apr 12:00 CEST', kind: 'logins', now: '2026-10-31T11:00:00Z', expected: '2026-04-30T10:00:00.000Z' },
      { name: 'logins: Thu 31 Aug 2028 12:00 CEST → Tue 29 Feb 2028 12:00 CET (leap year)', kind: 'logins', now: '2028-08-31T10:00:00Z', expected: '2028-02-29T11:00:00.000Z' },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const now = new Date(c.now);
        const start = c.timeZone ? retentionStart(c.kind, now, c.timeZone) : retentionStart(c.kind, now);
        expect(start.toISOString()).to.equal(c.expected);
        expect(start.constructor, 'a plain Date').to.equal(Date);
      });
    }
  });

  describe('isRetained', () => {
    const cases: { name: string; kind: RetentionKind; at: string; now: string; timeZone?: string; expected: boolean }[] = [
      { name: 'chat at the boundary, Wed 4 Nov 11:00 CET (now Wed 25 Nov 11:00 CET): kept', kind: 'chat', at: '2026-11-04T10:00:00Z', now: '2026-11-25T10:00:00Z', expected: true },
      { name: 'chat 1 ms before the boundary: dropped', kind: 'chat', at: '2026-11-04T09:59:59.999Z', now: '2026-11-25T10:00:00Z', expected: false },
      { name: 'chat sent just now: kept', kind: 'chat', at: '2026-11-25T10:00:00Z', now: '2026-11-25T10:00:00Z', expected: true },
      { name: 'chat from the future (clock skew): kept', kind: 'chat', at: '2026-11-25T10:05:00Z', now: '2026-11-25T10:00:00Z', expected: true },
      { name: 'chat at Fri 20 Mar 12:00 CET (now Fri 10 Apr 12:00 CEST): kept', kind: 'chat', at: '2026-03-20T11:00:00Z', now: '2026-04-10T10:00:00Z', expected: true },
      { name: 'chat at Fri 20 Mar 11:59:59.999 CET (now Fri 10 Apr 12:00 CEST): dropped', kind: 'chat', at: '2026-03-20T10:59:59.999Z', now: '2026-04-10T10:00:00Z', expected: false },
      { name: 'chat at Fri 20 Mar 11:30 CET, exactly 504 h ago but not 21 calendar days: dropped', kind: 'chat', at: '2026-03-20T10:30:00Z', now: '2026-04-10T10:00:00Z', expected: false },
      { name: 'chat at Fri 20 Mar 10:00Z counted in UTC (now 10 Apr 10:00Z): kept', kind: 'chat', at: '2026-03-20T10:00:00Z', now: '2026-04-10T10:00:00Z', timeZone: 'UTC', expected: true },
      { name: 'grant at Tue 29 Feb 2028 12:00 CET (now Thu 31 Aug 2028 12:00 CEST): kept', kind: 'grants', at: '2028-02-29T11:00:00Z', now: '2028-08-31T10:00:00Z', expected: true },
      { name: 'grant at Tue 29 Feb 2028 11:59:59.999 CET: dropped', kind: 'grants', at: '2028-02-29T10:59:59.999Z', now: '2028-08-31T10:00:00Z', expected: false },
      { name: 'login at Sat 28 Feb 2026 12:00 CET (now Mon 31 Aug 2026 12:00 CEST): kept', kind: 'logins', at: '2026-02-28T11:00:00Z', now: '2026-08-31T10:00:00Z', expected: true },
      { name: 'login at Sat 28 Feb 2026 11:59:59.999 CET: dropped', kind: 'logins', at: '2026-02-28T10:59:59.999Z', now: '2026-08-31T10:00:00Z', expected: false },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const [at, now] = [new Date(c.at), new Date(c.now)];
        expect(c.timeZone ? isRetained(c.kind, at, now, c.timeZone) : isRetained(c.kind, at, now)).to.equal(c.expected);
      });
    }
  });

  describe('isGrantListed', () => {
    const grant = (over: Partial<Grant>): Grant => ({
      id: 'g1',
      grantee: { kind: 'department', id: 'd1', name: 'Second level' },
      dataExport: false,
      duration: '1h',
      grantedAt: new Date('2026-11-01T09:00:00Z'),
      endsAt: new Date('2026-11-01T10:00:00Z'),
      grantedBy: { id: 'u1', name: 'Anna Admin' },
      source: 'dialog',
      revokedAt: null,
      revokedBy: null,
      ...over,
    });
    // Now: Wed 25 Nov 11:00 CET; six months back: Mon 25 May 11:00 CEST = 09:00Z.
    const now = '2026-11-25T10:00:00Z';
    const cases: { name: string; grant: Grant; now: string; expected: boolean }[] = [
      { name: 'an expired grant from Sun 1 Nov: listed', grant: grant({}), now, expected: true },
      {
        name: 'an expired grant from exactly Mon 25 May 11:00 CEST: listed',
        grant: grant({ grantedAt: new Date('2026-05-25T09:00:00Z'), endsAt: new Date('2026-05-25T10:00:00Z') }),
        now,
        expected: true,
      },
      {
        name: 'an expired grant from Mon 25 May 10:59:59.999 CEST: not listed',
        grant: grant({ grantedAt: new Date('2026-05-25T08:59:59.999Z'), endsAt: new Date('2026-05-25T09:59:59.999Z') }),
        now,
        expected: false,
      },
      {
        name: 'a permanent grant from a year ago, still active: listed',
        grant: grant({ duration: 'permanent', grantedAt: new Date('2025-11-25T10:00:00Z'), endsAt: null }),
        now,
        expected: true,
      },
      {
        name: 'a permanent grant from a year ago, revoked in June: not listed',
        grant: grant({
          duration: 'permanent',
          grantedAt: new Date('2025-11-25T10:00:00Z'),
          endsAt: null,
          revokedAt: new Date('2026-06-01T10:00:00Z'),
          revokedBy: { id: 'u1', name: 'Anna Admin' },
        }),
        now,
        expected: false,
      },
      {
        name: 'a permanent grant from a year ago whose revocation is still ahead: listed',
        grant: grant({
          duration: 'permanent',
          grantedAt: new Date('2025-11-25T10:00:00Z'),
          endsAt: null,
          revokedAt: new Date('2026-11-26T10:00:00Z'),
          revokedBy: { id: 'u1', name: 'Anna Admin' },
        }),
        now,
        expected: true,
      },
    ];
    for (const c of cases) {
      it(c.name, () => expect(isGrantListed(c.grant, new Date(c.now))).to.equal(c.expected));
    }

    it('counts the six months in the given zone', () => {
      // Six months before Wed 25 Nov 10:00Z in UTC: Mon 25 May 10:00Z; in Berlin 09:00Z.
      const g = grant({ grantedAt: new Date('2026-05-25T09:30:00Z'), endsAt: new Date('2026-05-25T10:30:00Z') });
      expect(isGrantListed(g, new Date(now))).to.equal(true);
      expect(isGrantListed(g, new Date(now), 'UTC')).to.equal(false);
    });
  });
});
