import type { Localized } from '../../internal/localize.js';
import type { SupportContactMessages } from './support-contact.i18n.js';

/** The German strings of <support-contact>, loaded on demand (`support-contact.i18n.ts` declares the loader). */
export const de: Localized<SupportContactMessages> = {
  title: 'Support kontaktieren',
  openNow: 'Jetzt geöffnet',
  closedNow: 'Jetzt geschlossen',
  clock: (time: string) => `${time} Uhr`,
  openUntil: (time: string) => `bis ${time}`,
  alongside: (zone: string, time: string) => `${zone}: ${time}`,
  opensToday: (time: string) => `öffnet heute um ${time}`,
  opensTomorrow: (time: string) => `öffnet morgen um ${time}`,
  opensOn: (day: string, time: string) => `öffnet ${day} um ${time}`,
  noOpening: 'im kommenden Jahr keine Öffnungszeiten',
  email: 'E-Mail',
  directLines: 'Support-Direktdurchwahl',
  supportHours: 'Supportzeiten',
  hoursLine: (days: string, range: string, zone: string) => `${days}: ${range} Uhr${zone ? ` (${zone})` : ''}`,
  yourTime: (zone: string, range: string) => `Ihre Zeit (${zone}): ${range} Uhr`,
  holidaysClosed: 'An Feiertagen geschlossen.',
  // Dates such as "26. Dez." end with a period already.
  nextHolidays: (days: string) => `Nächste: ${days}${days.endsWith('.') ? '' : '.'}`,
  hotline: 'Notfallhotline',
  hotlineIntro: 'Bei Notfällen außerhalb der Supportzeiten, an 7 Tagen:',
  tier: (range: string, hours: string, zone: string) => `${range} Uhr${zone ? ` (${zone})` : ''}: Reaktionszeit ${hours}`,
  tierNow: 'jetzt',
  tierInForce: (hours: string, until: string) => `Jetzt gilt: Reaktionszeit ${hours}, bis ${until}.`,
  hotlineNumbers: 'Nummern der Notfallhotline',
  price: (price: string, minutes: string) => `${price} pro angefangenem ${minutes}-Minuten-Block.`,
  blocks: (count: string) => (count === '1' ? `${count} Block` : `${count} Blöcke`),
  appliesTo: (countries: string) => `Gilt für alle Anrufe aus ${countries}.`,
  estimator: 'Was ein Anruf kostet',
  minutesLabel: 'Dauer des Anrufs in Minuten',
  estimate: (minutes: string, blocks: string, price: string) => `${minutes} = ${blocks} = ${price}`,
  minutesInvalid: 'Geben Sie die Dauer des Anrufs in Minuten ein (0 oder mehr).',
};
