import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { SupportError, toSupportError } from '../../backend/errors.js';
import { grantEndsAt } from '../../core/durations.js';
import type { Grant, UnlockRequest } from '../../core/types.js';
import { errorMessage } from '../../internal/templates.js';
import { DialogPart } from './dialog-part.js';
import { durationLabel, formatInZones, granteeLabel, untilText, writeErrorMessage } from './view-helpers.js';

/** Styles of the link view's body. */
export const linkViewStyles = css`
  .link-asks {
    margin: 0;
    font-weight: 600;
  }
  .facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.45em 1.25em;
    margin: 0;
  }
  .facts dt {
    color: var(--_muted);
  }
  .facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .reason {
    min-width: 14em;
  }
  @container (max-width: 480px) {
    .facts {
      grid-template-columns: 1fr;
      gap: 0.1em;
    }
    .facts dd {
      margin-block-end: 0.5em;
    }
  }
`;

export type LinkPhase =
  | 'idle' // no link
  | 'pending' // a token was handed over; resolving starts when the dialog is active
  | 'resolving'
  | 'ready' // the request is shown; the user confirms or declines
  | 'failed' // resolving failed (unknown, expired, used, no right, network…)
  | 'answering'
  | 'accepted'
  | 'declined';

/** Reasons after which the token is useless: it is dropped from memory. */
const FINAL_REASONS = new Set(['token-unknown', 'token-expired', 'token-used', 'right-missing']);

/** What the session says about the right "may unlock the support user" (see `SupportUnlockDialog`). */
export type UnlockRight = 'granted' | 'missing' | 'loading' | 'unknown';

/**
 * An e-mailed unlock link (internal element of `<support-unlock-dialog>`, shown instead of the tabs): resolves the
 * token (who asks, for whom, how long, data export, why), lets a user with the right confirm (with the same second
 * confirmation as the form for permanent and department-wide export grants) or decline, and words each failure
 * distinctly. A user without the right is told so at once, and the backend gets no call for the token. The token
 * stays in this element's memory only and is dropped once the link reached a final state or the element goes; it
 * is never stored, logged or put into the DOM. Answers are reported with the public `support-link-confirmed`;
 * leaving with `unlock-select-tab`.
 */
export class UnlockLinkView extends DialogPart {
  static override styles = [...DialogPart.styles, linkViewStyles];

  /** What the session says about the user's right; resolving waits while it is `loading`. */
  @property({ attribute: false }) unlockRight: UnlockRight = 'loading';

  @state() phase: LinkPhase = 'idle';
  @state() request: UnlockRequest | null = null;
  @state() error: SupportError | null = null;
  @state() answerError: SupportError | null = null;
  @state() confirmStep = false;
  @state() grant: Grant | null = null;

  #token: string | null = null;
  #controller: AbortController | null = null;

  /**
   * Hands over a token (write-only: the element keeps it in memory, the property reads `null`). A new token starts
   * over, dropping the previous one.
   */
  @property({ attribute: false })
  set token(value: string | null) {
    if (value) this.#open(value);
  }
  get token(): string | null {
    return null;
  }

  /** `true` while a token is held (tests check that it is dropped). */
  get holdsToken(): boolean {
    return this.#token !== null;
  }

  /** Moves focus to the heading (the dialog's first focus on a link). */
  focusTitle(): void {
    this.renderRoot.querySelector<HTMLElement>('#link-title')?.focus();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.#resolveIfPending();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.dismiss();
  }

