import { expect } from '@open-wc/testing';
import type { Messages, Translations } from '../src/internal/localize.js';
import { toLanguage, toLocale } from '../src/internal/localize.js';
import { commonTranslations } from '../src/internal/common.i18n.js';
import { aboutTenantTranslations } from '../src/elements/about-tenant/about-tenant.i18n.js';
import { callbackSchedulerTranslations } from '../src/elements/callback-scheduler/callback-scheduler.i18n.js';
import { schedulerPanelTranslations } from '../src/elements/callback-scheduler/scheduler-panel.i18n.js';
import { chatTranslations } from '../src/elements/support-chat-panel/support-chat-panel.i18n.js';
import { supportContactTranslations } from '../src/elements/support-contact/support-contact.i18n.js';
import { supportUnlockDialogTranslations } from '../src/elements/support-unlock-dialog/support-unlock-dialog.i18n.js';
import { unlockViewTranslations } from '../src/elements/support-unlock-dialog/views.i18n.js';
import { supportAccessIndicatorTranslations } from '../src/elements/support-access-indicator/support-access-indicator.i18n.js';

/** Every translation table of the library. Add each new element's table here. */
const TABLES: Record<string, Translations<Messages>> = {
  common: commonTranslations,
  'about-tenant': aboutTenantTranslations,
  'callback-scheduler': callbackSchedulerTranslations,
  'callback-scheduler panel': schedulerPanelTranslations,
  'support-contact': supportContactTranslations,
  'support-chat-panel': chatTranslations,
  'support-unlock-dialog': supportUnlockDialogTranslations,
  'support-unlock-dialog views': unlockViewTranslations,
  'support-access-indicator': supportAccessIndicatorTranslations,
};

describe('translations', () => {
  for (const [name, table] of Object.entries(TABLES)) {
    it(`${name}: German and English have the same keys, none empty, same parameters`, async () => {
      const en = table.en as Messages;
      const de = (await table.de()) as Messages;
      expect(Object.keys(de).sort(), 'keys').to.deep.equal(Object.keys(en).sort());
      for (const key of Object.keys(en)) {
        const [a, b] = [en[key]!, de[key]!];
        expect(typeof b, `${name}.${key} type`).to.equal(typeof a);
        if (typeof a === 'function' && typeof b === 'function') {
          expect(b.length, `${name}.${key} parameters`).to.equal(a.length);
          const args = Array.from({ length: a.length }, (_, i) => `«${i}»`) as never[];
          const [ra, rb] = [(a as (...x: never[]) => string)(...args), (b as (...x: never[]) => string)(...args)];
          for (const arg of args) {
            expect(ra, `${name}.${key} (en) uses ${arg}`).to.contain(arg);
            expect(rb, `${name}.${key} (de) uses ${arg}`).to.contain(arg);
          }
        } else {
          expect(String(b).trim(), `${name}.${key} (de)`).not.to.equal('');
          expect(String(a).trim(), `${name}.${key} (en)`).not.to.equal('');
        }
      }
    });
  }

  const languages: [string | null, string, string][] = [
    ['de', 'de', 'de'],
    ['de-AT', 'de', 'de-AT'],
    ['de_CH', 'de', 'de'],
    ['en-GB', 'en', 'en-GB'],
    ['fr', 'en', 'en'],
    ['', 'en', 'en'],
    [null, 'en', 'en'],
  ];
  for (const [lang, language, locale] of languages) {
    it(`lang ${JSON.stringify(lang)} → language ${language}, locale ${locale}`, () => {
      expect(toLanguage(lang)).to.equal(language);
      expect(toLocale(lang)).to.equal(locale);
    });
  }
});
