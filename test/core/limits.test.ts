import { expect } from '@open-wc/testing';
import {
  CALLBACK_NOTE_MAX_LENGTH,
  CHAT_MESSAGE_MAX_LENGTH,
  codePointLength,
  exceedsLimit,
  isBlank,
} from '../../src/core/index.js';

describe('text limits (src/core/limits.ts)', () => {
  it('the contract limits: chat 4000, note 1000', () => {
    expect(CHAT_MESSAGE_MAX_LENGTH).to.equal(4000);
    expect(CALLBACK_NOTE_MAX_LENGTH).to.equal(1000);
  });

  describe('codePointLength', () => {
    const cases: { name: string; text: string; expected: number }[] = [
      { name: 'empty', text: '', expected: 0 },
      { name: 'ASCII', text: 'abc', expected: 3 },
      { name: 'umlauts (one unit each)', text: 'äöü', expected: 3 },
      { name: 'an emoji (a surrogate pair) is one', text: '😀', expected: 1 },
      { name: 'emoji between letters', text: 'a😀b😀', expected: 4 },
      { name: 'a lone high surrogate counts once', text: 'x\ud800y', expected: 3 },
      { name: 'a lone low surrogate counts once', text: '\udc00', expected: 1 },
      { name: 'reversed pair is two lone surrogates', text: '\ude00\ud83d', expected: 2 },
      { name: 'a high surrogate at the end', text: 'ab\ud83d', expected: 3 },
      { name: 'combining mark is its own code point', text: 'e\u0301', expected: 2 },
    ];
    for (const c of cases) it(c.name, () => expect(codePointLength(c.text)).to.equal(c.expected));
    it('agrees with [...text].length on a mixed text', () => {
      const text = 'Grüße 😀 aus 🇩🇪 — 𝄞 x\ud800';
      expect(codePointLength(text)).to.equal([...text].length);
    });
  });

  describe('exceedsLimit', () => {
    it('4000 emoji fit the chat limit (8000 UTF-16 units)', () => expect(exceedsLimit('😀'.repeat(4000), CHAT_MESSAGE_MAX_LENGTH)).to.equal(false));
    it('4001 emoji do not', () => expect(exceedsLimit('😀'.repeat(4001), CHAT_MESSAGE_MAX_LENGTH)).to.equal(true));
    it('exactly the limit fits', () => expect(exceedsLimit('x'.repeat(1000), CALLBACK_NOTE_MAX_LENGTH)).to.equal(false));
    it('one over does not', () => expect(exceedsLimit('x'.repeat(1001), CALLBACK_NOTE_MAX_LENGTH)).to.equal(true));
  });

  describe('isBlank', () => {
    const cases: { name: string; text: string; expected: boolean }[] = [
      { name: 'empty', text: '', expected: true },
      { name: 'spaces, tabs, line breaks', text: ' \t\r\n', expected: true },
      { name: 'no-break, ideographic, line separator', text: '\u00a0\u3000\u2028', expected: true },
      { name: 'zero-width space', text: '\u200b', expected: true },
      { name: 'zero-width (non-)joiners, word joiner', text: '\u200c\u200d\u2060', expected: true },
      { name: 'BOM and soft hyphen', text: '\ufeff\u00ad', expected: true },
      { name: 'a variation selector alone', text: '\ufe0f', expected: true },
      { name: 'Hangul filler', text: '\u3164', expected: true },
      { name: 'a letter between zero-width spaces', text: '\u200ba\u200b', expected: false },
      { name: 'an emoji', text: '😀', expected: false },
      { name: 'a dot', text: '.', expected: false },
      { name: 'a lone surrogate is not blank', text: '\ud800', expected: false },
    ];
    for (const c of cases) it(c.name, () => expect(isBlank(c.text)).to.equal(c.expected));
  });
});
