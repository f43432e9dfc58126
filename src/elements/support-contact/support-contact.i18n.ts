import { defineTranslations } from '../../internal/localize.js';

/**
 * The English strings of <support-contact>'s frame; those of its content travel with their code (`contact-view.i18n.ts`).
 * The German ones are in `support-contact.de.ts`, loaded on demand.
 */
const en = {
  title: 'Contact support',
};

export type SupportContactMessages = typeof en;

export const supportContactTranslations = defineTranslations({
  en,
  de: () => import('./support-contact.de.js').then((m) => m.de),
});
