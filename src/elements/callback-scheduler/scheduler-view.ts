import { html, nothing, type TemplateResult } from 'lit';
import { toSupportError } from '../../backend/errors.js';
import { groupWindowsByDay } from '../../core/callback-windows.js';
import { parsePhoneNumber, type PhoneProblem } from '../../core/phone.js';
import { CALLBACK_NOTE_MAX_LENGTH } from '../../core/limits.js';
import { supportStatus } from '../../core/support-hours.js';
import { pickText, type CallbackBooking, type CallbackBookingInput, type CallbackTopic, type CallbackWindow } from '../../core/types.js';
import { isoDayIn } from '../../core/zone.js';
import { formatNumber, formatRegion } from '../../internal/format.js';
import { renderFreshness } from '../../internal/freshness.js';
import { errorMessage, renderError, renderSkeleton } from '../../internal/templates.js';
import type { CallbackSchedulerView, SchedulerBridge } from './shared.js';
import { isSelectable, renderSlotPicker } from './slot-picker.js';
import { WindowFormat } from './window-format.js';

export { schedulerViewStyles as styles } from './scheduler-view.styles.js';
/** The view's English strings (German in the element's German chunk), registered by the element when this loads. */
export { schedulerViewTranslations as strings } from './scheduler-view.i18n.js';

/** What only the view shows: kept here, re-rendered through the host. */
interface ViewState {
  /** The day tab the customer chose (else the day of the chosen window, else the first with a free window). */
  selectedDay: string | null;
  phoneProblem: PhoneProblem | null;
  windowMissing: boolean;
  confirmingCancel: boolean;
}

/**
 * The scheduler's form (topic, day, window, number, note), its booking (with Change and Cancel) and the notice
 * shown while support is closed, with the actions behind them. Loaded with a dynamic `import()` when the element
 * connects, while the element reads its data; see `CallbackScheduler`.
 */
export class SchedulerView {
  readonly #b: SchedulerBridge;
  readonly #state: ViewState = { selectedDay: null, phoneProblem: null, windowMissing: false, confirmingCancel: false };
  /** The draft came from a refused second booking: *Change* offers it instead of the booking's own values. */
  #draftFromConflict = false;

  constructor(bridge: SchedulerBridge) {
    this.#b = bridge;
  }

  #set(patch: Partial<ViewState>): void {
    Object.assign(this.#state, patch);
    this.#b.host.requestUpdate();
  }

  // ------------------------------------------------------------------------------------------------ derived data
  /** Windows that have not started at `now()` (a cached list may hold past ones). */
  #visibleWindows(): CallbackWindow[] {
    const now = this.#b.host.now().getTime();
    return (this.#b.host.windows.value ?? []).filter((w) => w.start.getTime() > now);
  }

