import type { Localized } from '../../internal/localize.js';
import type { ChatMessages } from './support-chat-panel.i18n.js';
import type { ChatViewMessages } from './chat-view.i18n.js';

/** The German strings of <support-chat-panel>, loaded on demand (`support-chat-panel.i18n.ts` declares the loader). */
export const de: Localized<ChatMessages> = {
  title: 'Support-Chat',
  signedOut: 'Bitte melden Sie sich an, um mit dem Support zu chatten.',
};

/** The German strings of the log and composer (`chat-view.i18n.ts`): in this chunk too. */
export const viewsDe: Localized<ChatViewMessages> = {
  log: 'Nachrichten mit dem Support',
  openUntil: (time: string) => `Der Support ist bis ${time} Uhr erreichbar`,
  openUntilZoned: (time: string, tenantTime: string, zone: string) =>
    `Der Support ist bis ${time} Uhr erreichbar (${tenantTime} Uhr ${zone})`,
  closedUntil: (when: string) => `Der Support ist gerade nicht besetzt, wieder erreichbar ${when}`,
  closedUntilZoned: (when: string, tenantWhen: string, zone: string) =>
    `Der Support ist gerade nicht besetzt, wieder erreichbar ${when} (${tenantWhen} ${zone})`,
  zoneTime: (time: string) => `${time} Uhr`,
  closed: 'Der Support ist gerade nicht besetzt',
  backToday: (time: string) => `heute um ${time} Uhr`,
  backTomorrow: (time: string) => `morgen um ${time} Uhr`,
  backOn: (day: string, time: string) => `am ${day} um ${time} Uhr`,
  urgent: 'Dringend?',
  requestCallback: 'Rückruf anfordern',
  hotline: 'Notfall-Hotline',
  hotlinePrice: (price: string, minutes: number) => `Kostenpflichtig: ${price} je angefangene ${minutes} Minuten.`,
  retentionNote: 'Nachrichten, die älter als 21 Tage sind, werden nicht aufbewahrt.',
  empty: 'Keine Nachrichten in den letzten 21 Tagen. Schreiben Sie uns: Der Support antwortet hier.',
  today: 'Heute',
  yesterday: 'Gestern',
  you: 'Sie',
  support: 'Support',
  sending: 'Wird gesendet …',
  sent: 'Gesendet',
  notSent: 'Nicht gesendet',
  retryingAutomatically: 'Sie wird automatisch gesendet, sobald es geht.',
  retrySend: 'Erneut senden',
  deleteMessage: 'Löschen',
  deleteMessageLabel: 'Diese nicht gesendete Nachricht löschen',
  typing: (name: string) => `${name} schreibt …`,
  typingAnonymous: 'Der Support schreibt …',
  offlineBanner: 'Sie sind offline. Ihre Nachrichten bleiben erhalten und werden gesendet, sobald die Verbindung zurück ist.',
  refreshFailed: 'Der Chat konnte nicht aktualisiert werden.',
  messageLabel: 'Nachricht an den Support',
  composerHint: 'Enter sendet, Umschalt+Enter fügt eine Zeile ein.',
  send: 'Senden',
  counter: (count: string, max: string) => `${count} / ${max}`,
  counterLabel: (count: string, max: string) => `${count} von ${max} Zeichen`,
  tooLong: (over: string) => `${over} Zeichen zu lang.`,
  jumpToLatest: 'Zur neuesten Nachricht springen',
  newMessages: (count: number) => (count === 1 ? '1 neue Nachricht' : `${count} neue Nachrichten`),
  announceMessage: (name: string, text: string) => `${name}: ${text}`,
  announceMany: (count: number) => `${count} neue Nachrichten vom Support.`,
  announceFailed: 'Ihre Nachricht konnte noch nicht gesendet werden.',
  'reason.network': 'Keine Verbindung.',
  'reason.timeout': 'Der Server hat zu lange nicht geantwortet.',
  'reason.unavailable': 'Der Server ist gerade nicht erreichbar.',
  'reason.invalid-request': 'Der Server hat diese Nachricht nicht angenommen.',
  'reason.unauthorized': 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.',
  'reason.other': 'Sie konnte nicht gesendet werden.',
};
