import type { SupportErrorKind } from '../backend/errors.js';
import { defineTranslations } from './localize.js';

/** Strings every element uses: states, errors, dialogs. */
export const commonTranslations = defineTranslations({
  en: {
    close: 'Close',
    retry: 'Try again',
    loading: 'Loading…',
    copy: 'Copy',
    copied: 'Copied',
    copyFailed: 'Could not copy. Select the text and copy it by hand.',
    updatedJustNow: 'Updated just now',
    updatedAt: (time: string) => `Updated at ${time}`,
    showingSaved: (when: string) => `Showing saved data from ${when}.`,
    refreshing: 'Refreshing…',
    offline: 'You are offline.',
    signedOut: 'Please sign in to use this.',
    errorTitle: 'Something went wrong',
    'error.unauthorized': 'Your session has ended. Please sign in again.',
    'error.forbidden': 'You do not have the right to do this.',
    'error.not-found': 'This could not be found (any more).',
    'error.conflict': 'Something changed in the meantime. Please check and try again.',
    'error.invalid-request': 'The server did not accept this input.',
    'error.network': 'No connection to the server. Check your network and try again.',
    'error.timeout': 'The server took too long to answer. Please try again.',
    'error.invalid-response': 'The server sent an answer this page cannot read. Please try again later or tell support.',
    'error.unavailable': 'The service is not available right now. Please try again in a moment.',
    'error.aborted': 'The request was cancelled.',
    'error.right-missing':
      'You need the administrative right "may unlock the support user". Ask an administrator of your company to grant it to you.',
  },
  de: {
    close: 'Schließen',
    retry: 'Erneut versuchen',
    loading: 'Wird geladen …',
    copy: 'Kopieren',
    copied: 'Kopiert',
    copyFailed: 'Kopieren nicht möglich. Bitte markieren Sie den Text und kopieren Sie ihn von Hand.',
    updatedJustNow: 'Gerade aktualisiert',
    updatedAt: (time: string) => `Aktualisiert um ${time}`,
    showingSaved: (when: string) => `Gespeicherte Daten vom ${when}.`,
    refreshing: 'Wird aktualisiert …',
    offline: 'Sie sind offline.',
    signedOut: 'Bitte melden Sie sich an, um dies zu nutzen.',
    errorTitle: 'Etwas ist schiefgegangen',
    'error.unauthorized': 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.',
    'error.forbidden': 'Dazu fehlt Ihnen die Berechtigung.',
    'error.not-found': 'Das wurde nicht (mehr) gefunden.',
    'error.conflict': 'Zwischenzeitlich hat sich etwas geändert. Bitte prüfen Sie es und versuchen Sie es erneut.',
    'error.invalid-request': 'Der Server hat diese Eingabe nicht angenommen.',
    'error.network': 'Keine Verbindung zum Server. Bitte prüfen Sie Ihr Netzwerk und versuchen Sie es erneut.',
    'error.timeout': 'Der Server hat zu lange nicht geantwortet. Bitte versuchen Sie es erneut.',
    'error.invalid-response':
      'Der Server hat eine Antwort geschickt, die diese Seite nicht lesen kann. Bitte versuchen Sie es später erneut oder wenden Sie sich an den Support.',
    'error.unavailable': 'Der Dienst ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.',
    'error.aborted': 'Die Anfrage wurde abgebrochen.',
    'error.right-missing':
      'Dazu benötigen Sie das administrative Recht „Darf den Supportbenutzer freischalten“. Bitten Sie eine Administratorin oder einen Administrator Ihres Unternehmens, es Ihnen zu geben.',
  },
});

export type CommonKey = keyof typeof commonTranslations.en;

export const errorKey = (kind: SupportErrorKind): CommonKey => `error.${kind}` as CommonKey;
