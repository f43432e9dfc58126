import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import { ATTACHMENT_ACCEPT, ATTACHMENT_MAX_BYTES, ATTACHMENTS_PER_MESSAGE_MAX } from '../../core/attachments.js';
import { CHAT_MESSAGE_MAX_LENGTH } from '../../core/limits.js';
import { chatTextProblem, groupByDay, relativeDayName } from '../../core/chat.js';
import type { AttachmentRef, ChatMessage, ContactInfo, IsoDay } from '../../core/types.js';
import type { RetryPolicy } from '../../backend/chat/backoff.js';
import { ChatSession, type ChatStatus, type PendingAttachment, type PendingChatMessage } from '../../backend/chat/chat-session.js';
import { type SupportError, toSupportError } from '../../backend/errors.js';
import { downloadText, saveBlob } from '../../internal/csv.js';
import { formatDate, formatFileSize, formatNumber } from '../../internal/format.js';
import { Resource } from '../../internal/resource.js';
import { SupportElement } from '../../internal/support-element.js';
import { paperclipIcon } from '../../internal/icons.js';
import { baseStyles, tokens } from '../../internal/styles.js';
import { errorMessage, renderError, renderSkeleton } from '../../internal/templates.js';
import {
  AttachmentDrafts,
  AttachmentFiles,
  type DraftAttachment,
  renderDraftTray,
  renderLimits,
  renderMessageAttachments,
  renderRefused,
} from './attachments.js';
import { renderAvailability } from './availability.js';
import { FallbackContact, contactFacts } from '../../internal/contact-facts.js';
import { renderMessageText } from './message-text.js';
import {
  notificationBody,
  notificationState,
  type NotificationState,
  requestNotificationPermission,
  showReplyNotification,
} from './reply-notification.js';
import { chatStyles } from './support-chat-panel.styles.js';
import { chatTranslations } from './support-chat-panel.i18n.js';
import { clearTitleBadge, setTitleBadge } from './title-badge.js';
import { chatTranscript, type TranscriptEntry, transcriptFileName } from './transcript.js';
// `repeat` from virtual-log.ts: lit's, minus the end marker lit-html 3.3 leaves per removed item (lit #5010).
import { repeat, VirtualLog, type WindowRow } from './virtual-log.js';

declare module '../../internal/events.js' {
  interface SupportEventDetails {
    /**
     * The number of unread support messages changed (for a badge); `pageHidden`: the page (tab) is hidden, so the
     * host may tell the user in its own way.
     */
    'support-unread-change': { count: number; pageHidden: boolean };
    /** The user asks for a callback (outside support hours); the host opens its callback booking. */
    'support-request-callback': { source: string };
    /**
     * The user clicked the browser notification of a reply. Cancelable: `preventDefault()` and show the message
     * yourself (e.g. open the sidebar first, then call `revealMessage(messageId)`).
     */
    'support-notification-click': { messageId: string };
    /**
     * The transcript download is about to start. Cancelable: `preventDefault()` and handle `text` yourself.
     */
    'support-transcript-download': { filename: string; text: string; messages: number };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'support-unread-change': CustomEvent<{ count: number; pageHidden: boolean }>;
    'support-request-callback': CustomEvent<{ source: string }>;
    'support-notification-click': CustomEvent<{ messageId: string }>;
    'support-transcript-download': CustomEvent<{ filename: string; text: string; messages: number }>;
  }
}

type Row =
  | (WindowRow & { readonly kind: 'divider' })
  | (WindowRow & { readonly kind: 'day'; readonly day: IsoDay; readonly at: Date })
  | (WindowRow & { readonly kind: 'message'; readonly day: IsoDay; readonly message: ChatMessage })
  | (WindowRow & { readonly kind: 'pending'; readonly day: IsoDay; readonly pending: PendingChatMessage });

type Item = { readonly at: Date; readonly message: ChatMessage | null; readonly pending: PendingChatMessage | null };

/**
 * How long a panel whose session just started waits for its cached messages before it paints a skeleton instead
 * (ms): below the 100 ms within which a response feels immediate, above what a warm IndexedDB read takes.
 */
const FIRST_PAINT_WAIT_MS = 100;

/** Row height guesses (px) for the default font; measured heights replace them as rows render. */
const EST = { divider: 44, day: 40, base: 50, author: 18, line: 22, failed: 64, charWidth: 7.6, image: 132, file: 44 };

let instances = 0;

/** The files of a message still in the outbox: `sent` bytes of `size` uploaded so far. */
const pendingAttachments = (p: PendingChatMessage): readonly PendingAttachment[] => p.attachments ?? [];

/**
 * How long a reply waits before its notification, ms: another tab (or this panel) where the user reads it meanwhile
 * moves the shared read marker, and no notification is needed.
 */
const NOTIFY_SETTLE_MS = 600;

