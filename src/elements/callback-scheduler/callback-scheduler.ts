import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { groupWindowsByDay } from '../../core/callback-windows.js';
import { parsePhoneNumber, type PhoneProblem } from '../../core/phone.js';
import { supportStatus } from '../../core/support-hours.js';
import {
  pickText,
  type CallbackBooking,
  type CallbackBookingInput,
  type CallbackTopic,
  type CallbackWindow,
  type ContactInfo,
  type Session,
} from '../../core/types.js';
import { DEFAULT_TIME_ZONE, isoDayIn } from '../../core/zone.js';
import { toSupportError } from '../../backend/errors.js';
import { ChangeTimer } from '../../internal/change-timer.js';
import type { SupportCustomEvent } from '../../internal/events.js';
import { formatNumber, formatRegion } from '../../internal/format.js';
import { phoneIcon } from '../../internal/icons.js';
import { ModalSupportElement } from '../../internal/modal-element.js';
import { PendingLoads } from '../../internal/pending-loads.js';
import { Resource } from '../../internal/resource.js';
import { baseStyles, cardStyles, tokens } from '../../internal/styles.js';
import { errorMessage, renderError, renderFreshness, renderSkeleton } from '../../internal/templates.js';
import { callbackSchedulerStyles } from './callback-scheduler.styles.js';
import { callbackSchedulerTranslations } from './callback-scheduler.i18n.js';
import { isSelectable, renderSlotPicker } from './slot-picker.js';
import { WindowFormat } from './window-format.js';

declare module '../../internal/events.js' {
  interface SupportEventDetails {
    /** A callback window was booked. */
    'support-callback-booked': { booking: CallbackBooking };
    /** The booking moved to another window, topic, number or note. */
    'support-callback-changed': { booking: CallbackBooking; previous: CallbackBooking };
    /** The booking was cancelled. */
    'support-callback-cancelled': { booking: CallbackBooking };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'support-callback-booked': SupportCustomEvent<'support-callback-booked'>;
    'support-callback-changed': SupportCustomEvent<'support-callback-changed'>;
    'support-callback-cancelled': SupportCustomEvent<'support-callback-cancelled'>;
  }
}

/** What the customer entered; kept through errors, conflicts and refreshed windows. */
interface Draft {
  readonly topicId: string | null;
  /** ISO start of the chosen window. */
  readonly start: string | null;
  readonly phone: string;
  readonly note: string;
  /** The customer edited the number (the session's number no longer prefills it). */
  readonly phoneEdited: boolean;
}

type Notice = { readonly tone: 'error' | 'warning'; readonly text: string } | null;

/** What the element shows. */
export type CallbackSchedulerView = 'loading' | 'error' | 'form' | 'booking' | 'change';

let instances = 0;

