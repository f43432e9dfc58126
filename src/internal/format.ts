/**
 * The one formatting module of support-widgets: every date, time, zone name, number, amount, list, country and phone
 * number the six elements show goes through here, always with an explicit locale and time zone.
 *
 * - **Locales**: `en-GB`, `en-US`, `de`, `de-AT`, `de-CH` are honoured as given; a plain `en` formats as `en-GB`
 *   (day before month, as the tenant's European users expect). `formatLocale` is that rule.
 * - **Dates**: one style per locale for every element — `Fri 4 Dec 2026` (en-GB), `Fri, Dec 4, 2026` (en-US),
 *   `Fr., 4. Dez. 2026` (de, de-AT, de-CH); with a time `…, 22:01` and, in the logins, `…, 22:01:51`. The en-GB
 *   weekday takes no comma ("Fri 4 Dec" and "Fri 4 Dec 2026" alike; CLDR writes one only before a year).
 * - **Times** are 24-hour in every locale (support hours are published as 09:00–18:00).
 * - **Zone names**: `Intl`'s short name (`MEZ`, `CET`, `EST`); where English has none and `Intl` falls back to an
 *   offset (`GMT+1`), the zone's common abbreviation — from `en-US` for American zones, from the table of European
 *   zones below (`CET`/`CEST`, `EET`/`EEST`, `WET`/`WEST`, `GMT`/`BST`, `GMT`/`IST`, `MSK`).
 * - **Phone numbers** show as the user typed them when that is the same number, else E.164 with the country code set
 *   apart (`formatPhone`); the backend always gets E.164 (`parsePhoneNumber`).
 *
 * Every `Intl` object is built once per locale, zone and options and reused: building one costs far more than
 * formatting with it (a profile of the chat spent a fifth of its script time building `DateTimeFormat`s).
 */
import type { Money } from '../core/types.js';

const cache = new Map<string, object>();

/** The `Intl` object `make()` builds for `key`, built once. */
function once<T extends object>(key: string, make: () => T): T {
  let value = cache.get(key) as T | undefined;
  if (!value) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

const dtf = (locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat =>
  once(`dtf|${locale}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));

const nf = (locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat => {
  const loc = formatLocale(locale);
  return once(`nf|${loc}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(loc, options));
};

/**
 * The locale to format with: a plain `en` formats day-month-year as `en-GB` ("Fri 4 Dec 2026") and lists without the
 * serial comma, as the tenant's European users expect; `en-US`, `en-GB`, `de`, `de-AT`, `de-CH` … are kept.
 */
export const formatLocale = (locale: string): string => (locale === 'en' ? 'en-GB' : locale);

export type DateStyle =
  | 'date-time'
  | 'date-time-seconds'
  | 'date'
  | 'time'
  | 'weekday-date'
  | 'weekday-date-time'
  | 'long-date'
  | 'day-month';

const DATE: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' };
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };

/**
 * The styles, one per purpose, the same date part wherever a full date shows (grants, logins, About, freshness):
 * en-GB `Fri 4 Dec 2026` · `Fri 4 Dec 2026, 22:01` · `Fri 4 Dec 2026, 22:01:51` · `22:01` · `Fri 4 Dec` ·
 * `Fri 4 Dec, 22:01` · `Friday 4 December 2026` · `4 Dec`.
 */
const STYLES: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  'date-time': { ...DATE, ...TIME },
  'date-time-seconds': { ...DATE, ...TIME, second: '2-digit' },
  date: DATE,
  time: TIME,
  'weekday-date': { weekday: 'short', day: 'numeric', month: 'short' },
  'weekday-date-time': { weekday: 'short', day: 'numeric', month: 'short', ...TIME },
  'long-date': { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  'day-month': { day: 'numeric', month: 'short' },
};

/** Locales whose weekday takes no comma before the day (CLDR's en-GB writes "Fri 4 Dec" but "Fri, 4 Dec 2026"). */
const WEEKDAY_WITHOUT_COMMA = new Set(['en-GB']);

