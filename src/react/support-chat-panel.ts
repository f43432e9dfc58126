// Generated from custom-elements.json by scripts/generate.mjs (`npm run analyze`). Do not edit.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { SupportChatPanel as SupportChatPanelElement } from '../elements/support-chat-panel/support-chat-panel.js';
import '../elements/support-chat-panel/define.js';
import type { SupportCustomEvent } from '../internal/events.js';

/**
 * React component for `<support-chat-panel>`: Support chat with 21 days of history, an offline outbox and live replies.
 * Props are the element's properties; events are `onSupportUnreadChange`-style props.
 */
export const SupportChatPanel = createComponent({
  tagName: 'support-chat-panel',
  elementClass: SupportChatPanelElement,
  react: React,
  events: {
    onSupportUnreadChange: 'support-unread-change' as EventName<SupportCustomEvent<'support-unread-change'>>,
    onSupportRequestCallback: 'support-request-callback' as EventName<SupportCustomEvent<'support-request-callback'>>,
    onSupportNotificationClick: 'support-notification-click' as EventName<SupportCustomEvent<'support-notification-click'>>,
    onSupportTranscriptDownload: 'support-transcript-download' as EventName<SupportCustomEvent<'support-transcript-download'>>,
  },
  displayName: 'SupportChatPanel',
});
