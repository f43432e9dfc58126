import type { PhoneProblem } from '../../core/phone.js';
import { defineTranslations } from '../../internal/localize.js';

export type PhoneMessages = { readonly [K in `phone.${PhoneProblem}`]: string };

const phoneEn: PhoneMessages = {
  'phone.empty': 'Please enter the number we should call.',
  'phone.characters': 'Use only digits, spaces and + ( ) / . -, with + only at the start.',
  'phone.country': 'Start the number with its country code, e.g. +49, +43 or +41.',
  'phone.trunk-zero': 'Leave out the 0 after the country code: +49 241 …, not +49 0241 ….',
  'phone.too-short': 'This number is too short. Please check it.',
  'phone.too-long': 'This number is too long. Please check it.',
};

/**
 * The English strings of the scheduler's panel (form, booking, closed notice): they load with its code
 * (scheduler-panel.ts) when the scheduler first shows, not with the element. The German ones are `panelDe` in
 * `callback-scheduler.de.ts`, one German chunk for the whole element.
 */
const en = {
  intro: 'A short question by phone, or an appointment for a longer consultation: choose a topic and a time, and we will call you.',
  oneRule: 'Only one window can be booked per customer.',
  topic: 'Topic',
  topicLength: (minutes: string) => `${minutes}-minute window`,
  noTopics: 'No callback topics are offered right now. Please write to support or call the direct line.',
  when: 'Day and time',
  zoneNote: (viewer: string, tenant: string) => `Times in your time zone (${viewer}), ${tenant} time in brackets.`,
  days: 'Days',
  free: (count: number) => (count === 0 ? 'fully booked' : count === 1 ? '1 free window' : `${count} free windows`),
  freeShort: (count: number) => (count === 0 ? 'full' : `${count} free`),
  full: 'fully booked',
  current: 'your booking',
  noWindows: 'There are no callback windows in the next working days. Please write to support or call the direct line.',
  selected: (when: string) => `Selected: ${when}`,
  noneSelected: 'No window selected yet.',
  chooseWindow: 'Please choose a time window.',
  phone: 'Phone number for the callback',
  phoneHint: (country: string) => `International format, e.g. +49 241 123456. A number starting with 0 counts as a number in ${country}.`,
  ...phoneEn,
  note: 'Note (optional)',
  noteHint: 'What is it about? It helps us prepare.',
  book: 'Book callback',
  booking: 'Booking…',
  saveChange: 'Save change',
  saving: 'Saving…',
  keep: 'Keep my booking',
  changeTitle: 'Change your callback',
  windowTaken: (when: string) =>
    `Someone else booked ${when} a moment ago. The windows are up to date again: please choose another one. Everything else you entered is kept.`,
  windowInvalid: (when: string) =>
    `${when} can no longer be booked (too soon or outside support hours). The windows are up to date again: please choose another one.`,
  bookingExists:
    'You already have a callback booked, and only one window can be booked per customer. Change this booking to the window you chose, or cancel it first.',
  bookingGone: 'This booking no longer exists. You can book a new window.',
  bookedTitle: 'Your callback is booked',
  changedTitle: 'Your callback has been changed',
  existingTitle: 'Your booked callback',
  bookingText: (when: string, topic: string) => `We will call you on ${when} about “${topic}”.`,
  number: 'Number',
  noteShort: 'Note',
  changeHint: 'To choose another time, change this booking.',
  change: 'Change',
  cancel: 'Cancel callback',
  cancelQuestion: (when: string) => `Cancel the callback on ${when}?`,
  cancelYes: 'Yes, cancel it',
  cancelNo: 'No, keep it',
  cancelling: 'Cancelling…',
  cancelled: 'Your callback has been cancelled. You can book a new window.',
  done: 'Done',
  closed: 'Support is closed right now. You can book a callback for when it is open again; in an emergency, call the hotline.',
};

export type SchedulerPanelMessages = typeof en;

export const schedulerPanelTranslations = defineTranslations({
  en,
  de: () => import('./callback-scheduler.de.js').then((m) => m.panelDe),
});