/** `date` in `timeZone`, in `locale`'s style for `style` (see `STYLES`). */
export function formatDate(date: Date, locale: string, timeZone: string, style: DateStyle = 'date-time'): string {
  const loc = formatLocale(locale);
  const format = dtf(loc, { ...STYLES[style], timeZone, hourCycle: 'h23' });
  if (!WEEKDAY_WITHOUT_COMMA.has(loc) || !STYLES[style].weekday) return format.format(date);
  const parts = format.formatToParts(date);
  return parts
    .map((part, i) => (part.type === 'literal' && parts[i - 1]?.type === 'weekday' && parts[i + 1]?.type === 'day' ? ' ' : part.value))
    .join('');
}

/** `2026-11-25 14:02:13` in `timeZone`: sortable and the same in every locale (CSV files, logs). */
export function formatTimestamp(date: Date, timeZone: string): string {
  const format = dtf('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const part = Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
  return `${part['year']}-${part['month']}-${part['day']} ${part['hour']}:${part['minute']}:${part['second']}`;
}

// ------------------------------------------------------------------------------------------------ zone names
/**
 * European zones and their [standard, summer] abbreviations in English, for where `Intl` has only an offset
 * (`en`/`en-US` call Europe/Berlin "GMT+1"). Zones not listed keep `Intl`'s answer.
 */
const EUROPEAN_ZONE_NAMES: Readonly<Record<string, readonly [string, string]>> = (() => {
  const table: Record<string, readonly [string, string]> = {};
  const add = (names: readonly [string, string], zones: string) => {
    for (const zone of zones.split(' ')) table[zone] = names;
  };
  add(
    ['CET', 'CEST'],
    'Europe/Berlin Europe/Vienna Europe/Zurich Europe/Busingen Europe/Vaduz Europe/Paris Europe/Monaco Europe/Amsterdam ' +
      'Europe/Brussels Europe/Luxembourg Europe/Madrid Europe/Andorra Europe/Gibraltar Europe/Rome Europe/Vatican ' +
      'Europe/San_Marino Europe/Malta Europe/Prague Europe/Bratislava Europe/Warsaw Europe/Budapest Europe/Ljubljana ' +
      'Europe/Zagreb Europe/Sarajevo Europe/Belgrade Europe/Podgorica Europe/Skopje Europe/Tirane Europe/Copenhagen ' +
      'Europe/Stockholm Europe/Oslo Arctic/Longyearbyen Africa/Ceuta',
  );
  add(
    ['EET', 'EEST'],
    'Europe/Athens Europe/Helsinki Europe/Mariehamn Europe/Tallinn Europe/Riga Europe/Vilnius Europe/Sofia ' +
      'Europe/Bucharest Europe/Chisinau Europe/Kiev Europe/Kyiv Asia/Nicosia Asia/Famagusta Europe/Nicosia',
  );
  add(['WET', 'WEST'], 'Europe/Lisbon Atlantic/Madeira Atlantic/Canary Atlantic/Faroe');
  add(['GMT', 'BST'], 'Europe/London Europe/Guernsey Europe/Jersey Europe/Isle_of_Man');
  add(['GMT', 'IST'], 'Europe/Dublin');
  add(['MSK', 'MSK'], 'Europe/Moscow Europe/Simferopol');
  return table;
})();

/** The zone's UTC offset at `date` in minutes (east positive). */
function offsetMinutes(date: Date, timeZone: string): number {
  const name = dtf('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-−])(\d{2}):?(\d{2})?/.exec(name ?? '');
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '+' ? minutes : -minutes;
}

/** `true` when `timeZone` keeps summer time at `date` (its offset is above the smaller of January's and July's). */
export function isSummerTime(date: Date, timeZone: string): boolean {
  const year = date.getUTCFullYear();
  const standard = Math.min(offsetMinutes(new Date(Date.UTC(year, 0, 1)), timeZone), offsetMinutes(new Date(Date.UTC(year, 6, 1)), timeZone));
  return offsetMinutes(date, timeZone) > standard;
}

const shortZoneName = (date: Date, locale: string, timeZone: string): string | undefined =>
  dtf(locale, { timeZone, timeZoneName: 'short' })
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName')?.value;

const isOffsetName = (name: string): boolean => /^(GMT|UTC)([+-−]|$)/.test(name) && name !== 'GMT' && name !== 'UTC';

/**
 * The zone's short name at `date`: `CET`/`CEST` (English), `MEZ`/`MESZ` (German), `EST`, `GMT+1` for a zone without a
 * name. English never shows an offset where a common abbreviation exists (see `EUROPEAN_ZONE_NAMES`).
 */
export function formatZoneName(date: Date, locale: string, timeZone: string): string {
  const loc = formatLocale(locale);
  const name = shortZoneName(date, loc, timeZone) ?? timeZone;
  if (!loc.toLowerCase().startsWith('en') || !isOffsetName(name)) return name;
  const european = EUROPEAN_ZONE_NAMES[timeZone];
  if (european) return european[isSummerTime(date, timeZone) ? 1 : 0];
  // American zones: en-US knows their names (EST, PDT) where en-GB gives an offset.
  const american = shortZoneName(date, 'en-US', timeZone);
  return american && !isOffsetName(american) ? american : name;
}

/** `true` when the two zones show a different wall time at `date`. */
export function zonesDiffer(date: Date, a: string, b: string): boolean {
  if (a === b) return false;
  const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' };
  return dtf('en', { ...options, timeZone: a }).format(date) !== dtf('en', { ...options, timeZone: b }).format(date);
}

// ------------------------------------------------------------------------------------------------ phone numbers
/** The length of the country calling code at the start of `digits` (ITU-T E.164 assignment: 1, 2 or 3 digits). */
function callingCodeLength(digits: string): number {
  if (/^[17]/.test(digits)) return 1;
  if (/^(20|27|3[0-469]|4[013-9]|5[1-8]|6[0-6]|8[1246]|9[0-58])/.test(digits)) return 2;
  return 3;
}

/** What the user typed for a phone number, and the E.164 number it stands for (`parsePhoneNumber`; `null` if none). */
export interface TypedPhone {
  readonly text: string;
  readonly e164: string | null;
}

/**
 * A phone number for people. `typed` — what the user entered, with the number `parsePhoneNumber` read from it — is
 * shown as typed (spaces tidied) when it is the same number as `e164`: "+49 241 123456" stays so, and so does
 * "0241 123456". Otherwise `e164` with its country code set apart ("+49 241123456"): without a numbering plan per
 * country, splitting the rest would guess wrong. (The caller parses, so pages without a phone field do not load the
 * parser with every element.)
 */
export function formatPhone(e164: string, typed?: TypedPhone | null): string {
  if (typed && typed.e164 === e164) return typed.text.trim().replace(/\s+/g, ' ');
  const match = /^\+(\d{7,15})$/.exec(e164);
  if (!match) return e164;
  const digits = match[1]!;
  const split = callingCodeLength(digits);
  return `+${digits.slice(0, split)} ${digits.slice(split)}`;
}

// ------------------------------------------------------------------------------------------------ numbers and text
export function formatMoney(money: Money, locale: string): string {
  const format = nf(locale, { style: 'currency', currency: money.currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(money.amountMinor / 10 ** digits);
}

export const formatNumber = (value: number, locale: string) => nf(locale).format(value);

/** "5 minutes ago", "in 2 hours" (`Intl.RelativeTimeFormat`), from `from` to `to`. */
export function formatRelative(to: Date, from: Date, locale: string): string {
  const seconds = Math.round((to.getTime() - from.getTime()) / 1000);
  const loc = formatLocale(locale);
  const rtf = once(`rtf|${loc}`, () => new Intl.RelativeTimeFormat(loc, { numeric: 'auto' }));
  const abs = Math.abs(seconds);
  if (abs < 45) return rtf.format(0, 'second');
  if (abs < 45 * 60) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 22 * 3600) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86400), 'day');
}

/** A duration such as "1 h 25 min" / "3 days 2 h" with `Intl.NumberFormat` units. */
export function formatDuration(ms: number, locale: string): string {
  const minutes = Math.max(0, Math.ceil(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const unit = (value: number, u: 'day' | 'hour' | 'minute') =>
    nf(locale, { style: 'unit', unit: u, unitDisplay: u === 'day' ? 'long' : 'short' }).format(value);
  if (days > 0) return hours > 0 ? `${unit(days, 'day')} ${unit(hours, 'hour')}` : unit(days, 'day');
  if (hours > 0) return mins > 0 ? `${unit(hours, 'hour')} ${unit(mins, 'minute')}` : unit(hours, 'hour');
  return unit(mins, 'minute');
}

/** A time range in `timeZone`, e.g. `14:30–15:00`. */
export function formatTimeRange(start: Date, end: Date, locale: string, timeZone: string): string {
  return `${formatDate(start, locale, timeZone, 'time')}–${formatDate(end, locale, timeZone, 'time')}`;
}

/** The city of an IANA zone for people: `America/New_York` → `New York`, `Europe/Berlin` → `Berlin`, `UTC` → `UTC`. */
export function zoneCity(timeZone: string): string {
  return (timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ');
}

/** A list in `locale` (plain `en` as `en-GB`): `conjunction` "A, B and C", `unit` "A, B, C". */
export function formatList(items: readonly string[], locale: string, type: 'conjunction' | 'unit' = 'conjunction'): string {
  const listLocale = formatLocale(locale);
  return once(`lf|${listLocale}|${type}`, () => new Intl.ListFormat(listLocale, { type, style: type === 'unit' ? 'short' : 'long' })).format(items);
}

/** A country's name in `locale` (`DE` → "Germany", "Deutschland"), falling back to the code. */
export function formatRegion(code: string, locale: string): string {
  try {
    const loc = formatLocale(locale);
    return once(`dn|${loc}`, () => new Intl.DisplayNames([loc], { type: 'region' })).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/**
 * Country names that take an article after a preposition ("from Switzerland" but "aus der Schweiz"; "from the United
 * States"). German: the dative after "aus"/"in"; English: the article of the few names that have one.
 */
const REGION_IN_SENTENCE: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  de: {
    CH: 'der Schweiz',
    TR: 'der Türkei',
    SK: 'der Slowakei',
    CZ: 'der Tschechischen Republik',
    NL: 'den Niederlanden',
    US: 'den Vereinigten Staaten',
    AE: 'den Vereinigten Arabischen Emiraten',
    GB: 'dem Vereinigten Königreich',
    VA: 'dem Vatikanstaat',
  },
  en: {
    US: 'the United States',
    GB: 'the United Kingdom',
    NL: 'the Netherlands',
    AE: 'the United Arab Emirates',
    CZ: 'the Czech Republic',
    PH: 'the Philippines',
  },
};

/**
 * A country's name as it reads after a preposition ("aus ___", "from ___", "in ___"): `CH` → "der Schweiz" in German,
 * `US` → "the United States" in English; otherwise `formatRegion`.
 */
export function formatRegionInSentence(code: string, locale: string): string {
  const language = locale.slice(0, 2).toLowerCase();
  return REGION_IN_SENTENCE[language]?.[code.toUpperCase()] ?? formatRegion(code, locale);
}

/** The name of an ISO weekday (1 = Monday … 7 = Sunday), e.g. "Monday", "Montag". */
export function formatWeekday(isoWeekday: number, locale: string, width: 'long' | 'short' = 'long'): string {
  // 5 Jan 2026 was a Monday.
  return dtf(formatLocale(locale), { weekday: width, timeZone: 'UTC' }).format(new Date(Date.UTC(2026, 0, 4 + isoWeekday, 12)));
}

/** An amount with its unit spelled out: "12 minutes", "2 Stunden". */
export function formatUnit(value: number, unit: 'minute' | 'hour' | 'day', locale: string): string {
  return nf(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/**
 * A file size for people: `812 bytes`, `240 kB`, `4.6 MB`, in units of 1,024 (as Windows shows them, and as the
 * attachment limit of 10 × 1,024² bytes is meant: "10 MB").
 */
export function formatFileSize(bytes: number, locale: string): string {
  const [unit, value] =
    bytes < 1024 ? (['byte', bytes] as const) : bytes < 1024 ** 2 ? (['kilobyte', bytes / 1024] as const) : (['megabyte', bytes / 1024 ** 2] as const);
  const digits = unit === 'megabyte' && value < 10 ? 1 : 0;
  return nf(locale, { style: 'unit', unit, unitDisplay: unit === 'byte' ? 'long' : 'short', maximumFractionDigits: digits }).format(value);
}
