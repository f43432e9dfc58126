import { expect } from '@open-wc/testing';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import {
  DEFAULT_TIME_ZONE,
  atWallTime,
  firstOccurrence,
  inZone,
  instant,
  isIsoDay,
  isValidTimeZone,
  isWallTime,
  isoDayIn,
  parseWallTime,
} from '../../src/core/index.js';

// Europe/Berlin 2026: CET (UTC+1) until Sun 29 Mar 01:00Z, CEST (UTC+2) until Sun 25 Oct 01:00Z, then CET.
// America/New_York 2026: EST (UTC−5) until Sun 8 Mar 07:00Z, EDT (UTC−4) until Sun 1 Nov 06:00Z, then EST.

describe('zone helpers', () => {
  it('defaults to Europe/Berlin', () => {
    expect(DEFAULT_TIME_ZONE).to.equal('Europe/Berlin');
  });

  describe('isValidTimeZone', () => {
    const cases: { name: string; input: string; expected: boolean }[] = [
      { name: 'Europe/Berlin', input: 'Europe/Berlin', expected: true },
      { name: 'America/New_York', input: 'America/New_York', expected: true },
      { name: 'Asia/Tokyo', input: 'Asia/Tokyo', expected: true },
      { name: 'UTC', input: 'UTC', expected: true },
      { name: 'an invented zone', input: 'Mars/Olympus_Mons', expected: false },
      { name: 'a city without its region', input: 'Berlin', expected: false },
      { name: 'the empty string', input: '', expected: false },
    ];
    for (const c of cases) {
      it(`${c.name} → ${c.expected}`, () => expect(isValidTimeZone(c.input)).to.equal(c.expected));
    }
  });

  describe('isIsoDay', () => {
    const cases: { name: string; input: unknown; expected: boolean }[] = [
      { name: 'an ordinary day', input: '2026-12-24', expected: true },
      { name: '29 Feb in leap year 2028', input: '2028-02-29', expected: true },
      { name: '29 Feb in 2000 (divisible by 400)', input: '2000-02-29', expected: true },
      { name: '29 Feb in 2026 (no leap year)', input: '2026-02-29', expected: false },
      { name: '29 Feb in 2100 (divisible by 100)', input: '2100-02-29', expected: false },
      { name: '31 April', input: '2026-04-31', expected: false },
      { name: 'month 13', input: '2026-13-01', expected: false },
      { name: 'month 00', input: '2026-00-10', expected: false },
      { name: 'day 00', input: '2026-01-00', expected: false },
      { name: 'missing zero padding', input: '2026-1-5', expected: false },
      { name: 'two-digit year', input: '26-01-05', expected: false },
      { name: 'with a time', input: '2026-01-05T00:00', expected: false },
      { name: 'leading space', input: ' 2026-01-05', expected: false },
      { name: 'a number', input: 20260105, expected: false },
      { name: 'null', input: null, expected: false },
    ];
    for (const c of cases) {
      it(`${c.name} (${JSON.stringify(c.input)}) → ${c.expected}`, () => expect(isIsoDay(c.input)).to.equal(c.expected));
    }
  });

  describe('isWallTime', () => {
    const cases: { input: unknown; expected: boolean }[] = [
      { input: '00:00', expected: true },
      { input: '09:00', expected: true },
      { input: '23:59', expected: true },
      { input: '24:00', expected: false },
      { input: '9:00', expected: false },
      { input: '09:60', expected: false },
      { input: '09:00:00', expected: false },
      { input: '', expected: false },
      { input: 900, expected: false },
    ];
    for (const c of cases) {
      it(`${JSON.stringify(c.input)} → ${c.expected}`, () => expect(isWallTime(c.input)).to.equal(c.expected));
    }
  });

  describe('parseWallTime', () => {
    const valid: { input: string; expected: { hours: number; minutes: number } }[] = [
      { input: '00:00', expected: { hours: 0, minutes: 0 } },
      { input: '07:30', expected: { hours: 7, minutes: 30 } },
      { input: '23:59', expected: { hours: 23, minutes: 59 } },
    ];
    for (const c of valid) {
      it(`parses ${c.input}`, () => expect(parseWallTime(c.input)).to.deep.equal(c.expected));
    }

    const invalid: { name: string; input: string }[] = [
      { name: '24:00 (no such hour)', input: '24:00' },
      { name: 'minute 60', input: '12:60' },
      { name: 'single-digit hour', input: '9:00' },
      { name: 'single-digit minute', input: '12:5' },
      { name: 'seconds', input: '09:00:00' },
      { name: 'a word', input: 'noon' },
      { name: 'surrounding space', input: ' 09:00' },
      { name: 'the empty string', input: '' },
    ];
    for (const c of invalid) {
      it(`throws a RangeError on ${c.name}`, () => expect(() => parseWallTime(c.input)).to.throw(RangeError));
    }
  });

  describe('isoDayIn', () => {
    const cases: { name: string; at: string; timeZone: string; expected: string }[] = [
      { name: '28 Mar 23:30Z is already 29 Mar 00:30 CET in Berlin', at: '2026-03-28T23:30:00Z', timeZone: 'Europe/Berlin', expected: '2026-03-29' },
      { name: '28 Mar 23:30Z is 19:30 EDT in New York', at: '2026-03-28T23:30:00Z', timeZone: 'America/New_York', expected: '2026-03-28' },
      { name: '28 Mar 23:30Z is 29 Mar 08:30 in Tokyo', at: '2026-03-28T23:30:00Z', timeZone: 'Asia/Tokyo', expected: '2026-03-29' },
      { name: '28 Mar 23:30Z in UTC', at: '2026-03-28T23:30:00Z', timeZone: 'UTC', expected: '2026-03-28' },
      { name: 'New Year 00:00 CET in Berlin', at: '2026-12-31T23:00:00Z', timeZone: 'Europe/Berlin', expected: '2027-01-01' },
      { name: '31 Dec 23:59:59.999 CET in Berlin', at: '2026-12-31T22:59:59.999Z', timeZone: 'Europe/Berlin', expected: '2026-12-31' },
      { name: 'half-hour zone: 18:29Z is 23:59 in Kolkata', at: '2026-11-25T18:29:00Z', timeZone: 'Asia/Kolkata', expected: '2026-11-25' },
      { name: 'half-hour zone: 18:30Z is 00:00 in Kolkata', at: '2026-11-25T18:30:00Z', timeZone: 'Asia/Kolkata', expected: '2026-11-26' },
      { name: 'quarter-hour zone: 18:15Z is 00:00 in Kathmandu', at: '2026-11-25T18:15:00Z', timeZone: 'Asia/Kathmandu', expected: '2026-11-26' },
      { name: 'west of UTC across a year: 1 Jan 04:59Z is 31 Dec in New York', at: '2027-01-01T04:59:00Z', timeZone: 'America/New_York', expected: '2026-12-31' },
      { name: 'spring-forward day in Berlin, after the switch', at: '2026-03-29T01:30:00Z', timeZone: 'Europe/Berlin', expected: '2026-03-29' },
      { name: 'a year with three digits is padded', at: '0999-06-15T12:00:00Z', timeZone: 'UTC', expected: '0999-06-15' },
      { name: 'year 0 (1 BC) reads as its year of the era, like date-fns yyyy', at: '0000-06-15T12:00:00Z', timeZone: 'UTC', expected: '0001-06-15' },
    ];
    for (const c of cases) {
      it(c.name, () => expect(isoDayIn(new Date(c.at), c.timeZone)).to.equal(c.expected));
    }
  });

  describe('inZone and instant', () => {
    it('inZone computes date-fns results in the given zone', () => {
      const at = new Date('2026-03-28T23:30:00Z');
      expect(format(at, 'yyyy-MM-dd HH:mm', inZone('Asia/Tokyo'))).to.equal('2026-03-29 08:30');
      expect(format(at, 'yyyy-MM-dd HH:mm', inZone('America/New_York'))).to.equal('2026-03-28 19:30');
    });

    it('instant turns a TZDate into a plain Date for the same instant', () => {
      const zoned = new TZDate(2026, 2, 29, 3, 30, 'Europe/Berlin');
      const plain = instant(zoned);
      expect(plain.constructor).to.equal(Date);
      expect(plain.toISOString()).to.equal('2026-03-29T01:30:00.000Z');
    });
  });

  describe('atWallTime', () => {
    const cases: { name: string; day: string; time: string; timeZone: string; expected: string }[] = [
      { name: 'Berlin Wed 25 Nov 09:00 CET', day: '2026-11-25T15:00:00Z', time: '09:00', timeZone: 'Europe/Berlin', expected: '2026-11-25T08:00:00.000Z' },
      { name: 'Berlin Wed 1 Jul 09:00 CEST', day: '2026-07-01T12:00:00Z', time: '09:00', timeZone: 'Europe/Berlin', expected: '2026-07-01T07:00:00.000Z' },
      { name: 'the Berlin day, not the UTC day (24 Nov 23:30Z = 25 Nov 00:30 Berlin) → 25 Nov 18:00 CET', day: '2026-11-24T23:30:00Z', time: '18:00', timeZone: 'Europe/Berlin', expected: '2026-11-25T17:00:00.000Z' },
      { name: 'Berlin 29 Mar 01:59 CET, just before the gap', day: '2026-03-29T10:00:00Z', time: '01:59', timeZone: 'Europe/Berlin', expected: '2026-03-29T00:59:00.000Z' },
      { name: 'Berlin 29 Mar 02:00 (gap) → 03:00 CEST', day: '2026-03-29T10:00:00Z', time: '02:00', timeZone: 'Europe/Berlin', expected: '2026-03-29T01:00:00.000Z' },
      { name: 'Berlin 29 Mar 02:30 (gap) → 03:30 CEST', day: '2026-03-29T10:00:00Z', time: '02:30', timeZone: 'Europe/Berlin', expected: '2026-03-29T01:30:00.000Z' },
      { name: 'Berlin 29 Mar 03:00 CEST', day: '2026-03-29T10:00:00Z', time: '03:00', timeZone: 'Europe/Berlin', expected: '2026-03-29T01:00:00.000Z' },
      { name: 'Berlin 29 Mar 09:00 CEST', day: '2026-03-28T23:00:00Z', time: '09:00', timeZone: 'Europe/Berlin', expected: '2026-03-29T07:00:00.000Z' },
      { name: 'Berlin 25 Oct 01:59 CEST', day: '2026-10-25T10:00:00Z', time: '01:59', timeZone: 'Europe/Berlin', expected: '2026-10-24T23:59:00.000Z' },
      { name: 'Berlin 25 Oct 02:00 (twice) → the first, CEST', day: '2026-10-25T10:00:00Z', time: '02:00', timeZone: 'Europe/Berlin', expected: '2026-10-25T00:00:00.000Z' },
      { name: 'Berlin 25 Oct 02:30 (twice) → the first, CEST', day: '2026-10-25T10:00:00Z', time: '02:30', timeZone: 'Europe/Berlin', expected: '2026-10-25T00:30:00.000Z' },
      { name: 'Berlin 25 Oct 02:30 (twice), day given as 00:00 CEST → the first', day: '2026-10-24T22:00:00Z', time: '02:30', timeZone: 'Europe/Berlin', expected: '2026-10-25T00:30:00.000Z' },
      { name: 'Berlin 25 Oct 03:00 CET', day: '2026-10-25T10:00:00Z', time: '03:00', timeZone: 'Europe/Berlin', expected: '2026-10-25T02:00:00.000Z' },
      { name: 'Berlin 25 Oct 09:00 CET', day: '2026-10-25T10:00:00Z', time: '09:00', timeZone: 'Europe/Berlin', expected: '2026-10-25T08:00:00.000Z' },
      { name: 'New York 8 Mar 02:30 (gap) → 03:30 EDT', day: '2026-03-08T12:00:00Z', time: '02:30', timeZone: 'America/New_York', expected: '2026-03-08T07:30:00.000Z' },
      { name: 'New York 1 Nov 01:30 (twice) → the first, EDT', day: '2026-11-01T12:00:00Z', time: '01:30', timeZone: 'America/New_York', expected: '2026-11-01T05:30:00.000Z' },
      { name: 'New York: 25 Nov 03:00Z is still 24 Nov there → 24 Nov 08:00 EST', day: '2026-11-25T03:00:00Z', time: '08:00', timeZone: 'America/New_York', expected: '2026-11-24T13:00:00.000Z' },
      { name: 'Tokyo: 29 Mar 20:00Z is 30 Mar in Tokyo → 30 Mar 09:00 JST', day: '2026-03-29T20:00:00Z', time: '09:00', timeZone: 'Asia/Tokyo', expected: '2026-03-30T00:00:00.000Z' },
      { name: 'UTC 29 Mar 09:00 (no DST)', day: '2026-03-29T10:00:00Z', time: '09:00', timeZone: 'UTC', expected: '2026-03-29T09:00:00.000Z' },
    ];
    for (const c of cases) {
      it(c.name, () => expect(atWallTime(new Date(c.day), c.time, c.timeZone).toISOString()).to.equal(c.expected));
    }

    it('returns a plain Date', () => {
      expect(atWallTime(new Date('2026-11-25T12:00:00Z'), '09:00', 'Europe/Berlin').constructor).to.equal(Date);
    });

    it('throws a RangeError on a malformed wall time', () => {
      expect(() => atWallTime(new Date('2026-11-25T12:00:00Z'), '25:00', 'Europe/Berlin')).to.throw(RangeError);
    });
  });

  describe('firstOccurrence', () => {
    const cases: { name: string; at: string; timeZone: string; expected: string }[] = [
      { name: 'Berlin 25 Oct 02:30 CET (second) → 02:30 CEST (first)', at: '2026-10-25T01:30:00Z', timeZone: 'Europe/Berlin', expected: '2026-10-25T00:30:00.000Z' },
      { name: 'Berlin 25 Oct 02:00 CET (second) → 02:00 CEST (first)', at: '2026-10-25T01:00:00Z', timeZone: 'Europe/Berlin', expected: '2026-10-25T00:00:00.000Z' },
      { name: 'Berlin 25 Oct 02:30 CEST is already the first', at: '2026-10-25T00:30:00Z', timeZone: 'Europe/Berlin', expected: '2026-10-25T00:30:00.000Z' },
      { name: 'Berlin 25 Oct 03:00 CET occurs once', at: '2026-10-25T02:00:00Z', timeZone: 'Europe/Berlin', expected: '2026-10-25T02:00:00.000Z' },
      { name: 'Berlin 25 Oct 01:59 CEST occurs once', at: '2026-10-24T23:59:00Z', timeZone: 'Europe/Berlin', expected: '2026-10-24T23:59:00.000Z' },
      { name: 'Berlin 29 Mar 03:30 CEST (after the gap) occurs once', at: '2026-03-29T01:30:00Z', timeZone: 'Europe/Berlin', expected: '2026-03-29T01:30:00.000Z' },
      { name: 'Berlin 25 Nov 10:00 CET', at: '2026-11-25T09:00:00Z', timeZone: 'Europe/Berlin', expected: '2026-11-25T09:00:00.000Z' },
      { name: 'New York 1 Nov 01:30 EST (second) → 01:30 EDT (first)', at: '2026-11-01T06:30:00Z', timeZone: 'America/New_York', expected: '2026-11-01T05:30:00.000Z' },
      { name: 'the Berlin repeated hour is no repeat in UTC', at: '2026-10-25T01:30:00Z', timeZone: 'UTC', expected: '2026-10-25T01:30:00.000Z' },
      { name: 'the Berlin repeated hour is no repeat in Tokyo', at: '2026-10-25T01:30:00Z', timeZone: 'Asia/Tokyo', expected: '2026-10-25T01:30:00.000Z' },
    ];
    for (const c of cases) {
      it(c.name, () => expect(firstOccurrence(new Date(c.at), c.timeZone).toISOString()).to.equal(c.expected));
    }
  });
});
