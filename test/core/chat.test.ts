import { expect } from '@open-wc/testing';
import {
  CHAT_MESSAGE_MAX_LENGTH,
  chatTextProblem,
  chatTextToSend,
  daySpan,
  groupByDay,
  isChatRetained,
  relativeDayName,
  retainedChatMessages,
} from '../../src/core/index.js';

describe('chat rules', () => {
  describe('chatTextProblem', () => {
    const cases: { name: string; text: string; max?: number; expected: string | null }[] = [
      { name: 'empty', text: '', expected: 'empty' },
      { name: 'spaces only', text: '   ', expected: 'empty' },
      { name: 'line breaks and tabs only', text: '\n\t \r\n', expected: 'empty' },
      { name: 'non-breaking and ideographic spaces only', text: '\u00a0\u3000', expected: 'empty' },
      { name: 'one character', text: 'a', expected: null },
      { name: 'exactly the limit', text: 'x'.repeat(CHAT_MESSAGE_MAX_LENGTH), expected: null },
      { name: 'one over the limit', text: 'x'.repeat(CHAT_MESSAGE_MAX_LENGTH + 1), expected: 'too-long' },
      { name: 'the limit plus surrounding white space (trimmed before counting)', text: `  ${'x'.repeat(CHAT_MESSAGE_MAX_LENGTH)}\n`, expected: null },
      { name: 'a custom limit', text: 'abcdef', max: 5, expected: 'too-long' },
      { name: 'emoji count as one character each (code points, as the schema and the server count)', text: '😀😀😀', max: 5, expected: null },
      { name: 'six emoji over a limit of 5', text: '😀😀😀😀😀😀', max: 5, expected: 'too-long' },
      { name: 'zero-width spaces only', text: '\u200b\u200b', expected: 'empty' },
      { name: 'BOM, word joiner and soft hyphen only', text: '\ufeff\u2060\u00ad', expected: 'empty' },
    ];
    for (const c of cases) it(c.name, () => expect(chatTextProblem(c.text, c.max)).to.equal(c.expected));
    it('the limit is 4000', () => expect(CHAT_MESSAGE_MAX_LENGTH).to.equal(4000));
  });

  it('sends the text trimmed, inner line breaks kept', () => {
    expect(chatTextToSend('  Hallo\n\nWelt \n')).to.equal('Hallo\n\nWelt');
  });

  describe('21-day window', () => {
    const now = new Date('2026-11-25T10:00:00Z'); // Wed 11:00 CET
    const cases: { name: string; at: string; expected: boolean }[] = [
      { name: 'exactly 21 days before (Wed 4 Nov 11:00 CET): kept', at: '2026-11-04T10:00:00.000Z', expected: true },
      { name: '1 ms earlier: dropped', at: '2026-11-04T09:59:59.999Z', expected: false },
      { name: 'just now: kept', at: '2026-11-25T10:00:00Z', expected: true },
    ];
    for (const c of cases) it(c.name, () => expect(isChatRetained(new Date(c.at), now)).to.equal(c.expected));
    it('across the October DST switch: 21 calendar days, not 504 hours', () => {
      const after = new Date('2026-11-05T11:00:00Z'); // Thu 12:00 CET
      expect(isChatRetained(new Date('2026-10-15T10:00:00Z'), after)).to.equal(true); // Thu 15 Oct 12:00 CEST
      expect(isChatRetained(new Date('2026-10-15T09:59:59.999Z'), after)).to.equal(false);
    });
    it('filters a list, keeping the order', () => {
      const list = [{ sentAt: new Date('2026-11-01T00:00:00Z'), n: 1 }, { sentAt: new Date('2026-11-04T10:00:00Z'), n: 2 }, { sentAt: new Date('2026-11-20T00:00:00Z'), n: 3 }];
      expect(retainedChatMessages(list, now).map((m) => m.n)).to.deep.equal([2, 3]);
    });
  });

  describe('relativeDayName', () => {
    const now = new Date('2026-11-25T22:30:00Z'); // Wed 23:30 CET, already Thu in Tokyo
    const cases: { name: string; at: string; zone: string; expected: string | null }[] = [
      { name: 'same Berlin day', at: '2026-11-24T23:00:00Z', zone: 'Europe/Berlin', expected: 'today' },
      { name: 'one ms before Berlin midnight the day before', at: '2026-11-24T22:59:59.999Z', zone: 'Europe/Berlin', expected: 'yesterday' },
      { name: 'start of yesterday', at: '2026-11-23T23:00:00Z', zone: 'Europe/Berlin', expected: 'yesterday' },
      { name: 'two days ago', at: '2026-11-23T22:59:59Z', zone: 'Europe/Berlin', expected: null },
      { name: 'tomorrow 09:00', at: '2026-11-26T08:00:00Z', zone: 'Europe/Berlin', expected: 'tomorrow' },
      { name: 'in Tokyo it is already Thursday: Wednesday noon Berlin is yesterday there', at: '2026-11-25T11:00:00Z', zone: 'Asia/Tokyo', expected: 'yesterday' },
      { name: 'across the spring DST day (23 h): Sun 29 Mar 23:30 is today', at: '2026-03-29T21:30:00Z', zone: 'Europe/Berlin', expected: null },
    ];
    for (const c of cases) it(c.name, () => expect(relativeDayName(new Date(c.at), now, c.zone)).to.equal(c.expected));
    it('on the 23-hour DST day, 23:30 is still today', () => {
      const sunday = new Date('2026-03-29T21:30:00Z'); // Sun 23:30 CEST
      expect(relativeDayName(new Date('2026-03-28T23:00:00Z'), sunday, 'Europe/Berlin')).to.equal('today'); // Sun 00:00 CET
    });
  });

  describe('daySpan and groupByDay', () => {
    it('a DST day spans 23 or 25 hours', () => {
      const spring = daySpan(new Date('2026-03-29T12:00:00Z'), 'Europe/Berlin');
      expect(spring.day).to.equal('2026-03-29');
      expect((spring.end.getTime() - spring.start.getTime()) / 3600_000).to.equal(23);
      const fall = daySpan(new Date('2026-10-25T12:00:00Z'), 'Europe/Berlin');
      expect((fall.end.getTime() - fall.start.getTime()) / 3600_000).to.equal(25);
    });
    it('groups runs of the same day in the given zone', () => {
      const at = ['2026-11-24T22:59:00Z', '2026-11-24T23:00:00Z', '2026-11-25T10:00:00Z', '2026-11-25T23:30:00Z'].map((s) => new Date(s));
      const berlin = groupByDay(at, (d) => d, 'Europe/Berlin').map((g) => [g.day, g.items.length]);
      expect(berlin).to.deep.equal([['2026-11-24', 1], ['2026-11-25', 2], ['2026-11-26', 1]]);
      const utc = groupByDay(at, (d) => d, 'UTC').map((g) => [g.day, g.items.length]);
      expect(utc).to.deep.equal([['2026-11-24', 2], ['2026-11-25', 2]]);
    });
    it('groups 20,000 messages into their days (its speed is measured by npm run bench)', () => {
      const start = Date.parse('2026-11-04T10:00:00Z');
      const items = Array.from({ length: 20_000 }, (_, i) => new Date(start + i * 90_000));
      const groups = groupByDay(items, (d) => d, 'Europe/Berlin');
      expect(groups.reduce((n, g) => n + g.items.length, 0)).to.equal(20_000);
      expect(groups.length).to.equal(22);
    });
  });
});