/**
 * Books a callback from support: the customer chooses a topic (a short question, a consultation appointment …), a
 * day and a time window, checks the number to call (prefilled from the session) and may add a note. Only one window
 * can be booked per customer: with a booking, the element shows it ("We will call you on Tue 1 Dec, 14:30–15:00
 * about …") with *Change* and *Cancel* instead of a new form; a second attempt is refused by the backend and
 * explained. A window taken meanwhile is explained too, the windows refresh, and nothing entered is lost.
 *
 * Windows lie inside support hours (Europe/Berlin), never on holidays or in the past; full windows are shown as
 * unavailable. Times show in the viewer's zone (`time-zone`, else the browser's) with Berlin time alongside when the
 * zones differ. Outside support hours it says when support opens again and offers the emergency hotline (a nested
 * `<support-contact sections="status hotline">`). Inline by default; with `modal` it is a popup opened by `open` /
 * `show()`, and it re-reads the booking and the windows each time it opens.
 *
 * @summary Book, change or cancel the one callback window a customer may hold.
 * @tag callback-scheduler
 * @since 0.1.0
 *
 * @event support-callback-booked - A window was booked; `detail.booking`.
 * @event support-callback-changed - The booking changed; `detail.booking` and `detail.previous`.
 * @event support-callback-cancelled - The booking was cancelled; `detail.booking`.
 * @event support-request-close - The user asks to close the popup. Cancelable.
 * @event support-open - The popup opened.
 * @event support-close - The popup closed.
 *
 * @csspart dialog - The native `<dialog>` (only with `modal`).
 * @csspart base - The card.
 * @csspart header - Title row.
 * @csspart icon - The phone icon next to the title.
 * @csspart title - The heading.
 * @csspart close-button - Closes the popup (only with `modal`).
 * @csspart intro - The introduction and the one-window rule.
 * @csspart notice - An error or warning about the last action (`role="alert"`).
 * @csspart status-message - A confirmation such as "cancelled" (`role="status"`).
 * @csspart closed-notice - Shown outside support hours: when support opens and the hotline.
 * @csspart contact - The nested `<support-contact>` in the closed notice.
 * @csspart contact-status - Its "Closed now, opens …" line (exported from `<support-contact>`).
 * @csspart contact-hotline - Its hotline block.
 * @csspart contact-tier-now - Its sentence about the hotline tier in force.
 * @csspart contact-price - Its hotline price.
 * @csspart contact-phone-link - Its `tel:` links.
 * @csspart form - The booking form.
 * @csspart form-title - "Change your callback" (only while changing).
 * @csspart topics - The topic choice.
 * @csspart topic - One topic option.
 * @csspart picker - The day and time picker.
 * @csspart zone-note - "Times in your time zone …" (only when the zones differ).
 * @csspart days - The day tabs.
 * @csspart day - One day tab; the active one also has `day-selected`.
 * @csspart day-selected - The active day tab.
 * @csspart windows - The windows of the active day.
 * @csspart window - One window button; also `window-selected`, `window-full`, `window-current` as they apply.
 * @csspart window-selected - The chosen window.
 * @csspart window-full - A fully booked window (disabled).
 * @csspart window-current - The window of the booking being changed.
 * @csspart no-windows - Shown when there are no windows at all.
 * @csspart selection - "Selected: …" line.
 * @csspart field - A form field with its label, hint and error.
 * @csspart phone-input - The phone number field.
 * @csspart note-input - The note field.
 * @csspart field-error - A field's error message.
 * @csspart submit-button - Books (or saves the change).
 * @csspart keep-button - Leaves the change form, keeping the booking.
 * @csspart booking - The booking summary.
 * @csspart booking-title - "Your callback is booked" / "Your booked callback".
 * @csspart booking-text - "We will call you on … about …".
 * @csspart booking-actions - Change / Cancel / Done.
 * @csspart change-button - Opens the change form.
 * @csspart cancel-button - Asks to cancel the booking.
 * @csspart cancel-confirm - The cancel question with its two answers.
 * @csspart confirm-cancel-button - Cancels the booking.
 * @csspart keep-booking-button - Answers "no" to the cancel question.
 * @csspart done-button - Closes the popup after booking (only with `modal`).
 * @csspart freshness - "Showing saved data" line.
 * @csspart error - Error message with retry.
 * @csspart retry-button - The retry button.
 * @csspart skeleton - Placeholder while loading.
 *
 * @cssproperty --support-font-family - Font of all text.
 * @cssproperty --support-font-size - Base font size.
 * @cssproperty --support-color-text - Text colour.
 * @cssproperty --support-color-text-muted - Secondary text colour.
 * @cssproperty --support-color-surface - Card background.
 * @cssproperty --support-color-surface-alt - Day tabs, full windows, hover states.
 * @cssproperty --support-color-border - Borders.
 * @cssproperty --support-color-accent - The active day, the chosen window, primary actions.
 * @cssproperty --support-color-accent-text - Text on the accent colour.
 * @cssproperty --support-color-success - Booking confirmation.
 * @cssproperty --support-color-warning - Closed notice, stale data, conflicts.
 * @cssproperty --support-color-danger - Errors, the cancel action.
 * @cssproperty --support-color-skeleton - Loading placeholders.
 * @cssproperty --support-radius - Corner radius.
 * @cssproperty --support-spacing - Inner spacing.
 * @cssproperty --support-shadow - Popup shadow.
 * @cssproperty --support-backdrop - Popup backdrop.
 * @cssproperty --support-focus-ring - Focus indicator (box-shadow).
 */
