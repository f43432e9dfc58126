import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import { CHAT_MESSAGE_MAX_LENGTH, chatTextProblem, groupByDay, relativeDayName } from '../../core/chat.js';
import { supportStatus } from '../../core/support-hours.js';
import type { ChatMessage, ContactInfo, IsoDay } from '../../core/types.js';
import type { RetryPolicy } from '../../backend/chat/backoff.js';
import { ChatSession, type ChatStatus, type PendingChatMessage } from '../../backend/chat/chat-session.js';
import type { SupportError } from '../../backend/errors.js';
import { formatDate, formatMoney, formatNumber, formatZoneName, zonesDiffer } from '../../internal/format.js';
import { Resource } from '../../internal/resource.js';
import { SupportElement } from '../../internal/support-element.js';
import { baseStyles, tokens } from '../../internal/styles.js';
import { errorMessage, renderError, renderSkeleton } from '../../internal/templates.js';
import { renderMessageText } from './message-text.js';
import { chatStyles } from './support-chat-panel.styles.js';
import { chatTranslations } from './support-chat-panel.i18n.js';
import { VirtualLog, type WindowRow } from './virtual-log.js';

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

type Row =
  | (WindowRow & { readonly kind: 'divider' })
  | (WindowRow & { readonly kind: 'day'; readonly day: IsoDay; readonly at: Date })
  | (WindowRow & { readonly kind: 'message'; readonly day: IsoDay; readonly message: ChatMessage })
  | (WindowRow & { readonly kind: 'pending'; readonly day: IsoDay; readonly pending: PendingChatMessage });

type Item = { readonly at: Date; readonly message: ChatMessage | null; readonly pending: PendingChatMessage | null };

/** Row height guesses (px) for the default font; measured heights replace them as rows render. */
const EST = { divider: 44, day: 40, base: 50, author: 18, line: 22, failed: 64, charWidth: 7.6 };

let instances = 0;

