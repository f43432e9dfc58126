import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { toSupportError } from '../../backend/errors.js';
import { groupWindowsByDay } from '../../core/callback-windows.js';
import { parsePhoneNumber, type PhoneProblem } from '../../core/phone.js';
import { CALLBACK_NOTE_MAX_LENGTH } from '../../core/limits.js';
import { supportStatus } from '../../core/support-hours.js';
import {
  pickText,
  type CallbackBooking,
  type CallbackBookingInput,
  type CallbackTopic,
  type CallbackWindow,
  type ContactInfo,
  type SupportHours,
} from '../../core/types.js';
import { isoDayIn } from '../../core/zone.js';
import { formatNumber, formatPhone, formatRegionInSentence, type TypedPhone } from '../../internal/format.js';
import { renderFreshness } from '../../internal/freshness.js';
import { loadOnce } from '../../internal/load-once.js';
import { baseStyles, tokens } from '../../internal/styles.js';
import { SupportElement } from '../../internal/support-element.js';
import { errorMessage, renderError, renderSkeleton } from '../../internal/templates.js';
import {
  type DataStatus,
  type Draft,
  type PanelEventDetails,
  isBookedWindow,
  isSelectable,
  upcomingWindows,
} from './draft.js';
import { schedulerPanelTranslations } from './scheduler-panel.i18n.js';
import { schedulerPanelStyles } from './scheduler-panel.styles.js';
import { renderSlotPicker } from './slot-picker.js';
import { WindowFormat } from './window-format.js';

/**
 * `<support-contact>` appears only in the closed notice (evenings, weekends, holidays): its code loads the first time
 * it is needed. Until it is registered the tag is an unknown element; Lit keeps the properties set on it and the
 * element picks them up when it upgrades. A failed load warns and is tried again the next time.
 */
const loadContact = loadOnce(() => import('../support-contact/define.js'));

const NO_STATUS: DataStatus = { state: 'idle', refreshing: false, updatedAt: undefined, error: undefined };

/**
 * The inside of `<callback-scheduler>` once its data is there: the form (topic, day, window, number, note), the
 * booking (with Change and Cancel) and the notice shown while support is closed, with the actions behind them.
 * Internal: the scheduler loads its code when it first shows, passes the data down as properties and listens to
 * what it reports — the public `support-callback-*` events and the `PanelEventDetails` events (draft, refresh,
 * done). Ids live in this shadow root next to what they label (day tabs and their panel, fields and their hints).
 */
export class CallbackSchedulerPanel extends SupportElement {
  static override styles = [tokens, baseStyles, schedulerPanelStyles];

  /**
   * What to show (the scheduler shows loading and errors itself); `closed`: only the closed notice (beside the
   * scheduler's error, outside support hours).
   */
  @property({ attribute: false }) view: 'form' | 'change' | 'booking' | 'closed' = 'form';
  @property({ attribute: false }) topics: readonly CallbackTopic[] = [];
  @property({ attribute: false }) booking: CallbackBooking | null = null;
  @property({ attribute: false }) bookingStatus: DataStatus = NO_STATUS;
  /** The windows of the draft's topic; `undefined` while not read (or when the read failed). */
  @property({ attribute: false }) windows: readonly CallbackWindow[] | undefined = undefined;
  @property({ attribute: false }) windowsStatus: DataStatus = NO_STATUS;
  @property({ attribute: false }) supportHours: SupportHours | undefined = undefined;
  /** The scheduler's `fallbackContact` (already checked), for the nested `<support-contact>`. */
  @property({ attribute: false }) fallbackContact: ContactInfo | undefined = undefined;
  /** The draft and whether it changes the booking; owned by the scheduler (`scheduler-draft` reports changes). */
  @property({ attribute: false }) draft: Draft = { topicId: null, start: null, phone: '', note: '', phoneEdited: false };
  @property({ attribute: false }) changing = false;
  @property({ attribute: false }) phoneCountry = 'DE';
  /** The scheduler is a popup (the confirmation offers *Done*). */
  @property({ attribute: false }) modal = false;

