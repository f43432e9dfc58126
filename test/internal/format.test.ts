import { expect } from '@open-wc/testing';
import {
  dateLocale,
  formatDate,
  formatFileSize,
  formatList,
  formatRegion,
  formatTimeRange,
  formatUnit,
  formatWeekday,
  zoneCity,
} from '../../src/internal/format.js';

describe('format helpers', () => {
  const tue = new Date('2026-12-01T13:30:00Z'); // Tue 1 Dec 2026 14:30 Berlin

  it('dateLocale: plain English formats day-month-year; other locales stay', () => {
    expect([dateLocale('en'), dateLocale('en-US'), dateLocale('de'), dateLocale('de-CH')]).to.deep.equal(['en-GB', 'en-US', 'de', 'de-CH']);
    expect(formatDate(tue, dateLocale('en'), 'Europe/Berlin', 'long-date')).to.equal('Tuesday, 1 December 2026');
    expect(formatDate(tue, dateLocale('de'), 'Europe/Berlin', 'long-date')).to.equal('Dienstag, 1. Dezember 2026');
    expect(formatDate(tue, dateLocale('en'), 'Europe/Berlin', 'day-month')).to.equal('1 Dec');
    expect(formatDate(tue, dateLocale('de'), 'Europe/Berlin', 'day-month')).to.equal('1. Dez.');
  });

  it('formatTimeRange in a zone, 24 h', () => {
    const end = new Date('2026-12-01T14:00:00Z');
    expect(formatTimeRange(tue, end, 'en', 'Europe/Berlin')).to.equal('14:30–15:00');
    expect(formatTimeRange(tue, end, 'en', 'America/New_York')).to.equal('08:30–09:00');
    expect(formatTimeRange(tue, end, 'de', 'Asia/Tokyo')).to.equal('22:30–23:00');
  });

  it('zoneCity names the city of a zone', () => {
    expect(['America/New_York', 'Europe/Berlin', 'UTC', 'America/Argentina/Buenos_Aires'].map(zoneCity)).to.deep.equal([
      'New York',
      'Berlin',
      'UTC',
      'Buenos Aires',
    ]);
  });

  it('formatList, formatRegion, formatWeekday, formatUnit', () => {
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
