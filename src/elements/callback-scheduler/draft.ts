import type { SupportError } from '../../backend/errors.js';
import type { CallbackBooking, CallbackWindow } from '../../core/types.js';
import type { Translator } from '../../internal/support-element.js';
import type { SchedulerPanelMessages } from './scheduler-panel.i18n.js';

/**
 * What `<callback-scheduler>` and its panel (`scheduler-panel.ts`) share: the draft the customer enters, the
 * events the panel reports with, and the pure rules on windows both apply. No element code: the scheduler imports
 * this without the panel's code.
 */

/** The panel's strings (plus the common ones). */
export type PanelTranslator = Translator<SchedulerPanelMessages>;

/** What the customer entered; kept through errors, conflicts, refreshed windows and a closed popup. */
export interface Draft {
  readonly topicId: string | null;
  /** ISO start of the chosen window. */
  readonly start: string | null;
  readonly phone: string;
  readonly note: string;
  /** The customer edited the number (the session's number no longer prefills it). */
  readonly phoneEdited: boolean;
}

/** What the element shows. */
export type CallbackSchedulerView = 'loading' | 'error' | 'form' | 'booking' | 'change';

/** Where data on screen comes from (`renderFreshness`): a snapshot of one of the scheduler's reads. */
export interface DataStatus {
  readonly state: 'idle' | 'loading' | 'fresh' | 'stale' | 'error';
  readonly refreshing: boolean;
  readonly updatedAt: Date | undefined;
  readonly error: SupportError | undefined;
}

/**
 * The panel's reports to the scheduler (plain events on the panel: they neither bubble nor leave the scheduler's
 * shadow root). Its public outcomes travel as the public `support-callback-*` events, which the scheduler reads too.
 */
export interface PanelEventDetails {
  /** The customer changed the draft, or entered/left the change form. */
  'scheduler-draft': { readonly draft: Draft; readonly changing: boolean };
  /**
   * The panel needs fresh data (a conflict, a Retry). The scheduler reads again and puts the read's promise in
   * `done`, so the panel can wait for it.
   */
  'scheduler-refresh': { readonly data: 'booking' | 'windows'; done?: Promise<unknown> };
  /** *Done* after booking: close the popup. */
  'scheduler-done': Record<string, never>;
}

export type PanelEvent<K extends keyof PanelEventDetails> = CustomEvent<PanelEventDetails[K]>;

/** `true` when the window can be chosen: free, or the one the booking being changed already holds. */
export const isSelectable = (window: CallbackWindow, isOwn: (window: CallbackWindow) => boolean): boolean =>
  window.available || isOwn(window);

/** Windows that have not started at `now` (a cached list may hold past ones). */
export const upcomingWindows = (windows: readonly CallbackWindow[] | undefined, now: Date): CallbackWindow[] =>
  (windows ?? []).filter((w) => w.start.getTime() > now.getTime());

/** Whether `window` is the one the booking being changed holds, for the draft's topic. */
export function isBookedWindow(
  window: CallbackWindow,
  { booking, changing, draft }: { booking: CallbackBooking | null | undefined; changing: boolean; draft: Draft },
): boolean {
  return changing && !!booking && booking.topic.id === draft.topicId && booking.window.start.getTime() === window.start.getTime();
}
