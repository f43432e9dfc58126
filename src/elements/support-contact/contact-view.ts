import { addDays } from 'date-fns';
import { html, nothing, type TemplateResult } from 'lit';
import { hotlineCost, hotlineTierFor, type TierInForce } from '../../core/hotline.js';
import { openingPeriods, supportStatus, type SupportStatus } from '../../core/support-hours.js';
import type { ContactInfo, EmergencyHotline, IsoDay, PhoneLine, SupportHours } from '../../core/types.js';
import { isoDayIn } from '../../core/zone.js';
import { inZone } from '../../core/zoned.js';
import {
  dateLocale,
  formatDate,
  formatList,
  formatMoney,
  formatNumber,
  formatRegion,
  formatTimeRange,
  formatUnit,
  formatWeekday,
  zoneCity,
  zonesDiffer,
} from '../../internal/format.js';
import { renderFreshness } from '../../internal/freshness.js';
import type { ContactBridge } from './shared.js';

export { contactViewStyles as styles } from './contact-view.styles.js';
/** The view's English strings (German in the element's German chunk), registered by the element when this loads. */
export { contactViewTranslations as strings } from './contact-view.i18n.js';

/**
 * The contact card's content — status, e-mail, lines, hours, hotline with its tiers and the cost estimator — with the
 * support-hours and hotline rules behind it. Loaded with a dynamic `import()` when the element connects, while it
 * reads the contact data; see `SupportContact`.
 */
export class ContactView {
  readonly #b: ContactBridge;
  /** The minutes typed into the estimator. */
  #minutes = '10';

  constructor(bridge: ContactBridge) {
    this.#b = bridge;
  }

