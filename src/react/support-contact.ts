// Generated from custom-elements.json by scripts/generate.mjs (`npm run analyze`). Do not edit.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { SupportContact as SupportContactElement } from '../elements/support-contact/support-contact.js';
import '../elements/support-contact/define.js';
import type { SupportCustomEvent } from '../internal/events.js';

/**
 * React component for `<support-contact>`: Support e-mail, direct lines, hours, "open now" and the emergency hotline with its price.
 * Props are the element's properties; events are `onSupportRequestClose`-style props.
 */
export const SupportContact = createComponent({
  tagName: 'support-contact',
  elementClass: SupportContactElement,
  react: React,
  events: {
    onSupportRequestClose: 'support-request-close' as EventName<SupportCustomEvent<'support-request-close'>>,
    onSupportOpen: 'support-open' as EventName<SupportCustomEvent<'support-open'>>,
    onSupportClose: 'support-close' as EventName<SupportCustomEvent<'support-close'>>,
    onSupportChannelSelect: 'support-channel-select' as EventName<SupportCustomEvent<'support-channel-select'>>,
  },
  displayName: 'SupportContact',
});
