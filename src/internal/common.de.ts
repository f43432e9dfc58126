import type { Localized } from './localize.js';
import type { CommonMessages } from './common.i18n.js';

/** The German strings every element uses, loaded on demand (`common.i18n.ts` declares the loader). */
export const de: Localized<CommonMessages> = {
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
  showingFallback: 'Angezeigt werden die auf dieser Seite hinterlegten Kontaktdaten; sie sind eventuell nicht aktuell.',
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
  'error.storage-full': 'Auf diesem Gerät ist kein Speicherplatz mehr für Dateien frei, die auf das Senden warten. Geben Sie Speicher frei oder entfernen Sie einen Anhang und versuchen Sie es erneut.',
  rightName: (brand: string) => `Darf den ${brand ? `${brand} ` : ''}Supportbenutzer freischalten`,
  'error.right-missing': (right = 'Darf den Supportbenutzer freischalten') =>
    `Dazu benötigen Sie das administrative Recht „${right}“. Bitten Sie eine Administratorin oder einen Administrator Ihres Unternehmens, es Ihnen zu geben.`,
};
