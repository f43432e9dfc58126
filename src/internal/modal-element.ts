import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { SupportElement } from './support-element.js';

/** The focused element, looking inside shadow roots. */
function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement as HTMLElement | null;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement as HTMLElement;
  return active;
}

/**
 * A SupportElement that works inline (default) or, with the `modal` attribute, as a modal popup on a native
 * `<dialog>` opened with `showModal()` while `open` is set. Escape, the close button and a backdrop click send a
 * cancelable `support-request-close`; focus returns to the element that had it before opening.
 */
export abstract class ModalSupportElement extends SupportElement {
  /** Show as a modal popup (a native `<dialog>`) instead of inline. */
  @property({ type: Boolean, reflect: true }) modal = false;

  /** With `modal`: whether the popup is open. Reflects. */
  @property({ type: Boolean, reflect: true }) open = false;

  #opener: HTMLElement | null = null;

  /** Opens the popup (sets `modal` if needed). */
  show(): void {
    this.modal = true;
    this.open = true;
  }

  /** Closes the popup without asking (use `requestClose` to let listeners veto). */
  close(): void {
    this.open = false;
  }

  /** Asks to close: emits the cancelable `support-request-close` and closes unless a listener prevents it. */
  requestClose(source: 'escape' | 'close-button' | 'backdrop' = 'close-button'): boolean {
    const event = this.emit('support-request-close', { source }, { cancelable: true });
    if (event.defaultPrevented) return false;
    this.open = false;
    return true;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const dialog = this.renderRoot.querySelector('dialog');
    if (!dialog) return;
    const shouldBeOpen = this.modal && this.open;
    if (shouldBeOpen && !dialog.open) {
      this.#opener = deepActiveElement();
      dialog.showModal();
      this.emit('support-open', {});
    } else if (!shouldBeOpen && (dialog.open || this.#opener)) {
      if (dialog.open) dialog.close();
      const opener = this.#opener;
      this.#opener = null;
      if (opener?.isConnected) opener.focus();
      this.emit('support-close', {});
    }
  }

  /** The popup's close button (nothing when inline): asks to close through `support-request-close`. */
  protected renderCloseButton(label: string): TemplateResult | typeof nothing {
    if (!this.modal) return nothing;
    return html`<button class="icon-button" part="close-button" type="button" aria-label=${label} @click=${() => this.requestClose('close-button')}>
      <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true"><path d="M3 3l10 10M13 3L3 13" stroke="currentColor" stroke-width="2" /></svg>
    </button>`;
  }

  /** Wraps `content` in the dialog when modal, else returns it as is. `labelId` names the title element. */
  protected renderShell(content: TemplateResult, labelId: string): TemplateResult {
    if (!this.modal) return content;
    return html`<dialog
      part="dialog"
      aria-labelledby=${labelId}
      @cancel=${(event: Event) => {
        event.preventDefault();
        this.requestClose('escape');
      }}
      @close=${(event: Event) => {
        // The browser closed it on its own (e.g. a repeated Escape): keep \`open\` true to the truth. The event comes
        // a task later: after \`close(); show()\` in one go the dialog is open again, and this close is old news.
        if (this.open && !(event.currentTarget as HTMLDialogElement).open) this.open = false;
      }}
      @click=${(event: MouseEvent) => {
        if (event.target === event.currentTarget) this.requestClose('backdrop');
      }}
    >
      ${this.open ? content : null}
    </dialog>`;
  }
}
