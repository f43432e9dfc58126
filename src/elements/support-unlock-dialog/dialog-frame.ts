import { html, nothing, type TemplateResult } from 'lit';
import { activeLoginSentence } from '../../internal/active-logins.js';
import { renderError, renderSkeleton, renderViewLoading } from '../../internal/templates.js';
import { type FrameHost, type FrameSlot, TABS, type UnlockDialogTab } from './shared.js';
import { granteeLabel, untilText } from './view-helpers.js';

export { dialogFrameStyles as styles } from './dialog-frame.styles.js';
/** The views' English strings (German in the dialog's German chunk), registered by the dialog when this loads. */
export { unlockViewTranslations as strings } from './views.i18n.js';

/**
 * What the dialog shows below its header while it is active (popup open, or `inline`): the live "Support (…) is in
 * your system since …" banner, the tab list with its panels (the no-right notice, the success notice, and the
 * Grant form and overviews in them), and the unlock link view's placeholder while that view loads. Loaded with a
 * dynamic `import()` when the dialog becomes active, in parallel with the Grant form (or the link view) and the
 * reads; the closed dialog carries none of it. The dialog keeps the data, the state and the focus; see
 * `SupportUnlockDialog`.
 */
export class DialogFrame {
  readonly #h: FrameHost;

  constructor(host: FrameHost) {
    this.#h = host;
  }

  render(): TemplateResult {
    const h = this.#h;
    return html`${this.#renderActiveLogins()} ${h.linkActive ? this.#renderLink() : this.#renderTabs()}`;
  }

  #renderActiveLogins(): TemplateResult {
    const { bridge: b, activeLogins: logins } = this.#h;
    const t = b.t;
    return html`<div class="active-logins" part="active-logins" role="status" ?hidden=${logins.length === 0}>
      ${logins.map((login) => {
        const { lead, reason } = activeLoginSentence(login, {
          text: {
            activeLogin: (name, since) => t('activeLogin', name, since),
            activeLoginReason: (r) => t('activeLoginReason', r),
            activeLoginNoReason: t('activeLoginNoReason'),
          },
          locale: b.locale,
          viewerZone: b.viewerZone,
          tenantZone: b.tenantZone,
          now: b.now(),
        });
        return html`<p class="active-login" part="active-login" data-id=${login.id}>
          <span class="dot" aria-hidden="true"></span><span><strong>${lead}</strong> — ${reason}</span>
        </p>`;
      })}
    </div>`;
  }

  #renderTabs(): TemplateResult {
    const { bridge: b, tab: selected } = this.#h;
    const t = b.t;
    const id = b.id;
    const labels: Record<UnlockDialogTab, string> = { grant: t('tabGrant'), grants: t('tabGrants'), logins: t('tabLogins') };
    return html`<div
        class="tablist"
        part="tablist"
        role="tablist"
        aria-labelledby=${id('title')}
        @keydown=${(e: KeyboardEvent) => this.#onTabKey(e)}
      >
        ${TABS.map(
          (tab) => html`<button
            class="tab"
            part=${tab === selected ? 'tab tab-selected' : 'tab'}
            id=${id(`tab-${tab}`)}
            role="tab"
            type="button"
            aria-selected=${tab === selected ? 'true' : 'false'}
            aria-controls=${id(`panel-${tab}`)}
            tabindex=${tab === selected ? '0' : '-1'}
            @click=${() => b.selectTab(tab)}
          >
            ${labels[tab]}
          </button>`,
        )}
      </div>
      ${TABS.map(
        (tab) => html`<div
          class="panel"
          part="panel"
          id=${id(`panel-${tab}`)}
          role="tabpanel"
          aria-labelledby=${id(`tab-${tab}`)}
          tabindex="0"
          ?hidden=${tab !== selected}
        >
          ${tab === selected ? this.#renderPanel(tab) : nothing}
        </div>`,
      )}`;
  }

  #onTabKey(event: KeyboardEvent): void {
    const index = TABS.indexOf(this.#h.tab);
    const rtl = getComputedStyle(this.#h.bridge.host).direction === 'rtl';
    const next = rtl ? 'ArrowLeft' : 'ArrowRight';
    const previous = rtl ? 'ArrowRight' : 'ArrowLeft';
    let target: number;
    if (event.key === next) target = (index + 1) % TABS.length;
    else if (event.key === previous) target = (index - 1 + TABS.length) % TABS.length;
    else if (event.key === 'Home') target = 0;
    else if (event.key === 'End') target = TABS.length - 1;
    else return;
    event.preventDefault();
    this.#h.bridge.selectTab(TABS[target]!, true);
  }

  #renderPanel(tab: UnlockDialogTab): TemplateResult | undefined {
    switch (tab) {
      case 'grant':
        return this.#renderGrantPanel();
      case 'grants':
        return html`${this.#renderSuccess()}${this.#renderLazy(this.#h.grantsList, 6)}`;
      case 'logins':
        return this.#renderLazy(this.#h.loginsList, 6);
    }
  }

  /** A lazily loaded view: itself once loaded, a skeleton while it loads, the error with a retry button if it failed. */
  #renderLazy(lazy: FrameSlot, lines: number): TemplateResult {
    return lazy.view ? lazy.view.render() : renderViewLoading(lazy, lines, this.#h.bridge.t);
  }

  /** The link view, or its frame with a placeholder (or the load error) until its module has loaded. */
  #renderLink(): TemplateResult {
    const { bridge: b, link } = this.#h;
    if (link.view) return link.view.render();
    const t = b.t;
    const id = b.id;
    const error = link.error;
    return html`<section class="link" part="link" aria-labelledby=${id('link-title')} aria-busy=${error ? 'false' : 'true'}>
      <h3 class="link-title" part="link-title" id=${id('link-title')} tabindex="-1">${t('linkTitle')}</h3>
      ${error
        ? html`${renderError(error, () => link.retry(), t)}
            <div class="actions" part="actions">
              <button class="button" part="link-dismiss-button" type="button" @click=${() => this.#leaveLink()}>${t('linkDismiss')}</button>
            </div>`
        : renderSkeleton(4, t)}
    </section>`;
  }

  /** Back to the tabs from a link whose view could not load: the token is dropped. */
  #leaveLink(): void {
    this.#h.dismissLink();
    this.#h.bridge.selectTab('grant', true);
  }

  #renderSuccess(): TemplateResult | typeof nothing {
    const { bridge: b, created: grant } = this.#h;
    if (!grant) return nothing;
    const t = b.t;
    return html`<p class="notice success" part="success" id=${b.id('success')} tabindex="-1" role="status">
      ${t('granted', granteeLabel(grant.grantee, t), untilText(grant.endsAt, b))}
    </p>`;
  }

  #renderGrantPanel(): TemplateResult | undefined {
    const { bridge: b, session, form } = this.#h;
    const t = b.t;
    return session.render({
      idle: () => renderSkeleton(5, t),
      loading: () => renderSkeleton(5, t),
      error: (error, retry) => renderError(error, retry, t),
      value: (s) =>
        s.rights.unlockSupport
          ? this.#renderLazy(form, 5)
          : html`<div class="notice warning no-right" part="no-right">
              <strong>${t('noRightTitle')}</strong>
              <p>${t('noRightText')}</p>
              <p>${t('noRightWhy')}</p>
            </div>`,
    });
  }
}
