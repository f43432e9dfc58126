import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { toSupportError } from '../../backend/errors.js';
import { supportStatus } from '../../core/support-hours.js';
import type { CallbackBooking, CallbackTopic, CallbackWindow, ContactInfo, Session } from '../../core/types.js';
import { ChangeTimer } from '../../internal/change-timer.js';
import { FallbackContact, contactFacts } from '../../internal/contact-facts.js';
import type { SupportCustomEvent } from '../../internal/events.js';
import { phoneIcon } from '../../internal/icons.js';
import { loadOnce } from '../../internal/load-once.js';
import { ModalSupportElement } from '../../internal/modal-element.js';
import { Resource } from '../../internal/resource.js';
import { baseStyles, cardStyles, tokens } from '../../internal/styles.js';
import { renderError, renderSkeleton } from '../../internal/templates.js';
import { callbackSchedulerStyles } from './callback-scheduler.styles.js';
import { callbackSchedulerTranslations } from './callback-scheduler.i18n.js';
import {
  type CallbackSchedulerView,
  type DataStatus,
  type Draft,
  type PanelEvent,
  isBookedWindow,
  isSelectable,
  upcomingWindows,
} from './draft.js';
import type { CallbackSchedulerPanel } from './scheduler-panel.js';

export type { CallbackSchedulerView } from './draft.js';

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

/** The tag of the internal panel (registered when its code arrives). */
const PANEL_TAG = 'callback-scheduler-panel';

/** Every part of the panel, exported so that `callback-scheduler::part(…)` reaches them. */
const PANEL_PARTS = [
  'intro', 'notice', 'status-message', 'closed-notice', 'contact', 'contact-status', 'contact-hotline', 'contact-tier-now',
  'contact-price', 'contact-phone-link', 'form', 'form-title', 'topics', 'topic', 'picker', 'zone-note', 'days', 'day',
  'day-selected', 'windows', 'window', 'window-selected', 'window-full', 'window-current', 'no-windows', 'selection',
  'field', 'phone-input', 'note-input', 'field-error', 'submit-button', 'keep-button', 'booking', 'booking-title',
  'booking-text', 'booking-actions', 'change-button', 'cancel-button', 'cancel-confirm', 'confirm-cancel-button',
  'keep-booking-button', 'done-button', 'freshness', 'error', 'retry-button', 'skeleton',
].join(', ');

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
 * `<support-contact sections="status hotline">`; with the host's `fallbackContact` also when the backend fails).
 * Inline by default; with `modal` it is a popup opened by `open` / `show()`, and it re-reads the booking and the
 * windows each time it opens.
 *
 * The element starts reading its data as soon as it is connected. Its form, booking and closed notice are an internal
 * element whose code loads when the scheduler first shows (as a popup: when first opened), side by side with the
 * data; a skeleton shows until both are there, a failed load shows the error with Retry.
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
 * @cssproperty --support-color-surface-raised - Popup background (raised above the page; in dark themes lighter than the surface).
 * @cssproperty --support-focus-color - Colour of the focus outline (2 px, 2 px away from the control). Default: the accent colour.
 */
export class CallbackScheduler extends ModalSupportElement {
  static override styles = [tokens, baseStyles, cardStyles, callbackSchedulerStyles];

  /**
   * Loads the code of the form, booking and closed notice (scheduler-panel.ts) and registers its internal element;
   * once per page, a failed load is tried again by the next call (Retry).
   *
   * @internal Test seam: tests wrap it (to count calls, hold or fail the load) and restore it. Not public API.
   */
  static loadPanel: () => Promise<void> = loadOnce(() =>
    import('./scheduler-panel.js').then(({ CallbackSchedulerPanel }) => CallbackSchedulerPanel.define(PANEL_TAG)),
  );

  /** The topic chosen at first (a topic id from the backend); default: the backend's first topic. */
  @property() topic = '';

  /** The country of national numbers typed with a leading 0 (`0241 …`): `DE`, `AT` or `CH`. Default `DE`. */
  @property({ attribute: 'phone-country' }) phoneCountry = 'DE';

  /**
   * Contact facts the host knows itself (the same shape as `getContactInfo()` answers, e.g. the JSON of the server's
   * `/contact`), for the closed notice and its hotline while nothing better is known: when the backend fails and
   * nothing is cached — then the closed notice shows beside the error, so the hotline is there outside support hours
   * even when nothing can be booked. Passed on to the nested `<support-contact>`. Fresh backend data wins, then cached
   * data, then these. Checked like adapter data: a value that breaks the contract is ignored with a console warning
   * naming the field.
   */
  @property({ attribute: false }) fallbackContact?: ContactInfo;

  readonly #fallback = new FallbackContact('callback-scheduler');

