import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { TenantInfo } from '../../core/types.js';
import { ModalSupportElement } from '../../internal/modal-element.js';
import { Resource } from '../../internal/resource.js';
import { baseStyles, cardStyles, tokens } from '../../internal/styles.js';
import { formatDate } from '../../internal/format.js';
import { renderFreshness } from '../../internal/freshness.js';
import { renderError, renderSkeleton } from '../../internal/templates.js';
import { aboutTenantStyles } from './about-tenant.styles.js';
import { aboutTenantTranslations } from './about-tenant.i18n.js';

let instances = 0;

/** Writes `text` to the clipboard: the async Clipboard API, else a hidden textarea and `execCommand('copy')`. */
async function writeClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.cssText = 'position:fixed;inset-inline-start:-9999px;opacity:0';
    document.body.append(area);
    area.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    } finally {
      area.remove();
    }
  }
}

/**
 * What Help → About shows: the tenant name (Mandantenname), which users type into the "customer" field at login and
 * quote to support, with its label (Bezeichnung) and the version facts. The tenant name can be copied with one click.
 * Inline by default; with `modal` it is a popup opened by `open` / `show()`.
 *
 * @summary The tenant name, its label and the version facts (Help → About).
 * @tag about-tenant
 * @since 0.1.0
 *
 * @event support-copy - The tenant name was copied (`detail.success` says whether it worked).
 * @event support-request-close - The user asks to close the popup. Cancelable.
 * @event support-open - The popup opened.
 * @event support-close - The popup closed.
 *
 * @csspart dialog - The native `<dialog>` (only with `modal`).
 * @csspart base - The card.
 * @csspart header - Title row.
 * @csspart icon - The info "i".
 * @csspart title - The heading.
 * @csspart close-button - Closes the popup (only with `modal`).
 * @csspart facts - The list of facts.
 * @csspart tenant-name - The tenant name itself.
 * @csspart copy-button - Copies the tenant name.
 * @csspart freshness - "Updated just now" / "Showing saved data" line.
 * @csspart error - Error message with retry.
 * @csspart retry-button - The retry button.
 * @csspart skeleton - Placeholder while loading.
 *
 * @cssproperty --support-font-family - Font of all text.
 * @cssproperty --support-font-family-mono - Font of the tenant name.
 * @cssproperty --support-font-size - Base font size.
 * @cssproperty --support-color-text - Text colour.
 * @cssproperty --support-color-text-muted - Secondary text colour.
 * @cssproperty --support-color-surface - Card background.
 * @cssproperty --support-color-surface-alt - Background of the tenant name and hover states.
 * @cssproperty --support-color-border - Borders.
 * @cssproperty --support-color-accent - Info icon, primary actions.
 * @cssproperty --support-color-accent-text - Text on the accent colour.
 * @cssproperty --support-color-success - "Copied" confirmation.
 * @cssproperty --support-color-warning - Stale-data notice.
 * @cssproperty --support-color-danger - Errors.
 * @cssproperty --support-color-skeleton - Loading placeholders.
 * @cssproperty --support-radius - Corner radius.
 * @cssproperty --support-spacing - Inner spacing.
 * @cssproperty --support-shadow - Popup shadow.
 * @cssproperty --support-backdrop - Popup backdrop.
 * @cssproperty --support-color-surface-raised - Popup background (raised above the page; in dark themes lighter than the surface).
 * @cssproperty --support-focus-color - Colour of the focus outline (2 px, 2 px away from the control). Default: the accent colour.
 * @cssproperty --support-transition-duration - Length of hover transitions (none under `prefers-reduced-motion`).
 */
export class AboutTenant extends ModalSupportElement {
  static override styles = [tokens, baseStyles, cardStyles, aboutTenantStyles];

  private t = this.translator(aboutTenantTranslations);
  private readonly titleId = `about-tenant-title-${++instances}`;

  /** The tenant info, from the cache first, then fresh. */
  readonly info = new Resource<TenantInfo>(this, {
    args: () => [this.api],
    fetch: (backend, _args, signal) => backend.getTenantInfo(signal),
    peek: (backend) => backend.peek('getTenantInfo'),
  });

  @state() private copyState: 'idle' | 'copied' | 'failed' = 'idle';
  #copyTimer: ReturnType<typeof setTimeout> | undefined;

  /** Copies the tenant name to the clipboard; resolves with whether it worked. */
  async copyTenantName(): Promise<boolean> {
    const name = this.info.value?.tenantName;
    if (!name) return false;
    const success = await writeClipboard(name);
    this.copyState = success ? 'copied' : 'failed';
    clearTimeout(this.#copyTimer);
    this.#copyTimer = setTimeout(() => (this.copyState = 'idle'), 4000);
    this.emit('support-copy', { text: name, success });
    return success;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#copyTimer);
  }

  protected override render(): TemplateResult {
    const info = this.info.value;
    const title = info ? this.t('title', info.productName) : this.t('titleFallback');
    const content = html`<section class="base" part="base" role="group" aria-labelledby=${this.titleId}>
      <header class="header" part="header" role="none">
        <span class="icon" part="icon" aria-hidden="true">i</span>
        <h2 class="title" part="title" id=${this.titleId}>${title}</h2>
        ${this.renderCloseButton(this.t('close'))}
      </header>
      ${this.info.render({
        idle: () => renderSkeleton(4, this.t),
        loading: () => renderSkeleton(4, this.t),
        error: (error, retry) => renderError(error, retry, this.t),
        value: (value) => this.renderFacts(value),
      })}
    </section>`;
    return this.renderShell(content, this.titleId);
  }

  private renderFacts(info: TenantInfo): TemplateResult {
    const fact = (label: string, value: string | null) =>
      value ? html`<dt>${label}</dt><dd>${value}</dd>` : nothing;
    return html`<dl class="facts" part="facts">
        <dt>${this.t('tenantName')}</dt>
        <dd>
          <span class="tenant">
            <span class="tenant-name" part="tenant-name" translate="no">${info.tenantName}</span>
            <button class="button" part="copy-button" type="button" @click=${() => this.copyTenantName()}>
              ${this.copyState === 'copied' ? `✓ ${this.t('copied')}` : this.t('copyTenantName')}
            </button>
          </span>
          <span class="hint muted">${this.t('tenantNameHint')}</span>
          <span class="copied" role="status">
            ${this.copyState === 'copied'
              ? this.t('tenantNameCopied', info.tenantName)
              : this.copyState === 'failed'
                ? this.t('copyFailed')
                : ''}
          </span>
        </dd>
        ${fact(this.t('tenantLabel'), info.tenantLabel)} ${fact(this.t('version'), info.version)}
        ${fact(this.t('build'), info.build)}
        ${fact(this.t('releasedAt'), info.releasedAt ? formatDate(info.releasedAt, this.locale, this.viewerZone, 'date') : null)}
        ${fact(this.t('edition'), info.edition)} ${fact(this.t('customerNumber'), info.customerNumber)}
      </dl>
      ${renderFreshness(this.info, {
        t: this.t,
        locale: this.locale,
        timeZone: this.viewerZone,
        now: this.currentTime(),
      })}`;
  }
}
