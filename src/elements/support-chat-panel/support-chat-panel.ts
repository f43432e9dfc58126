import { html, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { CHAT_MESSAGE_MAX_LENGTH } from '../../core/limits.js';
import type { ChatMessage, ContactInfo } from '../../core/types.js';
import type { RetryPolicy } from '../../backend/chat/backoff.js';
import { type ChatPrefetch, prefetchChat } from '../../backend/chat/chat-prefetch.js';
import type { ChatSession, ChatStatus, PendingChatMessage } from '../../backend/chat/chat-session.js';
import { type LazyView, ViewSupport } from '../../internal/lazy-views.js';
import type { Resource } from '../../internal/resource.js';
import { SupportElement } from '../../internal/support-element.js';
import { baseStyles, tokens } from '../../internal/styles.js';
import { renderViewLoading } from '../../internal/templates.js';
import type * as ChatCodeModule from './chat-code.js';
import type * as ChatViewModule from './chat-view.js';
import type { ChatViewMessages } from './chat-view.i18n.js';
import type { ChatBridge } from './shared.js';
import { chatStyles } from './support-chat-panel.styles.js';
import { type ChatMessages, chatTranslations } from './support-chat-panel.i18n.js';

declare module '../../internal/events.js' {
  interface SupportEventDetails {
    /** The number of unread support messages changed (for a badge). */
    'support-unread-change': { count: number };
    /** The user asks for a callback (outside support hours); the host opens its callback booking. */
    'support-request-callback': { source: string };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'support-unread-change': CustomEvent<{ count: number }>;
    'support-request-callback': CustomEvent<{ source: string }>;
  }
}

let instances = 0;

/**
 * The support chat for the messenger sidebar: the last 21 days of messages, grouped by day, from the cache at once
 * and then from the backend; live replies with a typing indicator; complete catch-up after a reconnect; an outbox in
 * IndexedDB that delivers every message exactly once across offline periods, reloads, errors and tabs.
 *
 * Only the rows near the visible area are rendered, so 20,000 messages scroll as smoothly as 20. Message text is
 * only ever rendered as text; http(s) and mailto links become anchors that open in a new tab.
 *
 * When the element connects it starts reading the cached messages and loads two pieces of code side by side (dynamic
 * `import()`): the session (network, live events, outbox), which takes the cache reads over, and the log and
 * composer; a skeleton shows until both are there. `send()` called meanwhile waits for the session.
 *
 * @summary Support chat with 21 days of history, an offline outbox and live replies.
 * @tag support-chat-panel
 * @since 0.1.0
 *
 * @slot after-hours - Shown outside support hours below the availability line; replaces the default pointers to a
 *   callback and the emergency hotline (e.g. with a `<support-contact>`).
 *
 * @event support-unread-change - The number of unread support messages changed: `detail.count`. Messages count as
 *   read while the panel is visible.
 * @event support-request-callback - The user asks for a callback (the button outside support hours).
 *
 * @csspart base - The panel.
 * @csspart header - Title and availability.
 * @csspart title - The heading.
 * @csspart availability - "Support is available until 18:00" / "back Monday at 09:00".
 * @csspart status-dot - The green/grey dot of the availability line.
 * @csspart after-hours - Pointers to a callback and the emergency hotline, outside support hours.
 * @csspart callback-button - Requests a callback.
 * @csspart hotline - The emergency hotline disclosure.
 * @csspart hotline-number - A hotline number (a `tel:` link).
 * @csspart offline-banner - "You are offline" notice.
 * @csspart error - An error with a retry button.
 * @csspart retry-button - Retries loading.
 * @csspart skeleton - Placeholder while loading.
 * @csspart signed-out - The "sign in to chat" notice.
 * @csspart log - The scrolling message log (`role="log"`).
 * @csspart retention-note - The divider at the top: older messages are not kept.
 * @csspart empty - The text of an empty chat.
 * @csspart day - A day's group of messages.
 * @csspart day-label - A day's sticky label ("Today", "Yesterday", a date).
 * @csspart message - Every message row; also `message-own` / `message-support`.
 * @csspart bubble - A message bubble.
 * @csspart author - Name of the support employee.
 * @csspart text - A message's text.
 * @csspart link - A link inside a message.
 * @csspart meta - Time and delivery state of a message.
 * @csspart delivery - "Sending…", "Sent", "Not sent".
 * @csspart failure - Why an own message was not sent, with its buttons.
 * @csspart resend-button - Sends an unsent message again.
 * @csspart delete-button - Deletes an unsent message.
 * @csspart jump-button - Scrolls to the newest message.
 * @csspart typing - "… is typing".
 * @csspart composer - The message form.
 * @csspart input - The message text area.
 * @csspart hint - How Enter and Shift+Enter work.
 * @csspart counter - Characters used of the limit.
 * @csspart send-button - Sends the message.
 * @csspart announcer - The visually hidden live region that announces support messages.
 *
 * @cssproperty --support-chat-height - Height of the panel (default 36rem; set `height` on the element to fill a sidebar).
 * @cssproperty --support-chat-own-bubble - Background of the user's own messages.
 * @cssproperty --support-chat-support-bubble - Background of support's messages.
 * @cssproperty --support-font-family - Font of all text.
 * @cssproperty --support-font-size - Base font size.
 * @cssproperty --support-color-text - Text colour.
 * @cssproperty --support-color-text-muted - Secondary text colour.
 * @cssproperty --support-color-surface - Panel background.
 * @cssproperty --support-color-surface-alt - Support bubbles, day labels, hover states.
 * @cssproperty --support-color-border - Borders.
 * @cssproperty --support-color-accent - Own bubbles, primary actions.
 * @cssproperty --support-color-accent-text - Text on the accent colour.
 * @cssproperty --support-color-success - The "available" dot.
 * @cssproperty --support-color-warning - Offline and stale notices.
 * @cssproperty --support-color-danger - Unsent messages, errors, the over-limit counter.
 * @cssproperty --support-color-skeleton - Loading placeholders.
 * @cssproperty --support-radius - Corner radius.
 * @cssproperty --support-spacing - Inner spacing.
 * @cssproperty --support-focus-ring - Focus indicator (box-shadow).
 */
export class SupportChatPanel extends SupportElement {
  static override styles = [tokens, baseStyles, chatStyles];

  static {
    // The windowing measures rows after a render and renders again when the visible range changed: by design.
    (this as unknown as { disableWarning?: (kind: string) => void }).disableWarning?.('change-in-update');
  }

  /**
   * The dynamic import of the log and composer (chat-view.ts; one chunk with the session, see chat-code.ts).
   *
   * @internal Test seam: tests replace it (to count calls, delay or fail the load) and restore it. Not public API.
   */
  static loadView: () => Promise<typeof ChatViewModule> = () => import('./chat-code.js');

  /**
   * The dynamic import of the session (network, live events, outbox; src/backend/chat/chat-session.ts). The same
   * module as `loadView`'s, so one request brings both; the element still treats them apart (the session starts as
   * soon as it is there, whatever happens to the view).
   *
   * @internal Test seam, like `loadView`. Not public API.
   */
  static loadSession: () => Promise<typeof ChatCodeModule> = () => import('./chat-code.js');

  /** The longest message the backend accepts (the counter and the send button follow it). */
  @property({ type: Number, attribute: 'max-length' }) maxLength = CHAT_MESSAGE_MAX_LENGTH;

  /** The clock (tests, demos). Default: the real one. */
  @property({ attribute: false }) now?: () => Date;

  /** Backoff of automatic resends (`baseMs`, `maxMs`, `factor`, `jitter`). Default 1 s doubling up to 30 s. */
  @property({ attribute: false }) retryPolicy?: Partial<RetryPolicy>;

  private t = this.translator(chatTranslations);
  private readonly titleId = `support-chat-title-${++instances}`;

  /** The view's styles and strings, taken in when it loads. */
  readonly #views = new ViewSupport<ChatMessages, ChatViewMessages>(
    this,
    () => this.t,
    (table) => this.translator(table),
  );
  readonly #view: LazyView<typeof ChatViewModule, ChatViewModule.ChatView>;
  #focusWhenReady: FocusOptions | undefined | null = null;

  #session: ChatSession | null = null;
  #sessionKey: readonly unknown[] = [];
  /** The session's class, once its code has loaded (a failed load shows its error with a retry button). */
  readonly #sessionCode: LazyView<typeof ChatCodeModule, typeof ChatCodeModule.ChatSession>;
  /** The cache reads started while the session's code loads; the session takes them over. */
  #prefetch: ChatPrefetch | null = null;
  #lastUnread = 0;
  #intersecting = false;
  #observer: IntersectionObserver | null = null;
  #clockTimer: ReturnType<typeof setInterval> | undefined;
  readonly #onVisibility = () => this.requestUpdate();
  readonly #onChange = () => this.requestUpdate();
  readonly #onIncoming = (event: Event) => this.#view.view?.incoming((event as CustomEvent<ChatMessage[]>).detail);
  readonly #onFailed = () => this.#view.view?.failed();

  constructor() {
    super();
    const self = this;
    const bridge: ChatBridge = {
      host: this,
      t: this.#views.t,
      titleId: this.titleId,
      get api() {
        return self.api;
      },
      get session() {
        return self.#session;
      },
      now: () => this.#clock(),
    };
    // The loaders are read when loading (not now), so that a test can swap them for an element that exists already.
    const loaders = () => this.constructor as typeof SupportChatPanel;
    this.#sessionCode = this.#views.lazy(() => loaders().loadSession(), (m) => m.ChatSession);
    this.#view = this.#views.lazy(() => loaders().loadView(), (m) => {
      const view = new m.ChatView(bridge);
      if (this.#focusWhenReady !== null) {
        const options = this.#focusWhenReady;
        this.#focusWhenReady = null;
        void this.updateComplete.then(() => view.focus(options));
      }
      return view;
    });
  }

  // ------------------------------------------------------------------------------------------------ public API
  /**
   * Contact data for the availability line (support hours, hotline). The log's code reads it, so it is there (and
   * read) from when that code has loaded; `undefined` before.
   */
  get contact(): Resource<ContactInfo> | undefined {
    return this.#view.view?.contact;
  }

  /** Support messages not read yet: they arrived while the panel was hidden. */
  get unreadCount(): number {
    return this.#session?.unread ?? 0;
  }

  /** The confirmed messages shown (last 21 days, oldest first). */
  get messages(): readonly ChatMessage[] {
    return this.#session?.messages ?? [];
  }

  /** The user's messages not confirmed yet (in the outbox). */
  get pending(): readonly PendingChatMessage[] {
    return this.#session?.pending ?? [];
  }

  /**
   * `loading`, `ready`, `error`, `signed-out` (or `idle` without a backend or while disconnected). `loading` also
   * while the session's code loads, `error` when it could not be loaded.
   */
  get status(): ChatStatus {
    if (this.#session) return this.#session.status;
    if (!this.isConnected || !this.backend) return 'idle';
    return this.#sessionCode.error ? 'error' : 'loading';
  }

  /**
   * Sends `text` as if typed and submitted; resolves with its clientId. Rejects when it is empty or too long, or
   * when there is no session (no backend, not connected, its code could not be loaded). Called while the session's
   * code loads, it waits for it.
   */
  async send(text: string): Promise<string> {
    if (!this.#session && this.isConnected && this.backend) {
      this.#sessionCode.clearError(); // a failed load is tried again
      await this.#sessionCode.loaded();
      this.#syncSession();
    }
    const session = this.#session;
    if (!session) throw this.#sessionCode.error ?? new Error('support-chat-panel has no backend');
    this.scrollToLatest();
    return session.send(text);
  }

  /** Scrolls to the newest message. */
  scrollToLatest(): void {
    this.#view.view?.scrollToBottom();
  }

  /** Focuses the message input (once it is there, when called while the panel is still loading). */
  override focus(options?: FocusOptions): void {
    const view = this.#view.view;
    if (view) view.focus(options);
    else this.#focusWhenReady = options;
  }

  // ------------------------------------------------------------------------------------------------ lifecycle
  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.#observer = new IntersectionObserver((entries) => {
      this.#intersecting = entries.some((e) => e.isIntersecting);
      this.requestUpdate();
    });
    this.#observer.observe(this);
    // The availability line and "Today" follow the clock.
    this.#clockTimer = setInterval(() => this.requestUpdate(), 30_000);
    // Moved in the DOM: the session stopped on disconnect starts again in the next update.
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#observer?.disconnect();
    this.#observer = null;
    this.#intersecting = false;
    clearInterval(this.#clockTimer);
    this.#stopSession();
    this.#prefetch = null;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.#syncSession();
    // The view's code loads beside the session's.
    if (this.isConnected) this.#view.ensure();
    this.#view.view?.willUpdate();
  }

  /**
   * Starts the session when connected with a backend, and again with another backend, clock, retry policy or
   * length limit; until its code is there, starts the cache reads and the code's load.
   */
  #syncSession(): void {
    if (!this.isConnected) return;
    const backend = this.backend;
    // The validated backend: asking for it starts loading the response validator (for a backend that does not
    // validate itself) now, beside the session's code rather than after it.
    const api = this.api;
    const ChatSession = this.#sessionCode.view;
    if (api && !ChatSession) {
      if (this.#prefetch?.backend !== api) this.#prefetch = prefetchChat(api);
      this.#sessionCode.ensure();
      return;
    }
    // By value for the policy: a host template that passes a fresh object literal on each render must not restart.
    const key = [backend, this.now, JSON.stringify(this.retryPolicy ?? null), this.maxLength];
    const same = key.length === this.#sessionKey.length && key.every((v, i) => v === this.#sessionKey[i]);
    if (same && (this.#session || !backend)) return;
    this.#stopSession(); // forgets the old key: set the new one after it
    this.#sessionKey = key;
    if (!api || !ChatSession) return;
    const session = new ChatSession(api, {
      now: this.now,
      retry: this.retryPolicy,
      maxLength: this.maxLength,
      prefetch: this.#prefetch,
    });
    this.#prefetch = null;
    session.addEventListener('change', this.#onChange);
    session.addEventListener('incoming', this.#onIncoming);
    session.addEventListener('failed', this.#onFailed);
    this.#session = session;
    this.#view.view?.sessionChanged();
    session.start();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const session = this.#session;
    if (session && session.unread > 0 && this.#isVisible()) session.markRead();
    const count = this.unreadCount;
    if (count !== this.#lastUnread) {
      this.#lastUnread = count;
      this.emit('support-unread-change', { count });
    }
  }

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    this.#views.addTo(root);
    return root;
  }

  /** Also waits for the view while its code loads, so `await el.updateComplete` sees the panel complete. */
  protected override getUpdateComplete(): Promise<boolean> {
    return this.#views.settled(() => super.getUpdateComplete());
  }

  #stopSession(): void {
    const session = this.#session;
    if (!session) return;
    session.removeEventListener('change', this.#onChange);
    session.removeEventListener('incoming', this.#onIncoming);
    session.removeEventListener('failed', this.#onFailed);
    session.stop();
    this.#session = null;
    this.#sessionKey = [];
  }

  #isVisible(): boolean {
    // The observer reports asynchronously; checkVisibility() catches `hidden`/`display: none` at once.
    const shown = typeof this.checkVisibility === 'function' ? this.checkVisibility() : true;
    return this.isConnected && this.#intersecting && shown && document.visibilityState === 'visible';
  }

  #clock(): Date {
    return this.now ? this.now() : new Date();
  }

  // ------------------------------------------------------------------------------------------------ render
  protected override render(): TemplateResult {
    const view = this.#view.view;
    const signedOut = this.#session?.status === 'signed-out';
    // Skeleton until the view's code is there and, with a backend, the session's.
    const ready = view && (this.#session || !this.backend);
    return html`<section class="base" part="base" aria-labelledby=${this.titleId}>
      ${view
        ? view.renderHeader()
        : html`<header class="header" part="header"><h2 class="title" part="title" id=${this.titleId}>${this.t('title')}</h2></header>`}
      ${signedOut
        ? html`<p class="signed-out" part="signed-out">${this.t('signedOut')}</p>`
        : ready
          ? view.render()
          : html`<div class="loading">${renderViewLoading(this.#sessionCode.error ? this.#sessionCode : this.#view, 5, this.t)}</div>`}
      ${view?.renderAnnouncer()}
    </section>`;
  }
}