  /** What the customer entered: kept here, so that it outlives the popup's contents and steers the windows read. */
  @state() private draft: Draft = { topicId: null, start: null, phone: '', note: '', phoneEdited: false };
  @state() private changing = false;

  private t = this.translator(callbackSchedulerTranslations);
  private readonly uid = `callback-scheduler-${++instances}`;

  /** The panel's code: loaded when the scheduler first shows (`@lit/task`: pending, error with Retry, complete). */
  readonly #panelCode = new Task(this, {
    autoRun: false,
    task: () => (this.constructor as typeof CallbackScheduler).loadPanel(),
  });

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
  readonly changeTimer = new ChangeTimer(this, { now: () => this.currentTime(), next: () => this.nextChange() });

  /** What the element shows right now. */
  get view(): CallbackSchedulerView {
    if (this.topics.value === undefined || this.booking.value === undefined) {
      return this.topics.error || this.booking.error ? 'error' : 'loading';
    }
    if (this.booking.value === null) return 'form';
    return this.changing ? 'change' : 'booking';
  }

  // ------------------------------------------------------------------------------------------------ lifecycle
  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const opened = changed.has('open') && this.open && changed.get('open') === false;
    if (opened) {
      // Opened again: the booking may have changed elsewhere (another tab, the chat).
      void this.booking.retry();
      void this.windows.retry();
      void this.contact.retry();
    } else if (changed.has('open') && !this.open && changed.get('open') === true) {
      // Closed: an unfinished change is dropped (the draft stays; the panel and its messages go with the popup).
      this.changing = false;
    }
    // The panel's code, from the moment the element shows (a closed popup loads it when opened); a failed load is
    // tried again when the popup opens again.
    const status = this.#panelCode.status;
    if ((!this.modal || this.open) && (status === TaskStatus.INITIAL || (opened && status === TaskStatus.ERROR))) {
      void this.#panelCode.run();
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
    this.#dropStaleChoice();
  }

  /** A chosen window that the fresh list no longer offers is no choice any more. */
  #dropStaleChoice(): void {
    const { draft, windows } = this;
    if (!draft.start || windows.state !== 'fresh' || windows.refreshing) return;
    const chosen = upcomingWindows(windows.value, this.currentTime()).find((w) => w.start.toISOString() === draft.start);
    const own = (w: CallbackWindow) => isBookedWindow(w, { booking: this.booking.value, changing: this.changing, draft });
    if (!chosen || !isSelectable(chosen, own)) this.draft = { ...draft, start: null };
  }

  /** When what is shown changes by time alone: support opens/closes, or the earliest window shown starts. */
  nextChange(): Date | null {
    const now = this.currentTime();
    const candidates: number[] = [];
    const hours = this.#supportHours();
    if (hours) {
      const status = supportStatus(hours, now);
      const at = status.open ? status.closesAt : status.opensAt;
      if (at) candidates.push(at.getTime());
    }
    const first = upcomingWindows(this.windows.value, now)[0];
    if (first) candidates.push(first.start.getTime());
    return candidates.length ? new Date(Math.min(...candidates)) : null;
  }

  /** The host's `fallbackContact`, once checked (`undefined` when absent or invalid). */
  #fallbackFacts(): ContactInfo | undefined {
    return this.#fallback.read(this.fallbackContact);
  }

  /** Support hours for the closed notice: the backend's (fresh or cached), else the host's `fallbackContact`. */
  #supportHours() {
    return contactFacts(this.contact, this.#fallbackFacts())?.info.supportHours;
  }

  /** Also waits for the panel's code while it loads, and for the panel's own update, as for any child element. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    while (this.#panelCode.status === TaskStatus.PENDING) {
      await this.#panelCode.taskComplete.catch(() => undefined);
      complete = await super.getUpdateComplete();
    }
    const panel = this.#panel();
    if (panel) {
      await panel.updateComplete;
      // What the panel reported meanwhile (a draft, a refresh) updates this element once more.
      complete = await super.getUpdateComplete();
    }
    return complete;
  }

  #panel(): CallbackSchedulerPanel | null {
    const panel = this.renderRoot?.querySelector(PANEL_TAG) as CallbackSchedulerPanel | null;
    return panel && customElements.get(PANEL_TAG) ? panel : null;
  }

  /** The panel once its code and the data are there; `null` when either failed or is missing. */
  async #ready(): Promise<CallbackSchedulerPanel | null> {
    if (this.#panelCode.status === TaskStatus.ERROR) void this.#panelCode.run();
    await this.updateComplete;
    return this.#panel();
  }

  // ------------------------------------------------------------------------------------------------ actions
  /** Opens the change form: with the draft of a refused second booking, else with the booking's own values. */
  startChange(): void {
    const panel = this.#panel();
    if (panel) panel.startChange();
    else void this.#ready().then((ready) => ready?.startChange());
  }

  /** Books the draft (or saves the change); resolves with the booking, or `null` when it did not happen. */
  async submit(): Promise<CallbackBooking | null> {
    return (await this.#ready())?.submit() ?? null;
  }

  /** Cancels the booking; resolves with whether it was cancelled. */
  async cancelBooking(): Promise<boolean> {
    return (await this.#ready())?.cancelBooking() ?? false;
  }

  // ------------------------------------------------------------------------------------------------ reports
  readonly #onDraft = (event: PanelEvent<'scheduler-draft'>): void => {
    this.draft = event.detail.draft;
    this.changing = event.detail.changing;
  };

  readonly #onRefresh = (event: PanelEvent<'scheduler-refresh'>): void => {
    event.detail.done = event.detail.data === 'booking' ? this.booking.retry() : this.windows.retry();
  };

  readonly #onBooked = (event: SupportCustomEvent<'support-callback-booked' | 'support-callback-changed'>): void => {
    this.booking.set(event.detail.booking);
  };

  readonly #onCancelled = (): void => {
    this.booking.set(null);
    void this.windows.retry();
  };

  // ------------------------------------------------------------------------------------------------ rendering
  protected override render(): TemplateResult {
    const titleId = `${this.uid}-title`;
    const view = this.view;
    const content = html`<section class="base" part="base" role="group" aria-labelledby=${titleId} aria-busy=${view === 'loading' ? 'true' : 'false'}>
      <header class="header" part="header" role="none">
        <span class="icon" part="icon" aria-hidden="true">${phoneIcon}</span>
        <h2 class="title" part="title" id=${titleId}>${this.t('title')}</h2>
        ${this.renderCloseButton(this.t('close'))}
      </header>
      ${this.#renderBody(view)}
    </section>`;
    return this.renderShell(content, titleId);
  }

  #renderBody(view: CallbackSchedulerView): TemplateResult | undefined {
    if (view === 'error') {
      const error = this.topics.error ?? this.booking.error!;
      return html`${renderError(error, () => {
        if (this.topics.value === undefined) void this.topics.retry();
        if (this.booking.value === undefined) void this.booking.retry();
        if (this.contact.value === undefined) void this.contact.retry();
      }, this.t)}${this.#renderClosedOnly()}`;
    }
    if (view === 'loading') return renderSkeleton(5, this.t);
    return this.#panelCode.render({
      initial: () => renderSkeleton(5, this.t),
      pending: () => renderSkeleton(5, this.t),
      error: (error) => renderError(toSupportError(error), () => void this.#panelCode.run(), this.t),
      complete: () => this.#renderPanel(view),
    });
  }

  /**
   * Nothing can be booked (the data failed), but outside support hours the closed notice with the hotline still shows
   * (hours from the cache or the host's `fallbackContact`): the panel in its `closed` view, once its code is there.
   */
  #renderClosedOnly(): TemplateResult | typeof nothing {
    const hours = this.#supportHours();
    if (!hours || supportStatus(hours, this.currentTime()).open) return nothing;
    return this.#panelCode.render({
      complete: () => html`<callback-scheduler-panel
        exportparts=${PANEL_PARTS}
        .view=${'closed'}
        .supportHours=${hours}
        .fallbackContact=${this.#fallbackFacts()}
        .now=${() => this.currentTime()}
        .timeZone=${this.timeZone}
        .backend=${this.api}
      ></callback-scheduler-panel>`,
    }) ?? nothing;
  }

  #renderPanel(view: 'form' | 'change' | 'booking'): TemplateResult {
    const status = (r: DataStatus): DataStatus => ({
      state: r.state,
      refreshing: r.refreshing,
      updatedAt: r.updatedAt,
      error: r.error,
    });
    // Fresh status objects on every render: the panel updates whenever the scheduler does (a new clock tick too).
    return html`<callback-scheduler-panel
      exportparts=${PANEL_PARTS}
      .view=${view}
      .topics=${this.topics.value ?? []}
      .booking=${this.booking.value ?? null}
      .bookingStatus=${status(this.booking)}
      .windows=${this.windows.value}
      .windowsStatus=${status(this.windows)}
      .supportHours=${this.#supportHours()}
      .fallbackContact=${this.#fallbackFacts()}
      .draft=${this.draft}
      .changing=${this.changing}
      .now=${() => this.currentTime()}
      .phoneCountry=${this.phoneCountry}
      .modal=${this.modal}
      .timeZone=${this.timeZone}
      .backend=${this.api}
      @scheduler-draft=${this.#onDraft}
      @scheduler-refresh=${this.#onRefresh}
      @scheduler-done=${() => this.requestClose('close-button')}
      @support-callback-booked=${this.#onBooked}
      @support-callback-changed=${this.#onBooked}
      @support-callback-cancelled=${this.#onCancelled}
    ></callback-scheduler-panel>`;
  }
}
