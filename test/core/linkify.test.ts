import { expect } from '@open-wc/testing';
import { linkify, type TextPart } from '../../src/core/index.js';

const text = (t: string): TextPart => ({ kind: 'text', text: t });
const link = (t: string, href = t): TextPart => ({ kind: 'link', text: t, href });

describe('linkify', () => {
  const cases: { name: string; input: string; expected: TextPart[] }[] = [
    { name: 'plain text stays one part', input: 'Hallo, wie geht es?', expected: [text('Hallo, wie geht es?')] },
    { name: 'empty text gives no parts', input: '', expected: [] },
    { name: 'an https link', input: 'see https://example.com/help', expected: [text('see '), link('https://example.com/help')] },
    { name: 'an http link with query and fragment', input: 'http://example.com/a?b=1&c=2#d', expected: [link('http://example.com/a?b=1&c=2#d')] },
    { name: 'scheme in capitals, href normalised', input: 'HTTPS://Example.COM/Path', expected: [link('HTTPS://Example.COM/Path', 'https://example.com/Path')] },
    { name: 'trailing full stop is not part of the link', input: 'Read https://example.com/a.', expected: [text('Read '), link('https://example.com/a'), text('.')] },
    { name: 'trailing comma, colon, question and exclamation marks', input: 'https://a.de/x, https://b.de/y: https://c.de? https://d.de!', expected: [link('https://a.de/x', 'https://a.de/x'), text(', '), link('https://b.de/y'), text(': '), link('https://c.de', 'https://c.de/'), text('? '), link('https://d.de', 'https://d.de/'), text('!')] },
    { name: 'link in parentheses', input: '(https://example.com/a)', expected: [text('('), link('https://example.com/a'), text(')')] },
    { name: 'balanced parentheses inside the link stay', input: 'https://en.wikipedia.org/wiki/Foo_(bar) ok', expected: [link('https://en.wikipedia.org/wiki/Foo_(bar)', 'https://en.wikipedia.org/wiki/Foo_(bar)'), text(' ok')] },
    { name: 'link in angle brackets', input: '<https://example.com/a>', expected: [text('<'), link('https://example.com/a'), text('>')] },
    { name: 'link in quotes', input: '"https://example.com/a"', expected: [text('"'), link('https://example.com/a'), text('"')] },
    { name: 'German quotes and a line break', input: '„https://example.com/a“\nnext', expected: [text('„'), link('https://example.com/a'), text('“\nnext')] },
    { name: 'guillemets', input: '»https://example.com/a«', expected: [text('»'), link('https://example.com/a'), text('«')] },
    { name: 'two links on two lines', input: 'https://a.de/1\nhttps://b.de/2', expected: [link('https://a.de/1'), text('\n'), link('https://b.de/2')] },
    { name: 'mailto link', input: 'mailto:support@onoffice.com', expected: [link('mailto:support@onoffice.com')] },
    { name: 'mailto with a subject', input: 'mailto:a@b.de?subject=Hallo%20Welt', expected: [link('mailto:a@b.de?subject=Hallo%20Welt')] },
    { name: 'bare e-mail address becomes mailto', input: 'Schreiben Sie an support@onOffice.com.', expected: [text('Schreiben Sie an '), link('support@onOffice.com', 'mailto:support@onOffice.com'), text('.')] },
    { name: 'umlaut host is punycoded in the href only', input: 'https://bücher.de/x', expected: [link('https://bücher.de/x', 'https://xn--bcher-kva.de/x')] },
    { name: 'a URL glued to a word is not a link', input: 'xhttps://example.com', expected: [text('xhttps://example.com')] },
    { name: 'scheme without host is not a link', input: 'https:// and http://.', expected: [text('https:// and http://.')] },
    { name: 'www without scheme is not linked', input: 'www.example.com', expected: [text('www.example.com')] },
    { name: 'a user name in the URL (phishing) is not linked', input: 'https://bank.example@evil.example/', expected: [text('https://bank.example@evil.example/')] },
    { name: 'mailto without an address is not a link', input: 'mailto:nobody', expected: [text('mailto:nobody')] },
    { name: 'a bidi override ends the link', input: 'https://evil.example/\u202Egnp.exe', expected: [link('https://evil.example/'), text('\u202Egnp.exe')] },
    // XSS payloads: never a link with another scheme, never markup.
    { name: 'javascript: URL stays text', input: 'javascript:alert(1)', expected: [text('javascript:alert(1)')] },
    { name: 'JaVaScRiPt with entities stays text', input: 'JaVaScRiPt&#58;alert(1)', expected: [text('JaVaScRiPt&#58;alert(1)')] },
    { name: 'data: URL stays text', input: 'data:text/html,<script>alert(1)</script>', expected: [text('data:text/html,<script>alert(1)</script>')] },
    { name: 'vbscript: URL stays text', input: 'vbscript:msgbox(1)', expected: [text('vbscript:msgbox(1)')] },
    { name: 'markdown link to javascript: stays text', input: '[click](javascript:alert(1))', expected: [text('[click](javascript:alert(1))')] },
    { name: 'script tag is text', input: '<script>alert(1)</script>', expected: [text('<script>alert(1)</script>')] },
    { name: 'anchor tag with javascript: href is text', input: '<a href="javascript:alert(1)">x</a>', expected: [text('<a href="javascript:alert(1)">x</a>')] },
    { name: 'an event handler cannot break out of a link', input: 'https://example.com/"onmouseover="alert(1)', expected: [link('https://example.com/'), text('"onmouseover="alert(1)')] },
    { name: 'an angle bracket ends the link', input: 'https://example.com/<img src=x onerror=alert(1)>', expected: [link('https://example.com/'), text('<img src=x onerror=alert(1)>')] },
    { name: 'a javascript: URL after an http link stays text', input: 'https://a.de javascript:alert(1)', expected: [link('https://a.de', 'https://a.de/'), text(' javascript:alert(1)')] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const parts = linkify(c.input);
      expect(parts).to.deep.equal(c.expected);
      expect(parts.map((p) => p.text).join(''), 'the parts give the input back').to.equal(c.input);
      for (const p of parts) if (p.kind === 'link') expect(p.href).to.match(/^(https?:\/\/|mailto:)/);
    });
  }

  it('keeps every character of long input made of near-links (4000 characters)', () => {
    for (const input of ['https://a'.repeat(445), 'a@'.repeat(2000)]) {
      const parts = linkify(input);
      expect(parts.map((p) => p.text).join('')).to.equal(input);
    }
  });
});