/**
 * The support chat for the messenger sidebar: the last 21 days of messages, grouped by day, from the cache at once
 * and then from the backend; live replies with a typing indicator; complete catch-up after a reconnect; an outbox in
 * IndexedDB that delivers every message exactly once across offline periods, reloads, errors and tabs.
 *
 * Only the rows near the visible area are rendered, so 20,000 messages scroll as smoothly as 20. Message text is
 * only ever rendered as text; http(s) and mailto links become anchors that open in a new tab.
 *
 * When the element connects it starts its session at once (cache and network side by side, live events, outbox) and
 * reads the contact data for the availability line; a skeleton shows until the first messages are there.
 *
 * @summary Support chat with 21 days of history, an offline outbox and live replies.
 * @tag support-chat-panel
 * @since 0.1.0
 *
 * @slot after-hours - Shown outside support hours below the availability line; replaces the default pointers to a
 *   callback and the emergency hotline (e.g. with a `<support-contact>`).
 *
 * Replies that arrive while the page is hidden: `support-unread-change` tells the host (`detail.pageHidden`); with
 * the opt-in `notify="browser"` the panel offers a button that asks for permission to show a browser notification
 * (never asked on load) and, once granted, one tab shows one notification per reply burst — clicking it focuses the
 * window and the message; with `notify="title"` the page title gets an "(2) " badge while the page is hidden.
 *
 * When the backend takes files, the user can attach screenshots and documents — pick, paste or drop them; they are
 * checked by content against the core's limits, previewed and removable before sending, sent through the outbox with
 * upload progress, and shown in the log as thumbnails (images, from blob URLs) or rows with a download.
 *
 * The transcript button downloads the conversation shown (21 days) as a UTF-8 text file, times in the tenant's zone.
 *
 * @event support-unread-change - The number of unread support messages changed: `detail.count`, `detail.pageHidden`.
 *   Messages count as read while the panel is visible.
 * @event support-request-callback - The user asks for a callback (the button outside support hours).
 * @event support-notification-click - The user clicked the browser notification of a reply (`detail.messageId`).
 *   Cancelable: by default the window is focused and the message scrolled to and focused.
 * @event support-transcript-download - The transcript download starts (`detail.filename`, `text`, `messages`).
 *   Cancelable: `preventDefault()` and save `text` yourself.
 *
 * @csspart base - The panel.
 * @csspart header - Title and availability.
 * @csspart title - The heading.
 * @csspart tools - The buttons beside the heading (transcript, notifications).
 * @csspart transcript-button - Downloads the transcript.
 * @csspart notify-button - Asks for permission to notify about replies (with `notify="browser"`).
 * @csspart notify-status - Says that notifications are blocked or on (with `notify="browser"`).
 * @csspart availability - "Support is available until 18:00" / "back Monday at 09:00".
 * @csspart status-dot - The green/grey dot of the availability line.
 * @csspart after-hours - Pointers to a callback and the emergency hotline, outside support hours.
 * @csspart availability-note - Beside availability from saved or host-supplied data when the backend failed: that it
 *   may not be current, and why.
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
 * @csspart attach-button - Opens the file picker (when the backend takes attachments).
 * @csspart file-input - The hidden file input behind the attach button.
 * @csspart attach-tray - The files about to be sent.
 * @csspart attach-draft - One file in the tray.
 * @csspart attach-preview - An image's thumbnail in the tray (a small copy made off the main thread).
 * @csspart attach-preview-pending - Where an image's thumbnail in the tray appears once it is made.
 * @csspart attach-remove - Removes a file from the tray.
 * @csspart attach-limits - The accepted types and the size limit.
 * @csspart attach-error - Why files were refused.
 * @csspart send-error - Why a message with files could not be queued (e.g. storage full).
 * @csspart drop-zone - Shown while files are dragged over the panel.
 * @csspart attachments - The files of a message.
 * @csspart attachment - One file of a message; also `attachment-image`, `attachment-file`, `attachment-pending`.
 * @csspart attachment-thumbnail - An image's thumbnail in the log (a small copy made off the main thread).
 * @csspart attachment-link - Opens an image full size (the original file).
 * @csspart attachment-loading - Placeholder while an image loads.
 * @csspart attachment-retry - Loads an image again after a failure, or retries a download that found no connection.
 * @csspart attachment-offline - Says that a file is not available offline (neither cached nor reachable).
 * @csspart attachment-undecodable - Says that an image file cannot be shown as an image (it is offered as a download).
 * @csspart attachment-download - Downloads a file.
 * @csspart file-name - A file's name (text).
 * @csspart upload-progress - How much of a pending message's file is uploaded.
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
 * @cssproperty --support-focus-color - Colour of the focus outline (2 px, 2 px away from the control). Default: the accent colour.
 */
export class SupportChatPanel extends SupportElement {
  static override styles = [tokens, baseStyles, chatStyles];

  static {
    // The windowing measures rows after a render and renders again when the visible range changed: by design.
    (this as unknown as { disableWarning?: (kind: string) => void }).disableWarning?.('change-in-update');
  }

  /** The longest message the backend accepts (the counter and the send button follow it). */
  @property({ type: Number, attribute: 'max-length' }) maxLength = CHAT_MESSAGE_MAX_LENGTH;

  /**
   * How to tell the user about replies that arrive while the page is hidden, space-separated (opt-in; default none):
   * `browser` — a button asks for permission to show browser notifications (only when clicked) and then one tab
   * notifies per reply; `title` — an "(2) " unread badge before the document title while the page is hidden.
   * The `support-unread-change` event fires either way.
   */
  @property({ reflect: true }) notify = '';

  /** Backoff of automatic resends (`baseMs`, `maxMs`, `factor`, `jitter`). Default 1 s doubling up to 30 s. */
  @property({ attribute: false }) retryPolicy?: Partial<RetryPolicy>;

  /**
   * Contact facts the host knows itself (the shape `getContactInfo()` answers), for the availability line and the
   * after-hours pointers while nothing better is known: when the backend fails and nothing is cached, and while the
   * first answer is on its way. Fresh backend data wins, then cached data, then these. Checked like adapter data: a
   * value that breaks the contract is ignored with a console warning naming the field.
   */
  @property({ attribute: false }) fallbackContact?: ContactInfo;

