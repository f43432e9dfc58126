// Generated from custom-elements.json by scripts/generate.mjs (`npm run analyze`). Do not edit.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { CallbackScheduler as CallbackSchedulerElement } from '../elements/callback-scheduler/callback-scheduler.js';
import '../elements/callback-scheduler/define.js';
import type { SupportCustomEvent } from '../internal/events.js';

/**
 * React component for `<callback-scheduler>`: Book, change or cancel the one callback window a customer may hold.
 * Props are the element's properties; events are `onSupportCallbackBooked`-style props.
 */
export const CallbackScheduler = createComponent({
  tagName: 'callback-scheduler',
  elementClass: CallbackSchedulerElement,
  react: React,
  events: {
    onSupportCallbackBooked: 'support-callback-booked' as EventName<SupportCustomEvent<'support-callback-booked'>>,
    onSupportCallbackChanged: 'support-callback-changed' as EventName<SupportCustomEvent<'support-callback-changed'>>,
    onSupportCallbackCancelled: 'support-callback-cancelled' as EventName<SupportCustomEvent<'support-callback-cancelled'>>,
    onSupportRequestClose: 'support-request-close' as EventName<SupportCustomEvent<'support-request-close'>>,
    onSupportOpen: 'support-open' as EventName<SupportCustomEvent<'support-open'>>,
    onSupportClose: 'support-close' as EventName<SupportCustomEvent<'support-close'>>,
  },
  displayName: 'CallbackScheduler',
});