/**
 * The support chat for the messenger sidebar: the last 21 days of messages, grouped by day, from the cache at once
 * and then from the backend; live replies with a typing indicator; complete catch-up after a reconnect; an outbox in
 * IndexedDB that delivers every message exactly once across offline periods, reloads, errors and tabs.
 *
 * Only the rows near the visible area are rendered, so 20,000 messages scroll as smoothly as 20. Message text is
 * only ever rendered as text; http(s) and mailto links become anchors that open in a new tab.
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

  /** The longest message the backend accepts (the counter and the send button follow it). */
  @property({ type: Number, attribute: 'max-length' }) maxLength = CHAT_MESSAGE_MAX_LENGTH;

  /** The clock (tests, demos). Default: the real one. */
  @property({ attribute: false }) now?: () => Date;

  /** Backoff of automatic resends (`baseMs`, `maxMs`, `factor`, `jitter`). Default 1 s doubling up to 30 s. */
  @property({ attribute: false }) retryPolicy?: Partial<RetryPolicy>;

  @state() private draft = '';
  @state() private announcements: { id: number; text: string }[] = [];
  @state() private unseenBelow = 0;
  @state() private atBottom = true;

  @query('.log') private logElement!: HTMLElement | null;
  @query('textarea') private input!: HTMLTextAreaElement | null;

  private t = this.translator(chatTranslations);
  private readonly titleId = `support-chat-title-${++instances}`;
  private readonly hintId = `support-chat-hint-${instances}`;

  /** Contact data for the availability line (support hours, hotline). */
  readonly contact = new Resource<ContactInfo>(this, {
    args: () => [this.api],
    fetch: (backend, _args, signal) => backend.getContactInfo(signal),
    peek: (backend) => backend.peek('getContactInfo'),
  });

  readonly #log = new VirtualLog(this, { scroller: () => this.logElement });
  #session: ChatSession | null = null;
  #sessionKey: readonly unknown[] = [];
  #rowsMemo: { key: string; rows: Row[] } | null = null;
  #lastUnread = 0;
  #intersecting = false;
  #observer: IntersectionObserver | null = null;
  #clockTimer: ReturnType<typeof setInterval> | undefined;
  #announceId = 0;
  readonly #onVisibility = () => this.requestUpdate();
  readonly #onChange = () => this.requestUpdate();
  readonly #onIncoming = (event: Event) => {
    const messages = (event as CustomEvent<ChatMessage[]>).detail;
    if (messages.length <= 3) for (const m of messages) this.#announce(this.t('announceMessage', m.authorName || this.t('support'), m.text));
    else this.#announce(this.t('announceMany', messages.length));
    if (!this.#log.atBottom) this.unseenBelow += messages.length;
  };
  readonly #onFailed = () => this.#announce(this.t('announceFailed'));

  constructor() {
    super();
    this.#log.onStickChange = (atBottom) => {
      this.atBottom = atBottom;
      if (atBottom) this.unseenBelow = 0;
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

  /** `loading`, `ready`, `error`, `signed-out` (or `idle` without a backend). */
  get status(): ChatStatus {
    return this.#session?.status ?? 'idle';
  }

  /** Sends `text` as if typed and submitted; resolves with its clientId. Rejects when it is empty or too long. */
  send(text: string): Promise<string> {
    if (!this.#session) return Promise.reject(new Error('support-chat-panel has no backend'));
    this.#log.scrollToBottom();
    return this.#session.send(text);
  }

  /** Scrolls to the newest message. */
  scrollToLatest(): void {
    this.#log.scrollToBottom();
  }

  /** Focuses the message input. */
  override focus(options?: FocusOptions): void {
    this.input?.focus(options);
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
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // By value for the policy: a host template that passes a fresh object literal on each render must not restart.
    const key = [this.backend, this.now, JSON.stringify(this.retryPolicy ?? null), this.maxLength];
    const same = key.length === this.#sessionKey.length && key.every((v, i) => v === this.#sessionKey[i]);
    if (this.isConnected && (!same || (!this.#session && this.backend))) {
      this.#stopSession(); // forgets the old key: set the new one after it
      this.#sessionKey = key;
      if (this.backend) {
        const session = new ChatSession(this.backend, {
          now: this.now,
          retry: this.retryPolicy,
          maxLength: this.maxLength,
        });
        session.addEventListener('change', this.#onChange);
        session.addEventListener('incoming', this.#onIncoming);
        session.addEventListener('failed', this.#onFailed);
        this.#session = session;
        this.#rowsMemo = null;
        session.start();
      }
    }
    this.#log.setRows(this.#rows());
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

  #announce(text: string): void {
    this.announcements = [...this.announcements.slice(-4), { id: ++this.#announceId, text }];
  }

  // ------------------------------------------------------------------------------------------------ rows
  /** The log's rows: the retention note, then per day a label and its messages (pending ones last). Memoised. */
  #rows(): Row[] {
    const session = this.#session;
    const now = this.#clock();
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
      const estimate = (text: string, support: boolean, failed: boolean) => {
        let lines = 0;
        for (const line of text.split('\n')) lines += Math.max(1, Math.ceil(line.length / charsPerLine));
        return EST.base + lines * EST.line + (support ? EST.author : 0) + (failed ? EST.failed : 0);
      };
      for (const group of groupByDay(items, (i) => i.at, zone)) {
        rows.push({ kind: 'day', key: `day:${group.day}`, estimate: EST.day, day: group.day, at: group.items[0]!.at });
        for (const item of group.items) {
          if (item.message) {
            const m = item.message;
            rows.push({ kind: 'message', key: `m:${m.clientId ?? m.id}`, estimate: estimate(m.text, m.author === 'support', false), day: group.day, message: m });
          } else {
            const p = item.pending!;
            rows.push({ kind: 'pending', key: `m:${p.clientId}`, estimate: estimate(p.text, false, p.state === 'failed'), day: group.day, pending: p });
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
    const status = session?.status ?? 'idle';
    return html`<section class="base" part="base" aria-labelledby=${this.titleId}>
      ${this.#renderHeader()}
      ${status === 'signed-out'
        ? html`<p class="signed-out" part="signed-out">${this.t('signedOut')}</p>`
        : html`${this.#renderNotices(session)}
            <div class="log-area">${this.#renderBody(session, status)} ${this.#renderJump()}</div>
            ${this.#renderTyping(session)} ${this.#renderComposer()}`}
      <div class="visually-hidden" part="announcer" aria-live="polite" aria-relevant="additions">
        ${repeat(this.announcements, (a) => a.id, (a) => html`<p>${a.text}</p>`)}
      </div>
    </section>`;
  }

  #renderHeader(): TemplateResult {
    return html`<header class="header" part="header">
      <h2 class="title" part="title" id=${this.titleId}>${this.t('title')}</h2>
      ${this.contact.value ? this.#renderAvailability(this.contact.value) : nothing}
    </header>`;
  }

  #renderAvailability(contact: ContactInfo): TemplateResult {
    const now = this.#clock();
    const hours = contact.supportHours;
    const zone = this.viewerZone;
    const status = supportStatus(hours, now);
    const differ = zonesDiffer(now, zone, hours.timeZone);
    const time = (at: Date, timeZone: string) => formatDate(at, this.locale, timeZone, 'time');
    const zoneName = formatZoneName(now, this.locale, hours.timeZone);
    if (status.open) {
      const text = differ
        ? this.t('openUntilZoned', time(status.closesAt, zone), time(status.closesAt, hours.timeZone), zoneName)
        : this.t('openUntil', time(status.closesAt, zone));
      return html`<p class="availability" part="availability" data-open="">
        <span class="dot" part="status-dot" aria-hidden="true"></span><span>${text}</span>
      </p>`;
    }
    const when = (at: Date, timeZone: string) => {
      const relative = relativeDayName(at, now, timeZone);
      if (relative === 'today') return this.t('backToday', time(at, timeZone));
      if (relative === 'tomorrow') return this.t('backTomorrow', time(at, timeZone));
      return this.t('backOn', formatDate(at, this.locale, timeZone, 'weekday-date'), time(at, timeZone));
    };
    const opensAt = status.opensAt;
    // In the tenant's zone only the time, unless the day differs too ("tomorrow at 01:00 (Mon at 09:00 CET)").
    const tenantWhen = (at: Date) =>
      formatDate(at, this.locale, zone, 'date') === formatDate(at, this.locale, hours.timeZone, 'date')
        ? this.t('zoneTime', time(at, hours.timeZone))
        : when(at, hours.timeZone);
    const text = !opensAt
      ? this.t('closed')
      : differ
        ? this.t('closedUntilZoned', when(opensAt, zone), tenantWhen(opensAt), zoneName)
        : this.t('closedUntil', when(opensAt, zone));
    const hotline = contact.hotline;
    return html`<p class="availability" part="availability">
        <span class="dot" part="status-dot" aria-hidden="true"></span><span>${text}</span>
      </p>
      <div class="after-hours" part="after-hours">
        <slot name="after-hours">
          <span class="muted">${this.t('urgent')}</span>
          <button
            class="button small"
            part="callback-button"
            type="button"
            @click=${() => this.emit('support-request-callback', { source: 'support-chat-panel' })}
          >
            ${this.t('requestCallback')}
          </button>
          ${hotline.lines.length
            ? html`<details class="hotline" part="hotline">
                <summary>${this.t('hotline')}</summary>
                <ul>
                  ${hotline.lines.map(
                    (line) => html`<li>
                      <span class="muted">${line.countries.join(', ')}</span>
                      <a part="hotline-number" href=${`tel:${line.e164}`}>${line.display}</a>
                    </li>`,
                  )}
                </ul>
                <p class="muted">
                  ${this.t('hotlinePrice', formatMoney(hotline.pricing.pricePerBlock, this.locale), hotline.pricing.blockMinutes)}
                </p>
              </details>`
            : nothing}
        </slot>
      </div>`;
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
    return html`<div class="notice warning banner" part="error" role="status">
      <span>${this.t('refreshFailed')} ${errorMessage(error, this.t)}</span>
      <button class="button small" part="retry-button" type="button" @click=${() => void session.reload()}>${this.t('retry')}</button>
    </div>`;
  }

  #renderBody(session: ChatSession | null, status: ChatStatus): TemplateResult {
    const rows = this.#rows();
    if (rows.length === 0) {
      let content: TemplateResult;
      if (status === 'error' && session?.error) content = renderError(session.error, () => void session.reload(), this.t);
      else if (status === 'ready') {
        content = html`<p class="retention" part="retention-note">${this.t('retentionNote')}</p>
          <p class="empty" part="empty">${this.t('empty')}</p>`;
      } else content = renderSkeleton(5, this.t);
      return html`<div class="log" part="log" role="log" aria-live="off" aria-label=${this.t('log')} tabindex="0">${content}</div>`;
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
    return html`<div class="log" part="log" role="log" aria-live="off" aria-label=${this.t('log')} tabindex="0">
      <div class="spacer" style=${styleMap({ height: `${this.#log.before}px` })}></div>
      ${repeat(
        sections,
        (s) => s.key,
        (s) =>
          s.day === null
            ? html`<div class="row divider" data-row="divider">
                <p class="retention" part="retention-note">${this.t('retentionNote')}</p>
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
    const zone = this.viewerZone;
    const relative = relativeDayName(at, this.#clock(), zone);
    const label =
      relative === 'today' ? this.t('today') : relative === 'yesterday' ? this.t('yesterday') : formatDate(at, this.locale, zone, 'long-date');
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
    const own = m.author === 'customer';
    const time = formatDate(m.sentAt, this.locale, this.viewerZone, 'time');
    return html`<div class="row message ${own ? 'own' : 'support'}" part="message ${own ? 'message-own' : 'message-support'}" data-row=${key} data-state="sent">
      <div class="bubble" part="bubble">
        ${own
          ? html`<span class="visually-hidden">${this.t('you')}:</span>`
          : html`<p class="author" part="author">${m.authorName || this.t('support')}</p>`}
        <p class="text" part="text">${renderMessageText(m.text)}</p>
        <p class="meta" part="meta">
          <time datetime=${m.sentAt.toISOString()}>${time}</time>
          ${own ? html`<span class="delivery" part="delivery"><span aria-hidden="true">✓</span> ${this.t('sent')}</span>` : nothing}
        </p>
      </div>
    </div>`;
  }

  #renderPending(key: string, p: PendingChatMessage): TemplateResult {
    const session = this.#session;
    const failed = p.state === 'failed';
    const time = formatDate(p.createdAt, this.locale, this.viewerZone, 'time');
    const known = ['network', 'timeout', 'unavailable', 'invalid-request', 'unauthorized'];
    const reason = p.error ? this.t(`reason.${known.includes(p.error) ? p.error : 'other'}` as 'reason.other') : '';
    return html`<div class="row message own" part="message message-own" data-row=${key} data-state=${p.state}>
      <div class="bubble" part="bubble">
        <span class="visually-hidden">${this.t('you')}:</span>
        <p class="text" part="text">${renderMessageText(p.text)}</p>
        <p class="meta" part="meta">
          <time datetime=${p.createdAt.toISOString()}>${time}</time>
          <span class="delivery" part="delivery">
            ${failed ? html`<span aria-hidden="true">!</span> ${this.t('notSent')}` : html`<span aria-hidden="true" class="clock">◷</span> ${this.t('sending')}`}
          </span>
        </p>
        ${failed
          ? html`<div class="failure" part="failure">
              <p>${reason} ${p.retrying ? this.t('retryingAutomatically') : nothing}</p>
              <div class="actions">
                <button class="button small" part="resend-button" type="button" @click=${() => void session?.retry(p.clientId)}>
                  ${this.t('retrySend')}
                </button>
                <button
                  class="button small danger"
                  part="delete-button"
                  type="button"
                  aria-label=${this.t('deleteMessageLabel')}
                  @click=${() => this.#discard(p.clientId)}
                >
                  ${this.t('deleteMessage')}
                </button>
              </div>
            </div>`
          : nothing}
      </div>
    </div>`;
  }

  #discard(clientId: string): void {
    void this.#session?.discard(clientId);
    // The button disappears with its row: keep focus in the composer.
    this.input?.focus();
  }

  #renderJump(): TemplateResult | typeof nothing {
    if (this.atBottom || this.#rows().length === 0) return nothing;
    return html`<button class="button jump" part="jump-button" type="button" @click=${() => this.scrollToLatest()}>
      <span aria-hidden="true">↓</span>
      ${this.unseenBelow > 0 ? this.t('newMessages', this.unseenBelow) : this.t('jumpToLatest')}
    </button>`;
  }

  #renderTyping(session: ChatSession | null): TemplateResult {
    const typing = session?.typing;
    return html`<p class="typing" part="typing">
      ${typing ? html`<span class="dots" aria-hidden="true"><i></i><i></i><i></i></span>
          ${typing.name ? this.t('typing', typing.name) : this.t('typingAnonymous')}` : nothing}
    </p>`;
  }

  #renderComposer(): TemplateResult {
    const max = this.#session?.maxLength ?? this.maxLength;
    const length = this.draft.trim().length;
    const problem = chatTextProblem(this.draft, max);
    const over = problem === 'too-long';
    const count = formatNumber(length, this.locale);
    const limit = formatNumber(max, this.locale);
    return html`<form class="composer" part="composer" @submit=${this.#onSubmit}>
      <label class="visually-hidden" for="input">${this.t('messageLabel')}</label>
      <textarea
        id="input"
        part="input"
        rows="2"
        .value=${this.draft}
        aria-describedby="${this.hintId} counter"
        aria-invalid=${over ? 'true' : 'false'}
        @input=${(e: Event) => (this.draft = (e.target as HTMLTextAreaElement).value)}
        @keydown=${this.#onKeyDown}
      ></textarea>
      <div class="composer-row">
        <span class="hint muted" part="hint" id=${this.hintId}>${this.t('composerHint')}</span>
        <span class="counter ${over ? 'over' : ''}" part="counter" id="counter">
          <span aria-hidden="true">${this.t('counter', count, limit)}</span>
          <span class="visually-hidden">${this.t('counterLabel', count, limit)}</span>
        </span>
        <button class="button primary" part="send-button" type="submit" ?disabled=${problem !== null || !this.#session}>
          ${this.t('send')}
        </button>
      </div>
      <p class="too-long" role="status">${over ? this.t('tooLong', formatNumber(length - max, this.locale)) : ''}</p>
    </form>`;
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
    if (!session || chatTextProblem(this.draft, session.maxLength)) return;
    const text = this.draft;
    this.draft = '';
    this.unseenBelow = 0;
    this.#log.scrollToBottom();
    void session.send(text).catch(() => {
      this.draft = text; // cannot happen after the check above; never lose what was typed
    });
    // Focus stays (or returns, after a click on Send) in the composer.
    this.input?.focus();
  }
}
