import { defineTranslations } from '../../internal/localize.js';

/**
 * The English strings of <support-chat-panel>'s frame; those of the log and composer travel with their code
 * (`chat-view.i18n.ts`). The German ones are in `support-chat-panel.de.ts`, loaded on demand.
 */
const en = {
  title: 'Support chat',
  signedOut: 'Please sign in to chat with support.',
};

export type ChatMessages = typeof en;

export const chatTranslations = defineTranslations({
  en,
  de: () => import('./support-chat-panel.de.js').then((m) => m.de),
});
