import { activeLoginEn } from '../../internal/active-logins.js';
import { defineTranslations } from '../../internal/localize.js';

/** The indicator says only who from support is in the system: the active-login strings (German loaded on demand). */
export const supportAccessIndicatorTranslations = defineTranslations({
  en: { ...activeLoginEn },
  de: () => import('../../internal/active-logins.de.js').then((m) => m.activeLoginDe),
});