  /** The window the booking being changed holds, for its own topic. */
  readonly #isOwn = (window: CallbackWindow): boolean => {
    const { changing, draft } = this.#b;
    const booking = this.#b.host.booking.value;
    return changing && !!booking && booking.topic.id === draft.topicId && booking.window.start.getTime() === window.start.getTime();
  };

  get #format(): WindowFormat {
    const host = this.#b.host;
    return new WindowFormat(host.locale, host.viewerZone, host.tenantZone);
  }

  #activeDay(days: ReadonlyMap<string, readonly CallbackWindow[]>): string | null {
    const { selectedDay } = this.#state;
    if (selectedDay && days.has(selectedDay)) return selectedDay;
    const start = this.#b.draft.start;
    if (start) {
      const day = isoDayIn(new Date(start), this.#b.host.viewerZone);
      if (days.has(day)) return day;
    }
    for (const [day, list] of days) if (list.some((w) => isSelectable(w, this.#isOwn))) return day;
    return days.keys().next().value ?? null;
  }

  #chosenWindow(): CallbackWindow | undefined {
    const start = this.#b.draft.start;
    return start ? this.#visibleWindows().find((w) => w.start.toISOString() === start) : undefined;
  }

  #topicTitle(topic: CallbackTopic): string {
    return pickText(topic.title, this.#b.host.language);
  }

  #tabId = (day: string) => `${this.#b.uid}-day-${day}`;

  /** When what is shown changes by time alone: support opens/closes, or the earliest window shown starts. */
  nextChange(): Date | null {
    const now = this.#b.host.now();
    const candidates: number[] = [];
    const hours = this.#b.host.contact.value?.supportHours;
    if (hours) {
      const status = supportStatus(hours, now);
      const at = status.open ? status.closesAt : status.opensAt;
      if (at) candidates.push(at.getTime());
    }
    const first = this.#visibleWindows()[0];
    if (first) candidates.push(first.start.getTime());
    return candidates.length ? new Date(Math.min(...candidates)) : null;
  }

  /** A chosen window that the fresh list no longer offers is no choice any more (called before each update). */
  dropStaleChoice(): void {
    const { draft } = this.#b;
    const windows = this.#b.host.windows;
    if (!draft.start || windows.state !== 'fresh' || windows.refreshing) return;
    const chosen = this.#visibleWindows().find((w) => w.start.toISOString() === draft.start);
    if (!chosen || !isSelectable(chosen, this.#isOwn)) this.#b.draft = { ...draft, start: null };
  }

  /** Forgets the transient states of the view (the popup closed). */
  reset(): void {
    this.#state.confirmingCancel = false;
  }

  // ------------------------------------------------------------------------------------------------ actions
  async #focusPart(part: string): Promise<void> {
    const host = this.#b.host;
    await host.updateComplete;
    host.shadowRoot?.querySelector<HTMLElement>(`[part~="${part}"]`)?.focus();
  }

  readonly #selectDay = async (day: string, focus: boolean): Promise<void> => {
    this.#set({ selectedDay: day });
    if (!focus) return;
    await this.#b.host.updateComplete;
    this.#b.host.shadowRoot?.getElementById(this.#tabId(day))?.focus();
  };

  readonly #selectWindow = (window: CallbackWindow): void => {
    this.#b.draft = { ...this.#b.draft, start: window.start.toISOString() };
    this.#set({ windowMissing: false });
  };

  #selectTopic(topicId: string): void {
    if (topicId === this.#b.draft.topicId) return;
    this.#b.draft = { ...this.#b.draft, topicId, start: null };
  }

  #validatePhone(): ReturnType<typeof parsePhoneNumber> {
    const result = parsePhoneNumber(this.#b.draft.phone, this.#b.host.phoneCountry);
    this.#set({ phoneProblem: result.ok ? null : result.problem });
    return result;
  }

  /** Opens the change form: with the draft of a refused second booking, else with the booking's own values. */
  startChange(): void {
    const b = this.#b;
    const booking = b.host.booking.value;
    if (!booking) return;
    if (!this.#draftFromConflict) {
      b.draft = {
        topicId: booking.topic.id,
        start: booking.window.start.toISOString(),
        phone: booking.phone,
        note: booking.note,
        phoneEdited: true,
      };
    }
    this.#draftFromConflict = false;
    b.changing = true;
    b.done = null;
    b.notice = null;
    b.statusMessage = '';
    this.#set({ confirmingCancel: false, selectedDay: null, phoneProblem: null, windowMissing: false });
    void b.host.windows.retry();
    void this.#focusPart('form-title');
  }

  #keepBooking(): void {
    this.#b.changing = false;
    this.#b.notice = null;
    this.#set({ phoneProblem: null, windowMissing: false });
    void this.#focusPart('change-button');
  }

  /** Books the draft (or saves the change); resolves with the booking, or `null` when it did not happen. */
  async submit(): Promise<CallbackBooking | null> {
    const b = this.#b;
    const host = b.host;
    const api = b.api;
    if (b.busy || !api) return null;
    const changing = host.view === 'change';
    const previous = host.booking.value ?? null;
    const phone = this.#validatePhone();
    const chosen = this.#chosenWindow();
    const windowOk = !!chosen && isSelectable(chosen, this.#isOwn);
    this.#set({ windowMissing: !windowOk });
    if (!windowOk || !phone.ok || !b.draft.topicId) {
      await host.updateComplete;
      const target = !windowOk
        ? (host.shadowRoot?.querySelector<HTMLElement>('[part~="day-selected"]') ?? null)
        : host.shadowRoot?.querySelector<HTMLElement>('[part~="phone-input"]');
      target?.focus();
      return null;
    }
    const input: CallbackBookingInput = {
      topicId: b.draft.topicId,
      start: chosen.start,
      phone: phone.e164,
      note: b.draft.note.trim(),
    };
    b.busy = changing ? 'change' : 'book';
    b.notice = null;
    b.statusMessage = '';
    try {
      const booking = changing && previous ? await api.changeCallback(previous.id, input) : await api.bookCallback(input);
      host.booking.set(booking);
      b.changing = false;
      b.done = changing ? 'changed' : 'booked';
      b.draft = { ...b.draft, start: null };
      this.#set({ selectedDay: null });
      if (changing && previous) host.emit('support-callback-changed', { booking, previous });
      else host.emit('support-callback-booked', { booking });
      void this.#focusPart('booking-title');
      return booking;
    } catch (thrown) {
      const error = toSupportError(thrown);
      const when = this.#format.short(chosen);
      if (error.kind === 'conflict' && error.reason === 'booking-exists') {
        // Somebody (another tab, a colleague on the same account) booked first: show that booking, keep the draft.
        this.#draftFromConflict = true;
        b.notice = { tone: 'warning', text: b.t('bookingExists') };
        await host.booking.retry();
        void this.#focusPart('booking-title');
      } else if (error.kind === 'conflict' && (error.reason === 'window-taken' || error.reason === 'window-invalid')) {
        b.notice = {
          tone: 'warning',
          text: error.reason === 'window-taken' ? b.t('windowTaken', when) : b.t('windowInvalid', when),
        };
        b.draft = { ...b.draft, start: null };
        await host.windows.retry();
        void this.#focusPart('day-selected');
      } else if (error.kind === 'not-found' && changing) {
        b.notice = { tone: 'warning', text: b.t('bookingGone') };
        b.changing = false;
        await host.booking.retry();
      } else {
        b.notice = { tone: 'error', text: errorMessage(error, b.t) };
      }
      return null;
    } finally {
      b.busy = null;
    }
  }

  /** Cancels the booking; resolves with whether it was cancelled. */
  async cancelBooking(): Promise<boolean> {
    const b = this.#b;
    const host = b.host;
    const api = b.api;
    const booking = host.booking.value;
    if (b.busy || !api || !booking) return false;
    b.busy = 'cancel';
    b.notice = null;
    try {
      await api.cancelCallback(booking.id);
      host.booking.set(null);
      this.#set({ confirmingCancel: false });
      b.done = null;
      b.statusMessage = b.t('cancelled');
      host.emit('support-callback-cancelled', { booking });
      void host.windows.retry();
      void this.#focusPart('status-message');
      return true;
    } catch (thrown) {
      const error = toSupportError(thrown);
      this.#set({ confirmingCancel: false });
      if (error.kind === 'not-found') {
        b.notice = { tone: 'warning', text: b.t('bookingGone') };
        await host.booking.retry();
      } else {
        b.notice = { tone: 'error', text: errorMessage(error, b.t) };
      }
      return false;
    } finally {
      b.busy = null;
    }
  }

  // ------------------------------------------------------------------------------------------------ rendering
  /** The body for `view` (`form`, `change` or `booking`; the element renders loading and errors itself). */
  render(view: CallbackSchedulerView): TemplateResult {
    const t = this.#b.t;
    if (view === 'booking') return html`${this.#renderClosedNotice()}${this.#renderBooking(this.#b.host.booking.value!)}`;
    return html`${view === 'form' ? html`<p class="intro" part="intro">${t('intro')} <strong>${t('oneRule')}</strong></p>` : nothing}
      ${this.#renderClosedNotice()} ${this.#renderForm(view === 'change')}`;
  }

  #renderClosedNotice(): TemplateResult | typeof nothing {
    const host = this.#b.host;
    const hours = host.contact.value?.supportHours;
    if (!hours || supportStatus(hours, host.now()).open) return nothing;
    this.#b.defineContact();
    return html`<div class="closed notice warning" part="closed-notice">
      <p>${this.#b.t('closed')}</p>
      <support-contact
        part="contact"
        exportparts="status: contact-status, hotline: contact-hotline, tier-now: contact-tier-now, price: contact-price, phone-link: contact-phone-link"
        sections="status hotline"
        .backend=${host.backend}
        .now=${host.now}
        .lang=${host.lang}
        .timeZone=${host.timeZone}
      ></support-contact>
    </div>`;
  }

  #renderBooking(booking: CallbackBooking): TemplateResult {
    const { t, uid, done, busy } = this.#b;
    const host = this.#b.host;
    const fmt = this.#format;
    const when = fmt.short(booking.window);
    const title = done === 'booked' ? t('bookedTitle') : done === 'changed' ? t('changedTitle') : t('existingTitle');
    const questionId = `${uid}-cancel-question`;
    return html`<div class="booking" part="booking" data-done=${done ?? 'none'}>
      <h3 class="booking-title" part="booking-title" tabindex="-1">
        ${done ? html`<span class="check" aria-hidden="true">✓</span>` : nothing}${title}
      </h3>
      <p class="booking-text" part="booking-text">${t('bookingText', when, this.#topicTitle(booking.topic))}</p>
      <dl class="booking-facts">
        <dt>${t('number')}</dt>
        <dd translate="no">${booking.phone}</dd>
        ${booking.note ? html`<dt>${t('noteShort')}</dt><dd class="note-text">${booking.note}</dd>` : nothing}
      </dl>
      <p class="muted">${t('oneRule')} ${t('changeHint')}</p>
      ${this.#state.confirmingCancel
        ? html`<div class="cancel-confirm" part="cancel-confirm" role="group" aria-labelledby=${questionId}>
            <p id=${questionId}><strong>${t('cancelQuestion', when)}</strong></p>
            <div class="actions">
              <button
                class="button danger"
                part="confirm-cancel-button"
                type="button"
                aria-disabled=${busy ? 'true' : 'false'}
                @click=${() => void this.cancelBooking()}
              >
                ${busy === 'cancel' ? t('cancelling') : t('cancelYes')}
              </button>
              <button
                class="button"
                part="keep-booking-button"
                type="button"
                @click=${() => {
                  this.#set({ confirmingCancel: false });
                  void this.#focusPart('cancel-button');
                }}
              >
                ${t('cancelNo')}
              </button>
            </div>
          </div>`
        : html`<div class="actions" part="booking-actions">
            <button class="button" part="change-button" type="button" @click=${() => this.startChange()}>${t('change')}</button>
            <button
              class="button danger"
              part="cancel-button"
              type="button"
              @click=${() => {
                this.#b.notice = null;
                this.#set({ confirmingCancel: true });
                void this.#focusPart('confirm-cancel-button');
              }}
            >
              ${t('cancel')}
            </button>
            ${host.modal && done
              ? html`<button class="button primary" part="done-button" type="button" @click=${() => host.requestClose('close-button')}>
                  ${t('done')}
                </button>`
              : nothing}
          </div>`}
      ${host.booking.state === 'stale'
        ? renderFreshness(host.booking, { t, locale: host.locale, timeZone: host.viewerZone })
        : nothing}
    </div>`;
  }

  #renderForm(changing: boolean): TemplateResult {
    const { t, uid, busy, draft } = this.#b;
    const host = this.#b.host;
    const { phoneProblem, windowMissing } = this.#state;
    const topics = host.topics.value ?? [];
    if (topics.length === 0) return html`<p class="notice" part="no-windows">${t('noTopics')}</p>`;
    const ids = {
      form: `${uid}-form-title`,
      phone: `${uid}-phone`,
      phoneHint: `${uid}-phone-hint`,
      phoneError: `${uid}-phone-error`,
      note: `${uid}-note`,
      noteHint: `${uid}-note-hint`,
      when: `${uid}-when`,
      windowError: `${uid}-window-error`,
    };
    const saving = busy === 'book' || busy === 'change';
    const chosen = this.#chosenWindow();
    return html`<form
      class="form"
      part="form"
      novalidate
      aria-labelledby=${changing ? ids.form : nothing}
      @submit=${(event: Event) => {
        event.preventDefault();
        void this.submit();
      }}
    >
      ${changing ? html`<h3 class="form-title" part="form-title" id=${ids.form} tabindex="-1">${t('changeTitle')}</h3>` : nothing}
      <fieldset class="topics" part="topics">
        <legend>${t('topic')}</legend>
        ${topics.map(
          (topic) => html`<label class="topic" part="topic">
            <input
              type="radio"
              name=${`${uid}-topic`}
              value=${topic.id}
              .checked=${topic.id === draft.topicId}
              @change=${() => this.#selectTopic(topic.id)}
            />
            <span class="topic-text">
              <span class="topic-title">${this.#topicTitle(topic)}</span>
              <span class="topic-meta muted">
                ${topic.description ? html`${pickText(topic.description, host.language)} · ` : nothing}${t(
                  'topicLength',
                  formatNumber(topic.windowMinutes, host.locale),
                )}
              </span>
            </span>
          </label>`,
        )}
      </fieldset>
      <fieldset class="picker" part="picker" aria-describedby=${windowMissing ? ids.windowError : nothing}>
        <legend id=${ids.when}>${t('when')}</legend>
        ${this.#renderPicker()}
        ${windowMissing ? html`<p class="field-error" part="field-error" id=${ids.windowError}>${t('chooseWindow')}</p>` : nothing}
        <p class="selection" part="selection" aria-live="polite">
          ${chosen ? t('selected', this.#format.long(chosen)) : t('noneSelected')}
        </p>
      </fieldset>
      <div class="field" part="field">
        <label for=${ids.phone}>${t('phone')}</label>
        <input
          id=${ids.phone}
          part="phone-input"
          type="tel"
          autocomplete="tel"
          inputmode="tel"
          .value=${draft.phone}
          aria-invalid=${phoneProblem ? 'true' : 'false'}
          aria-describedby=${phoneProblem ? `${ids.phoneError} ${ids.phoneHint}` : ids.phoneHint}
          @input=${(event: Event) => {
            this.#b.draft = { ...this.#b.draft, phone: (event.target as HTMLInputElement).value, phoneEdited: true };
            if (this.#state.phoneProblem) this.#validatePhone();
          }}
          @blur=${() => {
            // Not when the field loses focus because the form goes (booked): that blur comes amid the update.
            const view = host.view;
            if (this.#b.draft.phoneEdited && (view === 'form' || view === 'change')) this.#validatePhone();
          }}
        />
        ${phoneProblem ? html`<p class="field-error" part="field-error" id=${ids.phoneError}>${t(`phone.${phoneProblem}`)}</p>` : nothing}
        <p class="hint muted" id=${ids.phoneHint}>${t('phoneHint', formatRegion(host.phoneCountry, host.locale))}</p>
      </div>
      <div class="field" part="field">
        <label for=${ids.note}>${t('note')}</label>
        <textarea
          id=${ids.note}
          part="note-input"
          rows="3"
          maxlength=${CALLBACK_NOTE_MAX_LENGTH}
          .value=${draft.note}
          aria-describedby=${ids.noteHint}
          @input=${(event: Event) => (this.#b.draft = { ...this.#b.draft, note: (event.target as HTMLTextAreaElement).value })}
        ></textarea>
        <p class="hint muted" id=${ids.noteHint}>${t('noteHint')}</p>
      </div>
      <div class="actions">
        <button class="button primary" part="submit-button" type="submit" aria-disabled=${saving ? 'true' : 'false'}>
          ${changing ? (busy === 'change' ? t('saving') : t('saveChange')) : busy === 'book' ? t('booking') : t('book')}
        </button>
        ${changing ? html`<button class="button" part="keep-button" type="button" @click=${() => this.#keepBooking()}>${t('keep')}</button>` : nothing}
      </div>
    </form>`;
  }

  #renderPicker(): TemplateResult {
    const { t, uid } = this.#b;
    const host = this.#b.host;
    const windows = host.windows;
    if (windows.value === undefined) {
      return windows.error ? renderError(windows.error, () => void windows.retry(), t) : renderSkeleton(3, t);
    }
    const fmt = this.#format;
    const visible = this.#visibleWindows();
    const days = groupWindowsByDay(visible, host.viewerZone);
    const active = this.#activeDay(days);
    if (!active) return html`<p class="notice" part="no-windows">${t('noWindows')}</p>`;
    const first = visible[0]!;
    return html`${fmt.differs(first.start)
        ? html`<p class="zone-note muted" part="zone-note">${t('zoneNote', fmt.viewerCity, fmt.tenantCity)}</p>`
        : nothing}
      ${renderSlotPicker({
        t,
        fmt,
        days,
        activeDay: active,
        selectedStart: this.#b.draft.start,
        isOwn: this.#isOwn,
        tabId: this.#tabId,
        panelId: `${uid}-windows`,
        onSelectDay: (day, focus) => void this.#selectDay(day, focus),
        onSelectWindow: this.#selectWindow,
      })}
      ${windows.state === 'stale' ? renderFreshness(windows, { t, locale: host.locale, timeZone: host.viewerZone }) : nothing}`;
  }
}
