import { activeLoginEn } from '../../internal/active-logins.js';
import { defineTranslations } from '../../internal/localize.js';

/** The English strings of <support-unlock-dialog>; the German ones are in `support-unlock-dialog.de.ts`, loaded on demand. */
const en = {
  ...activeLoginEn,
  title: 'Unlock support',
  intro: 'You decide who from support may enter your system, for how long and with which rights — and see who came in, when and why.',
  tabGrant: 'Grant',
  tabGrants: 'Grants overview',
  tabLogins: 'Logins overview',
  until: (when: string) => `until ${when}`,
  untilRevoked: 'without an end, until you revoke it',
  granted: (who: string, until: string) => `${who} now has access ${until}.`,
  noRightTitle: 'You cannot unlock support',
  noRightText:
    'Granting and revoking access and confirming unlock links need the administrative right "may unlock the support user". Your user does not have it.',
  noRightWhy:
    'Why: only users your company trusts with this right decide who from support may enter your system. Ask an administrator of your company for the right, or a colleague who has it. You can still read the overviews.',
  departmentGrantee: (name: string) => `${name} (whole department)`,
  linkTitle: 'Unlock link from support',
  linkDismiss: 'Go to support access',
};

export type SupportUnlockDialogMessages = typeof en;

export const supportUnlockDialogTranslations = defineTranslations({
  en,
  de: () => import('./support-unlock-dialog.de.js').then((m) => m.de),
});
