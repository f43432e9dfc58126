import { html, nothing, type TemplateResult } from 'lit';
import { relativeDayName } from '../../core/chat.js';
import { supportStatus } from '../../core/support-hours.js';
import type { ContactInfo } from '../../core/types.js';
import type { SupportError } from '../../backend/errors.js';
import type { ContactFacts } from '../../internal/contact-facts.js';
import { errorMessage } from '../../internal/templates.js';
import { formatDate, formatMoney, formatZoneName, zonesDiffer } from '../../internal/format.js';
import type { Translator } from '../../internal/support-element.js';
import type { ChatMessages } from './support-chat-panel.i18n.js';

/** What the availability line reads (a partial of `<support-chat-panel>`: render functions, no state). */
export interface AvailabilityContext {
  readonly t: Translator<ChatMessages>;
  readonly now: Date;
  readonly locale: string;
  readonly viewerZone: string;
  /** The user asks for a callback. */
  readonly onRequestCallback: () => void;
}

/**
 * "Support is available until 18:00" or, outside support hours, when it is back — in the viewer's zone with the
 * support hours' zone alongside where they differ — and then pointers to a callback and the emergency hotline. From
 * saved or host-supplied facts after a failed read, a note says so, with the error.
 */
export function renderAvailability(facts: ContactFacts, error: SupportError | undefined, context: AvailabilityContext): TemplateResult {
  return html`${availability(facts.info, context)}${facts.source !== 'fresh' && error
    ? html`<p class="muted small" part="availability-note">
        ${context.t(facts.source === 'fallback' ? 'showingFallback' : 'availabilitySaved')} ${errorMessage(error, context.t)}
      </p>`
    : nothing}`;
}

function availability(contact: ContactInfo, context: AvailabilityContext): TemplateResult {
  const { t, now, locale, viewerZone: zone } = context;
  const hours = contact.supportHours;
  const status = supportStatus(hours, now);
  const differ = zonesDiffer(now, zone, hours.timeZone);
  const time = (at: Date, timeZone: string) => formatDate(at, locale, timeZone, 'time');
  const zoneName = formatZoneName(now, locale, hours.timeZone);
  if (status.open) {
    const text = differ
      ? t('openUntilZoned', time(status.closesAt, zone), time(status.closesAt, hours.timeZone), zoneName)
      : t('openUntil', time(status.closesAt, zone));
    return html`<p class="availability" part="availability" data-open="">
      <span class="dot" part="status-dot" aria-hidden="true"></span><span>${text}</span>
    </p>`;
  }
  const when = (at: Date, timeZone: string) => {
    const relative = relativeDayName(at, now, timeZone);
    if (relative === 'today') return t('backToday', time(at, timeZone));
    if (relative === 'tomorrow') return t('backTomorrow', time(at, timeZone));
    return t('backOn', formatDate(at, locale, timeZone, 'weekday-date'), time(at, timeZone));
  };
  const opensAt = status.opensAt;
  // In the support hours' zone only the time, unless the day differs too ("tomorrow at 01:00 (Mon at 09:00 CET)").
  const tenantWhen = (at: Date) =>
    formatDate(at, locale, zone, 'date') === formatDate(at, locale, hours.timeZone, 'date')
      ? t('zoneTime', time(at, hours.timeZone))
      : when(at, hours.timeZone);
  const text = !opensAt
    ? t('closed')
    : differ
      ? t('closedUntilZoned', when(opensAt, zone), tenantWhen(opensAt), zoneName)
      : t('closedUntil', when(opensAt, zone));
  const hotline = contact.hotline;
  return html`<p class="availability" part="availability">
      <span class="dot" part="status-dot" aria-hidden="true"></span><span>${text}</span>
    </p>
    <div class="after-hours" part="after-hours">
      <slot name="after-hours">
        <span class="muted">${t('urgent')}</span>
        <button class="button small" part="callback-button" type="button" @click=${context.onRequestCallback}>
          ${t('requestCallback')}
        </button>
        ${hotline.lines.length
          ? html`<details class="hotline" part="hotline">
              <summary>${t('hotline')}</summary>
              <ul>
                ${hotline.lines.map(
                  (line) => html`<li>
                    <span class="muted">${line.countries.join(', ')}</span>
                    <a part="hotline-number" href=${`tel:${line.e164}`}>${line.display}</a>
                  </li>`,
                )}
              </ul>
              <p class="muted">${t('hotlinePrice', formatMoney(hotline.pricing.pricePerBlock, locale), hotline.pricing.blockMinutes)}</p>
            </details>`
          : nothing}
      </slot>
    </div>`;
}