  @state() private busy: 'book' | 'change' | 'cancel' | null = null;
  @state() private notice: { readonly tone: 'error' | 'warning'; readonly text: string } | null = null;
  @state() private statusMessage = '';
  @state() private done: 'booked' | 'changed' | null = null;
  /** The day tab the customer chose (else the day of the chosen window, else the first with a free window). */
  @state() private selectedDay: string | null = null;
  @state() private phoneProblem: PhoneProblem | null = null;
  @state() private windowMissing = false;
  @state() private confirmingCancel = false;

  private t = this.translator(schedulerPanelTranslations);
  /** The draft came from a refused second booking: *Change* offers it instead of the booking's own values. */
  #draftFromConflict = false;
  /** A part to focus once it is on screen (it may appear only after the scheduler passed new data). */
  #focusWhenShown: string | null = null;
  #contactLoading: Promise<unknown> | null = null;

  // ------------------------------------------------------------------------------------------------ reports
  #report<K extends keyof PanelEventDetails>(name: K, detail: PanelEventDetails[K]): CustomEvent<PanelEventDetails[K]> {
    const event = new CustomEvent(name, { detail });
    this.dispatchEvent(event);
    return event;
  }

  #setDraft(draft: Draft, changing = this.changing): void {
    // Shown at once; the scheduler keeps it (and passes it back down).
    this.draft = draft;
    this.changing = changing;
    this.#report('scheduler-draft', { draft, changing });
  }

  /** Asks the scheduler to read `data` again; resolves when that read settled. */
  #refresh(data: 'booking' | 'windows'): Promise<unknown> {
    return this.#report('scheduler-refresh', { data }).detail.done ?? Promise.resolve();
  }

  // ------------------------------------------------------------------------------------------------ derived data
  #visibleWindows(): CallbackWindow[] {
    return upcomingWindows(this.windows, this.currentTime());
  }

  readonly #isOwn = (window: CallbackWindow): boolean =>
    isBookedWindow(window, { booking: this.booking, changing: this.changing, draft: this.draft });

  get #format(): WindowFormat {
    return new WindowFormat(this.locale, this.viewerZone, this.tenantZone);
  }

  #activeDay(days: ReadonlyMap<string, readonly CallbackWindow[]>): string | null {
    const selected = this.selectedDay;
    if (selected && days.has(selected)) return selected;
    const start = this.draft.start;
    if (start) {
      const day = isoDayIn(new Date(start), this.viewerZone);
      if (days.has(day)) return day;
    }
    for (const [day, list] of days) if (list.some((w) => isSelectable(w, this.#isOwn))) return day;
    return days.keys().next().value ?? null;
  }

  #chosenWindow(): CallbackWindow | undefined {
    const start = this.draft.start;
    return start ? this.#visibleWindows().find((w) => w.start.toISOString() === start) : undefined;
  }

  #topicTitle(topic: CallbackTopic): string {
    return pickText(topic.title, this.language);
  }

  #tabId = (day: string) => `day-${day}`;

  // ------------------------------------------------------------------------------------------------ lifecycle
  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const name = this.#focusWhenShown;
    const target = name ? this.#part(name) : null;
    if (target) {
      this.#focusWhenShown = null;
      target.focus();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#focusWhenShown = null;
  }

  /** Also waits for `<support-contact>` while its code loads (the closed notice), so a test sees it upgraded. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    while (this.#contactLoading) {
      await this.#contactLoading;
      complete = await super.getUpdateComplete();
    }
    return complete;
  }

  #part(name: string): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`[part~="${name}"]`);
  }

  /** Focuses the part `name` after this update, or once it shows. */
  #focusPart(name: string): void {
    this.#focusWhenShown = name;
    this.requestUpdate();
  }

  // ------------------------------------------------------------------------------------------------ actions
  readonly #selectDay = async (day: string, focus: boolean): Promise<void> => {
    this.selectedDay = day;
    if (!focus) return;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(this.#tabId(day))}`)?.focus();
  };

  readonly #selectWindow = (window: CallbackWindow): void => {
    this.#setDraft({ ...this.draft, start: window.start.toISOString() });
    this.windowMissing = false;
  };

  #selectTopic(topicId: string): void {
    if (topicId === this.draft.topicId) return;
    this.#setDraft({ ...this.draft, topicId, start: null });
  }

  #validatePhone(): ReturnType<typeof parsePhoneNumber> {
    const result = parsePhoneNumber(this.draft.phone, this.phoneCountry);
    this.phoneProblem = result.ok ? null : result.problem;
    return result;
  }

  /** Opens the change form: with the draft of a refused second booking, else with the booking's own values. */
  startChange(): void {
    const booking = this.booking;
    if (!booking) return;
    const draft = this.#draftFromConflict
      ? this.draft
      : { topicId: booking.topic.id, start: booking.window.start.toISOString(), phone: booking.phone, note: booking.note, phoneEdited: true };
    this.#draftFromConflict = false;
    this.#setDraft(draft, true);
    this.done = null;
    this.notice = null;
    this.statusMessage = '';
    this.confirmingCancel = false;
    this.selectedDay = null;
    this.phoneProblem = null;
    this.windowMissing = false;
    void this.#refresh('windows');
    this.#focusPart('form-title');
  }

  #keepBooking(): void {
    this.#setDraft(this.draft, false);
    this.notice = null;
    this.phoneProblem = null;
    this.windowMissing = false;
    this.#focusPart('change-button');
  }

  /** The number in the draft and the E.164 number it stands for (to show a booked number as it was typed). */
  #typedPhone(): TypedPhone {
    const parsed = parsePhoneNumber(this.draft.phone, this.phoneCountry);
    return { text: this.draft.phone, e164: parsed.ok ? parsed.e164 : null };
  }

  /** Books the draft (or saves the change); resolves with the booking, or `null` when it did not happen. */
  async submit(): Promise<CallbackBooking | null> {
    const api = this.api;
    if (this.busy || !api) return null;
    const changing = this.view === 'change';
    const previous = this.booking;
    const phone = this.#validatePhone();
    const chosen = this.#chosenWindow();
    const windowOk = !!chosen && isSelectable(chosen, this.#isOwn);
    this.windowMissing = !windowOk;
    if (!windowOk || !phone.ok || !this.draft.topicId) {
      this.#focusPart(!windowOk ? 'day-selected' : 'phone-input');
      await this.updateComplete;
      return null;
    }
    const input: CallbackBookingInput = { topicId: this.draft.topicId, start: chosen.start, phone: phone.e164, note: this.draft.note.trim() };
    this.busy = changing ? 'change' : 'book';
    this.notice = null;
    this.statusMessage = '';
    try {
      const booking = changing && previous ? await api.changeCallback(previous.id, input) : await api.bookCallback(input);
      this.done = changing ? 'changed' : 'booked';
      this.selectedDay = null;
      this.#setDraft({ ...this.draft, start: null }, false);
      // The scheduler takes the booking from these events (and so does the page).
      if (changing && previous) this.emit('support-callback-changed', { booking, previous });
      else this.emit('support-callback-booked', { booking });
      this.#focusPart('booking-title');
      return booking;
    } catch (thrown) {
      const error = toSupportError(thrown);
      const when = this.#format.short(chosen);
      if (error.kind === 'conflict' && error.reason === 'booking-exists') {
        // Somebody (another tab, a colleague on the same account) booked first: show that booking, keep the draft.
        this.#draftFromConflict = true;
        this.notice = { tone: 'warning', text: this.t('bookingExists') };
        this.#focusPart('booking-title');
        await this.#refresh('booking');
      } else if (error.kind === 'conflict' && (error.reason === 'window-taken' || error.reason === 'window-invalid')) {
        this.notice = { tone: 'warning', text: error.reason === 'window-taken' ? this.t('windowTaken', when) : this.t('windowInvalid', when) };
        this.#setDraft({ ...this.draft, start: null });
        this.#focusPart('day-selected');
        await this.#refresh('windows');
      } else if (error.kind === 'not-found' && changing) {
        this.notice = { tone: 'warning', text: this.t('bookingGone') };
        this.#setDraft(this.draft, false);
        await this.#refresh('booking');
      } else {
        this.notice = { tone: 'error', text: errorMessage(error, this.t) };
      }
      return null;
    } finally {
      this.busy = null;
    }
  }

  /** Cancels the booking; resolves with whether it was cancelled. */
  async cancelBooking(): Promise<boolean> {
    const api = this.api;
    const booking = this.booking;
    if (this.busy || !api || !booking) return false;
    this.busy = 'cancel';
    this.notice = null;
    try {
      await api.cancelCallback(booking.id);
      this.confirmingCancel = false;
      this.done = null;
      this.statusMessage = this.t('cancelled');
      // The scheduler drops the booking and reads the windows again on this event.
      this.emit('support-callback-cancelled', { booking });
      this.#focusPart('status-message');
      return true;
    } catch (thrown) {
      const error = toSupportError(thrown);
      this.confirmingCancel = false;
      if (error.kind === 'not-found') {
        this.notice = { tone: 'warning', text: this.t('bookingGone') };
        await this.#refresh('booking');
      } else {
        this.notice = { tone: 'error', text: errorMessage(error, this.t) };
      }
      return false;
    } finally {
      this.busy = null;
    }
  }

  // ------------------------------------------------------------------------------------------------ rendering
  protected override render(): TemplateResult {
    const t = this.t;
    const view = this.view;
    const regions = html`<div class="notice-region" role="alert">${this.notice
        ? html`<div class="notice ${this.notice.tone}" part="notice" data-tone=${this.notice.tone}>${this.notice.text}</div>`
        : nothing}</div>
      <div class="status-region" role="status" part="status-message" tabindex="-1">${this.statusMessage
        ? html`<div class="notice success">${this.statusMessage}</div>`
        : nothing}</div>`;
    if (view === 'closed') return html`${this.#renderClosedNotice()}`;
    if (view === 'booking' && this.booking) return html`${regions}${this.#renderClosedNotice()}${this.#renderBooking(this.booking)}`;
    // The form comes first, the closed notice (with the hotline) after it: on a phone the first screen shows the form.
    return html`${regions}${view === 'form' ? html`<p class="intro" part="intro">${t('intro')} <strong>${t('oneRule')}</strong></p>` : nothing}
      ${this.#renderForm(view === 'change')} ${this.#renderClosedNotice()}`;
  }

  #renderClosedNotice(): TemplateResult | typeof nothing {
    const hours = this.supportHours;
    if (!hours || supportStatus(hours, this.currentTime()).open) return nothing;
    this.#defineContact();
    return html`<div class="closed notice warning" part="closed-notice">
      <p>${this.t('closed')}</p>
      <support-contact
        part="contact"
        exportparts="status: contact-status, hotline: contact-hotline, tier-now: contact-tier-now, price: contact-price, phone-link: contact-phone-link"
        sections="status hotline"
        .fallbackContact=${this.fallbackContact}
        .backend=${this.backend}
        .now=${this.now}
        .timeZone=${this.timeZone}
      ></support-contact>
    </div>`;
  }

  #renderBooking(booking: CallbackBooking): TemplateResult {
    const { t, done, busy } = this;
    const fmt = this.#format;
    const when = fmt.short(booking.window);
    const title = done === 'booked' ? t('bookedTitle') : done === 'changed' ? t('changedTitle') : t('existingTitle');
    const questionId = 'cancel-question';
    return html`<div class="booking" part="booking" data-done=${done ?? 'none'}>
      <h3 class="booking-title" part="booking-title" tabindex="-1">
        ${done ? html`<span class="check" aria-hidden="true">✓</span>` : nothing}${title}
      </h3>
      <p class="booking-text" part="booking-text">${t('bookingText', when, this.#topicTitle(booking.topic))}</p>
      <dl class="booking-facts">
        <dt>${t('number')}</dt>
        <dd translate="no">${formatPhone(booking.phone, this.#typedPhone())}</dd>
        ${booking.note ? html`<dt>${t('noteShort')}</dt><dd class="note-text">${booking.note}</dd>` : nothing}
      </dl>
      <p class="muted">${t('oneRule')} ${t('changeHint')}</p>
      ${this.confirmingCancel
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
                  this.confirmingCancel = false;
                  this.#focusPart('cancel-button');
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
                this.notice = null;
                this.confirmingCancel = true;
                this.#focusPart('confirm-cancel-button');
              }}
            >
              ${t('cancel')}
            </button>
            ${this.modal && done
              ? html`<button class="button primary" part="done-button" type="button" @click=${() => this.#report('scheduler-done', {})}>
                  ${t('done')}
                </button>`
              : nothing}
          </div>`}
      ${this.bookingStatus.state === 'stale'
        ? renderFreshness(
            { ...this.bookingStatus, retry: () => this.#refresh('booking') },
            { t, locale: this.locale, timeZone: this.viewerZone, now: this.currentTime() },
          )
        : nothing}
    </div>`;
  }

  #renderForm(changing: boolean): TemplateResult {
    const { t, busy, draft, phoneProblem, windowMissing } = this;
    const topics = this.topics;
    if (topics.length === 0) return html`<p class="notice" part="no-windows">${t('noTopics')}</p>`;
    const ids = {
      form: 'form-title',
      phone: 'phone',
      phoneHint: 'phone-hint',
      phoneError: 'phone-error',
      note: 'note',
      noteHint: 'note-hint',
      when: 'when',
      windowError: 'window-error',
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
              name="topic"
              value=${topic.id}
              .checked=${topic.id === draft.topicId}
              @change=${() => this.#selectTopic(topic.id)}
            />
            <span class="topic-text">
              <span class="topic-title">${this.#topicTitle(topic)}</span>
              <span class="topic-meta muted">
                ${topic.description ? html`${pickText(topic.description, this.language)} · ` : nothing}${t(
                  'topicLength',
                  formatNumber(topic.windowMinutes, this.locale),
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
            this.#setDraft({ ...this.draft, phone: (event.target as HTMLInputElement).value, phoneEdited: true });
            if (this.phoneProblem) this.#validatePhone();
          }}
          @blur=${() => {
            // Not when the field loses focus because the form goes (booked): that blur comes amid the update.
            const view = this.view;
            if (this.draft.phoneEdited && (view === 'form' || view === 'change')) this.#validatePhone();
          }}
        />
        ${phoneProblem ? html`<p class="field-error" part="field-error" id=${ids.phoneError}>${t(`phone.${phoneProblem}`)}</p>` : nothing}
        <p class="hint muted" id=${ids.phoneHint}>${t('phoneHint', formatRegionInSentence(this.phoneCountry, this.locale))}</p>
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
          @input=${(event: Event) => this.#setDraft({ ...this.draft, note: (event.target as HTMLTextAreaElement).value })}
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
    const t = this.t;
    const status = this.windowsStatus;
    if (this.windows === undefined) {
      return status.error ? renderError(status.error, () => void this.#refresh('windows'), t) : renderSkeleton(3, t);
    }
    const fmt = this.#format;
    const visible = this.#visibleWindows();
    const days = groupWindowsByDay(visible, this.viewerZone);
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
        selectedStart: this.draft.start,
        isOwn: this.#isOwn,
        tabId: this.#tabId,
        panelId: 'windows',
        onSelectDay: (day, focus) => void this.#selectDay(day, focus),
        onSelectWindow: this.#selectWindow,
      })}
      ${status.state === 'stale'
        ? renderFreshness(
            { ...status, retry: () => this.#refresh('windows') },
            { t, locale: this.locale, timeZone: this.viewerZone, now: this.currentTime() },
          )
        : nothing}`;
  }

  #defineContact(): void {
    if (this.#contactLoading || customElements.get('support-contact')) return;
    this.#contactLoading = loadContact()
      .catch((error: unknown) => console.warn('support-widgets: <support-contact> could not be loaded', error))
      .finally(() => (this.#contactLoading = null));
  }
}
