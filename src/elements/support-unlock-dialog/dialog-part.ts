import { css } from 'lit';
import { property } from 'lit/decorators.js';
import type { SupportError } from '../../backend/errors.js';
import { baseStyles, tokens } from '../../internal/styles.js';
import { SupportElement, type Translator } from '../../internal/support-element.js';
import { dialogFrameStyles } from './dialog-frame.styles.js';
import { type UnlockViewMessages, unlockViewTranslations } from './views.i18n.js';

/**
 * What the dialog and its internal elements (the Grant form, the two overviews, the unlock-link view) share: the tab
 * names, the events the parts report with, a snapshot of a read's freshness, and the parts' base class. The parts
 * load together when the dialog first becomes active (`contents.ts`); they get their data by property and answer with
 * events: the public `support-*` ones (which the dialog reads too) and the `DialogPartEventDetails` below.
 */

/** The dialog's strings for its tabs, notices and parts (`views.i18n.ts`). */
export type DialogTranslator = Translator<UnlockViewMessages>;

export type UnlockDialogTab = 'grant' | 'grants' | 'logins';

/** The tabs, in their order. */
export const TABS: readonly UnlockDialogTab[] = ['grant', 'grants', 'logins'];

/** Where data on screen comes from (`renderFreshness`), as the dialog passes it to a part. */
export interface DataStatus {
  readonly state: 'idle' | 'loading' | 'fresh' | 'stale' | 'error';
  readonly refreshing: boolean;
  readonly updatedAt: Date | undefined;
  readonly error: SupportError | undefined;
}

export const NO_DATA: DataStatus = { state: 'idle', refreshing: false, updatedAt: undefined, error: undefined };

/** Zone facts and strings for the formatting helpers (`view-helpers.ts`). */
export interface DialogContext {
  readonly t: DialogTranslator;
  readonly locale: string;
  readonly viewerZone: string;
  readonly tenantZone: string;
}

/** The parts' reports to the dialog: plain events on the part (they neither bubble nor leave the dialog). */
export interface DialogPartEventDetails {
  /** Say `text` through the dialog's polite status region. */
  'unlock-announce': { readonly text: string };
  /** A write was refused with `right-missing`: the user lost the right. */
  'unlock-right-missing': Record<string, never>;
  /** Show `tab` (and focus its tab button with `focus`); from the link view, this also leaves the link. */
  'unlock-select-tab': { readonly tab: UnlockDialogTab; readonly focus: boolean };
  /** Read `data` again (a Retry, a grant that ended meanwhile). */
  'unlock-refresh': { readonly data: 'grants' | 'logins' };
}

export type DialogPartEvent<K extends keyof DialogPartEventDetails> = CustomEvent<DialogPartEventDetails[K]>;

/** The look the parts share with the dialog: notices, actions, the link frame, quiet focus on headings. */
const partStyles = css`
  [hidden] {
    display: none !important;
  }
  [tabindex='-1']:focus,
  [tabindex='-1']:focus-visible {
    outline: none;
    box-shadow: none;
  }
`;

/**
 * The base of the dialog's internal elements: the dialog's clock and the tenant's zone by property, the views'
 * strings, and the reports. Ids are plain: each part has its own shadow root, and every id it refers to (a label's
 * `for`, a combobox's listbox, a caption) lives in it.
 */
export abstract class DialogPart extends SupportElement {
  static override styles = [tokens, baseStyles, dialogFrameStyles, partStyles];

  /** Changes when time-based text (statuses, previews) should be drawn again: the dialog's 30-second timer. */
  @property({ attribute: false }) tick = 0;

  protected readonly t: DialogTranslator = this.translator(unlockViewTranslations);

  /** Strings and zones for the formatting helpers. */
  protected get ctx(): DialogContext {
    return { t: this.t, locale: this.locale, viewerZone: this.viewerZone, tenantZone: this.tenantZone };
  }

  protected report<K extends keyof DialogPartEventDetails>(name: K, detail: DialogPartEventDetails[K]): void {
    this.dispatchEvent(new CustomEvent(name, { detail }));
  }

  protected announce(text: string): void {
    this.report('unlock-announce', { text });
  }

  protected rightMissing(): void {
    this.report('unlock-right-missing', {});
  }

  /** Focuses the element with id `name` once the pending render is done. */
  protected focusById(name: string): void {
    this.requestUpdate();
    void this.updateComplete.then(() => (this.renderRoot.querySelector(`#${CSS.escape(name)}`) as HTMLElement | null)?.focus());
  }
}
