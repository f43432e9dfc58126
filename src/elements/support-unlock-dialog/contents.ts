import { UnlockGrantForm } from './grant-form.js';
import { UnlockGrantsList } from './grants-list.js';
import { UnlockLoginsList } from './logins-list.js';
import { UnlockLinkView } from './unlock-link-view.js';

/**
 * The contents of `<support-unlock-dialog>`: its internal elements, loaded together (one `import()`) when the dialog
 * first becomes active, and registered here.
 */
export function defineContents(): void {
  UnlockGrantForm.define('support-unlock-grant-form');
  UnlockGrantsList.define('support-unlock-grants-list');
  UnlockLoginsList.define('support-unlock-logins-list');
  UnlockLinkView.define('support-unlock-link-view');
}

declare global {
  interface HTMLElementTagNameMap {
    'support-unlock-grant-form': UnlockGrantForm;
    'support-unlock-grants-list': UnlockGrantsList;
    'support-unlock-logins-list': UnlockLoginsList;
    'support-unlock-link-view': UnlockLinkView;
  }
}
