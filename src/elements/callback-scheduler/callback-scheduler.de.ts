import type { Localized } from '../../internal/localize.js';
import type { CallbackSchedulerMessages } from './callback-scheduler.i18n.js';
import type { PhoneMessages, SchedulerPanelMessages } from './scheduler-panel.i18n.js';

/** The German strings of <callback-scheduler>, loaded on demand (`callback-scheduler.i18n.ts` declares the loader). */
export const de: Localized<CallbackSchedulerMessages> = {
  title: 'Rückruf vereinbaren',
};

const phoneDe: PhoneMessages = {
  'phone.empty': 'Bitte geben Sie die Nummer ein, unter der wir Sie anrufen sollen.',
  'phone.characters': 'Bitte nur Ziffern, Leerzeichen und + ( ) / . - verwenden, das + nur am Anfang.',
  'phone.country': 'Bitte beginnen Sie die Nummer mit der Ländervorwahl, z. B. +49, +43 oder +41.',
  'phone.trunk-zero': 'Bitte lassen Sie die 0 nach der Ländervorwahl weg: +49 241 …, nicht +49 0241 ….',
  'phone.too-short': 'Diese Nummer ist zu kurz. Bitte prüfen Sie sie.',
  'phone.too-long': 'Diese Nummer ist zu lang. Bitte prüfen Sie sie.',
};

/** The German strings of the panel: form, booking and closed notice (`scheduler-panel.i18n.ts`), in this chunk too. */
export const panelDe: Localized<SchedulerPanelMessages> = {
  intro:
    'Eine kurze Frage am Telefon oder ein Termin für eine längere Beratung: Wählen Sie Thema und Zeitfenster, wir rufen Sie an.',
  oneRule: 'Pro Kunde kann nur ein Zeitfenster belegt werden.',
  topic: 'Thema',
  topicLength: (minutes: string) => `${minutes}-Minuten-Zeitfenster`,
  noTopics: 'Zurzeit werden keine Rückrufthemen angeboten. Bitte schreiben Sie dem Support oder rufen Sie die Direktdurchwahl an.',
  when: 'Tag und Uhrzeit',
  zoneNote: (viewer: string, tenant: string) => `Uhrzeiten in Ihrer Zeitzone (${viewer}), in Klammern die Zeit in ${tenant}.`,
  days: 'Tage',
  free: (count: number) => (count === 0 ? 'ausgebucht' : count === 1 ? '1 freies Zeitfenster' : `${count} freie Zeitfenster`),
  freeShort: (count: number) => (count === 0 ? 'voll' : `${count} frei`),
  full: 'ausgebucht',
  current: 'Ihre Buchung',
  noWindows:
    'In den nächsten Werktagen gibt es keine Rückruf-Zeitfenster. Bitte schreiben Sie dem Support oder rufen Sie die Direktdurchwahl an.',
  selected: (when: string) => `Ausgewählt: ${when}`,
  noneSelected: 'Noch kein Zeitfenster ausgewählt.',
  chooseWindow: 'Bitte wählen Sie ein Zeitfenster.',
  phone: 'Telefonnummer für den Rückruf',
  phoneHint: (country: string) =>
    `Internationales Format, z. B. +49 241 123456. Eine Nummer, die mit 0 beginnt, gilt als Nummer in ${country}.`,
  ...phoneDe,
  note: 'Notiz (optional)',
  noteHint: 'Worum geht es? Das hilft uns bei der Vorbereitung.',
  book: 'Rückruf buchen',
  booking: 'Wird gebucht …',
  saveChange: 'Änderung speichern',
  saving: 'Wird gespeichert …',
  keep: 'Meine Buchung behalten',
  changeTitle: 'Rückruf ändern',
  windowTaken: (when: string) =>
    `${when} wurde gerade von jemand anderem gebucht. Die Zeitfenster sind wieder aktuell: Bitte wählen Sie ein anderes. Ihre übrigen Eingaben bleiben erhalten.`,
  windowInvalid: (when: string) =>
    `${when} kann nicht mehr gebucht werden (zu kurzfristig oder außerhalb der Supportzeiten). Die Zeitfenster sind wieder aktuell: Bitte wählen Sie ein anderes.`,
  bookingExists:
    'Sie haben bereits einen Rückruf gebucht, und pro Kunde kann nur ein Zeitfenster belegt werden. Ändern Sie diese Buchung auf das gewählte Zeitfenster oder stornieren Sie sie zuerst.',
  bookingGone: 'Diese Buchung gibt es nicht mehr. Sie können ein neues Zeitfenster buchen.',
  bookedTitle: 'Ihr Rückruf ist gebucht',
  changedTitle: 'Ihr Rückruf wurde geändert',
  existingTitle: 'Ihr gebuchter Rückruf',
  bookingText: (when: string, topic: string) => `Wir rufen Sie am ${when} an, Thema: „${topic}“.`,
  number: 'Nummer',
  noteShort: 'Notiz',
  changeHint: 'Für eine andere Uhrzeit ändern Sie diese Buchung.',
  change: 'Ändern',
  cancel: 'Rückruf stornieren',
  cancelQuestion: (when: string) => `Den Rückruf am ${when} stornieren?`,
  cancelYes: 'Ja, stornieren',
  cancelNo: 'Nein, behalten',
  cancelling: 'Wird storniert …',
  cancelled: 'Ihr Rückruf wurde storniert. Sie können ein neues Zeitfenster buchen.',
  done: 'Fertig',
  closed:
    'Der Support ist gerade geschlossen. Sie können einen Rückruf für die Zeit danach buchen; in Notfällen erreichen Sie die Notfallhotline.',
};
