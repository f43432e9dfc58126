import { expect } from '@open-wc/testing';
import {
  formatDate,
  formatFileSize,
  formatList,
  formatLocale,
  formatMoney,
  formatPhone,
  formatRegion,
  formatRegionInSentence,
  formatTimeRange,
  formatTimestamp,
  formatUnit,
  formatWeekday,
  formatZoneName,
  isSummerTime,
  zoneCity,
  type DateStyle,
} from '../../src/internal/format.js';
import { parsePhoneNumber } from '../../src/core/phone.js';

// The one formatting module: tables of (input → text) for every locale the elements honour.

describe('format: locales', () => {
  it('plain en formats as en-GB; en-GB, en-US, de, de-AT, de-CH are kept', () => {
    expect(['en', 'en-GB', 'en-US', 'de', 'de-AT', 'de-CH'].map(formatLocale)).to.deep.equal(['en-GB', 'en-GB', 'en-US', 'de', 'de-AT', 'de-CH']);
  });
});

describe('format: dates and times', () => {
  const fri = new Date('2026-12-04T21:01:51Z'); // Fri 4 Dec 2026, 22:01:51 in Berlin (CET)

  const table: [locale: string, style: DateStyle, text: string][] = [
    // One date part everywhere a full date shows (grants, logins, About, freshness).
    ['en', 'date', 'Fri 4 Dec 2026'],
    ['en-GB', 'date', 'Fri 4 Dec 2026'],
    ['en-US', 'date', 'Fri, Dec 4, 2026'],
    ['de', 'date', 'Fr., 4. Dez. 2026'],
    ['de-AT', 'date', 'Fr., 4. Dez. 2026'],
    ['de-CH', 'date', 'Fr., 4. Dez. 2026'],
    ['en', 'date-time', 'Fri 4 Dec 2026, 22:01'],
    ['en-US', 'date-time', 'Fri, Dec 4, 2026, 22:01'],
    ['de', 'date-time', 'Fr., 4. Dez. 2026, 22:01'],
    ['en', 'date-time-seconds', 'Fri 4 Dec 2026, 22:01:51'],
    ['en-US', 'date-time-seconds', 'Fri, Dec 4, 2026, 22:01:51'],
    ['de', 'date-time-seconds', 'Fr., 4. Dez. 2026, 22:01:51'],
    ['de-CH', 'date-time-seconds', 'Fr., 4. Dez. 2026, 22:01:51'],
    // 24-hour times in every locale.
    ['en', 'time', '22:01'],
    ['en-US', 'time', '22:01'],
    ['de-AT', 'time', '22:01'],
    ['en', 'weekday-date', 'Fri 4 Dec'],
    ['en-US', 'weekday-date', 'Fri, Dec 4'],
    ['de', 'weekday-date', 'Fr., 4. Dez.'],
    ['en', 'weekday-date-time', 'Fri 4 Dec, 22:01'],
    ['de', 'weekday-date-time', 'Fr., 4. Dez., 22:01'],
    ['en', 'long-date', 'Friday 4 December 2026'],
    ['en-US', 'long-date', 'Friday, December 4, 2026'],
    ['de', 'long-date', 'Freitag, 4. Dezember 2026'],
    ['en', 'day-month', '4 Dec'],
    ['de', 'day-month', '4. Dez.'],
  ];
  for (const [locale, style, text] of table) {
    it(`${locale} ${style}: ${text}`, () => {
      expect(formatDate(fri, locale, 'Europe/Berlin', style)).to.equal(text);
    });
  }

  const zones: [what: string, at: string, zone: string, text: string][] = [
    // Berlin's DST days: 29 Mar 2026 02:00 CET → 03:00 CEST; 25 Oct 2026 03:00 CEST → 02:00 CET.
    ['Berlin, last minute of CET in spring', '2026-03-29T00:59:00Z', 'Europe/Berlin', 'Sun 29 Mar 2026, 01:59'],
    ['Berlin, first minute of CEST', '2026-03-29T01:00:00Z', 'Europe/Berlin', 'Sun 29 Mar 2026, 03:00'],
    ['Berlin, 02:30 CEST before the fall-back', '2026-10-25T00:30:00Z', 'Europe/Berlin', 'Sun 25 Oct 2026, 02:30'],
    ['Berlin, 02:30 CET after the fall-back', '2026-10-25T01:30:00Z', 'Europe/Berlin', 'Sun 25 Oct 2026, 02:30'],
    // Other zones: New York changes on other days (8 Mar, 1 Nov 2026), Tokyo never, Sydney the other way round.
    ['New York, the evening before Berlin\'s day', '2026-12-04T21:01:00Z', 'America/New_York', 'Fri 4 Dec 2026, 16:01'],
    ['New York, first minute of EDT', '2026-03-08T07:00:00Z', 'America/New_York', 'Sun 8 Mar 2026, 03:00'],
    ['Tokyo, already the next day', '2026-12-04T21:01:00Z', 'Asia/Tokyo', 'Sat 5 Dec 2026, 06:01'],
    ['Sydney in its summer', '2026-12-04T21:01:00Z', 'Australia/Sydney', 'Sat 5 Dec 2026, 08:01'],
  ];
  for (const [what, at, zone, text] of zones) {
    it(`in a zone: ${what}`, () => {
      expect(formatDate(new Date(at), 'en', zone, 'date-time')).to.equal(text);
    });
  }

  it('time ranges in a zone, 24 h', () => {
    const start = new Date('2026-12-01T13:30:00Z');
    const end = new Date('2026-12-01T14:00:00Z');
    expect(formatTimeRange(start, end, 'en', 'Europe/Berlin')).to.equal('14:30–15:00');
    expect(formatTimeRange(start, end, 'en-US', 'America/New_York')).to.equal('08:30–09:00');
    expect(formatTimeRange(start, end, 'de', 'Asia/Tokyo')).to.equal('22:30–23:00');
  });

  it('sortable timestamps for files, the same in every locale', () => {
    expect(formatTimestamp(fri, 'Europe/Berlin')).to.equal('2026-12-04 22:01:51');
    expect(formatTimestamp(fri, 'America/New_York')).to.equal('2026-12-04 16:01:51');
    expect(formatTimestamp(new Date('2026-10-25T00:30:00Z'), 'Europe/Berlin')).to.equal('2026-10-25 02:30:00');
    expect(formatTimestamp(new Date('2026-10-25T01:30:00Z'), 'Europe/Berlin')).to.equal('2026-10-25 02:30:00');
  });
});

