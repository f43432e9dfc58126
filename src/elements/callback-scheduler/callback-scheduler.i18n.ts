import { defineTranslations } from '../../internal/localize.js';

/**
 * The English strings of <callback-scheduler>'s frame; those of its form and booking travel with their code
 * (`scheduler-panel.i18n.ts`). The German ones are in `callback-scheduler.de.ts`, loaded on demand.
 */
const en = {
  title: 'Request a callback',
};

export type CallbackSchedulerMessages = typeof en;

export const callbackSchedulerTranslations = defineTranslations({
  en,
  de: () => import('./callback-scheduler.de.js').then((m) => m.de),
});
