import { activeLoginTranslations } from '../../internal/active-logins.js';
import { defineTranslations } from '../../internal/localize.js';

export const supportAccessIndicatorTranslations = defineTranslations({
  en: { ...activeLoginTranslations.en },
  de: { ...activeLoginTranslations.de },
});