describe('format: zone names', () => {
  const winter = '2026-12-04T12:00:00Z';
  const summer = '2026-07-01T12:00:00Z';
  const table: [locale: string, zone: string, at: string, name: string][] = [
    // English says CET/CEST, never GMT+1, in every English locale.
    ['en', 'Europe/Berlin', winter, 'CET'],
    ['en', 'Europe/Berlin', summer, 'CEST'],
    ['en-US', 'Europe/Berlin', winter, 'CET'],
    ['en-US', 'Europe/Berlin', summer, 'CEST'],
    ['en-GB', 'Europe/Vienna', summer, 'CEST'],
    ['en-US', 'Europe/Zurich', winter, 'CET'],
    // The DST days of Berlin: the name flips with the offset.
    ['en', 'Europe/Berlin', '2026-03-29T00:59:59Z', 'CET'],
    ['en', 'Europe/Berlin', '2026-03-29T01:00:00Z', 'CEST'],
    ['en', 'Europe/Berlin', '2026-10-25T00:59:59Z', 'CEST'],
    ['en', 'Europe/Berlin', '2026-10-25T01:00:00Z', 'CET'],
    // Other European zones.
    ['en-US', 'Europe/London', summer, 'BST'],
    ['en', 'Europe/London', winter, 'GMT'],
    ['en-US', 'Europe/Dublin', summer, 'IST'],
    ['en', 'Europe/Lisbon', summer, 'WEST'],
    ['en', 'Europe/Athens', winter, 'EET'],
    ['en-US', 'Europe/Helsinki', summer, 'EEST'],
    ['en', 'Europe/Moscow', summer, 'MSK'],
    // American zones in British English: en-US knows their names.
    ['en', 'America/New_York', winter, 'EST'],
    ['en', 'America/New_York', summer, 'EDT'],
    ['en-US', 'America/Los_Angeles', summer, 'PDT'],
    // German has its own names.
    ['de', 'Europe/Berlin', winter, 'MEZ'],
    ['de', 'Europe/Berlin', summer, 'MESZ'],
    ['de-AT', 'Europe/Vienna', winter, 'MEZ'],
    ['de-CH', 'Europe/Zurich', summer, 'MESZ'],
    // Zones without a common English name keep the offset.
    ['en', 'Asia/Tokyo', winter, 'GMT+9'],
    ['en', 'UTC', winter, 'UTC'],
  ];
  for (const [locale, zone, at, name] of table) {
    it(`${locale} ${zone} at ${at}: ${name}`, () => {
      expect(formatZoneName(new Date(at), locale, zone)).to.equal(name);
    });
  }

  it('summer time by the zone\'s own offsets, on both hemispheres', () => {
    const cases: [string, string, boolean][] = [
      ['Europe/Berlin', '2026-03-29T00:59:59Z', false],
      ['Europe/Berlin', '2026-03-29T01:00:00Z', true],
      ['America/New_York', '2026-03-08T06:59:59Z', false],
      ['America/New_York', '2026-03-08T07:00:00Z', true],
      ['Australia/Sydney', '2026-12-04T12:00:00Z', true],
      ['Australia/Sydney', '2026-07-01T12:00:00Z', false],
      ['Asia/Tokyo', '2026-07-01T12:00:00Z', false],
    ];
    for (const [zone, at, expected] of cases) expect(isSummerTime(new Date(at), zone), `${zone} ${at}`).to.equal(expected);
  });
});

