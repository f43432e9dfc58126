import { defineTranslations } from '../../internal/localize.js';

/**
 * The English strings of <support-unlock-dialog>'s shell (what the closed dialog and its header need); the German
 * ones are in `support-unlock-dialog.de.ts`, loaded on demand. What the open dialog shows below its header has its
 * strings in `views.i18n.ts`, loaded with that code.
 */
const en = {
  title: 'Unlock support',
  intro: 'You decide who from support may enter your system, for how long and with which rights — and see who came in, when and why.',
};

export type SupportUnlockDialogMessages = typeof en;

export const supportUnlockDialogTranslations = defineTranslations({
  en,
  de: () => import('./support-unlock-dialog.de.js').then((m) => m.de),
});
