import { expect } from '@open-wc/testing';
import { csvCell, neutraliseFormula, toCsv, type CsvCell } from '../../src/internal/csv.js';

describe('CSV', () => {
  describe('neutraliseFormula', () => {
    const cases: { input: string; expected: string }[] = [
      { input: '=1+1', expected: "'=1+1" },
      { input: '+49 241 446 86 122', expected: "'+49 241 446 86 122" },
      { input: '-2', expected: "'-2" },
      { input: '@SUM(A1:A2)', expected: "'@SUM(A1:A2)" },
      { input: '\t=cmd', expected: "'\t=cmd" },
      { input: '\r=cmd', expected: "'\r=cmd" },
      { input: '=HYPERLINK("http://evil.example","click")', expected: '\'=HYPERLINK("http://evil.example","click")' },
      { input: 'Lena Hoffmann', expected: 'Lena Hoffmann' },
      { input: 'a=b', expected: 'a=b' },
      { input: ' =1', expected: ' =1' },
      { input: '', expected: '' },
      { input: "'already quoted", expected: "'already quoted" },
    ];
    for (const c of cases) {
      it(`${JSON.stringify(c.input)} → ${JSON.stringify(c.expected)}`, () => expect(neutraliseFormula(c.input)).to.equal(c.expected));
    }
  });

  describe('csvCell', () => {
    const cases: { input: CsvCell; separator?: string; expected: string }[] = [
      { input: 'plain', expected: 'plain' },
      { input: 'a,b', expected: '"a,b"' },
      { input: 'a;b', expected: 'a;b' },
      { input: 'a;b', separator: ';', expected: '"a;b"' },
      { input: 'a,b', separator: ';', expected: 'a,b' },
      { input: 'tab\there', separator: '\t', expected: '"tab\there"' },
      { input: 'say "hi"', expected: '"say ""hi"""' },
      { input: 'two\nlines', expected: '"two\nlines"' },
      { input: 'cr\rhere', expected: '"cr\rhere"' },
      { input: ' padded ', expected: '" padded "' },
      { input: '=1,2', expected: '"\'=1,2"' },
      { input: '-"x"', expected: '"\'-""x"""' },
      { input: 'Müller · Ärger', expected: 'Müller · Ärger' },
      { input: 42, expected: '42' },
      { input: -5, expected: "'-5" },
      { input: true, expected: 'true' },
      { input: null, expected: '' },
      { input: undefined, expected: '' },
    ];
    for (const c of cases) {
      it(`${JSON.stringify(c.input)}${c.separator ? ` (separator ${JSON.stringify(c.separator)})` : ''} → ${JSON.stringify(c.expected)}`, () =>
        expect(csvCell(c.input, c.separator)).to.equal(c.expected));
    }
  });

  describe('toCsv', () => {
    const cases: { name: string; rows: CsvCell[][]; options?: Parameters<typeof toCsv>[1]; expected: string }[] = [
      { name: 'header and rows, CRLF, final line break', rows: [['a', 'b'], ['1', '2']], expected: 'a,b\r\n1,2\r\n' },
      { name: 'semicolons for German spreadsheets', rows: [['Name', 'Grund'], ['Lena', 'Export; PDF']], options: { separator: ';' }, expected: 'Name;Grund\r\nLena;"Export; PDF"\r\n' },
      { name: 'LF line endings on request', rows: [['a'], ['b']], options: { lineEnding: '\n' }, expected: 'a\nb\n' },
      { name: 'empty cells keep their place', rows: [['a', null, 'c']], expected: 'a,,c\r\n' },
      { name: 'a line break inside a cell stays inside quotes', rows: [['x', 'one\r\ntwo']], expected: 'x,"one\r\ntwo"\r\n' },
      { name: 'an injected formula row', rows: [['=cmd|" /C calc"!A0', '@evil']], expected: '"\'=cmd|"" /C calc""!A0",\'@evil\r\n' },
      { name: 'no rows', rows: [], expected: '' },
    ];
    for (const c of cases) it(c.name, () => expect(toCsv(c.rows, c.options)).to.equal(c.expected));
  });
});