describe('format: phone numbers', () => {
  const table: [what: string, e164: string, typed: string | null, shown: string][] = [
    ['as typed, grouped by the user', '+49241123456', '+49 241 123456', '+49 241 123456'],
    ['as typed, spaces tidied', '+49241123456', '  +49  241   123456 ', '+49 241 123456'],
    ['as typed, national form', '+49241123456', '0241 123456', '0241 123456'],
    ['as typed, with the bracketed trunk zero', '+49241123456', '+49 (0)241 123456', '+49 (0)241 123456'],
    ['as typed, Austrian', '+431361985760', '+43 (1) 3619857-60', '+43 (1) 3619857-60'],
    ['typed another number: E.164 with the country code apart', '+49241123456', '+49 241 999999', '+49 241123456'],
    ['nothing typed, Germany', '+49241123456', null, '+49 241123456'],
    ['nothing typed, Switzerland', '+41315112792', null, '+41 315112792'],
    ['nothing typed, USA (1 digit)', '+12125550100', null, '+1 2125550100'],
    ['nothing typed, Ireland (3 digits)', '+35312345678', null, '+353 12345678'],
    ['not E.164: as it came', '0241 123456', null, '0241 123456'],
  ];
  /** What the scheduler passes: the typed text and the number parsePhoneNumber read from it. */
  const typedAs = (text: string | null, country = 'DE') => {
    if (text === null) return null;
    const parsed = parsePhoneNumber(text, country);
    return { text, e164: parsed.ok ? parsed.e164 : null };
  };
  for (const [what, e164, typed, shown] of table) {
    it(`${what}: ${shown}`, () => {
      expect(formatPhone(e164, typedAs(typed))).to.equal(shown);
    });
  }

  it('reads a national number in the given country', () => {
    expect(formatPhone('+41315112792', typedAs('031 511 27 92', 'CH'))).to.equal('031 511 27 92');
    expect(formatPhone('+41315112792', typedAs('031 511 27 92', 'DE'))).to.equal('+41 315112792');
    expect(formatPhone('+41315112792', { text: 'not a number', e164: null })).to.equal('+41 315112792');
  });
});

