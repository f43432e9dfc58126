import { addDays } from 'date-fns';
import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { hotlineCost, hotlineTierFor, type TierInForce } from '../../core/hotline.js';
import { openingPeriods, supportStatus, type SupportStatus } from '../../core/support-hours.js';
import type { ContactInfo, EmergencyHotline, IsoDay, PhoneLine, SupportHours } from '../../core/types.js';
import { isoDayIn } from '../../core/zone.js';
import { inZone } from '../../core/zoned.js';
import {
  formatDate,
  formatList,
  formatMoney,
  formatNumber,
  formatRegion,
  formatRegionInSentence,
  formatTimeRange,
  formatUnit,
  formatWeekday,
  zoneCity,
  zonesDiffer,
} from '../../internal/format.js';
import { renderFreshness } from '../../internal/freshness.js';
import { ChangeTimer } from '../../internal/change-timer.js';
import { phoneIcon } from '../../internal/icons.js';
import { ModalSupportElement } from '../../internal/modal-element.js';
import { Resource } from '../../internal/resource.js';
import { baseStyles, cardStyles, tokens } from '../../internal/styles.js';
import { errorMessage, renderError, renderSkeleton } from '../../internal/templates.js';
import { type ContactFacts, FallbackContact, contactFacts } from '../../internal/contact-facts.js';
import { supportContactStyles } from './support-contact.styles.js';
import { supportContactTranslations } from './support-contact.i18n.js';

/** The parts of the card that `sections` can switch on and off. */
export const CONTACT_SECTIONS = ['title', 'status', 'chat', 'callback', 'email', 'lines', 'hours', 'hotline', 'estimator'] as const;
export type ContactSection = (typeof CONTACT_SECTIONS)[number];

/** The support channels a user can pick on the card. */
export type SupportChannel = 'chat' | 'callback' | 'email' | 'phone' | 'hotline';

export interface SupportChannelSelectDetail {
  /** `phone` is a direct line, `hotline` an emergency hotline number. */
  readonly channel: SupportChannel;
  /** The e-mail address or the E.164 number picked; `null` for `chat` and `callback`. */
  readonly target: string | null;
}

declare module '../../internal/events.js' {
  interface SupportEventDetails {
    /**
     * The user picked a support channel on the contact card. Cancelable: for `email`, `phone` and `hotline`,
     * `preventDefault()` stops the `mailto:`/`tel:` link (the host handles it); `chat` and `callback` have no default:
     * the host opens its chat or its callback booking.
     */
    'support-channel-select': SupportChannelSelectDetail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'support-channel-select': CustomEvent<SupportChannelSelectDetail>;
  }
}

let instances = 0;