  #setMinutes(value: string): void {
    this.#minutes = value;
    this.#b.host.requestUpdate();
  }

  /** When "open now" or the hotline tier changes next, at `now()`; `null` before the data is there. */
  nextChange(): Date | null {
    const info = this.#b.host.contact.value;
    if (!info) return null;
    const at = this.#b.host.time();
    const status = supportStatus(info.supportHours, at);
    const candidates = [status.open ? status.closesAt : status.opensAt, hotlineTierFor(info.hotline, at).until];
    const times = candidates.filter((d): d is Date => d !== null).map((d) => d.getTime());
    return times.length ? new Date(Math.min(...times)) : null;
  }

  /** Support's status at `now()`, or `undefined` before the data is there. */
  get status(): SupportStatus | undefined {
    const info = this.#b.host.contact.value;
    return info ? supportStatus(info.supportHours, this.#b.host.time()) : undefined;
  }

  /** The hotline tier in force at `now()`, or `undefined` before the data is there. */
  get tier(): TierInForce | undefined {
    const info = this.#b.host.contact.value;
    return info ? hotlineTierFor(info.hotline, this.#b.host.time()) : undefined;
  }

  // ------------------------------------------------------------------------------------------------ formatting
  get #tenantZoneFallback(): string {
    return this.#b.host.tenantZone;
  }

  /** `14:30` in the viewer's zone, with ` (Berlin: 20:30)` when the tenant's zone shows another time. */
  #timeWithTenant(at: Date, tenantZone = this.#tenantZoneFallback): string {
    const time = this.#b.t('clock', formatDate(at, this.#b.host.locale, this.#b.host.viewerZone, 'time'));
    if (!zonesDiffer(at, this.#b.host.viewerZone, tenantZone)) return time;
    return `${time} (${this.#b.t('alongside', zoneCity(tenantZone), this.#tenantDayTime(at, tenantZone))})`;
  }

  /** The time in the tenant's zone, with its weekday when the calendar day differs from the viewer's. */
  #tenantDayTime(at: Date, tenantZone: string): string {
    const time = this.#b.t('clock', formatDate(at, this.#b.host.locale, tenantZone, 'time'));
    return isoDayIn(at, tenantZone) === isoDayIn(at, this.#b.host.viewerZone)
      ? time
      : `${formatDate(at, dateLocale(this.#b.host.locale), tenantZone, 'weekday-date')} ${time}`;
  }

  #statusText(status: SupportStatus, hours: SupportHours): string {
    const now = this.#b.host.time();
    if (status.open) return this.#b.t('openUntil', this.#timeWithTenant(status.closesAt, hours.timeZone));
    if (!status.opensAt) return this.#b.t('noOpening');
    const time = this.#timeWithTenant(status.opensAt, hours.timeZone);
    const day = isoDayIn(status.opensAt, this.#b.host.viewerZone);
    if (day === isoDayIn(now, this.#b.host.viewerZone)) return this.#b.t('opensToday', time);
    if (day === isoDayIn(addDays(now, 1, inZone(this.#b.host.viewerZone)), this.#b.host.viewerZone)) return this.#b.t('opensTomorrow', time);
    return this.#b.t('opensOn', formatDate(status.opensAt, dateLocale(this.#b.host.locale), this.#b.host.viewerZone, 'weekday-date'), time);
  }

  /** "Monday – Friday" from ISO weekdays, runs of consecutive days joined. */
  #weekdays(days: readonly number[]): string {
    const name = (iso: number) => formatWeekday(iso, this.#b.host.locale);
    const sorted = [...new Set(days)].sort((a, b) => a - b);
    const runs: number[][] = [];
    for (const day of sorted) {
      const run = runs[runs.length - 1];
      if (run && run[run.length - 1] === day - 1) run.push(day);
      else runs.push([day]);
    }
    return runs
      .map((run) => (run.length >= 3 ? `${name(run[0]!)} – ${name(run[run.length - 1]!)}` : run.map(name).join(', ')))
      .join(', ');
  }

  #holidayName(day: IsoDay): string {
    return formatDate(new Date(`${day}T12:00:00Z`), dateLocale(this.#b.host.locale), 'UTC', 'day-month');
  }

  #countries(line: PhoneLine): string {
    return formatList(
      line.countries.map((c) => formatRegion(c, this.#b.host.locale)),
      this.#b.host.locale,
      'unit',
    );
  }

  #hoursText(hours: number): string {
    return formatUnit(hours, 'hour', this.#b.host.locale);
  }

  // ------------------------------------------------------------------------------------------------ rendering
  /** The card's content for `info` (the element renders its frame, loading and errors). */
  render(info: ContactInfo): TemplateResult {
    const channels = [
      this.#b.show('email') ? this.#renderEmail(info.email) : null,
      this.#b.show('lines') ? this.#renderLines(info.directLines) : null,
      this.#b.show('hours') ? this.#renderHours(info.supportHours) : null,
    ].filter((x) => x !== null);
    return html`${this.#b.show('status') ? this.#renderStatus(info.supportHours) : nothing}
      ${channels.length ? html`<div class="channels" part="channels">${channels}</div>` : nothing}
      ${this.#b.show('hotline') ? this.#renderHotline(info.hotline) : nothing}
      ${this.#b.host.contact.state === 'stale'
        ? renderFreshness(this.#b.host.contact, { t: this.#b.t, locale: this.#b.host.locale, timeZone: this.#b.host.viewerZone })
        : nothing}`;
  }

  #renderStatus(hours: SupportHours): TemplateResult {
    const status = supportStatus(hours, this.#b.host.time());
    return html`<p class="status" part="status" data-open=${String(status.open)}>
      <span class="dot" part="status-indicator" aria-hidden="true"></span>
      <span><strong>${status.open ? this.#b.t('openNow') : this.#b.t('closedNow')}</strong>, ${this.#statusText(status, hours)}</span>
    </p>`;
  }

  #sectionTitle(text: string): TemplateResult {
    return html`<h3 class="section-title" part="section-title">${text}</h3>`;
  }

  #renderEmail(email: string): TemplateResult {
    return html`<div class="section" part="section email">
      ${this.#sectionTitle(this.#b.t('email'))}
      <a part="email-link" href=${`mailto:${email}`}>${email}</a>
    </div>`;
  }

  #renderPhoneList(lines: readonly PhoneLine[], label: string): TemplateResult {
    return html`<ul class="phones" part="phone-list" aria-label=${label}>
      ${lines.map(
        (line) => html`<li>
          <span class="country" part="country">${this.#countries(line)}</span>
          <a part="phone-link" href=${`tel:${line.e164}`} translate="no">${line.display}</a>
        </li>`,
      )}
    </ul>`;
  }

  #renderLines(lines: readonly PhoneLine[]): TemplateResult {
    return html`<div class="section" part="section direct-lines">
      ${this.#sectionTitle(this.#b.t('directLines'))} ${this.#renderPhoneList(lines, this.#b.t('directLines'))}
    </div>`;
  }

  #renderHours(hours: SupportHours): TemplateResult {
    const now = this.#b.host.time();
    const differ = zonesDiffer(now, this.#b.host.viewerZone, hours.timeZone);
    const next = differ ? openingPeriods(hours, now, 1).next() : undefined;
    const today = isoDayIn(now, hours.timeZone);
    const upcoming = [...hours.holidays].filter((d) => d >= today).sort().slice(0, 3);
    return html`<div class="section" part="section hours">
      ${this.#sectionTitle(this.#b.t('supportHours'))}
      <p>${this.#b.t('hoursLine', this.#weekdays(hours.weekdays), `${hours.opens}–${hours.closes}`, differ ? zoneCity(hours.timeZone) : '')}</p>
      ${next && !next.done
        ? html`<p class="muted">
            ${this.#b.t('yourTime', zoneCity(this.#b.host.viewerZone), formatTimeRange(next.value.start, next.value.end, this.#b.host.locale, this.#b.host.viewerZone))}
          </p>`
        : nothing}
      <p class="muted" part="holidays">
        ${this.#b.t('holidaysClosed')}
        ${upcoming.length ? this.#b.t('nextHolidays', formatList(upcoming.map((d) => this.#holidayName(d)), this.#b.host.locale)) : ''}
      </p>
    </div>`;
  }

  #renderHotline(hotline: EmergencyHotline): TemplateResult {
    const now = this.#b.host.time();
    const current = hotlineTierFor(hotline, now);
    const zone = zonesDiffer(now, this.#b.host.viewerZone, hotline.timeZone) ? zoneCity(hotline.timeZone) : '';
    const { pricing } = hotline;
    return html`<div class="section hotline" part="section hotline">
      ${this.#sectionTitle(this.#b.t('hotline'))}
      <p>${this.#b.t('hotlineIntro')}</p>
      <ul class="tiers" part="tiers">
        ${hotline.tiers.map((tier) => {
          const isCurrent = tier.id === current.tier.id && tier.from === current.tier.from;
          return html`<li part=${isCurrent ? 'tier tier-current' : 'tier'} data-tier=${tier.id} ?data-current=${isCurrent}>
            ${this.#b.t('tier', `${tier.from}–${tier.to}`, this.#hoursText(tier.responseHours), zone)}
            ${isCurrent ? html`<span class="badge" part="tier-badge">${this.#b.t('tierNow')}</span>` : nothing}
          </li>`;
        })}
      </ul>
      <p class="tier-now" part="tier-now" data-tier=${current.tier.id}>
        ${this.#b.t('tierInForce', this.#hoursText(current.tier.responseHours), this.#timeWithTenant(current.until, hotline.timeZone))}
      </p>
      ${this.#renderPhoneList(hotline.lines, this.#b.t('hotlineNumbers'))}
      <p part="price">
        ${this.#b.t('price', formatMoney(pricing.pricePerBlock, this.#b.host.locale), formatNumber(pricing.blockMinutes, this.#b.host.locale))}
        ${pricing.appliesTo.length
          ? this.#b.t('appliesTo', formatList(pricing.appliesTo.map((c) => formatRegion(c, this.#b.host.locale)), this.#b.host.locale))
          : ''}
      </p>
      ${this.#b.show('estimator') ? this.#renderEstimator(hotline) : nothing}
    </div>`;
  }

  #renderEstimator(hotline: EmergencyHotline): TemplateResult {
    const inputId = `${this.#b.uid}-minutes`;
    const outputId = `${this.#b.uid}-estimate`;
    const raw = this.#minutes.trim();
    const minutes = raw === '' ? Number.NaN : Number(raw);
    let result: string;
    let valid = true;
    try {
      const cost = hotlineCost(minutes, hotline.pricing);
      const minutesText = formatUnit(minutes, 'minute', this.#b.host.locale);
      result = this.#b.t(
        'estimate',
        minutesText,
        this.#b.t('blocks', formatNumber(cost.blocks, this.#b.host.locale)),
        formatMoney(cost.total, this.#b.host.locale),
      );
    } catch {
      valid = false;
      result = this.#b.t('minutesInvalid');
    }
    return html`<div class="estimator" part="estimator">
      <h4 class="estimator-title">${this.#b.t('estimator')}</h4>
      <div class="estimator-row">
        <label for=${inputId}>${this.#b.t('minutesLabel')}</label>
        <input
          id=${inputId}
          part="minutes-input"
          type="number"
          min="0"
          step="1"
          inputmode="decimal"
          .value=${this.#minutes}
          aria-invalid=${valid ? 'false' : 'true'}
          aria-describedby=${outputId}
          @input=${(event: Event) => this.#setMinutes((event.target as HTMLInputElement).value)}
        />
      </div>
      <output id=${outputId} part="estimate" for=${inputId} aria-live="polite" data-valid=${String(valid)}>${result}</output>
    </div>`;
  }
}
