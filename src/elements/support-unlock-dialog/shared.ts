import type { ReactiveControllerHost, TemplateResult } from 'lit';
import type { SupportBackend } from '../../backend/backend.js';
import type { SupportError } from '../../backend/errors.js';
import type { Grant, Session, SupportLogin } from '../../core/types.js';
import type { SupportEventDetails, SupportEventName } from '../../internal/events.js';
import type { Resource } from '../../internal/resource.js';
import type { Translator } from '../../internal/support-element.js';
import type { SupportUnlockDialogMessages } from './support-unlock-dialog.i18n.js';
import type { UnlockViewMessages } from './views.i18n.js';

/** The dialog's strings and, once a view has loaded, the views' (`views.i18n.ts`). */
export type DialogTranslator = Translator<SupportUnlockDialogMessages & UnlockViewMessages>;

export type UnlockDialogTab = 'grant' | 'grants' | 'logins';

/** The tabs, in their order. */
export const TABS: readonly UnlockDialogTab[] = ['grant', 'grants', 'logins'];

/** What the private partials (grant form, lists, link view) need from the dialog. */
export interface DialogBridge {
  readonly host: ReactiveControllerHost & HTMLElement;
  readonly t: DialogTranslator;
  readonly locale: string;
  readonly viewerZone: string;
  readonly tenantZone: string;
  /** The dialog's clock (`clock` property). */
  now(): Date;
  readonly api: SupportBackend | undefined;
  /** `true` when the session says the user has the right "may unlock the support user". */
  readonly mayUnlock: boolean;
  /**
   * What a fresh session (or, offline, the saved one) says about that right: `granted` or `missing`; `loading` while
   * it is being read, `unknown` when it cannot be read at all (the backend then decides).
   */
  readonly unlockRight: 'granted' | 'missing' | 'loading' | 'unknown';
  readonly searchDelay: number;
  readonly pageSize: number;
  readonly grants: Resource<Grant[]>;
  readonly logins: Resource<SupportLogin[]>;
  /** A document-unique id for `name` inside this dialog. */
  id(name: string): string;
  /** Says `text` through the polite status region. */
  announce(text: string): void;
  emit<K extends SupportEventName>(name: K, detail: SupportEventDetails[K], options?: { cancelable?: boolean }): CustomEvent<SupportEventDetails[K]>;
  /** A write failed with `forbidden`/`right-missing`: the user lost the right. */
  rightMissing(): void;
  /** A grant was created (by the form or a confirmed link): show it in the overview. */
  grantCreated(grant: Grant, via: 'dialog' | 'unlock-link'): void;
  /** A grant changed (revoked): patch the overview. */
  grantChanged(grant: Grant): void;
  selectTab(tab: UnlockDialogTab, focus?: boolean): void;
}

/** A lazily loaded view as the frame shows it: itself once loaded, else a skeleton or the error with Retry. */
export interface FrameSlot {
  readonly view: { render(): TemplateResult } | undefined;
  readonly error: SupportError | null;
  retry(): void;
}

/**
 * What the dialog's frame (`dialog-frame.ts`: live logins, tabs and panels, the link view's placeholder) reads from
 * the dialog: its state and views; the dialog keeps the data, the focus and the loads.
 */
export interface FrameHost {
  readonly bridge: DialogBridge;
  readonly tab: UnlockDialogTab;
  /** The grant just created in the Grant tab ("… now has access until …" above the Grants overview), or `null`. */
  readonly created: Grant | null;
  readonly session: Resource<Session>;
  /** Logins in progress right now. */
  readonly activeLogins: readonly SupportLogin[];
  /** `true` while the link view (or its placeholder) replaces the tabs. */
  readonly linkActive: boolean;
  readonly form: FrameSlot;
  readonly grantsList: FrameSlot;
  readonly loginsList: FrameSlot;
  readonly link: FrameSlot;
  /** Drops the unlock token of a link whose view could not load. */
  dismissLink(): void;
}
