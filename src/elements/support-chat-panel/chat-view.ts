import { html, nothing, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { chatTextProblem, groupByDay, relativeDayName } from '../../core/chat.js';
import { supportStatus } from '../../core/support-hours.js';
import type { ChatMessage, ContactInfo, IsoDay } from '../../core/types.js';
import type { ChatSession, ChatStatus, PendingChatMessage } from '../../backend/chat/chat-session.js';
import type { SupportError } from '../../backend/errors.js';
import { formatDate, formatMoney, formatNumber, formatZoneName, zonesDiffer } from '../../internal/format.js';
import { Resource } from '../../internal/resource.js';
import { errorMessage, renderError, renderSkeleton } from '../../internal/templates.js';
import { renderMessageText } from './message-text.js';
import type { ChatBridge } from './shared.js';
import { repeat, VirtualLog, type WindowRow } from './virtual-log.js';

export { chatViewStyles as styles } from './chat-view.styles.js';
/** The view's English strings (German in the element's German chunk), registered by the element when this loads. */
export { chatViewTranslations as strings } from './chat-view.i18n.js';

type Row =
  | (WindowRow & { readonly kind: 'divider' })
  | (WindowRow & { readonly kind: 'day'; readonly day: IsoDay; readonly at: Date })
  | (WindowRow & { readonly kind: 'message'; readonly day: IsoDay; readonly message: ChatMessage })
  | (WindowRow & { readonly kind: 'pending'; readonly day: IsoDay; readonly pending: PendingChatMessage });

type Item = { readonly at: Date; readonly message: ChatMessage | null; readonly pending: PendingChatMessage | null };

/** Row height guesses (px) for the default font; measured heights replace them as rows render. */
const EST = { divider: 44, day: 40, base: 50, author: 18, line: 22, failed: 64, charWidth: 7.6 };

/** What only the view shows: kept here, re-rendered through the host. */
interface ViewState {
  draft: string;
  announcements: { id: number; text: string }[];
  unseenBelow: number;
  atBottom: boolean;
}

/**
 * The chat's availability line, windowed log, typing line and composer. Loaded with a dynamic `import()` when the
 * element connects, while its session reads the cache and the network; see `SupportChatPanel`.
 */
export class ChatView {
  readonly #b: ChatBridge;
  readonly #state: ViewState = { draft: '', announcements: [], unseenBelow: 0, atBottom: true };
  readonly #log: VirtualLog;
  readonly #hintId: string;
  #rowsMemo: { key: string; rows: Row[] } | null = null;
  #announceId = 0;
  /** Contact data for the availability line (support hours, hotline): read from when the view is there. */
  readonly contact: Resource<ContactInfo>;

  constructor(bridge: ChatBridge) {
    this.#b = bridge;
    this.#hintId = `${bridge.titleId}-hint`;
    const host = bridge.host;
    this.contact = new Resource<ContactInfo>(host, {
      args: () => [bridge.api],
      fetch: (backend, _args, signal) => backend.getContactInfo(signal),
      peek: (backend) => backend.peek('getContactInfo'),
    });
    this.#log = new VirtualLog(host, { scroller: () => host.renderRoot.querySelector<HTMLElement>('.log') });
    this.#log.onStickChange = (atBottom) => this.#set(atBottom ? { atBottom, unseenBelow: 0 } : { atBottom });
  }

  #set(patch: Partial<ViewState>): void {
    Object.assign(this.#state, patch);
    this.#b.host.requestUpdate();
  }

  get #input(): HTMLTextAreaElement | null {
    return this.#b.host.renderRoot.querySelector('textarea');
  }

  // ------------------------------------------------------------------------------------------------ from the element
  /** Before each update of the element: the rows the windowing works on. */
  willUpdate(): void {
    this.#log.setRows(this.#rows());
  }

  /** A new session (another backend or clock): its rows start afresh. */
  sessionChanged(): void {
    this.#rowsMemo = null;
  }

  /** Support's messages arrived live: announce them, count them when the reader is scrolled up. */
  incoming(messages: readonly ChatMessage[]): void {
    const t = this.#b.t;
    if (messages.length <= 3) for (const m of messages) this.#announce(t('announceMessage', m.authorName || t('support'), m.text));
    else this.#announce(t('announceMany', messages.length));
    if (!this.#log.atBottom) this.#set({ unseenBelow: this.#state.unseenBelow + messages.length });
  }

  /** A message could not be sent (yet). */
  failed(): void {
    this.#announce(this.#b.t('announceFailed'));
  }

  scrollToBottom(): void {
    this.#log.scrollToBottom();
  }

  focus(options?: FocusOptions): void {
    this.#input?.focus(options);
  }

  #announce(text: string): void {
    this.#set({ announcements: [...this.#state.announcements.slice(-4), { id: ++this.#announceId, text }] });
  }

  // ------------------------------------------------------------------------------------------------ rows
  /** The log's rows: the retention note, then per day a label and its messages (pending ones last). Memoised. */
  #rows(): Row[] {
    const session = this.#b.session;
    const host = this.#b.host;
    const now = this.#b.now();
    const zone = host.viewerZone;
    const width = this.#log.width || 320;
    const key = `${session?.listVersion ?? -1}|${host.language}|${zone}|${formatDate(now, 'en', zone, 'date')}|${width}`;
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
  /** The panel's content under its header (the element renders signed-out, loading and a failed load itself). */
  render(): TemplateResult {
    const session = this.#b.session;
    const status = session?.status ?? 'idle';
    return html`${this.#renderNotices(session)}
      <div class="log-area">${this.#renderBody(session, status)} ${this.#renderJump()}</div>
      ${this.#renderTyping(session)} ${this.#renderComposer()}`;
  }

  /** The polite region that announces support's messages. */
  renderAnnouncer(): TemplateResult {
    return html`<div class="visually-hidden" part="announcer" aria-live="polite" aria-relevant="additions">
      ${repeat(this.#state.announcements, (a) => a.id, (a) => html`<p>${a.text}</p>`)}
    </div>`;
  }

  /** The title with the availability line. */
  renderHeader(): TemplateResult {
    const contact = this.contact.value;
    return html`<header class="header" part="header">
      <h2 class="title" part="title" id=${this.#b.titleId}>${this.#b.t('title')}</h2>
      ${contact ? this.#renderAvailability(contact) : nothing}
    </header>`;
  }

  #renderAvailability(contact: ContactInfo): TemplateResult {
    const { t, host } = this.#b;
    const now = this.#b.now();
    const hours = contact.supportHours;
    const zone = host.viewerZone;
    const locale = host.locale;
    const status = supportStatus(hours, now);
    const differ = zonesDiffer(now, zone, hours.timeZone);
    const time = (at: Date, timeZone: string) => formatDate(at, locale, timeZone, 'time');
    const zoneName = formatZoneName(now, locale, hours.timeZone);
    if (status.open) {
      const text = differ
        ? t('openUntilZoned', time(status.closesAt, zone), time(status.closesAt, hours.timeZone), zoneName)
        : t('openUntil', time(status.closesAt, zone));
      return html`<p class="availability" part="availability" data-open="">
        <span class="dot" part="status-dot" aria-hidden="true"></span><span>${text}</span>
      </p>`;
    }
    const when = (at: Date, timeZone: string) => {
      const relative = relativeDayName(at, now, timeZone);
      if (relative === 'today') return t('backToday', time(at, timeZone));
      if (relative === 'tomorrow') return t('backTomorrow', time(at, timeZone));
      return t('backOn', formatDate(at, locale, timeZone, 'weekday-date'), time(at, timeZone));
    };
    const opensAt = status.opensAt;
    // In the tenant's zone only the time, unless the day differs too ("tomorrow at 01:00 (Mon at 09:00 CET)").
    const tenantWhen = (at: Date) =>
      formatDate(at, locale, zone, 'date') === formatDate(at, locale, hours.timeZone, 'date')
        ? t('zoneTime', time(at, hours.timeZone))
        : when(at, hours.timeZone);
    const text = !opensAt
      ? t('closed')
      : differ
        ? t('closedUntilZoned', when(opensAt, zone), tenantWhen(opensAt), zoneName)
        : t('closedUntil', when(opensAt, zone));
    const hotline = contact.hotline;
    return html`<p class="availability" part="availability">
        <span class="dot" part="status-dot" aria-hidden="true"></span><span>${text}</span>
      </p>
      <div class="after-hours" part="after-hours">
        <slot name="after-hours">
          <span class="muted">${t('urgent')}</span>
          <button
            class="button small"
            part="callback-button"
            type="button"
            @click=${() => host.emit('support-request-callback', { source: 'support-chat-panel' })}
          >
            ${t('requestCallback')}
          </button>
          ${hotline.lines.length
            ? html`<details class="hotline" part="hotline">
                <summary>${t('hotline')}</summary>
                <ul>
                  ${hotline.lines.map(
                    (line) => html`<li>
                      <span class="muted">${line.countries.join(', ')}</span>
                      <a part="hotline-number" href=${`tel:${line.e164}`}>${line.display}</a>
                    </li>`,
                  )}
                </ul>
                <p class="muted">${t('hotlinePrice', formatMoney(hotline.pricing.pricePerBlock, locale), hotline.pricing.blockMinutes)}</p>
              </details>`
            : nothing}
        </slot>
      </div>`;
  }

  #renderNotices(session: ChatSession | null): TemplateResult | typeof nothing {
    if (!session) return nothing;
    if (session.offline) {
      return html`<p class="notice warning banner" part="offline-banner" role="status">${this.#b.t('offlineBanner')}</p>`;
    }
    const error = session.error;
    // Without rows the error shows in place of the log (with its retry); with rows, above them.
    if (error && session.status !== 'signed-out' && this.#rows().length > 0) return this.#renderRefreshError(error, session);
    return nothing;
  }

  #renderRefreshError(error: SupportError, session: ChatSession): TemplateResult {
    const t = this.#b.t;
    return html`<div class="notice warning banner" part="error" role="status">
      <span>${t('refreshFailed')} ${errorMessage(error, t)}</span>
      <button class="button small" part="retry-button" type="button" @click=${() => void session.reload()}>${t('retry')}</button>
    </div>`;
  }

  #renderBody(session: ChatSession | null, status: ChatStatus): TemplateResult {
    const t = this.#b.t;
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
    const { t, host } = this.#b;
    const zone = host.viewerZone;
    const relative = relativeDayName(at, this.#b.now(), zone);
    const label = relative === 'today' ? t('today') : relative === 'yesterday' ? t('yesterday') : formatDate(at, host.locale, zone, 'long-date');
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
    const { t, host } = this.#b;
    const own = m.author === 'customer';
    const time = formatDate(m.sentAt, host.locale, host.viewerZone, 'time');
    return html`<div class="row message ${own ? 'own' : 'support'}" part="message ${own ? 'message-own' : 'message-support'}" data-row=${key} data-state="sent">
      <div class="bubble" part="bubble">
        ${own ? html`<span class="visually-hidden">${t('you')}:</span>` : html`<p class="author" part="author">${m.authorName || t('support')}</p>`}
        <p class="text" part="text">${renderMessageText(m.text)}</p>
        <p class="meta" part="meta">
          <time datetime=${m.sentAt.toISOString()}>${time}</time>
          ${own ? html`<span class="delivery" part="delivery"><span aria-hidden="true">✓</span> ${t('sent')}</span>` : nothing}
        </p>
      </div>
    </div>`;
  }

  #renderPending(key: string, p: PendingChatMessage): TemplateResult {
    const { t, host, session } = this.#b;
    const failed = p.state === 'failed';
    const time = formatDate(p.createdAt, host.locale, host.viewerZone, 'time');
    const known = ['network', 'timeout', 'unavailable', 'invalid-request', 'unauthorized'];
    const reason = p.error ? t(`reason.${known.includes(p.error) ? p.error : 'other'}` as 'reason.other') : '';
    return html`<div class="row message own" part="message message-own" data-row=${key} data-state=${p.state}>
      <div class="bubble" part="bubble">
        <span class="visually-hidden">${t('you')}:</span>
        <p class="text" part="text">${renderMessageText(p.text)}</p>
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

  #discard(clientId: string): void {
    void this.#b.session?.discard(clientId);
    // The button disappears with its row: keep focus in the composer.
    this.#input?.focus();
  }

  #renderJump(): TemplateResult | typeof nothing {
    const { atBottom, unseenBelow } = this.#state;
    if (atBottom || this.#rows().length === 0) return nothing;
    const t = this.#b.t;
    return html`<button class="button jump" part="jump-button" type="button" @click=${() => this.#b.host.scrollToLatest()}>
      <span aria-hidden="true">↓</span>
      ${unseenBelow > 0 ? t('newMessages', unseenBelow) : t('jumpToLatest')}
    </button>`;
  }

  #renderTyping(session: ChatSession | null): TemplateResult {
    const t = this.#b.t;
    const typing = session?.typing;
    return html`<p class="typing" part="typing">
      ${typing
        ? html`<span class="dots" aria-hidden="true"><i></i><i></i><i></i></span>
            ${typing.name ? t('typing', typing.name) : t('typingAnonymous')}`
        : nothing}
    </p>`;
  }

  #renderComposer(): TemplateResult {
    const { t, host, session } = this.#b;
    const draft = this.#state.draft;
    const max = session?.maxLength ?? host.maxLength;
    const length = draft.trim().length;
    const problem = chatTextProblem(draft, max);
    const over = problem === 'too-long';
    const count = formatNumber(length, host.locale);
    const limit = formatNumber(max, host.locale);
    return html`<form class="composer" part="composer" @submit=${this.#onSubmit}>
      <label class="visually-hidden" for="input">${t('messageLabel')}</label>
      <textarea
        id="input"
        part="input"
        rows="2"
        .value=${draft}
        aria-describedby="${this.#hintId} counter"
        aria-invalid=${over ? 'true' : 'false'}
        @input=${(e: Event) => this.#set({ draft: (e.target as HTMLTextAreaElement).value })}
        @keydown=${this.#onKeyDown}
      ></textarea>
      <div class="composer-row">
        <span class="hint muted" part="hint" id=${this.#hintId}>${t('composerHint')}</span>
        <span class="counter ${over ? 'over' : ''}" part="counter" id="counter">
          <span aria-hidden="true">${t('counter', count, limit)}</span>
          <span class="visually-hidden">${t('counterLabel', count, limit)}</span>
        </span>
        <button class="button primary" part="send-button" type="submit" ?disabled=${problem !== null || !session}>${t('send')}</button>
      </div>
      <p class="too-long" role="status">${over ? t('tooLong', formatNumber(length - max, host.locale)) : ''}</p>
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
    const session = this.#b.session;
    const text = this.#state.draft;
    if (!session || chatTextProblem(text, session.maxLength)) return;
    this.#set({ draft: '', unseenBelow: 0 });
    this.#log.scrollToBottom();
    void session.send(text).catch(() => {
      this.#set({ draft: text }); // cannot happen after the check above; never lose what was typed
    });
    // Focus stays (or returns, after a click on Send) in the composer.
    this.#input?.focus();
  }
}