  #open(token: string): void {
    this.#controller?.abort();
    this.#token = token;
    this.phase = 'pending';
    this.request = null;
    this.error = null;
    this.answerError = null;
    this.confirmStep = false;
    this.grant = null;
  }

  /** Leaves the link view (back to the tabs) and forgets the token. */
  dismiss(): void {
    this.#controller?.abort();
    this.#controller = null;
    this.#token = null;
    this.phase = 'idle';
    this.request = null;
    this.error = null;
    this.answerError = null;
    this.confirmStep = false;
    this.grant = null;
  }

  /**
   * Resolves a pending token once the dialog is active; called before every update. A user without the right
   * (known from the session) is told so at once: no confirm is offered and the backend gets no call for this token.
   */
  #resolveIfPending(): void {
    const waiting = this.phase === 'pending' || this.phase === 'resolving' || this.phase === 'ready';
    if (waiting && this.unlockRight === 'missing') this.#refuseWithoutRight();
    // The right is checked first (the session is usually at hand, from the cache or a moment later).
    else if (this.phase === 'pending' && this.api && this.unlockRight !== 'loading') void this.#resolve();
  }

  /** The session says the user lacks the right: the link cannot be confirmed; the token is dropped. */
  #refuseWithoutRight(): void {
    this.#controller?.abort();
    this.#controller = null;
    this.#token = null;
    this.request = null;
    this.confirmStep = false;
    this.answerError = null;
    this.error = new SupportError('forbidden', 'The unlock right is missing', { reason: 'right-missing' });
    this.phase = 'failed';
    this.#focus('link-title');
  }

  #update(): void {
    this.requestUpdate();
  }

  /** Focuses `name` once the pending render is done. */
  #focus(name: string): void {
    this.focusById(name);
  }

  async #resolve(): Promise<void> {
    const api = this.api;
    const token = this.#token;
    if (!api || !token) return;
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.phase = 'resolving';
    this.error = null;
    this.#update();
    try {
      this.request = await api.resolveUnlockToken(token, controller.signal);
      if (controller.signal.aborted) return;
      this.phase = 'ready';
    } catch (thrown) {
      const error = toSupportError(thrown);
      if (controller.signal.aborted || error.kind === 'aborted') return;
      this.error = error;
      this.phase = 'failed';
      if (error.reason && FINAL_REASONS.has(error.reason)) this.#token = null;
      if (error.reason === 'right-missing') this.rightMissing();
    } finally {
      if (this.#controller === controller) this.#controller = null;
      this.#update();
      this.#focus('link-title');
    }
  }

  get #needsConfirmation(): boolean {
    const r = this.request;
    return !!r && (r.duration === 'permanent' || (r.grantee.kind === 'department' && r.dataExport));
  }

  async #answer(accept: boolean): Promise<void> {
    const api = this.api;
    const token = this.#token;
    if (!api || !token || this.phase === 'answering') return;
    if (this.unlockRight === 'missing') {
      this.#refuseWithoutRight();
      this.#update();
      return;
    }
    if (accept && this.#needsConfirmation && !this.confirmStep) {
      this.confirmStep = true;
      this.#update();
      this.#focus('link-confirm-yes');
      return;
    }
    const controller = new AbortController();
    this.#controller = controller;
    this.phase = 'answering';
    this.answerError = null;
    this.#update();
    try {
      const grant = await api.confirmUnlockToken(token, accept, controller.signal);
      this.#token = null;
      this.grant = grant;
      this.phase = accept && grant ? 'accepted' : 'declined';
      this.confirmStep = false;
      // The dialog puts the grant into its overview on this event (and so may the page).
      this.emit('support-link-confirmed', { accepted: accept && grant !== null, grant });
      this.#focus('link-outcome');
    } catch (thrown) {
      const error = toSupportError(thrown);
      if (error.kind === 'aborted') return;
      this.answerError = error;
      this.phase = 'ready';
      if (error.reason && FINAL_REASONS.has(error.reason)) {
        // The link cannot work any more (used in another tab, expired meanwhile, right removed): say so.
        this.#token = null;
        this.error = error;
        this.phase = 'failed';
        this.#focus('link-title');
      }
      if (error.reason === 'right-missing') this.rightMissing();
    } finally {
      if (this.#controller === controller) this.#controller = null;
      this.#update();
    }
  }

  // ------------------------------------------------------------------------------------------------ render
  protected override render(): TemplateResult {
    const t = this.t;
    const id = (name: string) => name;
    return html`<section class="link" part="link" role="group" aria-labelledby=${id('link-title')} aria-busy=${this.phase === 'resolving' || this.phase === 'pending' ? 'true' : 'false'}>
      <h3 class="link-title" part="link-title" id=${id('link-title')} tabindex="-1">${t('linkTitle')}</h3>
      ${this.#renderBody()}
    </section>`;
  }

  #renderBody(): TemplateResult {
    const t = this.t;
    switch (this.phase) {
      case 'pending':
      case 'resolving':
      case 'idle':
        return html`<p class="muted" part="link-status" role="status">${t('linkChecking')}</p>`;
      case 'failed':
        return this.#renderFailure(this.error!);
      case 'accepted':
      case 'declined':
        return this.#renderOutcome();
      default:
        return this.#renderRequest(this.request!);
    }
  }

  #failureText(error: SupportError): string {
    const t = this.t;
    switch (error.reason) {
      case 'right-missing':
        return t('linkNoRight', t('rightName', this.tenantBrand));
      case 'token-unknown':
        return t('linkUnknown');
      case 'token-expired':
        return t('linkExpired');
      case 'token-used':
        return t('linkUsed');
      default:
        return error.kind === 'not-found' ? t('linkUnknown') : errorMessage(error, t, this.tenantBrand);
    }
  }

  #renderFailure(error: SupportError): TemplateResult {
    const t = this.t;
    const retryable = this.#token !== null;
    return html`<div class="notice error" part="link-error" role="alert" data-reason=${error.reason ?? error.kind}>
        <span>${this.#failureText(error)}</span>
      </div>
      <div class="actions" part="actions">
        ${retryable
          ? html`<button class="button primary" part="retry-button" type="button" @click=${() => void this.#resolve()}>${t('retry')}</button>`
          : nothing}
        <button class="button" part="link-dismiss-button" type="button" @click=${() => this.#leave('grant')}>${t('linkDismiss')}</button>
      </div>`;
  }

  #leave(tab: 'grant' | 'grants'): void {
    this.dismiss();
    this.report('unlock-select-tab', { tab, focus: true });
  }

  #renderOutcome(): TemplateResult {
    const { t, ctx } = this;
    const id = (name: string) => name;
    const grant = this.grant;
    const text =
      this.phase === 'accepted' && grant
        ? t('linkAccepted', granteeLabel(grant.grantee, t), untilText(grant.endsAt, ctx))
        : t('linkDeclined');
    return html`<div
        class="notice ${this.phase === 'accepted' ? 'success' : ''}"
        part="link-outcome"
        id=${id('link-outcome')}
        tabindex="-1"
        role="status"
        data-outcome=${this.phase}
      >
        ${text}
      </div>
      <div class="actions" part="actions">
        <button class="button primary" part="link-grants-button" type="button" @click=${() => this.#leave('grants')}>
          ${t('linkShowGrants')}
        </button>
      </div>`;
  }

  #renderRequest(request: UnlockRequest): TemplateResult {
    const { t, ctx } = this;
    const id = (name: string) => name;
    const busy = this.phase === 'answering';
    const endsIfNow = grantEndsAt(request.duration, this.currentTime(), this.tenantZone);
    const tenantEnd = endsIfNow ? formatInZones(endsIfNow, ctx, 'date-time', true).tenant : null;
    const time = (d: Date) => formatInZones(d, ctx, 'date-time', true);
    const both = (d: Date) => {
      const { viewer, tenant } = time(d);
      return tenant ? `${viewer} (${t('companyTime', tenant)})` : viewer;
    };
    return html`<p class="link-asks" part="link-asks">
        ${t('linkAsks', request.requestedBy.name, request.requestedBy.department.name)}
      </p>
      <dl class="facts" part="link-facts">
        <dt>${t('linkFor')}</dt>
        <dd>${granteeLabel(request.grantee, t)}</dd>
        <dt>${t('linkDuration')}</dt>
        <dd>
          ${durationLabel(request.duration, t)}
          <br /><span class="muted">${t('linkIfConfirmedNow')}: ${untilText(endsIfNow, ctx)}</span>
          ${tenantEnd ? html`<br /><span class="muted">${t('tenantZoneLine', tenantEnd, this.tenantZone)}</span>` : nothing}
        </dd>
        <dt>${t('linkExport')}</dt>
        <dd>${request.dataExport ? t('yes') : t('no')}</dd>
        <dt>${t('linkReason')}</dt>
        <dd class="reason">${request.reason.trim() ? request.reason : t('noReason')}</dd>
        <dt>${t('linkRequestedAt')}</dt>
        <dd>${both(request.requestedAt)}</dd>
        <dt>${t('linkValidUntil')}</dt>
        <dd>${both(request.expiresAt)}</dd>
      </dl>
      <p class="muted" part="preview-note">${t('countsFromNow')}</p>
      ${this.confirmStep
        ? html`<div class="notice warning confirm" part="confirm" role="group" aria-labelledby=${id('link-confirm-title')}>
            <strong id=${id('link-confirm-title')}>${t('confirmTitle')}</strong>
            ${request.duration === 'permanent' ? html`<p>${t('confirmPermanent')}</p>` : nothing}
            ${request.grantee.kind === 'department' && request.dataExport
              ? html`<p>${t('confirmDepartmentExport', request.grantee.name)}</p>`
              : nothing}
          </div>`
        : nothing}
      <div class="actions" part="actions">
        <button
          class="button primary"
          part="link-confirm-button"
          id=${id('link-confirm-yes')}
          type="button"
          aria-disabled=${busy ? 'true' : 'false'}
          @click=${() => void this.#answer(true)}
        >
          ${this.confirmStep ? t('confirmYes') : t('linkConfirm')}
        </button>
        <button
          class="button"
          part="link-decline-button"
          type="button"
          aria-disabled=${busy ? 'true' : 'false'}
          @click=${() => void this.#answer(false)}
        >
          ${t('linkDecline')}
        </button>
      </div>
      ${this.answerError
        ? html`<div class="notice error" part="form-error" role="alert">${writeErrorMessage(this.answerError, t, this.tenantBrand)}</div>`
        : nothing}`;
  }
}
