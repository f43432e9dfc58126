// Generated from custom-elements.json by scripts/generate.mjs (`npm run analyze`). Do not edit.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { SupportAccessIndicator as SupportAccessIndicatorElement } from '../elements/support-access-indicator/support-access-indicator.js';
import '../elements/support-access-indicator/define.js';
import type { SupportCustomEvent } from '../internal/events.js';

/**
 * React component for `<support-access-indicator>`: Live "support is in your system" indicator for the host's header.
 * Props are the element's properties; events are `onSupportAccessChange`-style props.
 */
export const SupportAccessIndicator = createComponent({
  tagName: 'support-access-indicator',
  elementClass: SupportAccessIndicatorElement,
  react: React,
  events: {
    onSupportAccessChange: 'support-access-change' as EventName<SupportCustomEvent<'support-access-change'>>,
  },
  displayName: 'SupportAccessIndicator',
});