/**
 * The support's contact channels as a compact, themeable card: the support chat and the callback service (buttons that
 * tell the host, which opens them), the support e-mail, the direct lines per country, the support hours with the
 * holidays ahead, whether support is open right now (and otherwise when it opens), and the emergency hotline with the
 * tier in force now, its price and a small cost estimator. Every number is a `tel:` link, the address a `mailto:`
 * link; picking any channel fires `support-channel-select`. The data comes from the backend (`getContactInfo`).
 *
 * Facts survive a failure: when the backend cannot be read, the card shows the last known data (cached) or, without
 * any, the host's `fallbackContact`, with the error and a retry beside them — never the error alone while a number is
 * known. Fresh data wins over cached data, cached over the host's.
 *
 * Times show in the viewer's zone (`time-zone`, else the browser's) with the tenant's zone (`tenantZone`) alongside
 * when the two differ. "Open now" and the hotline tier update by themselves at the next change (one timer set to
 * that instant, no polling). `sections` shows a part of the card only, e.g. `sections="status hotline"` for the
 * closed-hours notice of other elements. Inline by default; with `modal` it is a popup opened by `open` / `show()`.
 *
 * The element reads the contact data as soon as it is connected (opened, as a popup), with a skeleton until it is
 * there; `status`, `tier` and `nextChange()` answer from then on.
 *
 * @summary Support e-mail, direct lines, hours, "open now" and the emergency hotline with its price.
 * @tag support-contact
 * @since 0.1.0
 *
 * @event support-request-close - The user asks to close the popup. Cancelable.
 * @event support-open - The popup opened.
 * @event support-close - The popup closed.
 * @event {CustomEvent<SupportChannelSelectDetail>} support-channel-select - The user picked a channel:
 *   `detail.channel` is `chat`, `callback`, `email`, `phone` (a direct line) or `hotline`, `detail.target` the address
 *   or E.164 number (`null` for chat and callback). Cancelable: `preventDefault()` stops a `mailto:`/`tel:` link.
 *
 * @csspart dialog - The native `<dialog>` (only with `modal`).
 * @csspart base - The card.
 * @csspart header - Title row.
 * @csspart icon - The phone icon next to the title.
 * @csspart title - The heading.
 * @csspart close-button - Closes the popup (only with `modal`).
 * @csspart status - "Open now, until 18:00" / "Closed now, opens Mon 30 Nov at 09:00".
 * @csspart status-indicator - The coloured dot of the status.
 * @csspart channels - The chat, callback, e-mail, direct lines and hours block.
 * @csspart chat - The support chat block.
 * @csspart callback - The callback block.
 * @csspart channel-button - The "Open the support chat" and "Request a callback" buttons.
 * @csspart section - Each block (e-mail, direct lines, hours, hotline).
 * @csspart section-title - Each block's heading.
 * @csspart email - The e-mail block.
 * @csspart email-link - The `mailto:` link.
 * @csspart direct-lines - The direct lines block.
 * @csspart phone-list - A list of numbers per country.
 * @csspart phone-link - Each `tel:` link.
 * @csspart country - The countries a number serves.
 * @csspart hours - The support hours block.
 * @csspart holidays - The holidays line.
 * @csspart hotline - The emergency hotline block.
 * @csspart tiers - The list of hotline tiers.
 * @csspart tier - One tier; the one in force also has `tier-current`.
 * @csspart tier-current - The tier in force now.
 * @csspart tier-badge - The "now" badge of the tier in force.
 * @csspart tier-now - The sentence about the tier in force and until when.
 * @csspart price - The hotline price.
 * @csspart estimator - The cost estimator.
 * @csspart minutes-input - The minutes field of the estimator.
 * @csspart estimate - The estimator's result (minutes = blocks = price).
 * @csspart freshness - "Showing saved data" line; also the notice above host-supplied data (`data-state="fallback"`).
 * @csspart error - Error message with retry.
 * @csspart retry-button - The retry button.
 * @csspart skeleton - Placeholder while loading.
 *
 * @cssproperty --support-font-family - Font of all text.
 * @cssproperty --support-font-size - Base font size.
 * @cssproperty --support-color-text - Text colour.
 * @cssproperty --support-color-text-muted - Secondary text colour.
 * @cssproperty --support-color-surface - Card background.
 * @cssproperty --support-color-surface-alt - Background of the hotline block and hover states.
 * @cssproperty --support-color-border - Borders.
 * @cssproperty --support-color-accent - Links, icon, the "now" badge.
 * @cssproperty --support-color-accent-text - Text on the accent colour.
 * @cssproperty --support-color-success - "Open now" indicator.
 * @cssproperty --support-color-warning - "Closed now" indicator, stale-data notice.
 * @cssproperty --support-color-danger - Errors.
 * @cssproperty --support-color-skeleton - Loading placeholders.
 * @cssproperty --support-radius - Corner radius.
 * @cssproperty --support-spacing - Inner spacing.
 * @cssproperty --support-shadow - Popup shadow.
 * @cssproperty --support-backdrop - Popup backdrop.
 * @cssproperty --support-color-surface-raised - Popup background (raised above the page; in dark themes lighter than the surface).
 * @cssproperty --support-focus-color - Colour of the focus outline (2 px, 2 px away from the control). Default: the accent colour.
 */
