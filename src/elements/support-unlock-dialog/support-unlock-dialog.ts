import { html, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { SupportEvent } from '../../backend/backend.js';
import { isCacheAware } from '../../backend/cache/cache-aware.js';
import { DEFAULT_TIME_ZONE } from '../../core/zone.js';
import type { Grant, Session, SupportLogin } from '../../core/types.js';
import { ActiveLogins } from '../../internal/active-logins.js';
import type { SupportCustomEvent } from '../../internal/events.js';
import { type LazyView, ViewSupport } from '../../internal/lazy-views.js';
import { LiveEvents } from '../../internal/live-events.js';
import { ModalSupportElement } from '../../internal/modal-element.js';
import { Resource } from '../../internal/resource.js';
import { baseStyles, tokens } from '../../internal/styles.js';
import { renderViewLoading } from '../../internal/templates.js';
import type * as DialogFrameModule from './dialog-frame.js';
import type * as GrantFormModule from './grant-form.js';
import type * as GrantsListModule from './grants-list.js';
import type * as LoginsListModule from './logins-list.js';
import { type DialogBridge, type FrameHost, TABS, type UnlockDialogTab } from './shared.js';
import { supportUnlockDialogStyles } from './support-unlock-dialog.styles.js';
import { type SupportUnlockDialogMessages, supportUnlockDialogTranslations } from './support-unlock-dialog.i18n.js';
import type * as UnlockLinkViewModule from './unlock-link-view.js';
import type { LinkPhase } from './unlock-link-view.js';
import type { UnlockViewMessages } from './views.i18n.js';

export type { UnlockDialogTab } from './shared.js';

declare module '../../internal/events.js' {
  interface SupportEventDetails {
    /** A grant was created in the Grant tab. */
    'support-grant-created': { grant: Grant };
    /** A grant was revoked in the Grants overview. */
    'support-grant-revoked': { grant: Grant };
    /** An e-mailed unlock link was answered: `accepted` with the new grant, or declined (`grant: null`). */
    'support-link-confirmed': { accepted: boolean; grant: Grant | null };
    /** What the element knows about the right "may unlock the support user" changed (also the first time it is known). */
    'support-rights-change': { canUnlock: boolean };
    /** A CSV download is about to start. Cancelable: `preventDefault()` and handle `csv` yourself. */
    'support-download': { kind: 'grants' | 'logins'; filename: string; csv: string; rows: number };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'support-grant-created': SupportCustomEvent<'support-grant-created'>;
    'support-grant-revoked': SupportCustomEvent<'support-grant-revoked'>;
    'support-link-confirmed': SupportCustomEvent<'support-link-confirmed'>;
    'support-rights-change': SupportCustomEvent<'support-rights-change'>;
    'support-download': SupportCustomEvent<'support-download'>;
  }
}

/** The dynamic imports of the dialog's views (see `SupportUnlockDialog.viewLoaders`). */
export interface UnlockDialogViewLoaders {
  frame: () => Promise<typeof DialogFrameModule>;
  grantForm: () => Promise<typeof GrantFormModule>;
  grantsList: () => Promise<typeof GrantsListModule>;
  loginsList: () => Promise<typeof LoginsListModule>;
  unlockLink: () => Promise<typeof UnlockLinkViewModule>;
}

let instances = 0;

const byNewest = <T>(at: (item: T) => Date) => (a: T, b: T) => at(b).getTime() - at(a).getTime();

/** `list` with `item` replacing the one with its id (or added), newest first. */
function upsert<T extends { id: string }>(list: readonly T[], item: T, at: (item: T) => Date): T[] {
  return [...list.filter((x) => x.id !== item.id), item].sort(byNewest(at));
}

/**
 * "Unlock support" (Freischaltung Support): the customer decides who from support may enter their system, for how long
 * and with which rights, and sees afterwards who came in, when and why. Three tabs — **Grant** (search an employee or a
 * whole department, data export, duration, a live preview of the end in the viewer's and the tenant's zone),
 * **Grants overview** (6 months, status, revoke, CSV) and **Logins overview** (6 months, to the second, reason, grant
 * used, CSV) — plus the view of an e-mailed unlock link (confirm or decline) and a live "Support (…) is in your system
 * since …" banner. Granting, revoking and confirming need the right "may unlock the support user"; without it the
 * dialog explains why and shows no form.
 *
 * Modal by default (a native `<dialog>` opened by `open` / `show()`); add the `inline` attribute to embed it in a page.
 *
 * Ask `await el.canUnlock()` whether to show the Help-menu entry, and listen for `support-rights-change`.
 * Hand an unlock token over with `el.openUnlockLink(token)` (see `takeUnlockToken()` for the URL convention).
 *
 * @summary Grant support access, confirm unlock links, and see every grant and support login.
 * @tag support-unlock-dialog
 * @since 0.1.0
 *
 * @event support-grant-created - A grant was created in the Grant tab (`detail.grant`).
 * @event support-grant-revoked - A grant was revoked (`detail.grant`, with `revokedAt`/`revokedBy`).
 * @event support-link-confirmed - An unlock link was answered (`detail.accepted`, `detail.grant` or `null`).
 * @event support-rights-change - The known right changed (`detail.canUnlock`); also fires the first time it is known.
 * @event support-download - A CSV download starts (`detail.kind`, `filename`, `csv`, `rows`). Cancelable.
 * @event support-request-close - The user asks to close the popup. Cancelable.
 * @event support-open - The popup opened.
 * @event support-close - The popup closed.
 *
 * @csspart dialog - The native `<dialog>` (only with `modal`).
 * @csspart base - The card.
 * @csspart header - Title row.
 * @csspart title - The heading.
 * @csspart intro - The sentence under the title.
 * @csspart close-button - Closes the popup (only with `modal`).
 * @csspart active-logins - "Support (…) is in your system since …", while somebody is logged in.
 * @csspart active-login - One login in progress.
 * @csspart tablist - The row of tabs.
 * @csspart tab - A tab.
 * @csspart tab-selected - The selected tab.
 * @csspart panel - A tab panel.
 * @csspart grant-form - The form of the Grant tab.
 * @csspart field - A form field with its label and hint.
 * @csspart label - A field label.
 * @csspart hint - Help text under a field.
 * @csspart combobox - The search field and its list.
 * @csspart search-input - The employee/department search field.
 * @csspart listbox - The list of search results.
 * @csspart group - A group of results (departments, employees).
 * @csspart group-label - The heading of a result group.
 * @csspart option - A search result.
 * @csspart option-active - The result chosen with the arrow keys.
 * @csspart search-status - "Searching…", result count, no results, search error.
 * @csspart field-error - The message of an invalid field.
 * @csspart export-checkbox - "Allow data export".
 * @csspart duration-select - The duration select.
 * @csspart preview - What the grant will be, before confirming.
 * @csspart preview-title - Its heading.
 * @csspart preview-text - "Access for … until … — without data export".
 * @csspart preview-tenant - The end in the tenant's zone, when it differs.
 * @csspart preview-note - "The time counts from now…".
 * @csspart actions - A row of buttons.
 * @csspart submit-button - "Grant access".
 * @csspart confirm - The second confirmation (permanent; department-wide with data export).
 * @csspart confirm-button - "Yes, grant access".
 * @csspart cancel-button - "Back".
 * @csspart form-error - An error of a write, in place.
 * @csspart no-right - The explanation shown without the right.
 * @csspart success - "… now has access until …" after granting.
 * @csspart toolbar - Filter and download above a list.
 * @csspart filter - Active only / all.
 * @csspart filter-radio - One filter choice.
 * @csspart download-button - "Download CSV".
 * @csspart table-wrap - The scrollable area around a table.
 * @csspart table - A table.
 * @csspart header-row - Its header row.
 * @csspart row - A row.
 * @csspart row-new - The grant just created.
 * @csspart row-live - A login in progress.
 * @csspart badge - "New".
 * @csspart live-badge - "Still logged in".
 * @csspart revoke-button - Revokes a grant (asks first).
 * @csspart revoke-confirm - The question before revoking.
 * @csspart revoke-confirm-button - "Revoke now".
 * @csspart revoke-cancel-button - "Keep".
 * @csspart row-error - An error of a row's action.
 * @csspart more - "Showing 100 of 5,000" and its button.
 * @csspart more-button - "Show 100 more".
 * @csspart empty - The message of an empty list.
 * @csspart link - The view of an e-mailed unlock link.
 * @csspart link-title - Its heading.
 * @csspart link-status - "Checking the unlock link…".
 * @csspart link-asks - Who asks.
 * @csspart link-facts - What the link asks for.
 * @csspart link-confirm-button - Confirms.
 * @csspart link-decline-button - Declines.
 * @csspart link-error - Unknown, expired, used link; no right; network.
 * @csspart link-outcome - Confirmed / declined.
 * @csspart link-grants-button - "Show grants overview".
 * @csspart link-dismiss-button - Back to the tabs.
 * @csspart freshness - "Updated just now" / "Showing saved data".
 * @csspart error - Error message with retry.
 * @csspart retry-button - The retry button.
 * @csspart skeleton - Placeholder while loading.
 * @csspart announcer - The visually hidden status region for announcements.
 *
 * @cssproperty --support-dialog-width - Widest the popup grows. Default `64rem`.
 * @cssproperty --support-table-max-height - Height of a list before it scrolls. Default `28rem`.
 * @cssproperty --support-font-family - Font of all text.
 * @cssproperty --support-font-size - Base font size.
 * @cssproperty --support-color-text - Text colour.
 * @cssproperty --support-color-text-muted - Secondary text colour.
 * @cssproperty --support-color-surface - Card background.
 * @cssproperty --support-color-surface-alt - Table header, hover states, preview.
 * @cssproperty --support-color-border - Borders.
 * @cssproperty --support-color-accent - Selected tab, primary actions, focus.
 * @cssproperty --support-color-accent-text - Text on the accent colour.
 * @cssproperty --support-color-success - Active status, success notices.
 * @cssproperty --support-color-warning - Confirmations, stale data, live logins.
 * @cssproperty --support-color-danger - Errors, revoke.
 * @cssproperty --support-color-skeleton - Loading placeholders.
 * @cssproperty --support-radius - Corner radius.
 * @cssproperty --support-spacing - Inner spacing.
 * @cssproperty --support-shadow - Popup shadow.
 * @cssproperty --support-backdrop - Popup backdrop.
 * @cssproperty --support-focus-ring - Focus indicator (box-shadow).
 * @cssproperty --support-transition-duration - Length of transitions.
 */
export class SupportUnlockDialog extends ModalSupportElement {
  static override styles = [tokens, baseStyles, supportUnlockDialogStyles];

  /**
   * The views load with a dynamic `import()` when first needed: the frame (live logins, tabs and panels) when the
   * dialog becomes active (from `show()` on), in parallel with the Grant form when it shows its tabs; an overview
   * when its tab is first visited, the link view when an unlock token arrives.
   * Each module brings its own styles, which the dialog adopts once loaded. A closed dialog loads none of them.
   *
   * @internal Test seam: tests replace an entry (to count calls, delay or fail a load) and restore it. Not public API.
   */
  static viewLoaders: UnlockDialogViewLoaders = {
    frame: () => import('./dialog-frame.js'),
    grantForm: () => import('./grant-form.js'),
    grantsList: () => import('./grants-list.js'),
    loginsList: () => import('./logins-list.js'),
    unlockLink: () => import('./unlock-link-view.js'),
  };

  /** Embed the dialog in the page instead of showing it as a modal popup (the default). */
  @property({ type: Boolean, reflect: true }) inline = false;

  /** Show as a modal popup (a native `<dialog>`): the default for this element; the `inline` attribute turns it off. */
  @property({ type: Boolean, reflect: true }) override modal = true;

  /** The selected tab: `grant`, `grants` (Grants overview) or `logins` (Logins overview). */
  @property({ reflect: true }) tab: UnlockDialogTab = 'grant';

  /**
   * Hands over the token of an e-mailed unlock link (write-only: the dialog takes it and sets the property back to
   * `null`; it keeps the token in memory only until the link is answered). Prefer `openUnlockLink(token)`.
   */
  @property({ attribute: false }) unlockToken: string | null = null;

  /** Milliseconds the employee search waits after the last keystroke. */
  @property({ type: Number, attribute: 'search-delay' }) searchDelay = 250;

  /** Rows per page in the overviews ("Show 100 more"). */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 100;

  /** The clock for previews and statuses (tests; e.g. a DST day). Default: the real one. */
  @property({ attribute: false }) clock: () => Date = () => new Date();

  @state() private announcement = '';
  /** The grant just created in the Grant tab, confirmed above the Grants overview until the tab changes. */
  @state() private created: Grant | null = null;

  private t = this.translator(supportUnlockDialogTranslations);
  /** The views' styles and strings (they travel with the views' code), taken in when a view loads. */
  readonly #views = new ViewSupport<SupportUnlockDialogMessages, UnlockViewMessages>(
    this,
    () => this.t,
    (table) => this.translator(table),
  );
  private readonly base = `support-unlock-${++instances}`;
  private readonly visited = new Set<UnlockDialogTab>();

  /** The session: the user's right and the tenant's zone. */
  readonly session = new Resource<Session>(this, {
    args: () => [this.isActive ? this.api : undefined],
    fetch: (backend, _args, signal) => backend.getSession(signal),
    peek: (backend) => backend.peek('getSession'),
  });

  /** Grants of the last 6 months (cache first), loaded once an overview is shown. */
  readonly grants = new Resource<Grant[]>(this, {
    args: () => [this.isActive && (this.visited.has('grants') || this.visited.has('logins')) ? this.api : undefined],
    fetch: (backend, _args, signal) => backend.listGrants(signal),
    peek: (backend) => backend.peek('listGrants'),
  });

  /** Support logins of the last 6 months (cache first), loaded once the Logins overview is shown. */
  readonly logins = new Resource<SupportLogin[]>(this, {
    args: () => [this.isActive && this.visited.has('logins') ? this.api : undefined],
    fetch: (backend, _args, signal) => backend.listLogins({}, signal),
    peek: (backend) => backend.peek('listLogins', {}),
  });

  /** Logins in progress right now, live. */
  readonly activeLogins = new ActiveLogins(this, () => (this.isActive ? this.api : undefined));

  readonly #bridge: DialogBridge;
  readonly #frame: LazyView<typeof DialogFrameModule, DialogFrameModule.DialogFrame>;
  readonly #form: LazyView<typeof GrantFormModule, GrantFormModule.GrantForm>;
  readonly #grantsList: LazyView<typeof GrantsListModule, GrantsListModule.GrantsList>;
  readonly #loginsList: LazyView<typeof LoginsListModule, LoginsListModule.LoginsList>;
  readonly #link: LazyView<typeof UnlockLinkViewModule, UnlockLinkViewModule.UnlockLinkView>;
  /** A grant just created, to mark in the Grants overview once it has loaded. */
  #pendingHighlight: string | null = null;
  /** An unlock token that arrived before the link view loaded: handed to it once it is there (memory only). */
  #pendingToken: string | null = null;
  protected readonly live = new LiveEvents(this, () => (this.isActive ? this.api : undefined), (e) => this.#onEvent(e));

  #knownRight: boolean | undefined;
  #rightCheckPending = false;
  #rightFrom: Session | undefined;
  #wasActive = false;
  #lostConnection = false;
  #focusFormWhenReady = false;
  /** Focus to move into the frame once it has loaded and rendered (a tab button, the first focus of the popup). */
  #focusInFrame: (() => void) | null = null;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    const self = this;
    this.#bridge = {
      host: this,
      t: this.#views.t,
      get locale() {
        return self.locale;
      },
      get viewerZone() {
        return self.viewerZone;
      },
      get tenantZone() {
        return self.tenantZone;
      },
      now: () => this.clock(),
      get api() {
        return self.api;
      },
      get mayUnlock() {
        return self.session.value?.rights.unlockSupport === true;
      },
      get unlockRight() {
        const session = self.session;
        // A saved session may be out of date: only once the network answered (or failed) does it count.
        if (!session.value) return session.error ? 'unknown' : 'loading';
        if (session.state !== 'fresh' && session.refreshing) return 'loading';
        return session.value.rights.unlockSupport ? 'granted' : 'missing';
      },
      get searchDelay() {
        return self.searchDelay;
      },
      get pageSize() {
        return Math.max(1, self.pageSize);
      },
      grants: this.grants,
      logins: this.logins,
      id: (name) => `${this.base}-${name}`,
      announce: (text) => this.#announce(text),
      emit: (name, detail, options) => this.emit(name, detail, options),
      rightMissing: () => this.#noteRight(false),
      grantCreated: (grant, via) => this.#grantCreated(grant, via),
      grantChanged: (grant) => this.#patchGrant(grant),
      selectTab: (tab, focus) => this.selectTab(tab, focus),
    };
    // Read the loaders at load time (not now), so that a test can swap them for an element that exists already.
    const loaders = () => (this.constructor as typeof SupportUnlockDialog).viewLoaders;
    const frameHost: FrameHost = {
      bridge: this.#bridge,
      get tab() {
        return self.tab;
      },
      get created() {
        return self.created;
      },
      session: this.session,
      get activeLogins() {
        return self.activeLogins.logins;
      },
      get linkActive() {
        return self.#linkActive;
      },
      get form() {
        return self.#form;
      },
      get grantsList() {
        return self.#grantsList;
      },
      get loginsList() {
        return self.#loginsList;
      },
      get link() {
        return self.#link;
      },
      dismissLink: () => this.#dismissLink(),
    };
    this.#frame = this.#views.lazy(() => loaders().frame(), (m) => new m.DialogFrame(frameHost));
    this.#form = this.#views.lazy(() => loaders().grantForm(), (m) => new m.GrantForm(this.#bridge));
    this.#grantsList = this.#views.lazy(() => loaders().grantsList(), (m) => {
      const list = new m.GrantsList(this.#bridge);
      if (this.#pendingHighlight !== null) {
        list.highlight = this.#pendingHighlight;
        list.filter = 'all';
        this.#pendingHighlight = null;
      }
      return list;
    });
    this.#loginsList = this.#views.lazy(() => loaders().loginsList(), (m) => new m.LoginsList(this.#bridge));
    this.#link = this.#views.lazy(() => loaders().unlockLink(), (m) => {
      const view = new m.UnlockLinkView(this.#bridge);
      const token = this.#pendingToken;
      this.#pendingToken = null;
      // Resolving starts in the next update when the dialog is active (`resolveIfPending()` in willUpdate).
      if (token !== null) view.open(token);
      return view;
    });
  }

  /** `true` while the dialog shows: inline, or modal and open. Closed, it loads and subscribes to nothing. */
  get isActive(): boolean {
    return !this.modal || this.open;
  }

  /** The tenant's zone (from the session; Europe/Berlin until it is known). */
  get tenantZone(): string {
    return this.session.value?.tenant.timeZone ?? DEFAULT_TIME_ZONE;
  }

  /**
   * Whether the signed-in user has the right "may unlock the support user" — i.e. whether the host should show the
   * "Unlock support" entry in its Help menu. Asks the backend (falls back to the cached session when offline;
   * `false` when nothing is known). Fires `support-rights-change` when the answer differs from what was known. Asked
   * before the element has a backend, it answers `false` and fires the event once a backend arrives.
   */
  async canUnlock(signal?: AbortSignal): Promise<boolean> {
    const api = this.api;
    if (!api) {
      // Asked before a backend arrived: answer "no" for now, and tell the host (event) once one is there.
      this.#rightCheckPending = true;
      return false;
    }
    let allowed = false;
    try {
      const session = await api.getSession(signal);
      allowed = session.rights.unlockSupport;
      if (this.session.value) this.session.set(session);
    } catch {
      const cached = isCacheAware(api) ? await api.peek('getSession').catch(() => undefined) : undefined;
      allowed = cached?.value.rights.unlockSupport ?? false;
    }
    this.#noteRight(allowed);
    return allowed;
  }

  /** Opens the popup on the view of an e-mailed unlock link (see `takeUnlockToken()`). */
  openUnlockLink(token: string): void {
    this.unlockToken = token;
    this.show();
  }

  /**
   * Loads the code of what the popup shows first (its frame with the tabs, and the Grant form) without opening it:
   * call it when the user is about to open the dialog — the Help menu opens, the pointer rests on its entry — and the
   * popup opens with the form at once instead of a moment of skeleton. Resolves when the code is there, or when
   * loading failed (the popup then shows the error with Retry; a later `preload()` or opening tries again). Closed,
   * nothing else happens.
   */
  preload(): Promise<void> {
    for (const lazy of [this.#frame, this.#form]) {
      lazy.clearError();
      lazy.ensure();
    }
    return this.updateComplete.then(() => undefined);
  }

  /** Opens the popup (sets `modal` if needed). */
  override show(): void {
    // Start loading what the popup will show at once, not a render later: the frame, and beside it the link view for
    // a token, else the form.
    this.#frame.ensure();
    if (this.unlockToken !== null || this.#linkActive) this.#link.ensure();
    else this.#form.ensure();
    super.show();
  }

  /** Selects a tab (and focuses it with `focus`). */
  selectTab(tab: UnlockDialogTab, focus = false): void {
    if (!TABS.includes(tab)) return;
    if (tab !== this.tab) this.created = null;
    this.#focusFormWhenReady = false;
    this.tab = tab;
    this.visited.add(tab);
    this.requestUpdate();
    // Focus the tab button after this render (once the frame is there), without waiting for the panel's view to load.
    if (focus) this.#focusWhenFramed(() => this.#tabButton(tab)?.focus());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopTimer();
    this.#form.view?.dispose();
    this.#grantsList.view?.dispose();
    this.#dismissLink();
  }

  /** Also waits for views that are loading, and for the update that shows them (tests await `updateComplete`). */
  protected override getUpdateComplete(): Promise<boolean> {
    return this.#views.settled(() => super.getUpdateComplete());
  }

  /** The pending update only, without waiting for views that are loading (for focus on the shell's own elements). */
  #rendered(): Promise<boolean> {
    return super.getUpdateComplete();
  }

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    this.#views.addTo(root);
    return root;
  }

  // ------------------------------------------------------------------------------------------------ link view
  /** The link view's phase; `pending` while a token waits for the view to load. */
  get #linkPhase(): LinkPhase {
    return this.#link.view?.phase ?? (this.#pendingToken !== null ? 'pending' : 'idle');
  }

  /** `true` while the link view (or its placeholder) replaces the tabs. */
  get #linkActive(): boolean {
    return this.#linkPhase !== 'idle';
  }

  #openLink(token: string): void {
    const view = this.#link.view;
    if (view) {
      view.open(token);
      return;
    }
    this.#pendingToken = token;
    this.#link.ensure();
  }

  #dismissLink(): void {
    this.#pendingToken = null;
    this.#link.view?.dismiss();
  }

  // ------------------------------------------------------------------------------------------------ lifecycle
  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('inline')) this.modal = !this.inline;
    if (changed.has('unlockToken') && this.unlockToken) {
      this.#openLink(this.unlockToken);
      // Do not keep the secret in a public property.
      this.unlockToken = null;
    }
    const active = this.isActive;
    if (active !== this.#wasActive) {
      this.#wasActive = active;
      if (active) {
        this.visited.add(this.tab);
        this.#focusFormWhenReady = this.modal;
      } else {
        this.#resetView();
      }
    }
    if (active) {
      this.#frame.ensure();
      // A token is resolved once the popup can show it being checked: the link view's code and the frame are there
      // (both load in parallel from `show()` on).
      if (this.#frame.view) this.#link.view?.resolveIfPending();
      // The tabs' views, once the tabs show (the link view replaces them while a link is open).
      if (!this.#linkActive) this.#form.ensure();
      if (this.visited.has('grants')) this.#grantsList.ensure();
      if (this.visited.has('logins')) this.#loginsList.ensure();
    }
  }

  protected override updated(changed: PropertyValues): void {
    const opening = this.modal && this.open && changed.has('open') && !changed.get('open');
    super.updated(changed);
    if (this.#rightCheckPending && this.api) {
      this.#rightCheckPending = false;
      void this.canUnlock();
    }
    const session = this.session.value;
    // A newly read session tells the right (a failed write may have told otherwise since the last one).
    if (session && this.session.state === 'fresh' && session !== this.#rightFrom) {
      this.#rightFrom = session;
      this.#noteRight(session.rights.unlockSupport);
    }
    if (this.isActive && !this.#timer) this.#timer = setInterval(() => this.requestUpdate(), 30_000);
    if (!this.isActive) this.#stopTimer();
    // In a narrow popup the row of tabs scrolls sideways: keep the selected one in view.
    if (this.modal && this.open && (changed.has('tab') || opening)) this.#tabButton(this.tab)?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
    if (this.#focusInFrame && this.#frame.view) {
      const focus = this.#focusInFrame;
      this.#focusInFrame = null;
      focus();
    }
    if (opening) {
      if (this.#frame.view) this.#initialFocus();
      // A focus asked for meanwhile (`selectTab(tab, true)`) wins over the first focus.
      else this.#focusInFrame ??= () => this.#initialFocusIfStill();
    } else if (this.#focusFormWhenReady && session && this.modal && this.open) this.#focusFormIfStill();
  }

  #stopTimer(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #resetView(): void {
    this.visited.clear();
    this.#form.view?.reset();
    this.#grantsList.view?.reset();
    this.#pendingHighlight = null;
    this.#loginsList.view?.reset();
    this.activeLogins.reset();
    this.created = null;
    this.announcement = '';
    this.#focusInFrame = null;
    if (this.#linkPhase !== 'pending') this.#dismissLink();
    // A view that failed to load is tried again the next time the dialog opens.
    for (const lazy of [this.#frame, this.#form, this.#grantsList, this.#loginsList, this.#link]) lazy.clearError();
  }

  #initialFocus(): void {
    if (this.#linkActive) {
      this.#focusById('link-title');
      return;
    }
    this.#tabButton(this.tab)?.focus();
    if (this.tab === 'grant') this.#focusFormIfStill();
    else this.#focusFormWhenReady = false;
  }

  /**
   * The popup's first focus, when the frame arrived after the popup opened: unless the user moved on from where the
   * popup put focus meanwhile (the dialog, its close button, or the Retry of a failed load).
   */
  #initialFocusIfStill(): void {
    if (!this.modal || !this.open) return;
    const active = this.shadowRoot?.activeElement;
    if (!active || active.matches('dialog, [part="close-button"], [part="retry-button"]')) {
      this.#tabButton(this.tab)?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
      this.#initialFocus();
    }
  }

  /** Runs `focus` after this render, or once the frame has loaded and rendered (the latest call wins). */
  #focusWhenFramed(focus: () => void): void {
    if (this.#frame.view) {
      this.#focusInFrame = null;
      void this.#rendered().then(focus);
    } else {
      this.#focusInFrame = focus;
    }
  }

  /** On the Grant tab, once the form is there, the search field gets focus (unless the user moved on). */
  #focusFormIfStill(): void {
    const input = this.renderRoot.querySelector<HTMLInputElement>('[part="search-input"]');
    if (!input) return;
    this.#focusFormWhenReady = false;
    const active = this.shadowRoot?.activeElement;
    if (!active || active === this.#tabButton(this.tab) || active.matches('[part="close-button"]')) input.focus();
  }

  #focusById(name: string): void {
    (this.shadowRoot?.getElementById(this.#bridge.id(name)) as HTMLElement | null)?.focus();
  }

  #tabButton(tab: UnlockDialogTab): HTMLElement | null {
    return this.shadowRoot?.getElementById(this.#bridge.id(`tab-${tab}`)) ?? null;
  }

  #noteRight(allowed: boolean): void {
    if (this.#knownRight === allowed) return;
    this.#knownRight = allowed;
    this.emit('support-rights-change', { canUnlock: allowed });
  }

  #announce(text: string): void {
    // The same sentence twice must still be announced: vary it invisibly.
    this.announcement = text === this.announcement ? `${text}\u00a0` : text;
  }

  // ------------------------------------------------------------------------------------------------ data
  #grantCreated(grant: Grant, via: 'dialog' | 'unlock-link'): void {
    this.#patchGrant(grant);
    if (via === 'unlock-link') return;
    const list = this.#grantsList.view;
    if (list) {
      list.highlight = grant.id;
      list.filter = 'all';
    } else {
      this.#pendingHighlight = grant.id;
    }
    this.emit('support-grant-created', { grant });
    this.selectTab('grants');
    this.created = grant;
    this.#focusWhenFramed(() => this.#focusById('success'));
  }

  #patchGrant(grant: Grant): void {
    const list = this.grants.value;
    if (list === undefined) return;
    if (this.grants.state === 'fresh') this.grants.set(upsert(list, grant, (g) => g.grantedAt));
    else void this.grants.retry();
  }

  #patchLogin(login: SupportLogin): void {
    const list = this.logins.value;
    if (list === undefined) return;
    if (this.logins.state === 'fresh') this.logins.set(upsert(list, login, (l) => l.startedAt));
    else void this.logins.retry();
  }

  #onEvent(event: SupportEvent): void {
    this.activeLogins.handle(event);
    switch (event.type) {
      case 'grant-changed':
        this.#patchGrant(event.grant);
        break;
      case 'login-started':
      case 'login-ended':
        this.#patchLogin(event.login);
        break;
      case 'connection':
        if (event.state === 'closed') this.#lostConnection = true;
        else if (event.state === 'unauthorized') {
          // The session is gone: read it again, so the dialog shows the signed-out state the backend answers.
          this.#lostConnection = true;
          void this.session.retry();
        } else if (this.#lostConnection) {
          // Back online: catch up with everything on screen.
          this.#lostConnection = false;
          void this.session.retry();
          if (this.grants.value !== undefined || this.grants.error) void this.grants.retry();
          if (this.logins.value !== undefined || this.logins.error) void this.logins.retry();
        }
        break;
      default:
    }
  }

  // ------------------------------------------------------------------------------------------------ render
  protected override render(): TemplateResult {
    const t = this.t;
    const titleId = this.#bridge.id('title');
    const content = html`<section class="base" part="base" aria-labelledby=${titleId}>
      <header class="header" part="header">
        <div class="heading">
          <h2 class="title" part="title" id=${titleId}>${t('title')}</h2>
          <p class="intro muted" part="intro">${t('intro')}</p>
        </div>
        ${this.renderCloseButton(t('close'))}
      </header>
      ${this.#renderFrame()}
      <div class="visually-hidden" part="announcer" role="status">${this.announcement}</div>
    </section>`;
    return this.renderShell(content, titleId);
  }

  /** Live logins and the tabs (or the link view): the frame's, once its module has loaded; a skeleton until then. */
  #renderFrame(): TemplateResult {
    const frame = this.#frame;
    return frame.view ? frame.view.render() : renderViewLoading(frame, 5, this.t);
  }
}
