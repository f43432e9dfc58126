import type { SupportBackend } from '../../backend/backend.js';
import type { Translator } from '../../internal/support-element.js';
import type { CallbackScheduler } from './callback-scheduler.js';
import type { CallbackSchedulerMessages } from './callback-scheduler.i18n.js';
import type { SchedulerViewMessages } from './scheduler-view.i18n.js';

/** The element's strings and, once the view has loaded, the view's (`scheduler-view.i18n.ts`). */
export type SchedulerTranslator = Translator<CallbackSchedulerMessages & SchedulerViewMessages>;

/** What the customer entered; kept through errors, conflicts and refreshed windows. */
export interface Draft {
  readonly topicId: string | null;
  /** ISO start of the chosen window. */
  readonly start: string | null;
  readonly phone: string;
  readonly note: string;
  /** The customer edited the number (the session's number no longer prefills it). */
  readonly phoneEdited: boolean;
}

export type Notice = { readonly tone: 'error' | 'warning'; readonly text: string } | null;

/** What the element shows. */
export type CallbackSchedulerView = 'loading' | 'error' | 'form' | 'booking' | 'change';

/**
 * What the lazily loaded view (scheduler-view.ts: form, booking, closed notice, and the actions behind them) reads
 * and changes of the element. The element keeps the data (its resources) and the draft, so that reading starts at
 * once and nothing entered depends on the view's code being there; the view keeps what only it shows.
 */
export interface SchedulerBridge {
  /** The element: its public properties, resources and methods. */
  readonly host: CallbackScheduler;
  readonly t: SchedulerTranslator;
  /** A document-unique prefix for ids. */
  readonly uid: string;
  readonly api: SupportBackend | undefined;
  draft: Draft;
  changing: boolean;
  busy: 'book' | 'change' | 'cancel' | null;
  notice: Notice;
  statusMessage: string;
  done: 'booked' | 'changed' | null;
  /** Loads `<support-contact>` (for the closed notice) unless it is registered or loading. */
  defineContact(): void;
}