export class SupportContact extends ModalSupportElement {
  static override styles = [tokens, baseStyles, cardStyles, supportContactStyles];

  /**
   * Which parts to show, space-separated, from `title status chat callback email lines hours hotline estimator` (the
   * estimator is part of the hotline block). Default: all. A popup always shows its title. Leave out `chat` or
   * `callback` where the page offers no chat or no callback (the card only asks the host to open them).
   */
  @property() sections: string = CONTACT_SECTIONS.join(' ');

  /**
   * Contact facts the host knows itself (the same shape as `getContactInfo()` answers, e.g. the JSON of the server's
   * `/contact`), shown while nothing better is known: when the backend fails and nothing is cached, and while the
   * first answer is on its way. Fresh backend data wins, then cached data, then these. Checked like adapter data: a
   * value that breaks the contract is ignored with a console warning naming the field.
   */
  @property({ attribute: false }) fallbackContact?: ContactInfo;

  readonly #fallback = new FallbackContact('support-contact');

  private t = this.translator(supportContactTranslations);
  private readonly uid = `support-contact-${++instances}`;

  /** The contact data, from the cache first, then fresh. */
  readonly contact = new Resource<ContactInfo>(this, {
    args: () => [this.api],
    fetch: (backend, _args, signal) => backend.getContactInfo(signal),
    peek: (backend) => backend.peek('getContactInfo'),
  });

  /** Re-renders when the status or the tier changes next. */
  readonly changeTimer = new ChangeTimer(this, { now: () => this.currentTime(), next: () => this.nextChange() });

  /** The minutes typed into the estimator. */
  #minutes = '10';

