import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { SupportBackend } from '../../backend/backend.js';
import type { SupportLogin } from '../../core/types.js';
import { ActiveLogins, activeLoginSentence } from '../../internal/active-logins.js';
import type { SupportCustomEvent } from '../../internal/events.js';
import { LiveEvents } from '../../internal/live-events.js';
import { baseStyles, tokens } from '../../internal/styles.js';
import { SupportElement } from '../../internal/support-element.js';
import { supportAccessIndicatorStyles } from './support-access-indicator.styles.js';
import { supportAccessIndicatorTranslations } from './support-access-indicator.i18n.js';

declare module '../../internal/events.js' {
  interface SupportEventDetails {
    /** Somebody from support logged in or out: `logins` are those in progress now, the most recent first. */
    'support-access-change': { active: boolean; logins: readonly SupportLogin[] };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'support-access-change': SupportCustomEvent<'support-access-change'>;
  }
}

/**
 * A tiny, always-visible status for the host's header: while a support employee is logged in to the tenant it says
 * "Support (Lena Hoffmann) has been in your system since 14:02 — reason: …", live (backend events, caught up after every
 * reconnect). When nobody is logged in it takes no space and says nothing; its status region stays in place, so
 * the next login is announced by screen readers.
 *
 * @summary Live "support is in your system" indicator for the host's header.
 * @tag support-access-indicator
 * @since 0.1.0
 *
 * @event support-access-change - Support logged in or out (`detail.active`, `detail.logins`).
 *
 * @csspart base - The badge (also the status region).
 * @csspart icon - The pulsing dot.
 * @csspart text - The sentence.
 * @csspart lead - "Support (name) has been in your system since 14:02".
 * @csspart reason - "reason: …".
 * @csspart more - "and 1 more support login".
 *
 * @cssproperty --support-indicator-max-width - Widest the badge grows before wrapping. Default 36rem.
 * @cssproperty --support-indicator-background - Badge background.
 * @cssproperty --support-indicator-color - Badge text colour.
 * @cssproperty --support-indicator-border-color - Badge border.
 * @cssproperty --support-indicator-dot - Colour of the dot.
 * @cssproperty --support-font-family - Font of all text.
 * @cssproperty --support-font-size - Base font size.
 * @cssproperty --support-color-text - Text colour.
 * @cssproperty --support-color-surface - Mixed into the badge background.
 * @cssproperty --support-color-warning - Badge border and tint.
 * @cssproperty --support-color-danger - The dot.
 */
export class SupportAccessIndicator extends SupportElement {
  static override styles = [tokens, baseStyles, supportAccessIndicatorStyles];

  /** Reflects whether somebody from support is logged in right now (style hook: `support-access-indicator[active]`). */
  @property({ type: Boolean, reflect: true }) active = false;

  /**
   * The clock, under its old name: an alias of `now` (the clock of every element), kept for existing hosts.
   * @deprecated Use `now`; this alias will go.
   */
  get clock(): () => Date {
    return () => this.currentTime();
  }
  set clock(value: () => Date) {
    this.now = value;
  }

  private t = this.translator(supportAccessIndicatorTranslations);

  /** Logins in progress, live. */
  readonly activeLogins = new ActiveLogins(this, () => this.api);

  protected readonly live = new LiveEvents(this, () => this.api, (event) => this.activeLogins.handle(event));
  /** The backend of the last update; `null` before the first one. */
  #lastBackend: SupportBackend | undefined | null = null;
  #lastIds = '';
  #timer: ReturnType<typeof setInterval> | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (this.api !== this.#lastBackend) {
      // Forget the logins of another backend. Not before the first update: the live subscription (made on connect)
      // may have started listing the logins already, and the first update can come later (it waits for the German
      // strings); a backend swapped meanwhile resubscribes, and its listing replaces the logins.
      if (this.#lastBackend !== null) this.activeLogins.reset();
      this.#lastBackend = this.api;
    }
    this.active = this.activeLogins.logins.length > 0;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const ids = this.activeLogins.logins.map((l) => l.id).join(',');
    if (this.activeLogins.known && ids !== this.#lastIds) {
      this.#lastIds = ids;
      this.emit('support-access-change', { active: this.active, logins: [...this.activeLogins.logins] });
    }
    // While somebody is in, re-render each minute ("since 14:02" becomes "since Tue 24 Nov, 14:02" after midnight).
    if (this.active && !this.#timer) this.#timer = setInterval(() => this.requestUpdate(), 60_000);
    if (!this.active && this.#timer) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
  }

  protected override render(): TemplateResult {
    const [first, ...others] = this.activeLogins.logins;
    return html`<span class="base" part="base" role="status">
      ${first ? this.#renderLogin(first, others.length) : nothing}
    </span>`;
  }

  #renderLogin(login: SupportLogin, more: number): TemplateResult {
    const { lead, reason } = activeLoginSentence(login, {
      text: {
        activeLogin: (name, since) => this.t('activeLogin', name, since),
        activeLoginReason: (reason) => this.t('activeLoginReason', reason),
        activeLoginNoReason: this.t('activeLoginNoReason'),
      },
      locale: this.locale,
      viewerZone: this.viewerZone,
      tenantZone: this.tenantZone,
      now: this.currentTime(),
    });
    return html`<span class="icon" part="icon" aria-hidden="true"></span>
      <span class="text" part="text"
        ><span class="lead" part="lead">${lead}</span> — <span class="reason" part="reason">${reason}</span>${more > 0
          ? html` <span class="more" part="more">${this.t('activeLoginMore', more)}</span>`
          : nothing}</span
      >`;
  }
}
