import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { SupportEvent } from '../../backend/backend.js';
import { isCacheAware } from '../../backend/cache/cache-aware.js';
import { toSupportError } from '../../backend/errors.js';
import type { Grant, Session, SupportLogin } from '../../core/types.js';
import { DEFAULT_TIME_ZONE } from '../../core/zone.js';
import { ActiveLogins, activeLoginSentence } from '../../internal/active-logins.js';
import type { SupportCustomEvent } from '../../internal/events.js';
import { LiveEvents } from '../../internal/live-events.js';
import { loadOnce } from '../../internal/load-once.js';
import { ModalSupportElement } from '../../internal/modal-element.js';
import { Resource } from '../../internal/resource.js';
import { baseStyles, tokens } from '../../internal/styles.js';
import { renderError, renderSkeleton } from '../../internal/templates.js';
import { dialogFrameStyles } from './dialog-frame.styles.js';
import { type DataStatus, type DialogContext, type DialogPartEvent, TABS, type UnlockDialogTab } from './dialog-part.js';
import { supportUnlockDialogStyles } from './support-unlock-dialog.styles.js';
import { supportUnlockDialogTranslations } from './support-unlock-dialog.i18n.js';
import type { UnlockRight } from './unlock-link-view.js';
import { granteeLabel, untilText } from './view-helpers.js';
import { unlockViewTranslations } from './views.i18n.js';

export type { UnlockDialogTab } from './dialog-part.js';

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

