/**
 * The typed events of support-widgets. Every event is a bubbling, composed `CustomEvent` whose name starts with
 * `support-`. Elements add their own events by augmenting `SupportEventDetails`:
 *
 * ```ts
 * declare module '../../internal/events.js' {
 *   interface SupportEventDetails { 'support-grant-created': { grant: Grant } }
 * }
 * ```
 * and `GlobalEventHandlersEventMap` (so `addEventListener('support-…')` is typed for hosts).
 */
export interface SupportEventDetails {
  /** A modal element opened. */
  'support-open': Record<string, never>;
  /** A modal element closed. */
  'support-close': Record<string, never>;
  /** The user asks to close a modal element (Escape, close button). Cancelable: `preventDefault()` keeps it open. */
  'support-request-close': { source: 'escape' | 'close-button' | 'backdrop' };
  /** Text was copied to the clipboard (or copying failed). */
  'support-copy': { text: string; success: boolean };
}

export type SupportEventName = keyof SupportEventDetails;

export type SupportCustomEvent<K extends SupportEventName> = CustomEvent<SupportEventDetails[K]>;

declare global {
  interface GlobalEventHandlersEventMap {
    'support-open': SupportCustomEvent<'support-open'>;
    'support-close': SupportCustomEvent<'support-close'>;
    'support-request-close': SupportCustomEvent<'support-request-close'>;
    'support-copy': SupportCustomEvent<'support-copy'>;
  }
}
