import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { CallbackBooking, CallbackTopic, CallbackWindow, ContactInfo, Session } from '../../core/types.js';
import { DEFAULT_TIME_ZONE } from '../../core/zone.js';
import { ChangeTimer } from '../../internal/change-timer.js';
import type { SupportCustomEvent } from '../../internal/events.js';
import { phoneIcon } from '../../internal/icons.js';
import { type LazyView, ViewSupport } from '../../internal/lazy-views.js';
import { ModalSupportElement } from '../../internal/modal-element.js';
import { Resource } from '../../internal/resource.js';
import { baseStyles, cardStyles, tokens } from '../../internal/styles.js';
import { renderError, renderSkeleton, renderViewLoading } from '../../internal/templates.js';
import { callbackSchedulerStyles } from './callback-scheduler.styles.js';
import { type CallbackSchedulerMessages, callbackSchedulerTranslations } from './callback-scheduler.i18n.js';
import type * as SchedulerViewModule from './scheduler-view.js';
import type { SchedulerViewMessages } from './scheduler-view.i18n.js';
import type { CallbackSchedulerView, Draft, Notice, SchedulerBridge } from './shared.js';

export type { CallbackSchedulerView } from './shared.js';

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
 * The element starts reading its data as soon as it is connected; the code of its form, booking and closed notice
 * loads side by side with it (a dynamic `import()`; as a popup, when first opened), with a skeleton until both are there.
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

  /**
   * The dynamic import of the form, booking and closed notice (scheduler-view.ts).
   *
   * @internal Test seam: tests replace it (to count calls, delay or fail the load) and restore it. Not public API.
   */
  static loadView: () => Promise<typeof SchedulerViewModule> = () => import('./scheduler-view.js');

  /** The topic chosen at first (a topic id from the backend); default: the backend's first topic. */
  @property() topic = '';

  /** The country of national numbers typed with a leading 0 (`0241 …`): `DE`, `AT` or `CH`. Default `DE`. */
  @property({ attribute: 'phone-country' }) phoneCountry = 'DE';

  /**
   * The clock: which windows are past, and whether support is open, are judged at `now()`. Default: the real clock.
   * Tests and demos set it together with the demo backend's `now` option.
   */
  @property({ attribute: false }) override now: () => Date = () => new Date();

  @state() private draft: Draft = { topicId: null, start: null, phone: '', note: '', phoneEdited: false };
  @state() private changing = false;
  @state() private busy: 'book' | 'change' | 'cancel' | null = null;
  @state() private notice: Notice = null;
  @state() private statusMessage = '';
  @state() private done: 'booked' | 'changed' | null = null;


  private t = this.translator(callbackSchedulerTranslations);
  private readonly uid = `callback-scheduler-${++instances}`;

  /** The view's styles and strings, taken in when it loads. */
  readonly #views = new ViewSupport<CallbackSchedulerMessages, SchedulerViewMessages>(
    this,
    () => this.t,
    (table) => this.translator(table),
  );

  readonly #view: LazyView<typeof SchedulerViewModule, SchedulerViewModule.SchedulerView>;

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

  constructor() {
    super();
    const self = this;
    const bridge: SchedulerBridge = {
      host: this,
      t: this.#views.t,
      uid: this.uid,
      get api() {
        return self.api;
      },
      get draft() {
        return self.draft;
      },
      set draft(value) {
        self.draft = value;
      },
      get changing() {
        return self.changing;
      },
      set changing(value) {
        self.changing = value;
      },
      get busy() {
        return self.busy;
      },
      set busy(value) {
        self.busy = value;
      },
      get notice() {
        return self.notice;
      },
      set notice(value) {
        self.notice = value;
      },
      get statusMessage() {
        return self.statusMessage;
      },
      set statusMessage(value) {
        self.statusMessage = value;
      },
      get done() {
        return self.done;
      },
      set done(value) {
        self.done = value;
      },
      defineContact: () => this.#defineContact(),
    };
    this.#view = this.#views.lazy(() => (this.constructor as typeof CallbackScheduler).loadView(), (m) => new m.SchedulerView(bridge));
  }

  /** What the element shows right now. */
  get view(): CallbackSchedulerView {
    if (this.topics.value === undefined || this.booking.value === undefined) {
      return this.topics.error || this.booking.error ? 'error' : 'loading';
    }
    if (this.booking.value === null) return 'form';
    return this.changing ? 'change' : 'booking';
  }

  /** The zone of the support hours (Europe/Berlin unless the backend says otherwise). */
  override get tenantZone(): string {
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
    // The view's code, from the moment the element shows (a closed popup loads it when opened).
    if (!this.modal || this.open) this.#view.ensure();
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
    this.#view.view?.dropStaleChoice();
  }

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    this.#views.addTo(root);
    return root;
  }

  /** Forgets transient states (confirmation, messages, an unfinished change); the draft stays. */
  #reset(): void {
    this.done = null;
    this.notice = null;
    this.statusMessage = '';
    this.changing = false;
    this.#view.view?.reset();
    // A view that failed to load is tried again the next time the popup opens.
    this.#view.clearError();
  }

  /**
   * When what is shown changes by time alone: support opens/closes, or the earliest window shown starts (`null`
   * until the view's code is there, which then updates the element).
   */
  nextChange(): Date | null {
    return this.#view.view?.nextChange() ?? null;
  }

  /** The view, loaded if need be; `undefined` when its code could not be loaded (shown with a retry button). */
  async #ready(): Promise<SchedulerViewModule.SchedulerView | undefined> {
    this.#view.ensure();
    await this.#views.settled(() => Promise.resolve(true));
    return this.#view.view;
  }

  // ------------------------------------------------------------------------------------------------ actions
  /** Opens the change form: with the draft of a refused second booking, else with the booking's own values. */
  startChange(): void {
    const view = this.#view.view;
    if (view) view.startChange();
    else void this.#ready().then((loaded) => loaded?.startChange());
  }

  /** Books the draft (or saves the change); resolves with the booking, or `null` when it did not happen. */
  async submit(): Promise<CallbackBooking | null> {
    return (this.#view.view ?? (await this.#ready()))?.submit() ?? null;
  }

  /** Cancels the booking; resolves with whether it was cancelled. */
  async cancelBooking(): Promise<boolean> {
    return (this.#view.view ?? (await this.#ready()))?.cancelBooking() ?? false;
  }

  // ------------------------------------------------------------------------------------------------ rendering
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
      ${this.#renderBody(view)}
    </section>`;
    return this.renderShell(content, titleId);
  }

  #renderBody(view: CallbackSchedulerView): TemplateResult {
    const lazy = this.#view;
    if (view === 'error') {
      const error = this.topics.error ?? this.booking.error!;
      return renderError(error, () => {
        if (this.topics.value === undefined) void this.topics.retry();
        if (this.booking.value === undefined) void this.booking.retry();
      }, this.t);
    }
    if (view === 'loading') return renderSkeleton(5, this.t);
    return lazy.view ? lazy.view.render(view) : renderViewLoading(lazy, 5, this.t);
  }

  /**
   * `<support-contact>` appears only in the closed notice (evenings, weekends, holidays): its code loads the first
   * time it is needed instead of with the scheduler. Until it is registered the tag is an unknown element; Lit keeps
   * the properties set on it and the element picks them up when it upgrades. A failed load is retried next time.
   */
  #defineContact(): void {
    if (this.#contactLoading || customElements.get('support-contact')) return;
    this.#contactLoading = true;
    this.#views.track(
      import('../support-contact/define.js')
        .catch((error: unknown) => console.warn('support-widgets: <support-contact> could not be loaded', error))
        .finally(() => (this.#contactLoading = false)),
    );
  }

  #contactLoading = false;

  /** Also waits for the view and `<support-contact>` while their code loads, so `await el.updateComplete` sees them. */
  protected override getUpdateComplete(): Promise<boolean> {
    return this.#views.settled(() => super.getUpdateComplete());
  }
}
