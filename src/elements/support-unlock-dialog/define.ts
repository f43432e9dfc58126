import { SupportUnlockDialog } from './support-unlock-dialog.js';

export { SupportUnlockDialog };
export { takeUnlockToken, extractUnlockToken, UNLOCK_LINK_PARAM } from './unlock-link.js';

SupportUnlockDialog.define('support-unlock-dialog');

declare global {
  interface HTMLElementTagNameMap {
    'support-unlock-dialog': SupportUnlockDialog;
  }
}