describe('format: numbers, lists, countries', () => {
  it('zoneCity names the city of a zone', () => {
    expect(['America/New_York', 'Europe/Berlin', 'UTC', 'America/Argentina/Buenos_Aires'].map(zoneCity)).to.deep.equal([
      'New York',
      'Berlin',
      'UTC',
      'Buenos Aires',
    ]);
  });

  it('formatList, formatRegion, formatWeekday, formatUnit, formatMoney', () => {
    expect(formatList(['Germany', 'Austria', 'Switzerland'], 'en')).to.equal('Germany, Austria and Switzerland');
    expect(formatList(['Germany', 'Austria', 'Switzerland'], 'en-US')).to.equal('Germany, Austria, and Switzerland');
    expect(formatList(['Deutschland', 'Schweiz'], 'de', 'unit')).to.equal('Deutschland, Schweiz');
    expect([formatRegion('DE', 'en'), formatRegion('ch', 'de'), formatRegion('??', 'en')]).to.deep.equal(['Germany', 'Schweiz', '??']);
    expect([1, 5, 7].map((d) => formatWeekday(d, 'en'))).to.deep.equal(['Monday', 'Friday', 'Sunday']);
    expect(formatWeekday(1, 'de')).to.equal('Montag');
    expect([formatUnit(12, 'minute', 'en'), formatUnit(1, 'hour', 'en'), formatUnit(10, 'hour', 'de')]).to.deep.equal([
      '12 minutes',
      '1 hour',
      '10 Stunden',
    ]);
    const price = { amountMinor: 595, currency: 'EUR' };
    // (Intl puts no-break spaces between amount and currency.)
    expect(['en', 'en-US', 'de', 'de-AT', 'de-CH'].map((l) => formatMoney(price, l).replace(/\s/g, ' '))).to.deep.equal(['€5.95', '€5.95', '5,95 €', '€ 5,95', 'EUR 5.95']);
  });

  it('country names after a preposition: "aus der Schweiz", "from the United States"', () => {
    const from = (codes: string[], locale: string) => formatList(codes.map((c) => formatRegionInSentence(c, locale)), locale);
    expect(from(['DE', 'AT', 'CH'], 'de')).to.equal('Deutschland, Österreich und der Schweiz');
    expect(from(['DE', 'AT', 'CH'], 'de-CH')).to.equal('Deutschland, Österreich und der Schweiz');
    expect(from(['DE', 'AT', 'CH'], 'en')).to.equal('Germany, Austria and Switzerland');
    expect(from(['US', 'NL'], 'en')).to.equal('the United States and the Netherlands');
    expect(from(['NL'], 'de')).to.equal('den Niederlanden');
  });

  it('formatFileSize: bytes, kB, MB in units of 1,024, per locale', () => {
    const table: [number, string, string][] = [
      [0, 'en', '0 bytes'],
      [1, 'en', '1 byte'],
      [812, 'de', '812 Byte'],
      [1023, 'en', '1,023 bytes'],
      [245_300, 'en', '240 kB'],
      [4_812_000, 'en', '4.6 MB'],
      [4_812_000, 'de', '4,6 MB'],
      [10_485_760, 'en', '10 MB'],
      [10_485_761, 'en', '10 MB'],
      [52_428_800, 'de', '50 MB'],
    ];
    for (const [bytes, locale, expected] of table) expect(formatFileSize(bytes, locale), `${bytes} ${locale}`).to.equal(expected);
  });
});
