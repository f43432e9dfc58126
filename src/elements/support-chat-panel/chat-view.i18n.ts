import { defineTranslations } from '../../internal/localize.js';

/**
 * The English strings of the chat's log, availability line and composer: they load with that code (chat-view.ts),
 * not with the element. The German ones are `viewsDe` in `support-chat-panel.de.ts`, one German chunk for the element.
 */
const en = {
  log: 'Messages with support',
  openUntil: (time: string) => `Support is available until ${time}`,
  openUntilZoned: (time: string, tenantTime: string, zone: string) => `Support is available until ${time} (${tenantTime} ${zone})`,
  closedUntil: (when: string) => `Support is away, back ${when}`,
  closedUntilZoned: (when: string, tenantWhen: string, zone: string) => `Support is away, back ${when} (${tenantWhen} ${zone})`,
  zoneTime: (time: string) => time,
  closed: 'Support is away',
  backToday: (time: string) => `today at ${time}`,
  backTomorrow: (time: string) => `tomorrow at ${time}`,
  backOn: (day: string, time: string) => `on ${day} at ${time}`,
  urgent: 'Urgent?',
  requestCallback: 'Request a callback',
  hotline: 'Emergency hotline',
  hotlinePrice: (price: string, minutes: number) => `Charged: ${price} per started ${minutes} minutes.`,
  retentionNote: 'Messages older than 21 days are not kept.',
  empty: 'No messages in the last 21 days. Write to us: support answers here.',
  today: 'Today',
  yesterday: 'Yesterday',
  you: 'You',
  support: 'Support',
  sending: 'Sending…',
  sent: 'Sent',
  notSent: 'Not sent',
  retryingAutomatically: 'It will be sent automatically as soon as possible.',
  retrySend: 'Send again',
  deleteMessage: 'Delete',
  deleteMessageLabel: 'Delete this unsent message',
  typing: (name: string) => `${name} is typing…`,
  typingAnonymous: 'Support is typing…',
  offlineBanner: 'You are offline. Your messages are kept and sent as soon as the connection returns.',
  refreshFailed: 'The chat could not be updated.',
  messageLabel: 'Message to support',
  composerHint: 'Enter sends, Shift+Enter adds a line.',
  send: 'Send',
  counter: (count: string, max: string) => `${count} / ${max}`,
  counterLabel: (count: string, max: string) => `${count} of ${max} characters`,
  tooLong: (over: string) => `Too long by ${over} characters.`,
  jumpToLatest: 'Jump to the latest message',
  newMessages: (count: number) => (count === 1 ? '1 new message' : `${count} new messages`),
  announceMessage: (name: string, text: string) => `${name}: ${text}`,
  announceMany: (count: number) => `${count} new messages from support.`,
  announceFailed: 'Your message could not be sent yet.',
  'reason.network': 'No connection.',
  'reason.timeout': 'The server took too long to answer.',
  'reason.unavailable': 'The server is not available right now.',
  'reason.invalid-request': 'The server did not accept this message.',
  'reason.unauthorized': 'Your session has ended. Please sign in again.',
  'reason.other': 'It could not be sent.',
};

export type ChatViewMessages = typeof en;

export const chatViewTranslations = defineTranslations({
  en,
  de: () => import('./support-chat-panel.de.js').then((m) => m.viewsDe),
});