export class CallbackScheduler extends ModalSupportElement {
  static override styles = [tokens, baseStyles, cardStyles, callbackSchedulerStyles];

  /** The topic chosen at first (a topic id from the backend); default: the backend's first topic. */
  @property() topic = '';

  /** The country of national numbers typed with a leading 0 (`0241 …`): `DE`, `AT` or `CH`. Default `DE`. */
  @property({ attribute: 'phone-country' }) phoneCountry = 'DE';

  /**
   * The clock: which windows are past, and whether support is open, are judged at `now()`. Default: the real clock.
   * Tests and demos set it together with the demo backend's `now` option.
   */
  @property({ attribute: false }) now: () => Date = () => new Date();

  @state() private draft: Draft = { topicId: null, start: null, phone: '', note: '', phoneEdited: false };
  @state() private changing = false;
  @state() private selectedDay: string | null = null;
  @state() private phoneProblem: PhoneProblem | null = null;
  @state() private windowMissing = false;
  @state() private busy: 'book' | 'change' | 'cancel' | null = null;
  @state() private notice: Notice = null;
  @state() private statusMessage = '';
  @state() private done: 'booked' | 'changed' | null = null;
  @state() private confirmingCancel = false;

  /** The draft came from a refused second booking: *Change* offers it instead of the booking's own values. */
  #draftFromConflict = false;

  /** Registering `<support-contact>`, loaded the first time the closed notice shows it (see `#defineContact`). */
  readonly #loads = new PendingLoads();

  private t = this.translator(callbackSchedulerTranslations);
  private readonly uid = `callback-scheduler-${++instances}`;

  readonly topics = new Resource<CallbackTopic[]>(this, {
    args: () => [this.api],
    fetch: (backend, _args, signal) => backend.getCallbackTopics(signal),
    peek: (backend) => backend.peek('getCallbackTopics'),
  });

  readonly booking = new Resource<CallbackBooking | null>(this, {
    args: () => [this.api],
    fetch: (backend, _args, signal) => backend.getCallbackBooking(signal),
    peek: (backend) => backend.peek('getCallbackBooking'),
  });

  readonly windows = new Resource<CallbackWindow[], [string]>(this, {
    args: () => [this.api, this.draft.topicId ?? ''],
    // Without a topic (topics still loading) there is nothing to list yet: the picker keeps its skeleton.
    fetch: (backend, [topicId], signal) =>
      topicId ? backend.listCallbackWindows({ topicId }, signal) : Promise.resolve(undefined as unknown as CallbackWindow[]),
    peek: (backend, [topicId]) => (topicId ? backend.peek('listCallbackWindows', { topicId }) : Promise.resolve(undefined)),
  });

  readonly session = new Resource<Session>(this, {
    args: () => [this.api],
    fetch: (backend, _args, signal) => backend.getSession(signal),
    peek: (backend) => backend.peek('getSession'),
  });

  readonly contact = new Resource<ContactInfo>(this, {
    args: () => [this.api],
    fetch: (backend, _args, signal) => backend.getContactInfo(signal),
    peek: (backend) => backend.peek('getContactInfo'),
  });

  /** Re-renders when support opens or closes, and when the earliest window shown starts (it is then past). */
  readonly changeTimer = new ChangeTimer(this, { now: () => this.now(), next: () => this.nextChange() });

  /** What the element shows right now. */
  get view(): CallbackSchedulerView {
    if (this.topics.value === undefined || this.booking.value === undefined) {
      return this.topics.error || this.booking.error ? 'error' : 'loading';
    }
    if (this.booking.value === null) return 'form';
    return this.changing ? 'change' : 'booking';
  }

  /** The zone of the support hours (Europe/Berlin unless the backend says otherwise). */
  get tenantZone(): string {
    return this.contact.value?.supportHours.timeZone ?? DEFAULT_TIME_ZONE;
  }

