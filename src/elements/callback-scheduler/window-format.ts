import type { TimeWindow } from '../../core/types.js';
import { isoDayIn } from '../../core/zone.js';
import { formatDate, formatTimeRange, zoneCity, zonesDiffer } from '../../internal/format.js';

/**
 * How the scheduler words a time window: in the viewer's zone, with the tenant's time in brackets when the zones
 * differ ("03:00–03:30 (Berlin: 09:00–09:30)"), and with the full date for accessible names.
 */
export class WindowFormat {
  constructor(
    readonly locale: string,
    readonly viewerZone: string,
    readonly tenantZone: string,
  ) {}

  /** `true` when the tenant's zone shows another wall time than the viewer's at `at`. */
  differs(at: Date): boolean {
    return zonesDiffer(at, this.viewerZone, this.tenantZone);
  }

  get viewerCity(): string {
    return zoneCity(this.viewerZone);
  }

  get tenantCity(): string {
    return zoneCity(this.tenantZone);
  }

  /** `14:30–15:00` in the viewer's zone. */
  range(window: TimeWindow): string {
    return formatTimeRange(window.start, window.end, this.locale, this.viewerZone);
  }

  /** `(Berlin: 20:30–21:00)`, with the weekday when Berlin is on another day; empty when the zones agree. */
  tenant(window: TimeWindow): string {
    if (!this.differs(window.start)) return '';
    const range = formatTimeRange(window.start, window.end, this.locale, this.tenantZone);
    const otherDay = isoDayIn(window.start, this.tenantZone) !== isoDayIn(window.start, this.viewerZone);
    const day = otherDay ? `${formatDate(window.start, this.locale, this.tenantZone, 'weekday-date')} ` : '';
    return `(${this.tenantCity}: ${day}${range})`;
  }

  /** `Tuesday 1 December 2026` for the viewer's calendar day of `at`. */
  longDay(at: Date): string {
    return formatDate(at, this.locale, this.viewerZone, 'long-date');
  }

  /** `Tue 1 Dec` for the viewer's calendar day of `at`. */
  shortDay(at: Date): string {
    return formatDate(at, this.locale, this.viewerZone, 'weekday-date');
  }

  /** `Tuesday 1 December 2026, 14:30–15:00` (plus the tenant's time when the zones differ). */
  long(window: TimeWindow): string {
    return [`${this.longDay(window.start)}, ${this.range(window)}`, this.tenant(window)].filter(Boolean).join(' ');
  }

  /** `Tue 1 Dec, 14:30–15:00` (plus the tenant's time when the zones differ). */
  short(window: TimeWindow): string {
    return [`${this.shortDay(window.start)}, ${this.range(window)}`, this.tenant(window)].filter(Boolean).join(' ');
  }
}
