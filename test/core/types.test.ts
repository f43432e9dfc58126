import { expect } from '@open-wc/testing';
import { pickText, type LocalizedText } from '../../src/core/index.js';

describe('pickText', () => {
  const deEn: LocalizedText = { de: 'Hallo', en: 'Hello' };
  const cases: { name: string; text: LocalizedText; lang: string; expected: string }[] = [
    { name: 'a plain string in any language', text: 'Hallo', lang: 'en', expected: 'Hallo' },
    { name: 'the exact language', text: deEn, lang: 'de', expected: 'Hallo' },
    { name: 'the base language of a regional tag', text: deEn, lang: 'de-AT', expected: 'Hallo' },
    { name: 'the base language of an upper-case tag', text: deEn, lang: 'DE', expected: 'Hallo' },
    { name: 'a regional text before the base language', text: { 'de-AT': 'Servus', de: 'Hallo' }, lang: 'de-AT', expected: 'Servus' },
    { name: 'another region falls back to the base language', text: { 'de-AT': 'Servus', de: 'Hallo' }, lang: 'de-CH', expected: 'Hallo' },
    { name: 'English for a missing language', text: deEn, lang: 'fr', expected: 'Hello' },
    { name: 'English for a regional English tag', text: deEn, lang: 'en-GB', expected: 'Hello' },
    { name: 'any language when neither it nor English exists', text: { de: 'Hallo' }, lang: 'fr', expected: 'Hallo' },
    { name: 'the empty string for no text at all', text: {}, lang: 'de', expected: '' },
  ];
  for (const c of cases) {
    it(`${c.name} (${c.lang})`, () => expect(pickText(c.text, c.lang)).to.equal(c.expected));
  }
});