  // ------------------------------------------------------------------------------------------------ lifecycle
  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('open')) {
      if (this.open && changed.get('open') === false) {
        // Opened again: the booking may have changed elsewhere (another tab, the chat).
        void this.booking.retry();
        void this.windows.retry();
        void this.contact.retry();
      } else if (!this.open && changed.get('open') === true) {
        this.#reset();
      }
    }
    const topics = this.topics.value;
    if (topics?.length) {
      const wanted = changed.has('topic') && this.topic && !this.changing ? topics.find((t) => t.id === this.topic) : undefined;
      if (wanted && wanted.id !== this.draft.topicId) this.draft = { ...this.draft, topicId: wanted.id, start: null };
      else if (!topics.some((t) => t.id === this.draft.topicId)) {
        const first = topics.find((t) => t.id === this.topic) ?? topics[0]!;
        this.draft = { ...this.draft, topicId: first.id, start: null };
      }
    }
    const phone = this.session.value?.user.phone;
    if (phone && !this.draft.phoneEdited && this.draft.phone === '') this.draft = { ...this.draft, phone };
    // A chosen window that the fresh list no longer offers is no choice any more.
    if (this.draft.start && this.windows.state === 'fresh' && !this.windows.refreshing) {
      const chosen = this.visibleWindows().find((w) => w.start.toISOString() === this.draft.start);
      if (!chosen || !isSelectable(chosen, this.isOwn)) this.draft = { ...this.draft, start: null };
    }
  }


  /** Forgets transient states (confirmation, messages, an unfinished change); the draft stays. */
  #reset(): void {
    this.done = null;
    this.notice = null;
    this.statusMessage = '';
    this.confirmingCancel = false;
    this.changing = false;
  }

  /** When what is shown changes by time alone: support opens/closes, or the earliest window shown starts. */
  nextChange(): Date | null {
    const now = this.now();
    const candidates: number[] = [];
    const hours = this.contact.value?.supportHours;
    if (hours) {
      const status = supportStatus(hours, now);
      const at = status.open ? status.closesAt : status.opensAt;
      if (at) candidates.push(at.getTime());
    }
    const first = this.visibleWindows()[0];
    if (first) candidates.push(first.start.getTime());
    return candidates.length ? new Date(Math.min(...candidates)) : null;
  }

  // ------------------------------------------------------------------------------------------------ derived data
  /** Windows that have not started at `now()` (a cached list may hold past ones). */
  private visibleWindows(): CallbackWindow[] {
    const now = this.now().getTime();
    return (this.windows.value ?? []).filter((w) => w.start.getTime() > now);
  }

  /** The window the booking being changed holds, for its own topic. */
  private isOwn = (window: CallbackWindow): boolean => {
    const booking = this.booking.value;
    return (
      this.changing &&
      !!booking &&
      booking.topic.id === this.draft.topicId &&
      booking.window.start.getTime() === window.start.getTime()
    );
  };

  private get format(): WindowFormat {
    return new WindowFormat(this.locale, this.viewerZone, this.tenantZone);
  }

  private activeDay(days: ReadonlyMap<string, readonly CallbackWindow[]>): string | null {
    if (this.selectedDay && days.has(this.selectedDay)) return this.selectedDay;
    if (this.draft.start) {
      const day = isoDayIn(new Date(this.draft.start), this.viewerZone);
      if (days.has(day)) return day;
    }
    for (const [day, list] of days) if (list.some((w) => isSelectable(w, this.isOwn))) return day;
    return days.keys().next().value ?? null;
  }

  private chosenWindow(): CallbackWindow | undefined {
    return this.draft.start ? this.visibleWindows().find((w) => w.start.toISOString() === this.draft.start) : undefined;
  }

  private topicTitle(topic: CallbackTopic): string {
    return pickText(topic.title, this.language);
  }

  // ------------------------------------------------------------------------------------------------ actions
  private async focusPart(part: string): Promise<void> {
    await this.updateComplete;
    this.shadowRoot?.querySelector<HTMLElement>(`[part~="${part}"]`)?.focus();
  }

  private selectDay = async (day: string, focus: boolean): Promise<void> => {
    this.selectedDay = day;
    if (!focus) return;
    await this.updateComplete;
    this.shadowRoot?.getElementById(this.tabId(day))?.focus();
  };

  private selectWindow = (window: CallbackWindow): void => {
    this.draft = { ...this.draft, start: window.start.toISOString() };
    this.windowMissing = false;
  };

  private selectTopic(topicId: string): void {
    if (topicId === this.draft.topicId) return;
    this.draft = { ...this.draft, topicId, start: null };
  }

  private validatePhone(): ReturnType<typeof parsePhoneNumber> {
    const result = parsePhoneNumber(this.draft.phone, this.phoneCountry);
    this.phoneProblem = result.ok ? null : result.problem;
    return result;
  }

  /** Opens the change form: with the draft of a refused second booking, else with the booking's own values. */
  startChange(): void {
    const booking = this.booking.value;
    if (!booking) return;
    if (!this.#draftFromConflict) {
      this.draft = {
        topicId: booking.topic.id,
        start: booking.window.start.toISOString(),
        phone: booking.phone,
        note: booking.note,
        phoneEdited: true,
      };
    }
    this.#draftFromConflict = false;
    this.changing = true;
    this.done = null;
    this.notice = null;
    this.statusMessage = '';
    this.confirmingCancel = false;
    this.selectedDay = null;
    this.phoneProblem = null;
    this.windowMissing = false;
    void this.windows.retry();
    void this.focusPart('form-title');
  }

  private keepBooking(): void {
    this.changing = false;
    this.notice = null;
    this.phoneProblem = null;
    this.windowMissing = false;
    void this.focusPart('change-button');
  }

  /** Books the draft (or saves the change); resolves with the booking, or `null` when it did not happen. */
  async submit(): Promise<CallbackBooking | null> {
    const api = this.api;
    if (this.busy || !api) return null;
    const changing = this.view === 'change';
    const previous = this.booking.value ?? null;
    const phone = this.validatePhone();
    const chosen = this.chosenWindow();
    const windowOk = !!chosen && isSelectable(chosen, this.isOwn);
    this.windowMissing = !windowOk;
    if (!windowOk || !phone.ok || !this.draft.topicId) {
      await this.updateComplete;
      const target = !windowOk
        ? (this.shadowRoot?.querySelector<HTMLElement>('[part~="day-selected"]') ?? null)
        : this.shadowRoot?.querySelector<HTMLElement>('[part~="phone-input"]');
      target?.focus();
      return null;
    }
    const input: CallbackBookingInput = {
      topicId: this.draft.topicId,
      start: chosen.start,
      phone: phone.e164,
      note: this.draft.note.trim(),
    };
    this.busy = changing ? 'change' : 'book';
    this.notice = null;
    this.statusMessage = '';
    try {
      const booking =
        changing && previous ? await api.changeCallback(previous.id, input) : await api.bookCallback(input);
      this.booking.set(booking);
      this.changing = false;
      this.done = changing ? 'changed' : 'booked';
      this.draft = { ...this.draft, start: null };
      this.selectedDay = null;
      if (changing && previous) this.emit('support-callback-changed', { booking, previous });
      else this.emit('support-callback-booked', { booking });
      void this.focusPart('booking-title');
      return booking;
    } catch (thrown) {
      const error = toSupportError(thrown);
      const when = this.format.short(chosen);
      if (error.kind === 'conflict' && error.reason === 'booking-exists') {
        // Somebody (another tab, a colleague on the same account) booked first: show that booking, keep the draft.
        this.#draftFromConflict = true;
        this.notice = { tone: 'warning', text: this.t('bookingExists') };
        await this.booking.retry();
        void this.focusPart('booking-title');
      } else if (error.kind === 'conflict' && (error.reason === 'window-taken' || error.reason === 'window-invalid')) {
        this.notice = {
          tone: 'warning',
          text: error.reason === 'window-taken' ? this.t('windowTaken', when) : this.t('windowInvalid', when),
        };
        this.draft = { ...this.draft, start: null };
        await this.windows.retry();
        void this.focusPart('day-selected');
      } else if (error.kind === 'not-found' && changing) {
        this.notice = { tone: 'warning', text: this.t('bookingGone') };
        this.changing = false;
        await this.booking.retry();
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
    const booking = this.booking.value;
    if (this.busy || !api || !booking) return false;
    this.busy = 'cancel';
    this.notice = null;
    try {
      await api.cancelCallback(booking.id);
      this.booking.set(null);
      this.confirmingCancel = false;
      this.done = null;
      this.statusMessage = this.t('cancelled');
      this.emit('support-callback-cancelled', { booking });
      void this.windows.retry();
      void this.focusPart('status-message');
      return true;
    } catch (thrown) {
      const error = toSupportError(thrown);
      this.confirmingCancel = false;
      if (error.kind === 'not-found') {
        this.notice = { tone: 'warning', text: this.t('bookingGone') };
        await this.booking.retry();
      } else {
        this.notice = { tone: 'error', text: errorMessage(error, this.t) };
      }
      return false;
    } finally {
      this.busy = null;
    }
  }

  // ------------------------------------------------------------------------------------------------ rendering
  private tabId = (day: string) => `${this.uid}-day-${day}`;

  protected override render(): TemplateResult {
    const titleId = `${this.uid}-title`;
    const view = this.view;
    const content = html`<section class="base" part="base" aria-labelledby=${titleId} aria-busy=${view === 'loading' ? 'true' : 'false'}>
      <header class="header" part="header">
        <span class="icon" part="icon" aria-hidden="true">${phoneIcon}</span>
        <h2 class="title" part="title" id=${titleId}>${this.t('title')}</h2>
        ${this.renderCloseButton(this.t('close'))}
      </header>
      <div class="notice-region" role="alert">
        ${this.notice
          ? html`<div class="notice ${this.notice.tone}" part="notice" data-tone=${this.notice.tone}>${this.notice.text}</div>`
          : nothing}
      </div>
      <div class="status-region" role="status" part="status-message" tabindex="-1">
        ${this.statusMessage ? html`<div class="notice success">${this.statusMessage}</div>` : nothing}
      </div>
      ${this.renderBody(view)}
    </section>`;
    return this.renderShell(content, titleId);
  }

  private renderBody(view: CallbackSchedulerView): TemplateResult | typeof nothing {
    switch (view) {
      case 'loading':
        return renderSkeleton(5, this.t);
      case 'error': {
        const error = this.topics.error ?? this.booking.error!;
        return renderError(error, () => {
          if (this.topics.value === undefined) void this.topics.retry();
          if (this.booking.value === undefined) void this.booking.retry();
        }, this.t);
      }
      case 'booking':
        return html`${this.renderClosedNotice()}${this.renderBooking(this.booking.value!)}`;
      case 'form':
      case 'change':
        return html`${view === 'form'
            ? html`<p class="intro" part="intro">${this.t('intro')} <strong>${this.t('oneRule')}</strong></p>`
            : nothing}
          ${this.renderClosedNotice()} ${this.renderForm(view === 'change')}`;
    }
  }

  /**
   * `<support-contact>` appears only in the closed notice (evenings, weekends, holidays): its code loads the first
   * time it is needed instead of with the scheduler. Until it is registered the tag is an unknown element; Lit keeps
   * the properties set on it and the element picks them up when it upgrades. A failed load is retried next time.
   */
  #defineContact(): void {
    if (this.#loads.busy || customElements.get('support-contact')) return;
    this.#loads.track(
      import('../support-contact/define.js').catch((error: unknown) =>
        console.warn('support-widgets: <support-contact> could not be loaded', error),
      ),
    );
  }

  /** Also waits for `<support-contact>` while its code loads, so `await el.updateComplete` sees the whole notice. */
  protected override getUpdateComplete(): Promise<boolean> {
    return this.#loads.settled(() => super.getUpdateComplete());
  }

  private renderClosedNotice(): TemplateResult | typeof nothing {
    const hours = this.contact.value?.supportHours;
    if (!hours || supportStatus(hours, this.now()).open) return nothing;
    this.#defineContact();
    return html`<div class="closed notice warning" part="closed-notice">
      <p>${this.t('closed')}</p>
      <support-contact
        part="contact"
        exportparts="status: contact-status, hotline: contact-hotline, tier-now: contact-tier-now, price: contact-price, phone-link: contact-phone-link"
        sections="status hotline"
        .backend=${this.backend}
        .now=${this.now}
        .lang=${this.lang}
        .timeZone=${this.timeZone}
      ></support-contact>
    </div>`;
  }

  private renderBooking(booking: CallbackBooking): TemplateResult {
    const fmt = this.format;
    const when = fmt.short(booking.window);
    const title = this.done === 'booked' ? this.t('bookedTitle') : this.done === 'changed' ? this.t('changedTitle') : this.t('existingTitle');
    const questionId = `${this.uid}-cancel-question`;
    return html`<div class="booking" part="booking" data-done=${this.done ?? 'none'}>
      <h3 class="booking-title" part="booking-title" tabindex="-1">
        ${this.done ? html`<span class="check" aria-hidden="true">✓</span>` : nothing}${title}
      </h3>
      <p class="booking-text" part="booking-text">${this.t('bookingText', when, this.topicTitle(booking.topic))}</p>
      <dl class="booking-facts">
        <dt>${this.t('number')}</dt>
        <dd translate="no">${booking.phone}</dd>
        ${booking.note ? html`<dt>${this.t('noteShort')}</dt><dd class="note-text">${booking.note}</dd>` : nothing}
      </dl>
      <p class="muted">${this.t('oneRule')} ${this.t('changeHint')}</p>
      ${this.confirmingCancel
        ? html`<div class="cancel-confirm" part="cancel-confirm" role="group" aria-labelledby=${questionId}>
            <p id=${questionId}><strong>${this.t('cancelQuestion', when)}</strong></p>
            <div class="actions">
              <button
                class="button danger"
                part="confirm-cancel-button"
                type="button"
                aria-disabled=${this.busy ? 'true' : 'false'}
                @click=${() => void this.cancelBooking()}
              >
                ${this.busy === 'cancel' ? this.t('cancelling') : this.t('cancelYes')}
              </button>
              <button
                class="button"
                part="keep-booking-button"
                type="button"
                @click=${() => {
                  this.confirmingCancel = false;
                  void this.focusPart('cancel-button');
                }}
              >
                ${this.t('cancelNo')}
              </button>
            </div>
          </div>`
        : html`<div class="actions" part="booking-actions">
            <button class="button" part="change-button" type="button" @click=${() => this.startChange()}>${this.t('change')}</button>
            <button
              class="button danger"
              part="cancel-button"
              type="button"
              @click=${() => {
                this.confirmingCancel = true;
                this.notice = null;
                void this.focusPart('confirm-cancel-button');
              }}
            >
              ${this.t('cancel')}
            </button>
            ${this.modal && this.done
              ? html`<button class="button primary" part="done-button" type="button" @click=${() => this.requestClose('close-button')}>
                  ${this.t('done')}
                </button>`
              : nothing}
          </div>`}
      ${this.booking.state === 'stale'
        ? renderFreshness(this.booking, { t: this.t, locale: this.locale, timeZone: this.viewerZone })
        : nothing}
    </div>`;
  }

  private renderForm(changing: boolean): TemplateResult {
    const topics = this.topics.value ?? [];
    if (topics.length === 0) return html`<p class="notice" part="no-windows">${this.t('noTopics')}</p>`;
    const ids = {
      form: `${this.uid}-form-title`,
      phone: `${this.uid}-phone`,
      phoneHint: `${this.uid}-phone-hint`,
      phoneError: `${this.uid}-phone-error`,
      note: `${this.uid}-note`,
      noteHint: `${this.uid}-note-hint`,
      when: `${this.uid}-when`,
      windowError: `${this.uid}-window-error`,
    };
    const busy = this.busy === 'book' || this.busy === 'change';
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
      ${changing ? html`<h3 class="form-title" part="form-title" id=${ids.form} tabindex="-1">${this.t('changeTitle')}</h3>` : nothing}
      <fieldset class="topics" part="topics">
        <legend>${this.t('topic')}</legend>
        ${topics.map(
          (topic) => html`<label class="topic" part="topic">
            <input
              type="radio"
              name=${`${this.uid}-topic`}
              value=${topic.id}
              .checked=${topic.id === this.draft.topicId}
              @change=${() => this.selectTopic(topic.id)}
            />
            <span class="topic-text">
              <span class="topic-title">${this.topicTitle(topic)}</span>
              <span class="topic-meta muted">
                ${topic.description ? html`${pickText(topic.description, this.language)} · ` : nothing}${this.t(
                  'topicLength',
                  formatNumber(topic.windowMinutes, this.locale),
                )}
              </span>
            </span>
          </label>`,
        )}
      </fieldset>
      <fieldset class="picker" part="picker" aria-describedby=${this.windowMissing ? ids.windowError : nothing}>
        <legend id=${ids.when}>${this.t('when')}</legend>
        ${this.renderPicker()}
        ${this.windowMissing
          ? html`<p class="field-error" part="field-error" id=${ids.windowError}>${this.t('chooseWindow')}</p>`
          : nothing}
        <p class="selection" part="selection" aria-live="polite">
          ${this.chosenWindow() ? this.t('selected', this.format.long(this.chosenWindow()!)) : this.t('noneSelected')}
        </p>
      </fieldset>
      <div class="field" part="field">
        <label for=${ids.phone}>${this.t('phone')}</label>
        <input
          id=${ids.phone}
          part="phone-input"
          type="tel"
          autocomplete="tel"
          inputmode="tel"
          .value=${this.draft.phone}
          aria-invalid=${this.phoneProblem ? 'true' : 'false'}
          aria-describedby=${this.phoneProblem ? `${ids.phoneError} ${ids.phoneHint}` : ids.phoneHint}
          @input=${(event: Event) => {
            this.draft = { ...this.draft, phone: (event.target as HTMLInputElement).value, phoneEdited: true };
            if (this.phoneProblem) this.validatePhone();
          }}
          @blur=${() => {
            if (this.draft.phoneEdited) this.validatePhone();
          }}
        />
        ${this.phoneProblem
          ? html`<p class="field-error" part="field-error" id=${ids.phoneError}>${this.t(`phone.${this.phoneProblem}`)}</p>`
          : nothing}
        <p class="hint muted" id=${ids.phoneHint}>${this.t('phoneHint', formatRegion(this.phoneCountry, this.locale))}</p>
      </div>
      <div class="field" part="field">
        <label for=${ids.note}>${this.t('note')}</label>
        <textarea
          id=${ids.note}
          part="note-input"
          rows="3"
          maxlength="1000"
          .value=${this.draft.note}
          aria-describedby=${ids.noteHint}
          @input=${(event: Event) => (this.draft = { ...this.draft, note: (event.target as HTMLTextAreaElement).value })}
        ></textarea>
        <p class="hint muted" id=${ids.noteHint}>${this.t('noteHint')}</p>
      </div>
      <div class="actions">
        <button class="button primary" part="submit-button" type="submit" aria-disabled=${busy ? 'true' : 'false'}>
          ${changing
            ? this.busy === 'change'
              ? this.t('saving')
              : this.t('saveChange')
            : this.busy === 'book'
              ? this.t('booking')
              : this.t('book')}
        </button>
        ${changing
          ? html`<button class="button" part="keep-button" type="button" @click=${() => this.keepBooking()}>${this.t('keep')}</button>`
          : nothing}
      </div>
    </form>`;
  }

  private renderPicker(): TemplateResult {
    if (this.windows.value === undefined) {
      return this.windows.error
        ? renderError(this.windows.error, () => void this.windows.retry(), this.t)
        : renderSkeleton(3, this.t);
    }
    const fmt = this.format;
    const windows = this.visibleWindows();
    const days = groupWindowsByDay(windows, this.viewerZone);
    const active = this.activeDay(days);
    if (!active) return html`<p class="notice" part="no-windows">${this.t('noWindows')}</p>`;
    const first = windows[0]!;
    return html`${fmt.differs(first.start)
        ? html`<p class="zone-note muted" part="zone-note">${this.t('zoneNote', fmt.viewerCity, fmt.tenantCity)}</p>`
        : nothing}
      ${renderSlotPicker({
        t: this.t,
        fmt,
        days,
        activeDay: active,
        selectedStart: this.draft.start,
        isOwn: this.isOwn,
        tabId: this.tabId,
        panelId: `${this.uid}-windows`,
        onSelectDay: (day, focus) => void this.selectDay(day, focus),
        onSelectWindow: this.selectWindow,
      })}
      ${this.windows.state === 'stale'
        ? renderFreshness(this.windows, { t: this.t, locale: this.locale, timeZone: this.viewerZone })
        : nothing}`;
  }
}