  #setMinutes(value: string): void {
    this.#minutes = value;
    this.requestUpdate();
  }

  /** The facts on screen and where they come from (`fresh`, `cached`, `fallback`); `undefined` while none is known. */
  get facts(): ContactFacts | undefined {
    return contactFacts(this.contact, this.#fallback.read(this.fallbackContact));
  }

  /** When "open now" or the hotline tier changes next, at `now()`; `null` before the data is there. */
  nextChange(): Date | null {
    const info = this.facts?.info;
    if (!info) return null;
    const at = this.currentTime();
    const status = supportStatus(info.supportHours, at);
    const candidates = [status.open ? status.closesAt : status.opensAt, hotlineTierFor(info.hotline, at).until];
    const times = candidates.filter((d): d is Date => d !== null).map((d) => d.getTime());
    return times.length ? new Date(Math.min(...times)) : null;
  }

  /** Support's status at `now()`, or `undefined` before the data is there. */
  get status(): SupportStatus | undefined {
    const info = this.facts?.info;
    return info ? supportStatus(info.supportHours, this.currentTime()) : undefined;
  }

  /** The hotline tier in force at `now()`, or `undefined` before the data is there. */
  get tier(): TierInForce | undefined {
    const info = this.facts?.info;
    return info ? hotlineTierFor(info.hotline, this.currentTime()) : undefined;
  }

  // ------------------------------------------------------------------------------------------------ formatting
  /** `14:30` in the viewer's zone, with ` (Berlin: 20:30)` when the tenant's zone shows another time. */
  #timeWithTenant(at: Date, tenantZone = this.tenantZone): string {
    const time = this.t('clock', formatDate(at, this.locale, this.viewerZone, 'time'));
    if (!zonesDiffer(at, this.viewerZone, tenantZone)) return time;
    return `${time} (${this.t('alongside', zoneCity(tenantZone), this.#tenantDayTime(at, tenantZone))})`;
  }

  /** The time in the tenant's zone, with its weekday when the calendar day differs from the viewer's. */
  #tenantDayTime(at: Date, tenantZone: string): string {
    const time = this.t('clock', formatDate(at, this.locale, tenantZone, 'time'));
    return isoDayIn(at, tenantZone) === isoDayIn(at, this.viewerZone)
      ? time
      : `${formatDate(at, this.locale, tenantZone, 'weekday-date')} ${time}`;
  }

  #statusText(status: SupportStatus, hours: SupportHours): string {
    const now = this.currentTime();
    if (status.open) return this.t('openUntil', this.#timeWithTenant(status.closesAt, hours.timeZone));
    if (!status.opensAt) return this.t('noOpening');
    const time = this.#timeWithTenant(status.opensAt, hours.timeZone);
    const day = isoDayIn(status.opensAt, this.viewerZone);
    if (day === isoDayIn(now, this.viewerZone)) return this.t('opensToday', time);
    if (day === isoDayIn(addDays(now, 1, inZone(this.viewerZone)), this.viewerZone)) return this.t('opensTomorrow', time);
    return this.t('opensOn', formatDate(status.opensAt, this.locale, this.viewerZone, 'weekday-date'), time);
  }

  /** "Monday – Friday" from ISO weekdays, runs of consecutive days joined. */
  #weekdays(days: readonly number[]): string {
    const name = (iso: number) => formatWeekday(iso, this.locale);
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
    return formatDate(new Date(`${day}T12:00:00Z`), this.locale, 'UTC', 'day-month');
  }

  #countries(line: PhoneLine): string {
    return formatList(
      line.countries.map((c) => formatRegion(c, this.locale)),
      this.locale,
      'unit',
    );
  }

  #hoursText(hours: number): string {
    return formatUnit(hours, 'hour', this.locale);
  }

  // ------------------------------------------------------------------------------------------------ rendering
  /** The card's content for the facts known (under the frame's title). */
  #renderCard({ info, source }: ContactFacts): TemplateResult {
    return html`${source === 'fallback' ? this.#renderFallbackNotice() : nothing}
      ${this.#show('status') ? this.#renderStatus(info.supportHours) : nothing} ${this.#renderChannels(info)}
      ${this.#show('hotline') ? this.#renderHotline(info.hotline) : nothing}
      ${this.contact.state === 'stale'
        ? renderFreshness(this.contact, {
            t: this.t,
            locale: this.locale,
            timeZone: this.viewerZone,
            now: this.currentTime(),
          })
        : nothing}`;
  }

  /** Chat, callback and — when facts are known — e-mail, direct lines and hours. */
  #renderChannels(info: ContactInfo | undefined): TemplateResult | typeof nothing {
    const channels = [
      this.#show('chat') ? this.#renderPick('chat') : null,
      this.#show('callback') ? this.#renderPick('callback') : null,
      info && this.#show('email') ? this.#renderEmail(info.email) : null,
      info && this.#show('lines') ? this.#renderLines(info.directLines) : null,
      info && this.#show('hours') ? this.#renderHours(info.supportHours) : null,
    ].filter((x) => x !== null);
    return channels.length ? html`<div class="channels" part="channels">${channels}</div>` : nothing;
  }

  /** Host-supplied facts on screen: why, the error when there is one, and a retry. */
  #renderFallbackNotice(): TemplateResult {
    const error = this.contact.error;
    return html`<div class="notice warning freshness" part="freshness" data-state="fallback" role="status">
      <span>${this.t('showingFallback')}</span>
      ${error
        ? html`<span>${errorMessage(error, this.t)}</span>
            <button class="button" part="retry-button" type="button" @click=${() => void this.contact.retry()}>${this.t('retry')}</button>`
        : html`<span class="muted">${this.t('refreshing')}</span>`}
    </div>`;
  }

  /** Tells the host the user picked `channel`; `true` unless the host prevented the default. */
  #select(channel: SupportChannel, target: string | null): boolean {
    return !this.emit('support-channel-select', { channel, target }, { cancelable: true }).defaultPrevented;
  }

  /** A link's click: the event first; a prevented one keeps the browser from following the link. */
  #onLink(channel: SupportChannel, target: string): (event: Event) => void {
    return (event) => {
      if (!this.#select(channel, target)) event.preventDefault();
    };
  }

  #renderPick(channel: 'chat' | 'callback'): TemplateResult {
    return html`<div class="section" part="section ${channel}">
      ${this.#sectionTitle(this.t(channel === 'chat' ? 'chat' : 'callback'))}
      <p>${this.t(channel === 'chat' ? 'chatText' : 'callbackText')}</p>
      <button class="button" part="channel-button" type="button" data-channel=${channel} @click=${() => this.#select(channel, null)}>
        ${this.t(channel === 'chat' ? 'openChat' : 'requestCallback')}
      </button>
    </div>`;
  }

  #renderStatus(hours: SupportHours): TemplateResult {
    const status = supportStatus(hours, this.currentTime());
    return html`<p class="status" part="status" data-open=${String(status.open)}>
      <span class="dot" part="status-indicator" aria-hidden="true"></span>
      <span><strong>${status.open ? this.t('openNow') : this.t('closedNow')}</strong>, ${this.#statusText(status, hours)}</span>
    </p>`;
  }

  #sectionTitle(text: string): TemplateResult {
    return html`<h3 class="section-title" part="section-title">${text}</h3>`;
  }

  #renderEmail(email: string): TemplateResult {
    return html`<div class="section" part="section email">
      ${this.#sectionTitle(this.t('email'))}
      <a part="email-link" href=${`mailto:${email}`} @click=${this.#onLink('email', email)}>${email}</a>
    </div>`;
  }

  #renderPhoneList(lines: readonly PhoneLine[], label: string, channel: 'phone' | 'hotline'): TemplateResult {
    return html`<ul class="phones" part="phone-list" aria-label=${label}>
      ${lines.map(
        (line) => html`<li>
          <span class="country" part="country">${this.#countries(line)}</span>
          <a part="phone-link" href=${`tel:${line.e164}`} translate="no" @click=${this.#onLink(channel, line.e164)}
            >${line.display}</a
          >
        </li>`,
      )}
    </ul>`;
  }

  #renderLines(lines: readonly PhoneLine[]): TemplateResult {
    return html`<div class="section" part="section direct-lines">
      ${this.#sectionTitle(this.t('directLines'))} ${this.#renderPhoneList(lines, this.t('directLines'), 'phone')}
    </div>`;
  }

  #renderHours(hours: SupportHours): TemplateResult {
    const now = this.currentTime();
    const differ = zonesDiffer(now, this.viewerZone, hours.timeZone);
    const next = differ ? openingPeriods(hours, now, 1).next() : undefined;
    const today = isoDayIn(now, hours.timeZone);
    const upcoming = [...hours.holidays].filter((d) => d >= today).sort().slice(0, 3);
    return html`<div class="section" part="section hours">
      ${this.#sectionTitle(this.t('supportHours'))}
      <p>${this.t('hoursLine', this.#weekdays(hours.weekdays), `${hours.opens}–${hours.closes}`, differ ? zoneCity(hours.timeZone) : '')}</p>
      ${next && !next.done
        ? html`<p class="muted">
            ${this.t('yourTime', zoneCity(this.viewerZone), formatTimeRange(next.value.start, next.value.end, this.locale, this.viewerZone))}
          </p>`
        : nothing}
      <p class="muted" part="holidays">
        ${this.t('holidaysClosed')}
        ${upcoming.length ? this.t('nextHolidays', formatList(upcoming.map((d) => this.#holidayName(d)), this.locale)) : ''}
      </p>
    </div>`;
  }

  #renderHotline(hotline: EmergencyHotline): TemplateResult {
    const now = this.currentTime();
    const current = hotlineTierFor(hotline, now);
    const zone = zonesDiffer(now, this.viewerZone, hotline.timeZone) ? zoneCity(hotline.timeZone) : '';
    const { pricing } = hotline;
    return html`<div class="section hotline" part="section hotline">
      ${this.#sectionTitle(this.t('hotline'))}
      <p>${this.t('hotlineIntro')}</p>
      <ul class="tiers" part="tiers">
        ${hotline.tiers.map((tier) => {
          const isCurrent = tier.id === current.tier.id && tier.from === current.tier.from;
          return html`<li part=${isCurrent ? 'tier tier-current' : 'tier'} data-tier=${tier.id} ?data-current=${isCurrent}>
            ${this.t('tier', `${tier.from}–${tier.to}`, this.#hoursText(tier.responseHours), zone)}
            ${isCurrent ? html`<span class="badge" part="tier-badge">${this.t('tierNow')}</span>` : nothing}
          </li>`;
        })}
      </ul>
      <p class="tier-now" part="tier-now" data-tier=${current.tier.id}>
        ${this.t('tierInForce', this.#hoursText(current.tier.responseHours), this.#timeWithTenant(current.until, hotline.timeZone))}
      </p>
      ${this.#renderPhoneList(hotline.lines, this.t('hotlineNumbers'), 'hotline')}
      <p part="price">
        ${this.t('price', formatMoney(pricing.pricePerBlock, this.locale), formatNumber(pricing.blockMinutes, this.locale))}
        ${pricing.appliesTo.length
          ? this.t('appliesTo', formatList(pricing.appliesTo.map((c) => formatRegionInSentence(c, this.locale)), this.locale))
          : ''}
      </p>
      ${this.#show('estimator') ? this.#renderEstimator(hotline) : nothing}
    </div>`;
  }

  #renderEstimator(hotline: EmergencyHotline): TemplateResult {
    const inputId = `${this.uid}-minutes`;
    const outputId = `${this.uid}-estimate`;
    const raw = this.#minutes.trim();
    const minutes = raw === '' ? Number.NaN : Number(raw);
    let result: string;
    let valid = true;
    try {
      const cost = hotlineCost(minutes, hotline.pricing);
      const minutesText = formatUnit(minutes, 'minute', this.locale);
      result = this.t(
        'estimate',
        minutesText,
        this.t('blocks', formatNumber(cost.blocks, this.locale)),
        formatMoney(cost.total, this.locale),
      );
    } catch {
      valid = false;
      result = this.t('minutesInvalid');
    }
    return html`<div class="estimator" part="estimator">
      <h4 class="estimator-title">${this.t('estimator')}</h4>
      <div class="estimator-row">
        <label for=${inputId}>${this.t('minutesLabel')}</label>
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

  #show(section: ContactSection): boolean {
    return this.sections.split(/\s+/).includes(section);
  }

  /** The facts known (fresh, cached or the host's), else the skeleton or the error — with chat and callback anyway. */
  #renderBody(): TemplateResult {
    const facts = this.facts;
    if (facts) return this.#renderCard(facts);
    const state = this.contact.state;
    return html`${state === 'error'
      ? renderError(this.contact.error!, () => void this.contact.retry(), this.t)
      : renderSkeleton(4, this.t)}
    ${this.#renderChannels(undefined)}`;
  }

  protected override render(): TemplateResult {
    const titled = this.modal || this.#show('title');
    const titleId = `${this.uid}-title`;
    const content = html`<section
      class="base"
      part="base"
      role="group"
      aria-labelledby=${titled ? titleId : nothing}
      aria-label=${titled ? nothing : this.t('title')}
    >
      ${titled
        ? html`<header class="header" part="header" role="none">
            <span class="icon" part="icon" aria-hidden="true">${phoneIcon}</span>
            <h2 class="title" part="title" id=${titleId}>${this.t('title')}</h2>
            ${this.renderCloseButton(this.t('close'))}
          </header>`
        : nothing}
      ${this.#renderBody()}
    </section>`;
    return this.renderShell(content, titleId);
  }
}
