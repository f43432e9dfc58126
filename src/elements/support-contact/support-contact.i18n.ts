import { defineTranslations } from '../../internal/localize.js';

/** The English strings of <support-contact>. The German ones are in `support-contact.de.ts`, loaded on demand. */
const en = {
  title: 'Contact support',
  openNow: 'Open now',
  closedNow: 'Closed now',
  clock: (time: string) => time,
  openUntil: (time: string) => `until ${time}`,
  alongside: (zone: string, time: string) => `${zone}: ${time}`,
  opensToday: (time: string) => `opens today at ${time}`,
  opensTomorrow: (time: string) => `opens tomorrow at ${time}`,
  opensOn: (day: string, time: string) => `opens ${day} at ${time}`,
  noOpening: 'no opening hours in the coming year',
  chat: 'Support chat',
  chatText: 'Write to support while you work; a colleague from support answers in the chat.',
  openChat: 'Open the support chat',
  callback: 'Callback',
  callbackText: 'Choose a topic and a time window, and support calls you.',
  requestCallback: 'Request a callback',
  email: 'E-mail',
  directLines: 'Direct lines',
  supportHours: 'Support hours',
  hoursLine: (days: string, range: string, zone: string) => `${days}: ${range}${zone ? ` (${zone})` : ''}`,
  yourTime: (zone: string, range: string) => `Your time (${zone}): ${range}`,
  holidaysClosed: 'Closed on public holidays.',
  nextHolidays: (days: string) => `Next: ${days}.`,
  hotline: 'Emergency hotline',
  hotlineIntro: 'For emergencies outside support hours, every day:',
  tier: (range: string, hours: string, zone: string) => `${range}${zone ? ` (${zone})` : ''}: response within ${hours}`,
  tierNow: 'now',
  tierInForce: (hours: string, until: string) => `In force now: response within ${hours}, until ${until}.`,
  hotlineNumbers: 'Hotline numbers',
  price: (price: string, minutes: string) => `${price} per started ${minutes}-minute block.`,
  blocks: (count: string) => (count === '1' ? `${count} block` : `${count} blocks`),
  appliesTo: (countries: string) => `Applies to all calls from ${countries}.`,
  estimator: 'What a call costs',
  minutesLabel: 'Length of the call in minutes',
  estimate: (minutes: string, blocks: string, price: string) => `${minutes} = ${blocks} = ${price}`,
  minutesInvalid: 'Enter the length of the call in minutes (0 or more).',
};

export type SupportContactMessages = typeof en;

export const supportContactTranslations = defineTranslations({
  en,
  de: () => import('./support-contact.de.js').then((m) => m.de),
});
