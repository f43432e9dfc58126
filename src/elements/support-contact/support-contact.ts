import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { TierInForce } from '../../core/hotline.js';
import type { SupportStatus } from '../../core/support-hours.js';
import type { ContactInfo } from '../../core/types.js';
import { ChangeTimer } from '../../internal/change-timer.js';
import { phoneIcon } from '../../internal/icons.js';
import { type LazyView, ViewSupport } from '../../internal/lazy-views.js';
import { ModalSupportElement } from '../../internal/modal-element.js';
import { Resource } from '../../internal/resource.js';
import { baseStyles, cardStyles, tokens } from '../../internal/styles.js';
import { renderError, renderSkeleton, renderViewLoading } from '../../internal/templates.js';
import type * as ContactViewModule from './contact-view.js';
import type { ContactViewMessages } from './contact-view.i18n.js';
import type { ContactBridge } from './shared.js';
import { type SupportContactMessages, supportContactTranslations } from './support-contact.i18n.js';

/** The parts of the card that `sections` can switch on and off. */
export const CONTACT_SECTIONS = ['title', 'status', 'email', 'lines', 'hours', 'hotline', 'estimator'] as const;
export type ContactSection = (typeof CONTACT_SECTIONS)[number];

let instances = 0;

/**
 * The support's contact channels as a compact, themeable card: the support e-mail, the direct lines per country, the
 * support hours with the holidays ahead, whether support is open right now (and otherwise when it opens), and the
 * emergency hotline with the tier in force now, its price and a small cost estimator. Every number is a `tel:` link,
 * the address a `mailto:` link; all data comes from the backend (`getContactInfo`).
 *
 * Times show in the viewer's zone (`time-zone`, else the browser's) with the support's zone (Europe/Berlin) alongside
 * when the two differ. "Open now" and the hotline tier update by themselves at the next change (one timer set to
 * that instant, no polling). `sections` shows a part of the card only, e.g. `sections="status hotline"` for the
 * closed-hours notice of other elements. Inline by default; with `modal` it is a popup opened by `open` / `show()`.
 *
 * The element reads the contact data as soon as it is connected (opened, as a popup); the code of the card's content
 * loads side by side with it (a dynamic `import()`), with a skeleton until both are there.
 *
 * @summary Support e-mail, direct lines, hours, "open now" and the emergency hotline with its price.
 * @tag support-contact
 * @since 0.1.0
 *
 * @event support-request-close - The user asks to close the popup. Cancelable.
 * @event support-open - The popup opened.
 * @event support-close - The popup closed.
 *
 * @csspart dialog - The native `<dialog>` (only with `modal`).
 * @csspart base - The card.
 * @csspart header - Title row.
 * @csspart icon - The phone icon next to the title.
 * @csspart title - The heading.
 * @csspart close-button - Closes the popup (only with `modal`).
 * @csspart status - "Open now, until 18:00" / "Closed now, opens Mon 30 Nov at 09:00".
 * @csspart status-indicator - The coloured dot of the status.
 * @csspart channels - The e-mail, direct lines and hours block.
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
 * @csspart freshness - "Showing saved data" line.
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
 * @cssproperty --support-focus-ring - Focus indicator (box-shadow).
 */
export class SupportContact extends ModalSupportElement {
  static override styles = [tokens, baseStyles, cardStyles];

  /**
   * The dynamic import of the card's content (contact-view.ts).
   *
   * @internal Test seam: tests replace it (to count calls, delay or fail the load) and restore it. Not public API.
   */
  static loadView: () => Promise<typeof ContactViewModule> = () => import('./contact-view.js');

  /**
   * Which parts to show, space-separated, from `title status email lines hours hotline estimator` (the estimator is
   * part of the hotline block). Default: all. A popup always shows its title.
   */
  @property() sections: string = CONTACT_SECTIONS.join(' ');

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

  /** The view's styles and strings, taken in when it loads. */
  readonly #views = new ViewSupport<SupportContactMessages, ContactViewMessages>(
    this,
    () => this.t,
    (table) => this.translator(table),
  );
  readonly #view: LazyView<typeof ContactViewModule, ContactViewModule.ContactView>;

  constructor() {
    super();
    const bridge: ContactBridge = {
      host: this,
      t: this.#views.t,
      uid: this.uid,
      show: (section) => this.#show(section),
    };
    this.#view = this.#views.lazy(() => (this.constructor as typeof SupportContact).loadView(), (m) => new m.ContactView(bridge));
  }

  /** When "open now" or the hotline tier changes next, at `now()`; `null` before the data (and the card's code) is there. */
  nextChange(): Date | null {
    return this.#view.view?.nextChange() ?? null;
  }

  /** Support's status at `now()`, or `undefined` before the data (and the card's code) is there. */
  get status(): SupportStatus | undefined {
    return this.#view.view?.status;
  }

  /** The hotline tier in force at `now()`, or `undefined` before the data (and the card's code) is there. */
  get tier(): TierInForce | undefined {
    return this.#view.view?.tier;
  }

  /** The time now by the element's clock (`now`, the backend's, or the real one); the card's content reads it. */
  time(): Date {
    return this.currentTime();
  }

  #show(section: ContactSection): boolean {
    return this.sections.split(/\s+/).includes(section);
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    // The card's code, from the moment the element shows (a closed popup loads it when opened).
    if (!this.modal || this.open) this.#view.ensure();
  }

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    this.#views.addTo(root);
    return root;
  }

  /** Also waits for the card's code while it loads, so `await el.updateComplete` sees the card complete. */
  protected override getUpdateComplete(): Promise<boolean> {
    return this.#views.settled(() => super.getUpdateComplete());
  }

  protected override render(): TemplateResult {
    const titled = this.modal || this.#show('title');
    const titleId = `${this.uid}-title`;
    const lazy = this.#view;
    const content = html`<section
      class="base"
      part="base"
      aria-labelledby=${titled ? titleId : nothing}
      aria-label=${titled ? nothing : this.t('title')}
    >
      ${titled
        ? html`<header class="header" part="header">
            <span class="icon" part="icon" aria-hidden="true">${phoneIcon}</span>
            <h2 class="title" part="title" id=${titleId}>${this.t('title')}</h2>
            ${this.renderCloseButton(this.t('close'))}
          </header>`
        : nothing}
      ${this.contact.render({
        idle: () => renderSkeleton(4, this.t),
        loading: () => renderSkeleton(4, this.t),
        error: (error, retry) => renderError(error, retry, this.t),
        value: (info) => (lazy.view ? lazy.view.render(info) : renderViewLoading(lazy, 4, this.t)),
      })}
    </section>`;
    return this.renderShell(content, titleId);
  }
}