/** Every part of the internal elements, exported so that `support-unlock-dialog::part(…)` reaches them. */
const PARTS_OF_CONTENTS = [
  'actions', 'badge', 'cancel-button', 'combobox', 'confirm', 'confirm-button', 'download-button', 'duration-select',
  'empty', 'error', 'export-checkbox', 'field', 'field-error', 'filter', 'filter-radio', 'form-error', 'freshness',
  'grant-form', 'group', 'group-label', 'header-row', 'hint', 'label', 'link', 'link-asks', 'link-confirm-button',
  'link-decline-button', 'link-dismiss-button', 'link-error', 'link-facts', 'link-grants-button', 'link-outcome',
  'link-status', 'link-title', 'listbox', 'live-badge', 'more', 'more-button', 'option', 'option-active', 'preview',
  'preview-note', 'preview-tenant', 'preview-text', 'preview-title', 'retry-button', 'revoke-button',
  'revoke-cancel-button', 'revoke-confirm', 'revoke-confirm-button', 'row', 'row-error', 'row-live', 'row-new',
  'search-input', 'search-status', 'skeleton', 'submit-button', 'table', 'table-wrap', 'toolbar',
].join(', ');

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
 * used, CSV) — plus the view of an e-mailed unlock link (confirm or decline) and a live "Support (…) has been in your
 * system since …" banner. Granting, revoking and confirming need the right "may unlock the support user"; without it the
 * dialog explains why and shows no form.
 *
 * Modal by default (a native `<dialog>` opened by `open` / `show()`); add the `inline` attribute to embed it in a page.
 *
 * Ask `await el.canUnlock()` whether to show the Help-menu entry, and listen for `support-rights-change`.
 *
 * Closed, the dialog loads and subscribes to nothing. Its contents — the Grant form, the two overviews and the
 * unlock-link view, internal elements that get their data by property and answer with events — load together when
 * it first becomes active (`show()`, `preload()`, or `inline`), beside its first reads; their tabs show at once with a
 * skeleton in the panel meanwhile, and a failed load shows the error with Retry.
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
 * @csspart active-logins - "Support (…) has been in your system since …", while somebody is logged in.
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
  static override styles = [tokens, baseStyles, dialogFrameStyles, supportUnlockDialogStyles];

  /**
   * Loads the code of the dialog's contents (the Grant form, the overviews and the unlock-link view: `contents.ts`)
   * and registers their internal elements; once per page, a failed load is tried again by the next call (Retry).
   *
   * @internal Test seam: tests wrap it (to count calls, hold or fail the load) and restore it. Not public API.
   */
  static loadContents: () => Promise<void> = loadOnce(() => import('./contents.js').then((m) => m.defineContents()));

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

  @state() private announcement = '';
  /** The grant just created in the Grant tab, confirmed above the Grants overview until the tab changes. */
  @state() private created: Grant | null = null;
  /** A grant just created, marked "New" in the Grants overview (until the popup closes). */
  @state() private highlight: string | null = null;
  /** The link view replaces the tabs (from `openUnlockLink()` until the user leaves it). */
  @state() private linkOpen = false;
  /** Redraws time-based text in the contents (statuses, previews) with the 30-second timer. */
  @state() private tick = 0;

  private t = this.translator(supportUnlockDialogTranslations);
  /** The strings of the tabs, the live banner and the notices (shared with the contents). */
  private tv = this.translator(unlockViewTranslations);
  private readonly base = `support-unlock-${++instances}`;
  private readonly visited = new Set<UnlockDialogTab>();

  /** The contents' code (`@lit/task`: pending, error with Retry, complete); started when the dialog becomes active. */
  readonly #contents = new Task(this, {
    autoRun: false,
    task: () => (this.constructor as typeof SupportUnlockDialog).loadContents(),
  });

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

  /** An unlock token not yet handed to the link view (its code is loading, or the dialog is closed): memory only. */
  #pendingToken: string | null = null;
  protected readonly live = new LiveEvents(this, () => (this.isActive ? this.api : undefined), (e) => this.#onEvent(e));

  #knownRight: boolean | undefined;
  #rightCheckPending = false;
  #rightFrom: Session | undefined;
  #wasActive = false;
  /** `show()` already started (or tried again) the load for the opening that is under way. */
  #loadStarted = false;
  #lostConnection = false;
  #focusFormWhenReady = false;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    this.modal = true;
  }

  /** `true` while the dialog shows: inline, or modal and open. Closed, it loads and subscribes to nothing. */
  get isActive(): boolean {
    return !this.modal || this.open;
  }

  /** The tenant's zone (from the session; Europe/Berlin until it is known). */
  override get tenantZone(): string {
    return this.session.value?.tenant.timeZone ?? DEFAULT_TIME_ZONE;
  }

  /** The vendor's name that names the right (from the session; `''` until it is known). */
  protected override get tenantBrand(): string {
    return this.session.value?.tenant.brandName ?? '';
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
   * Loads the code of the popup's contents (the Grant form, the overviews, the link view) without opening it: call it
   * when the user is about to open the dialog — the Help menu opens, the pointer rests on its entry — and the popup
   * opens with the form at once instead of a moment of skeleton. Resolves when the code is there, or when loading
   * failed (the popup then shows the error with Retry; a later `preload()` or opening tries again). Closed, nothing
   * else happens.
   */
  preload(): Promise<void> {
    this.#loadContents();
    return this.#contents.taskComplete.then(
      () => undefined,
      () => undefined,
    );
  }

  /** Opens the popup (sets `modal` if needed). */
  override show(): void {
    // Start loading the contents at once, not a render later (the opening then does not start it again).
    if (!this.#wasActive) {
      this.#loadContents();
      this.#loadStarted = true;
    }
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
    if (focus) void this.#rendered().then(() => this.#tabButton(tab)?.focus());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopTimer();
    this.#pendingToken = null;
    this.linkOpen = false;
  }

  /**
   * Starts loading the contents unless they are loaded or loading (a failed load is tried again). Called by
   * `preload()`, `show()` and the transition to active only — never per update.
   */
  #loadContents(): void {
    const status = this.#contents.status;
    if (status === TaskStatus.INITIAL || status === TaskStatus.ERROR) void this.#contents.run();
  }

  /** Also waits for the contents' code while it loads and for the contents' own updates, as for any child element. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    while (this.#contents.status === TaskStatus.PENDING) {
      await this.#contents.taskComplete.catch(() => undefined);
      complete = await super.getUpdateComplete();
    }
    const parts = [...(this.renderRoot?.querySelectorAll<HTMLElement & { updateComplete?: Promise<boolean> }>(':defined') ?? [])];
    const pending = parts.filter((part) => part.localName.startsWith('support-unlock-') && part.updateComplete);
    if (pending.length) {
      await Promise.all(pending.map((part) => part.updateComplete));
      // What the contents reported meanwhile (a tab, a grant) updates the dialog once more.
      complete = await super.getUpdateComplete();
    }
    return complete;
  }

  /** The pending update only, without waiting for the contents (for focus on the dialog's own elements). */
  #rendered(): Promise<boolean> {
    return super.getUpdateComplete();
  }

  // ------------------------------------------------------------------------------------------------ lifecycle
  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('inline')) this.modal = !this.inline;
    if (changed.has('unlockToken') && this.unlockToken) {
      // Do not keep the secret in a public property: it waits here (memory only) for the link view.
      this.#pendingToken = this.unlockToken;
      this.linkOpen = true;
      this.unlockToken = null;
    }
    const active = this.isActive;
    if (active !== this.#wasActive) {
      this.#wasActive = active;
      if (active) {
        this.visited.add(this.tab);
        this.#focusFormWhenReady = this.modal;
        // Once per opening: a load that failed is tried again when the popup opens again or on Retry, never by
        // an update (a failed load requests one: loading again here would load, fail and update without end).
        if (!this.#loadStarted) this.#loadContents();
      } else {
        this.#resetView();
      }
      this.#loadStarted = false;
    }
  }

  protected override updated(changed: PropertyValues): void {
    const opening = this.modal && this.open && changed.has('open') && !changed.get('open');
    super.updated(changed);
    // The link view took the token when it rendered: the dialog forgets it.
    if (this.#pendingToken !== null && this.renderRoot.querySelector('support-unlock-link-view:defined')) this.#pendingToken = null;
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
    if (this.isActive && !this.#timer) this.#timer = setInterval(() => this.tick++, 30_000);
    if (!this.isActive) this.#stopTimer();
    // In a narrow popup the row of tabs scrolls sideways: keep the selected one in view.
    if (this.modal && this.open && (changed.has('tab') || opening)) this.#tabButton(this.tab)?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
    if (opening) this.#initialFocus();
    if (this.#focusFormWhenReady && session && this.modal && this.open) this.#focusFormIfStill();
  }

  #stopTimer(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #resetView(): void {
    this.visited.clear();
    this.activeLogins.reset();
    this.created = null;
    this.highlight = null;
    this.announcement = '';
    // The contents go with the closed popup; a link that was being shown is done with (a token that waits for the
    // popup to open stays).
    if (this.#pendingToken === null) this.linkOpen = false;
  }

  #initialFocus(): void {
    if (this.linkOpen) {
      this.#focusLinkTitle();
      return;
    }
    this.#tabButton(this.tab)?.focus();
    if (this.tab !== 'grant') this.#focusFormWhenReady = false;
  }

  #focusLinkTitle(): void {
    const view = this.renderRoot.querySelector<HTMLElement & { focusTitle(): void }>('support-unlock-link-view:defined');
    if (view) void (view as unknown as { updateComplete: Promise<boolean> }).updateComplete.then(() => view.focusTitle());
    else this.#focusById('link-title');
  }

  /** On the Grant tab, once the form is there, the search field gets focus (unless the user moved on). */
  #focusFormIfStill(): void {
    const form = this.renderRoot.querySelector<HTMLElement & { focusSearch(): void; updateComplete: Promise<boolean> }>(
      'support-unlock-grant-form:defined',
    );
    if (!form) return;
    this.#focusFormWhenReady = false;
    void form.updateComplete.then(() => {
      const active = this.shadowRoot?.activeElement;
      if (!active || active === this.#tabButton(this.tab) || active.matches('dialog, [part="close-button"], [part="retry-button"]')) {
        form.focusSearch();
      }
    });
  }

  #id(name: string): string {
    return `${this.base}-${name}`;
  }

  #focusById(name: string): void {
    (this.shadowRoot?.getElementById(this.#id(name)) as HTMLElement | null)?.focus();
  }

  #tabButton(tab: UnlockDialogTab): HTMLElement | null {
    return this.shadowRoot?.getElementById(this.#id(`tab-${tab}`)) ?? null;
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

  /** What a fresh session (or, offline, the saved one) says about the right; see `UnlockLinkView`. */
  get #unlockRight(): UnlockRight {
    const session = this.session;
    if (!session.value) return session.error ? 'unknown' : 'loading';
    // A saved session may be out of date: only once the network answered (or failed) does it count.
    if (session.state !== 'fresh' && session.refreshing) return 'loading';
    return session.value.rights.unlockSupport ? 'granted' : 'missing';
  }

  // ------------------------------------------------------------------------------------------------ reports
  readonly #onGrantCreated = (event: SupportCustomEvent<'support-grant-created'>): void => {
    const grant = event.detail.grant;
    this.#patchGrant(grant);
    this.highlight = grant.id;
    this.selectTab('grants');
    this.created = grant;
    void this.#rendered().then(() => this.#focusById('success'));
  };

  readonly #onGrantChanged = (event: SupportCustomEvent<'support-grant-revoked' | 'support-link-confirmed'>): void => {
    if (event.detail.grant) this.#patchGrant(event.detail.grant);
  };

  readonly #onAnnounce = (event: DialogPartEvent<'unlock-announce'>): void => this.#announce(event.detail.text);

  readonly #onRightMissing = (): void => this.#noteRight(false);

  readonly #onSelectTab = (event: DialogPartEvent<'unlock-select-tab'>): void => {
    // From the link view: it is done with; back to the tabs.
    this.linkOpen = false;
    this.#pendingToken = null;
    this.selectTab(event.detail.tab, event.detail.focus);
  };

  readonly #onRefresh = (event: DialogPartEvent<'unlock-refresh'>): void => {
    void (event.detail.data === 'grants' ? this.grants.retry() : this.logins.retry());
  };

  // ------------------------------------------------------------------------------------------------ data
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
    const titleId = this.#id('title');
    const content = html`<section class="base" part="base" aria-labelledby=${titleId}>
      <header class="header" part="header">
        <div class="heading">
          <h2 class="title" part="title" id=${titleId}>${t('title')}</h2>
          <p class="intro muted" part="intro">${t('intro')}</p>
        </div>
        ${this.renderCloseButton(t('close'))}
      </header>
      ${this.isActive ? html`${this.#renderActiveLogins()} ${this.linkOpen ? this.#renderLink() : this.#renderTabs()}` : nothing}
      <div class="visually-hidden" part="announcer" role="status">${this.announcement}</div>
    </section>`;
    return this.renderShell(content, titleId);
  }

  get #ctx(): DialogContext {
    return { t: this.tv, locale: this.locale, viewerZone: this.viewerZone, tenantZone: this.tenantZone };
  }

  #renderActiveLogins(): TemplateResult {
    const t = this.tv;
    const logins = this.activeLogins.logins;
    return html`<div class="active-logins" part="active-logins" role="status" ?hidden=${logins.length === 0}>
      ${logins.map((login) => {
        const { lead, reason } = activeLoginSentence(login, {
          text: {
            activeLogin: (name, since) => t('activeLogin', name, since),
            activeLoginReason: (r) => t('activeLoginReason', r),
            activeLoginNoReason: t('activeLoginNoReason'),
          },
          locale: this.locale,
          viewerZone: this.viewerZone,
          tenantZone: this.tenantZone,
          now: this.clock(),
        });
        return html`<p class="active-login" part="active-login" data-id=${login.id}>
          <span class="dot" aria-hidden="true"></span><span><strong>${lead}</strong> — ${reason}</span>
        </p>`;
      })}
    </div>`;
  }

  #renderTabs(): TemplateResult {
    const t = this.tv;
    const selected = this.tab;
    const labels: Record<UnlockDialogTab, string> = { grant: t('tabGrant'), grants: t('tabGrants'), logins: t('tabLogins') };
    return html`<div
        class="tablist"
        part="tablist"
        role="tablist"
        aria-labelledby=${this.#id('title')}
        @keydown=${(e: KeyboardEvent) => this.#onTabKey(e)}
      >
        ${TABS.map(
          (tab) => html`<button
            class="tab"
            part=${tab === selected ? 'tab tab-selected' : 'tab'}
            id=${this.#id(`tab-${tab}`)}
            role="tab"
            type="button"
            aria-selected=${tab === selected ? 'true' : 'false'}
            aria-controls=${this.#id(`panel-${tab}`)}
            tabindex=${tab === selected ? '0' : '-1'}
            @click=${() => this.selectTab(tab)}
          >
            ${labels[tab]}
          </button>`,
        )}
      </div>
      ${TABS.map(
        (tab) => html`<div
          class="panel"
          part="panel"
          id=${this.#id(`panel-${tab}`)}
          role="tabpanel"
          aria-labelledby=${this.#id(`tab-${tab}`)}
          tabindex="0"
          ?hidden=${tab !== selected}
        >
          ${tab === selected ? this.#renderPanel(tab) : nothing}
        </div>`,
      )}`;
  }

  #onTabKey(event: KeyboardEvent): void {
    const index = TABS.indexOf(this.tab);
    const rtl = getComputedStyle(this).direction === 'rtl';
    const next = rtl ? 'ArrowLeft' : 'ArrowRight';
    const previous = rtl ? 'ArrowRight' : 'ArrowLeft';
    let target: number;
    if (event.key === next) target = (index + 1) % TABS.length;
    else if (event.key === previous) target = (index - 1 + TABS.length) % TABS.length;
    else if (event.key === 'Home') target = 0;
    else if (event.key === 'End') target = TABS.length - 1;
    else return;
    event.preventDefault();
    this.selectTab(TABS[target]!, true);
  }

  /** The contents once their code is there; a skeleton of `lines` while it loads, the error with Retry if it failed. */
  #whenLoaded(lines: number, render: () => TemplateResult): TemplateResult | undefined {
    return this.#contents.render({
      initial: () => renderSkeleton(lines, this.tv),
      pending: () => renderSkeleton(lines, this.tv),
      error: (error) => renderError(toSupportError(error), () => void this.#contents.run(), this.tv),
      complete: render,
    });
  }

  #status(resource: DataStatus): DataStatus {
    // A fresh object on every render: the overview updates whenever the dialog does (the 30-second timer too).
    return { state: resource.state, refreshing: resource.refreshing, updatedAt: resource.updatedAt, error: resource.error };
  }

  #renderPanel(tab: UnlockDialogTab): TemplateResult | undefined {
    switch (tab) {
      case 'grant':
        return this.#renderGrantPanel();
      case 'grants':
        return html`${this.#renderSuccess()}${this.#whenLoaded(
          6,
          () => html`<support-unlock-grants-list
            exportparts=${PARTS_OF_CONTENTS}
            .grants=${this.grants.value}
            .status=${this.#status(this.grants)}
            .pageSize=${this.pageSize}
            .mayUnlock=${this.session.value?.rights.unlockSupport === true}
            .highlight=${this.highlight}
            .now=${this.now}
            .timeZone=${this.timeZone}
            .backend=${this.api}
            @support-grant-revoked=${this.#onGrantChanged}
            @unlock-announce=${this.#onAnnounce}
            @unlock-right-missing=${this.#onRightMissing}
            @unlock-refresh=${this.#onRefresh}
          ></support-unlock-grants-list>`,
        )}`;
      case 'logins':
        return this.#whenLoaded(
          6,
          () => html`<support-unlock-logins-list
            exportparts=${PARTS_OF_CONTENTS}
            .logins=${this.logins.value}
            .status=${this.#status(this.logins)}
            .grants=${this.grants.value}
            .pageSize=${this.pageSize}
            .now=${this.now}
            .timeZone=${this.timeZone}
            @unlock-announce=${this.#onAnnounce}
            @unlock-refresh=${this.#onRefresh}
          ></support-unlock-logins-list>`,
        );
    }
  }

  #renderGrantPanel(): TemplateResult | undefined {
    const t = this.tv;
    return this.session.render({
      idle: () => renderSkeleton(5, t),
      loading: () => renderSkeleton(5, t),
      error: (error, retry) => renderError(error, retry, t),
      value: (s) =>
        s.rights.unlockSupport
          ? this.#whenLoaded(
              5,
              () => html`<support-unlock-grant-form
                exportparts=${PARTS_OF_CONTENTS}
                .searchDelay=${this.searchDelay}
                .now=${this.now}
                .tick=${this.tick}
                .timeZone=${this.timeZone}
                .backend=${this.api}
                @support-grant-created=${this.#onGrantCreated}
                @unlock-right-missing=${this.#onRightMissing}
              ></support-unlock-grant-form>`,
            )
          : html`<div class="notice warning no-right" part="no-right">
              <strong>${t('noRightTitle')}</strong>
              <p>${t('noRightText', t('rightName', this.tenantBrand))}</p>
              <p>${t('noRightWhy')}</p>
            </div>`,
    });
  }

  #renderSuccess(): TemplateResult | typeof nothing {
    const grant = this.created;
    if (!grant) return nothing;
    const t = this.tv;
    return html`<p class="notice success" part="success" id=${this.#id('success')} tabindex="-1" role="status">
      ${t('granted', granteeLabel(grant.grantee, t), untilText(grant.endsAt, this.#ctx))}
    </p>`;
  }

  /** The link view once its code is there; until then its frame with a placeholder, or the load error. */
  #renderLink(): TemplateResult {
    const status = this.#contents.status;
    if (status === TaskStatus.COMPLETE) {
      return html`<support-unlock-link-view
        exportparts=${PARTS_OF_CONTENTS}
        .token=${this.#pendingToken}
        .unlockRight=${this.#unlockRight}
        .now=${this.now}
        .tick=${this.tick}
        .timeZone=${this.timeZone}
        .backend=${this.api}
        @support-link-confirmed=${this.#onGrantChanged}
        @unlock-select-tab=${this.#onSelectTab}
        @unlock-right-missing=${this.#onRightMissing}
      ></support-unlock-link-view>`;
    }
    const t = this.tv;
    const failed = status === TaskStatus.ERROR;
    return html`<section class="link" part="link" aria-labelledby=${this.#id('link-title')} aria-busy=${failed ? 'false' : 'true'}>
      <h3 class="link-title" part="link-title" id=${this.#id('link-title')} tabindex="-1">${t('linkTitle')}</h3>
      ${failed
        ? html`${renderError(toSupportError(this.#contents.error), () => void this.#contents.run(), t)}
            <div class="actions" part="actions">
              <button
                class="button"
                part="link-dismiss-button"
                type="button"
                @click=${() => {
                  // Back to the tabs from a link whose view could not load: the token is dropped.
                  this.#pendingToken = null;
                  this.linkOpen = false;
                  this.selectTab('grant', true);
                }}
              >
                ${t('linkDismiss')}
              </button>
            </div>`
        : renderSkeleton(4, t)}
    </section>`;
  }
}
