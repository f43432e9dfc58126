import type { SupportErrorKind } from '../backend/errors.js';
import { defineTranslations } from './localize.js';

/** Strings every element uses: states, errors, dialogs. English here; German in `common.de.ts`, loaded on demand. */
const en = {
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
  showingFallback: 'Showing the contact details this page was set up with; they may not be current.',
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
  'error.storage-full': 'This device has no storage space left for files waiting to be sent. Free some space or remove an attachment, then try again.',
  /** The right's name as the product's rights list shows it; `brand` is `session.tenant.brandName` (may be empty). */
  rightName: (brand: string) => `may unlock the ${brand ? `${brand} ` : ''}support user`,
  'error.right-missing': (right = 'may unlock the support user') =>
    `You need the administrative right "${right}". Ask an administrator of your company to grant it to you.`,
};

export type CommonMessages = typeof en;

export type CommonKey = keyof CommonMessages;

export const commonTranslations = defineTranslations({
  en,
  de: () => import('./common.de.js').then((m) => m.de),
});

export const errorKey = (kind: SupportErrorKind): CommonKey => `error.${kind}` as CommonKey;