  readonly #fallback = new FallbackContact('support-chat-panel');

  /** Contact data for the availability line (support hours, hotline), from the cache first, then fresh. */
  readonly contact = new Resource<ContactInfo>(this, {
    args: () => [this.api],
    fetch: (backend, _args, signal) => backend.getContactInfo(signal),
    peek: (backend) => backend.peek('getContactInfo'),
  });

  private t = this.translator(chatTranslations);
  private readonly titleId = `support-chat-title-${++instances}`;
  readonly #hintId = `${this.titleId}-hint`;

  #session: ChatSession | null = null;
  /** A session started since the last update began (see `scheduleUpdate`). */
  #sessionStarted = false;
  #sessionKey: readonly unknown[] = [];
  #lastUnread = 0;
  #intersecting = false;
  #observer: IntersectionObserver | null = null;
  #clockTimer: ReturnType<typeof setInterval> | undefined;
  #notifyTimer: ReturnType<typeof setTimeout> | undefined;
  #notification: Notification | null = null;
  /** What the browser allows; read at connect and after the user answered the permission prompt. */
  #permission: NotificationState = 'unsupported';

  /** What only the panel shows: the draft, announcements, unseen messages below the visible ones. */
  #draft = '';
  #announcements: { id: number; text: string }[] = [];
  #announceId = 0;
  #unseenBelow = 0;
  #atBottom = true;
  #rowsMemo: { key: string; rows: Row[] } | null = null;
  readonly #log = new VirtualLog(this, { scroller: () => this.renderRoot.querySelector<HTMLElement>('.log') });
  /** The files in the composer, and the blob URLs of files in the log. */
  readonly #drafts = new AttachmentDrafts(this);
  readonly #files = new AttachmentFiles(this, () => this.api);
  /** Files are being dragged over the panel. */
  #dragging = false;
  /** Why the last message with files could not be queued (e.g. storage full); its text and files are back. */
  #sendError: SupportError | null = null;
  readonly #limitsId = `${this.titleId}-limits`;

  readonly #onChange = () => {
    // Back online: attachments that were out of reach load again.
    const offline = this.#session?.offline ?? false;
    if (this.#wasOffline && !offline) this.#files.reconnected();
    this.#wasOffline = offline;
    this.requestUpdate();
  };
  #wasOffline = false;
  readonly #onVisibility = () => this.requestUpdate();
  readonly #onIncoming = (event: Event) => this.#incoming((event as CustomEvent<ChatMessage[]>).detail);
  readonly #onFailed = () => this.#announce(this.t('announceFailed'));

