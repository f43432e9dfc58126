/**
 * Formatting through `Intl`, always with an explicit locale and time zone. Every `Intl` object is built once per
 * locale, zone and options and reused: building one costs far more than formatting with it (a profile of the chat
 * spent a fifth of its script time building `DateTimeFormat`s).
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

const nf = (locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat =>
  once(`nf|${locale}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));

export type DateStyle =
  | 'date-time'
  | 'date-time-seconds'
  | 'date'
  | 'time'
  | 'weekday-date'
  | 'weekday-date-time'
  | 'long-date'
  | 'day-month';

const STYLES: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  'date-time': { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' },
  'date-time-seconds': { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' },
  date: { day: 'numeric', month: 'short', year: 'numeric' },
  time: { hour: '2-digit', minute: '2-digit' },
  'weekday-date': { weekday: 'short', day: 'numeric', month: 'short' },
  'weekday-date-time': { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' },
  'long-date': { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  'day-month': { day: 'numeric', month: 'short' },
};

export function formatDate(date: Date, locale: string, timeZone: string, style: DateStyle = 'date-time'): string {
  return dtf(locale, { ...STYLES[style], timeZone, hourCycle: 'h23' }).format(date);
}

/** The zone's short name at `date`, e.g. `CET`, `MEZ`, `EST`, `GMT+1`. */
export function formatZoneName(date: Date, locale: string, timeZone: string): string {
  const part = dtf(locale, { timeZone, timeZoneName: 'short' })
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** `true` when the two zones show a different wall time at `date`. */
export function zonesDiffer(date: Date, a: string, b: string): boolean {
  if (a === b) return false;
  const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' };
  return dtf('en', { ...options, timeZone: a }).format(date) !== dtf('en', { ...options, timeZone: b }).format(date);
}

export function formatMoney(money: Money, locale: string): string {
  const format = nf(locale, { style: 'currency', currency: money.currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(money.amountMinor / 10 ** digits);
}

export const formatNumber = (value: number, locale: string) => nf(locale).format(value);

/** "5 minutes ago", "in 2 hours" (`Intl.RelativeTimeFormat`), from `from` to `to`. */
export function formatRelative(to: Date, from: Date, locale: string): string {
  const seconds = Math.round((to.getTime() - from.getTime()) / 1000);
  const rtf = once(`rtf|${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
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

/**
 * The locale for calendar dates and lists: a plain `en` formats day-month-year ("Tuesday, 1 December 2026") and lists
 * without the serial comma, as the tenant's European users expect; any other locale, including `en-US`, is kept.
 */
export const dateLocale = (locale: string): string => (locale === 'en' ? 'en-GB' : locale);

/** A time range in `timeZone`, e.g. `14:30–15:00`. */
export function formatTimeRange(start: Date, end: Date, locale: string, timeZone: string): string {
  return `${formatDate(start, locale, timeZone, 'time')}–${formatDate(end, locale, timeZone, 'time')}`;
}

/** The city of an IANA zone for people: `America/New_York` → `New York`, `Europe/Berlin` → `Berlin`, `UTC` → `UTC`. */
export function zoneCity(timeZone: string): string {
  return (timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ');
}

/** A list in `locale` (`dateLocale` rules for plain `en`): `conjunction` "A, B and C", `unit` "A, B, C". */
export function formatList(items: readonly string[], locale: string, type: 'conjunction' | 'unit' = 'conjunction'): string {
  const listLocale = dateLocale(locale);
  return once(`lf|${listLocale}|${type}`, () => new Intl.ListFormat(listLocale, { type, style: type === 'unit' ? 'short' : 'long' })).format(items);
}

/** A country's name in `locale` (`DE` → "Germany", "Deutschland"), falling back to the code. */
export function formatRegion(code: string, locale: string): string {
  try {
    return once(`dn|${locale}`, () => new Intl.DisplayNames([locale], { type: 'region' })).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** The name of an ISO weekday (1 = Monday … 7 = Sunday), e.g. "Monday", "Montag". */
export function formatWeekday(isoWeekday: number, locale: string, width: 'long' | 'short' = 'long'): string {
  // 5 Jan 2026 was a Monday.
  return dtf(locale, { weekday: width, timeZone: 'UTC' }).format(new Date(Date.UTC(2026, 0, 4 + isoWeekday, 12)));
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