  constructor() {
    super();
    this.#log.onStickChange = (atBottom) => {
      this.#atBottom = atBottom;
      if (atBottom) this.#unseenBelow = 0;
      this.requestUpdate();
    };
  }

  // ------------------------------------------------------------------------------------------------ public API
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

  /** `loading`, `ready`, `error`, `signed-out` (or `idle` without a backend or while disconnected). */
  get status(): ChatStatus {
    return this.#session?.status ?? 'idle';
  }

  /**
   * Sends `text` as if typed and submitted; resolves with its clientId. Rejects when it is empty or too long, or
   * when there is no session (no backend, not connected).
   */
  async send(text: string): Promise<string> {
    if (!this.#session) this.#syncSession();
    const session = this.#session;
    if (!session) throw new Error('support-chat-panel has no backend');
    this.scrollToLatest();
    return session.send(text);
  }

  /**
   * Scrolls to a message (by `id`) and focuses it, e.g. after a click on its notification. Resolves `false` when
   * the message is not in the log.
   */
  async revealMessage(messageId: string): Promise<boolean> {
    const message = this.messages.find((m) => m.id === messageId);
    if (!message) return false;
    const key = `m:${message.clientId ?? message.id}`;
    if (!this.#log.scrollToKey(key)) return false;
    await this.updateComplete;
    // The windowing may render once more after measuring: wait for the row.
    let row: HTMLElement | null = null;
    for (let i = 0; i < 5 && !row; i += 1) {
      row = this.renderRoot.querySelector<HTMLElement>(`[data-row="${CSS.escape(key)}"]`);
      if (!row) await new Promise((r) => requestAnimationFrame(r));
    }
    if (!row) return false;
    row.tabIndex = -1;
    row.scrollIntoView({ block: 'center' });
    row.focus({ preventScroll: true });
    return true;
  }

  /**
   * Downloads the conversation shown (the last 21 days and unsent messages) as a UTF-8 text file; times in the
   * tenant's zone. Fires the cancelable `support-transcript-download` first.
   */
  downloadTranscript(): void {
    const zone = this.tenantZone;
    const now = this.currentTime();
    const t = this.t;
    const entries: TranscriptEntry[] = [
      ...this.messages.map((m) => ({
        at: m.sentAt,
        author: m.author,
        authorName: m.authorName ?? '',
        text: m.text,
        attachments: m.attachments ?? [],
        pending: false,
      })),
      ...this.pending.map((p) => ({
        at: p.createdAt,
        author: 'customer' as const,
        authorName: '',
        text: p.text,
        attachments: pendingAttachments(p),
        pending: true,
      })),
    ];
    const text = chatTranscript(entries, {
      timeZone: zone,
      locale: this.locale,
      now,
      labels: {
        title: t('transcriptTitle'),
        zone: (z) => t('transcriptZone', z),
        created: (when) => t('transcriptCreated', when),
        retention: t('retentionNote'),
        empty: t('transcriptEmpty'),
        you: t('you'),
        support: t('support'),
        notSent: t('notSent'),
        attachment: (name, size) => t('transcriptAttachment', name, size),
      },
    });
    const filename = transcriptFileName(now, zone);
    const event = this.emit('support-transcript-download', { filename, text, messages: entries.length }, { cancelable: true });
    if (!event.defaultPrevented) downloadText(filename, text, 'text/plain;charset=utf-8');
    this.#announce(t('transcriptDownloaded'));
  }

  /** Scrolls to the newest message. */
  scrollToLatest(): void {
    this.#log.scrollToBottom();
  }

  /** Focuses the message input. */
  override focus(options?: FocusOptions): void {
    if (this.#input) this.#input.focus(options);
    else void this.updateComplete.then(() => this.#input?.focus(options));
  }

  get #input(): HTMLTextAreaElement | null {
    return this.renderRoot?.querySelector('textarea') ?? null;
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
    this.#permission = notificationState();
    // The session starts now, not at the first update: that may wait for German strings.
    this.#syncSession();
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#observer?.disconnect();
    this.#observer = null;
    this.#intersecting = false;
    clearInterval(this.#clockTimer);
    clearTimeout(this.#notifyTimer);
    clearTitleBadge(this);
    this.#lastUnread = 0;
    this.#stopSession();
  }

  /**
   * The first render after a session started waits for the next task, and for the session's cache read up to
   * {@link FIRST_PAINT_WAIT_MS}:
   * - its first backend calls go out before that render. A render runs inside one microtask (the page's first one
   *   also builds the time-zone and number formatters: about 0.2 s under a 4× slower CPU), and a call reaches `fetch`
   *   a few microtasks after `start()`, so the first request used to wait for the first render;
   * - with a warm cache the first paint shows the cached rows, not a skeleton they replace a moment later. The
   *   skeleton's render used to hold the main thread while IndexedDB answered, so the cache's answer waited for it and
   *   the rows took a second render. A cache slower than the bound gets the skeleton as before.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    this.#syncSession();
    const session = this.#session;
    if (!this.#sessionStarted || !session) return super.scheduleUpdate();
    this.#sessionStarted = false;
    const nextTask = new Promise((resolve) => setTimeout(resolve));
    const cacheOrBound = Promise.race([session.cacheRead, new Promise((resolve) => setTimeout(resolve, FIRST_PAINT_WAIT_MS))]);
    return Promise.all([nextTask, cacheOrBound]).then(() => super.scheduleUpdate());
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.#syncSession();
    this.#log.setRows(this.#rows());
  }

  /** Starts the session when connected with a backend, and again with another backend, clock, retry policy or length limit. */
  #syncSession(): void {
    if (!this.isConnected) return;
    const backend = this.backend;
    // By value for the policy: a host template that passes a fresh object literal on each render must not restart.
    const key = [backend, this.now, JSON.stringify(this.retryPolicy ?? null), this.maxLength];
    const same = key.length === this.#sessionKey.length && key.every((v, i) => v === this.#sessionKey[i]);
    if (same && (this.#session || !backend)) return;
    this.#stopSession(); // forgets the old key: set the new one after it
    this.#sessionKey = key;
    const api = this.api;
    if (!api) return;
    const session = new ChatSession(api, {
      now: () => this.currentTime(),
      retry: this.retryPolicy,
      maxLength: this.maxLength,
    });
    session.addEventListener('change', this.#onChange);
    session.addEventListener('incoming', this.#onIncoming);
    session.addEventListener('failed', this.#onFailed);
    this.#session = session;
    this.#rowsMemo = null;
    this.#sessionStarted = true;
    session.start();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const session = this.#session;
    if (session && session.unread > 0 && this.#isVisible()) session.markRead();
    const count = this.unreadCount;
    if (count !== this.#lastUnread) {
      this.#lastUnread = count;
      this.emit('support-unread-change', { count, pageHidden: document.visibilityState === 'hidden' });
    }
    if (this.#notifyTokens.has('title')) setTitleBadge(this, count);
    else clearTitleBadge(this);
    // Read here (the panel became visible): the notification of a read reply is stale.
    if (count === 0 && this.#notification) {
      this.#notification.close();
      this.#notification = null;
    }
  }

  get #notifyTokens(): Set<string> {
    return new Set((this.notify ?? '').toLowerCase().split(/\s+/).filter(Boolean));
  }

  /** Support replied while the page is hidden: one tab (the sending one) notifies, once the read marker settled. */
  #scheduleNotification(): void {
    if (!this.#notifyTokens.has('browser') || document.visibilityState !== 'hidden') return;
    clearTimeout(this.#notifyTimer);
    this.#notifyTimer = setTimeout(() => this.#notify(), NOTIFY_SETTLE_MS);
  }

  #notify(): void {
    const session = this.#session;
    if (!session?.sending || document.visibilityState !== 'hidden') return;
    const unread = session.unread;
    const latest = [...session.messages].reverse().find((m) => m.author === 'support');
    if (unread === 0 || !latest) return;
    const t = this.t;
    const name = latest.authorName || t('support');
    const body = notificationBody(unread > 1 ? `${t('announceMany', unread)} ${name}: ${latest.text}` : `${name}: ${latest.text}`);
    this.#notification?.close();
    this.#notification = showReplyNotification({
      title: t('notificationTitle'),
      body,
      tag: 'support-widgets-chat',
      lang: this.language,
      onClick: () => this.#notificationClicked(latest.id),
    });
  }

  #notificationClicked(messageId: string): void {
    this.#notification = null;
    const event = this.emit('support-notification-click', { messageId }, { cancelable: true });
    if (event.defaultPrevented) return;
    window.focus();
    void this.revealMessage(messageId);
  }

  readonly #askPermission = async () => {
    this.#permission = await requestNotificationPermission();
    this.requestUpdate();
  };

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

  /** Support's messages arrived live: announce them, count them when the reader is scrolled up. */
  #incoming(messages: readonly ChatMessage[]): void {
    const t = this.t;
    if (messages.length <= 3) for (const m of messages) this.#announce(t('announceMessage', m.authorName || t('support'), m.text));
    else this.#announce(t('announceMany', messages.length));
    if (!this.#log.atBottom) {
      this.#unseenBelow += messages.length;
      this.requestUpdate();
    }
    this.#scheduleNotification();
  }

  #announce(text: string): void {
    this.#announcements = [...this.#announcements.slice(-4), { id: ++this.#announceId, text }];
    this.requestUpdate();
  }

  // ------------------------------------------------------------------------------------------------ rows
  /** The log's rows: the retention note, then per day a label and its messages (pending ones last). Memoised. */
  #rows(): Row[] {
    const session = this.#session;
    const now = this.currentTime();
    const zone = this.viewerZone;
    const width = this.#log.width || 320;
    const key = `${session?.listVersion ?? -1}|${this.language}|${zone}|${formatDate(now, 'en', zone, 'date')}|${width}`;
    if (this.#rowsMemo?.key === key) return this.#rowsMemo.rows;
    const rows: Row[] = [];
    const messages = session?.messages ?? [];
    const pending = session?.pending ?? [];
    if (messages.length + pending.length > 0) {
      rows.push({ kind: 'divider', key: 'divider', estimate: EST.divider });
      const items: Item[] = messages.map((m) => ({ at: m.sentAt, message: m, pending: null }));
      for (const p of pending) items.push({ at: p.createdAt, message: null, pending: p });
      const charsPerLine = Math.max(12, Math.floor((width * 0.82 - 28) / EST.charWidth));
      const estimate = (text: string, support: boolean, failed: boolean, files: readonly { type?: string }[] = []) => {
        let lines = 0;
        if (text) for (const line of text.split('\n')) lines += Math.max(1, Math.ceil(line.length / charsPerLine));
        let attached = 0;
        for (const f of files) attached += f.type?.startsWith('image/') ? EST.image : EST.file;
        return EST.base + lines * EST.line + (support ? EST.author : 0) + (failed ? EST.failed : 0) + attached;
      };
      for (const group of groupByDay(items, (i) => i.at, zone)) {
        rows.push({ kind: 'day', key: `day:${group.day}`, estimate: EST.day, day: group.day, at: group.items[0]!.at });
        for (const item of group.items) {
          if (item.message) {
            const m = item.message;
            rows.push({ kind: 'message', key: `m:${m.clientId ?? m.id}`, estimate: estimate(m.text, m.author === 'support', false, m.attachments), day: group.day, message: m });
          } else {
            const p = item.pending!;
            rows.push({ kind: 'pending', key: `m:${p.clientId}`, estimate: estimate(p.text, false, p.state === 'failed', pendingAttachments(p)), day: group.day, pending: p });
          }
        }
      }
    }
    this.#rowsMemo = { key, rows };
    return rows;
  }

  // ------------------------------------------------------------------------------------------------ render
  protected override render(): TemplateResult {
    const session = this.#session;
    const facts = contactFacts(this.contact, this.#fallback.read(this.fallbackContact));
    return html`<section
      class="base"
      part="base"
      role="group"
      aria-labelledby=${this.titleId}
      @dragenter=${this.#onDragOver}
      @dragover=${this.#onDragOver}
      @dragleave=${this.#onDragLeave}
      @drop=${this.#onDrop}
    >
      <header class="header" part="header" role="none">
        <div class="title-row">
          <h2 class="title" part="title" id=${this.titleId}>${this.t('title')}</h2>
          ${this.#renderTools(session)}
        </div>
        ${this.#renderNotifyStatus()}
        ${facts
          ? renderAvailability(facts, this.contact.error, {
              t: this.t,
              now: this.currentTime(),
              locale: this.locale,
              viewerZone: this.viewerZone,
              onRequestCallback: () => this.emit('support-request-callback', { source: 'support-chat-panel' }),
            })
          : nothing}
      </header>
      ${session?.status === 'signed-out'
        ? html`<p class="signed-out" part="signed-out">${this.t('signedOut')}</p>`
        : html`${this.#renderNotices(session)}
            <div class="log-area">${this.#renderBody(session, session?.status ?? 'idle')} ${this.#renderJump()}</div>
            ${this.#renderTyping(session)} ${this.#renderComposer()}`}
      ${this.#renderDropZone()}
      <div class="visually-hidden" part="announcer" aria-live="polite" aria-relevant="additions">
        ${repeat(this.#announcements, (a) => a.id, (a) => html`<p>${a.text}</p>`)}
      </div>
    </section>`;
  }

  #renderTools(session: ChatSession | null): TemplateResult | typeof nothing {
    if (!session || session.status === 'signed-out') return nothing;
    const t = this.t;
    const ask = this.#notifyTokens.has('browser') && this.#permission === 'default';
    return html`<div class="tools" part="tools">
      ${ask
        ? html`<button class="button small" part="notify-button" type="button" @click=${this.#askPermission}>${t('notifyButton')}</button>`
        : nothing}
      <button
        class="button small"
        part="transcript-button"
        type="button"
        ?disabled=${session.status !== 'ready'}
        @click=${() => this.downloadTranscript()}
      >
        ${t('transcriptButton')}
      </button>
    </div>`;
  }

  #renderNotifyStatus(): TemplateResult | typeof nothing {
    if (!this.#notifyTokens.has('browser')) return nothing;
    const state = this.#permission;
    if (state !== 'denied' && state !== 'granted') return nothing;
    return html`<p class="notify-status" part="notify-status" role="status">
      ${state === 'denied' ? this.t('notifyDenied') : this.t('notifyOn')}
    </p>`;
  }

  #renderNotices(session: ChatSession | null): TemplateResult | typeof nothing {
    if (!session) return nothing;
    if (session.offline) {
      return html`<p class="notice warning banner" part="offline-banner" role="status">${this.t('offlineBanner')}</p>`;
    }
    const error = session.error;
    // Without rows the error shows in place of the log (with its retry); with rows, above them.
    if (error && session.status !== 'signed-out' && this.#rows().length > 0) return this.#renderRefreshError(error, session);
    return nothing;
  }

  #renderRefreshError(error: SupportError, session: ChatSession): TemplateResult {
    const t = this.t;
    return html`<div class="notice warning banner" part="error" role="status">
      <span>${t('refreshFailed')} ${errorMessage(error, t)}</span>
      <button class="button small" part="retry-button" type="button" @click=${() => void session.reload()}>${t('retry')}</button>
    </div>`;
  }

  #renderBody(session: ChatSession | null, status: ChatStatus): TemplateResult {
    const t = this.t;
    const rows = this.#rows();
    if (rows.length === 0) {
      let content: TemplateResult;
      if (status === 'error' && session?.error) content = renderError(session.error, () => void session.reload(), t);
      else if (status === 'ready') {
        content = html`<p class="retention" part="retention-note">${t('retentionNote')}</p>
          <p class="empty" part="empty">${t('empty')}</p>`;
      } else content = renderSkeleton(5, t);
      return html`<div class="log" part="log" role="log" aria-live="off" aria-label=${t('log')} tabindex="0">${content}</div>`;
    }
    const [start, end] = this.#log.range;
    const sections: { key: string; day: IsoDay | null; at: Date | null; header: Row | null; rows: Row[] }[] = [];
    for (const row of rows.slice(start, end)) {
      if (row.kind === 'divider') sections.push({ key: 'divider', day: null, at: null, header: null, rows: [row] });
      else if (row.kind === 'day') sections.push({ key: row.key, day: row.day, at: row.at, header: row, rows: [] });
      else {
        const current = sections.at(-1);
        if (current?.day === row.day) current.rows.push(row);
        else {
          const at = row.kind === 'message' ? row.message.sentAt : row.pending.createdAt;
          sections.push({ key: `day:${row.day}`, day: row.day, at, header: null, rows: [row] });
        }
      }
    }
    // The log is not a live region itself: windowing adds and removes rows while scrolling, and the user's own
    // messages are not news. Support's messages are announced through the polite announcer instead.
    return html`<div class="log" part="log" role="log" aria-live="off" aria-label=${t('log')} tabindex="0">
      <div class="spacer" style=${styleMap({ height: `${this.#log.before}px` })}></div>
      ${repeat(
        sections,
        (s) => s.key,
        (s) =>
          s.day === null
            ? html`<div class="row divider" data-row="divider">
                <p class="retention" part="retention-note">${t('retentionNote')}</p>
              </div>`
            : html`<section class="day" part="day">
                ${this.#renderDayLabel(s.at!, s.header)}
                ${repeat(s.rows, (r) => r.key, (r) => this.#renderRow(r))}
              </section>`,
      )}
      <div class="spacer" style=${styleMap({ height: `${this.#log.after}px` })}></div>
    </div>`;
  }

  #renderDayLabel(at: Date, header: Row | null): TemplateResult {
    const t = this.t;
    const zone = this.viewerZone;
    const relative = relativeDayName(at, this.currentTime(), zone);
    const label = relative === 'today' ? t('today') : relative === 'yesterday' ? t('yesterday') : formatDate(at, this.locale, zone, 'long-date');
    // A day whose label row is above the rendered rows still shows its label, as a sticky overlay of no height.
    return html`<h3 class="day-label ${header ? '' : 'continued'}" part="day-label" data-row=${header ? header.key : nothing}>
      <span>${label}</span>
    </h3>`;
  }

  #renderRow(row: Row): TemplateResult {
    if (row.kind === 'message') return this.#renderMessage(row.key, row.message);
    if (row.kind === 'pending') return this.#renderPending(row.key, row.pending);
    return html``;
  }

  #renderMessage(key: string, m: ChatMessage): TemplateResult {
    const t = this.t;
    const own = m.author === 'customer';
    const time = formatDate(m.sentAt, this.locale, this.viewerZone, 'time');
    return html`<div class="row message ${own ? 'own' : 'support'}" part="message ${own ? 'message-own' : 'message-support'}" data-row=${key} data-state="sent">
      <div class="bubble" part="bubble">
        ${own ? html`<span class="visually-hidden">${t('you')}:</span>` : html`<p class="author" part="author">${m.authorName || t('support')}</p>`}
        ${m.text ? html`<p class="text" part="text">${renderMessageText(m.text)}</p>` : nothing}
        ${renderMessageAttachments(m.attachments, this.#files, t, this.locale, this.#download)}
        <p class="meta" part="meta">
          <time datetime=${m.sentAt.toISOString()}>${time}</time>
          ${own ? html`<span class="delivery" part="delivery"><span aria-hidden="true">✓</span> ${t('sent')}</span>` : nothing}
        </p>
      </div>
    </div>`;
  }

  #renderPending(key: string, p: PendingChatMessage): TemplateResult {
    const t = this.t;
    const session = this.#session;
    const failed = p.state === 'failed';
    const time = formatDate(p.createdAt, this.locale, this.viewerZone, 'time');
    const known = ['network', 'timeout', 'unavailable', 'invalid-request', 'unauthorized'];
    const reason = p.error ? t(`reason.${known.includes(p.error) ? p.error : 'other'}` as 'reason.other') : '';
    return html`<div class="row message own" part="message message-own" data-row=${key} data-state=${p.state}>
      <div class="bubble" part="bubble">
        <span class="visually-hidden">${t('you')}:</span>
        ${p.text ? html`<p class="text" part="text">${renderMessageText(p.text)}</p>` : nothing}
        ${this.#renderPendingFiles(p)}
        <p class="meta" part="meta">
          <time datetime=${p.createdAt.toISOString()}>${time}</time>
          <span class="delivery" part="delivery">
            ${failed ? html`<span aria-hidden="true">!</span> ${t('notSent')}` : html`<span aria-hidden="true" class="clock">◷</span> ${t('sending')}`}
          </span>
        </p>
        ${failed
          ? html`<div class="failure" part="failure">
              <p>${reason} ${p.retrying ? t('retryingAutomatically') : nothing}</p>
              <div class="actions">
                <button class="button small" part="resend-button" type="button" @click=${() => void session?.retry(p.clientId)}>
                  ${t('retrySend')}
                </button>
                <button
                  class="button small danger"
                  part="delete-button"
                  type="button"
                  aria-label=${t('deleteMessageLabel')}
                  @click=${() => this.#discard(p.clientId)}
                >
                  ${t('deleteMessage')}
                </button>
              </div>
            </div>`
          : nothing}
      </div>
    </div>`;
  }

  /** The files of an unsent message: name, size and how much is uploaded. */
  #renderPendingFiles(p: PendingChatMessage): TemplateResult | typeof nothing {
    const files = pendingAttachments(p);
    if (files.length === 0) return nothing;
    const t = this.t;
    return html`<ul class="attachments" part="attachments">
      ${files.map((f) => {
        const sent = Math.min(f.sent ?? 0, f.size);
        const percent = formatNumber(f.size > 0 ? Math.round((sent / f.size) * 100) : 100, this.locale) + ' %';
        return html`<li class="attachment file" part="attachment attachment-pending">
          <span class="file-text">
            <span class="file-name" part="file-name">${f.name}</span>
            <span class="file-size">${formatFileSize(f.size, this.locale)}</span>
          </span>
          <progress part="upload-progress" max=${f.size || 1} .value=${sent} aria-label=${t('attachUploading', f.name, percent)}></progress>
        </li>`;
      })}
    </ul>`;
  }

  readonly #download = (ref: AttachmentRef) => {
    void this.#files.download(ref.id).then(
      (blob) => saveBlob(ref.name, blob),
      () => this.#announce(this.#files.unreachable(ref.id) ? this.t('attachDownloadOffline', ref.name) : this.t('attachDownloadFailed', ref.name)),
    );
  };

  #discard(clientId: string): void {
    void this.#session?.discard(clientId);
    // The button disappears with its row: keep focus in the composer.
    this.#input?.focus();
  }

  #renderJump(): TemplateResult | typeof nothing {
    const atBottom = this.#atBottom;
    const unseenBelow = this.#unseenBelow;
    if (atBottom || this.#rows().length === 0) return nothing;
    const t = this.t;
    return html`<button class="button jump" part="jump-button" type="button" @click=${() => this.scrollToLatest()}>
      <span aria-hidden="true">↓</span>
      ${unseenBelow > 0 ? t('newMessages', unseenBelow) : t('jumpToLatest')}
    </button>`;
  }

  #renderTyping(session: ChatSession | null): TemplateResult {
    const t = this.t;
    const typing = session?.typing;
    return html`<p class="typing" part="typing">
      ${typing
        ? html`<span class="dots" aria-hidden="true"><i></i><i></i><i></i></span>
            ${typing.name ? t('typing', typing.name) : t('typingAnonymous')}`
        : nothing}
    </p>`;
  }

  /** Sending with files: the backend stores them (`uploadAttachment`) and the session's outbox keeps them meanwhile. */
  get #attachments(): ChatSession | null {
    const session = this.#session;
    if (!session?.attachmentsEnabled || session.status === 'signed-out') return null;
    return session;
  }

  #renderComposer(): TemplateResult {
    const t = this.t;
    const session = this.#session;
    const draft = this.#draft;
    const max = session?.maxLength ?? this.maxLength;
    const length = draft.trim().length;
    const files = this.#drafts.items;
    const problem = chatTextProblem(draft, max);
    const over = problem === 'too-long';
    // A message may be only files; never only an over-long text.
    const sendable = files.length > 0 ? !over && !this.#drafts.checking : problem === null;
    const count = formatNumber(length, this.locale);
    const limit = formatNumber(max, this.locale);
    const attach = this.#attachments !== null;
    const refused = this.#drafts.refused;
    return html`<form class="composer" part="composer" @submit=${this.#onSubmit}>
      <label class="visually-hidden" for="input">${t('messageLabel')}</label>
      <textarea
        id="input"
        part="input"
        rows="2"
        .value=${draft}
        aria-describedby="${this.#hintId} counter"
        aria-invalid=${over ? 'true' : 'false'}
        @input=${(e: Event) => {
          this.#draft = (e.target as HTMLTextAreaElement).value;
          this.requestUpdate();
        }}
        @keydown=${this.#onKeyDown}
        @paste=${attach ? this.#onPaste : nothing}
      ></textarea>
      ${attach ? renderDraftTray(this.#drafts, t, this.locale) : nothing}
      ${attach && refused.length > 0 ? renderRefused(refused, t, this.locale, ATTACHMENT_MAX_BYTES) : nothing}
      ${this.#sendError
        ? html`<p class="attach-error" part="send-error" role="status">${errorMessage(this.#sendError, t)}</p>`
        : nothing}
      ${attach && (files.length > 0 || refused.length > 0) ? renderLimits(t, this.locale, ATTACHMENT_MAX_BYTES) : nothing}
      <div class="composer-row">
        ${attach
          ? html`<button
                class="button small attach-button"
                part="attach-button"
                type="button"
                aria-describedby=${this.#limitsId}
                @click=${() => this.renderRoot.querySelector<HTMLInputElement>('input[type="file"]')?.click()}
              >
                ${paperclipIcon} ${t('attachButton')}
              </button>
              <input
                class="visually-hidden"
                part="file-input"
                type="file"
                multiple
                accept=${ATTACHMENT_ACCEPT}
                tabindex="-1"
                aria-hidden="true"
                @change=${this.#onPick}
              />
              <span class="visually-hidden" id=${this.#limitsId}
                >${t('attachLimits', formatFileSize(ATTACHMENT_MAX_BYTES, this.locale), ATTACHMENTS_PER_MESSAGE_MAX)}</span
              >`
          : nothing}
        <span class="hint muted" part="hint" id=${this.#hintId}>${t('composerHint')}</span>
        <span class="send-group">
          <span class="counter ${over ? 'over' : ''}" part="counter" id="counter">
            <span aria-hidden="true">${t('counter', count, limit)}</span>
            <span class="visually-hidden">${t('counterLabel', count, limit)}</span>
          </span>
          <button class="button primary" part="send-button" type="submit" ?disabled=${!sendable || !session}>${t('send')}</button>
        </span>
      </div>
      <p class="too-long" role="status">${over ? t('tooLong', formatNumber(length - max, this.locale)) : this.#drafts.checking ? t('attachChecking') : ''}</p>
    </form>`;
  }

  /** A pasted screenshot (or copied files) becomes an attachment; text pastes as text. */
  readonly #onPaste = (event: ClipboardEvent) => {
    const data = event.clipboardData;
    if (!data || data.files.length === 0) return;
    // An office program copies text and a picture of it: the text is what the user means.
    if (data.types.includes('text/plain') && data.getData('text/plain').trim() !== '') return;
    event.preventDefault();
    void this.#addFiles([...data.files]);
  };

  readonly #onPick = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = ''; // picking the same file again fires `change` again
    void this.#addFiles(files);
  };

  readonly #onDragOver = (event: DragEvent) => {
    if (!this.#attachments || !event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    if (!this.#dragging) {
      this.#dragging = true;
      this.requestUpdate();
    }
  };

  readonly #onDragLeave = (event: DragEvent) => {
    const base = event.currentTarget as HTMLElement;
    if (event.relatedTarget instanceof Node && base.contains(event.relatedTarget)) return;
    this.#dragging = false;
    this.requestUpdate();
  };

  readonly #onDrop = (event: DragEvent) => {
    if (!this.#attachments || !event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    this.#dragging = false;
    void this.#addFiles([...event.dataTransfer.files]);
  };

  async #addFiles(files: readonly File[]): Promise<void> {
    if (files.length === 0) return;
    this.#sendError = null;
    const before = this.#drafts.items.length;
    await this.#drafts.add(files);
    const added = this.#drafts.items.length - before;
    if (added > 0) this.#announce(this.t('attachAdded', added));
    this.#input?.focus();
  }

  #renderDropZone(): TemplateResult | typeof nothing {
    if (!this.#dragging || !this.#attachments) return nothing;
    return html`<div class="drop-zone" part="drop-zone">
      <p class="drop-title">${this.t('attachDrop')}</p>
      ${renderLimits(this.t, this.locale, ATTACHMENT_MAX_BYTES)}
    </div>`;
  }

  readonly #onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.altKey) return;
    event.preventDefault();
    this.#submit();
  };

  readonly #onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    this.#submit();
  };

  #submit(): void {
    const session = this.#session;
    const text = this.#draft;
    const sending = this.#attachments;
    const withFiles = sending !== null && this.#drafts.items.length > 0;
    if (!session) return;
    if (withFiles ? this.#drafts.checking || chatTextProblem(text, session.maxLength) === 'too-long' : chatTextProblem(text, session.maxLength)) return;
    const files: DraftAttachment[] = withFiles ? this.#drafts.take() : [];
    this.#draft = '';
    this.#unseenBelow = 0;
    this.requestUpdate();
    this.#log.scrollToBottom();
    const sent = withFiles ? sending.send(text, files.map((f) => f.file)) : session.send(text);
    this.#sendError = null;
    void sent.catch((error: unknown) => {
      // Refused before it was queued (e.g. no storage); never lose what was typed or attached.
      this.#draft = text;
      if (files.length) this.#drafts.restore(files);
      this.#sendError = toSupportError(error);
      this.requestUpdate();
    });
    // Focus stays (or returns, after a click on Send) in the composer.
    this.#input?.focus();
  }
}
