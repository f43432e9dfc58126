import { expect } from '@open-wc/testing';
import { SseParser, type ServerSentEvent } from '../../../src/backend/http/sse.js';

function parse(chunks: readonly string[], lastEventId = '') {
  const events: ServerSentEvent[] = [];
  const retries: number[] = [];
  const parser = new SseParser({ onEvent: (e) => events.push(e), onRetry: (ms) => retries.push(ms) }, lastEventId);
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return { events, retries, lastEventId: parser.lastEventId };
}

/** Every way to cut `text` in two. */
const splits = (text: string) => Array.from({ length: text.length + 1 }, (_, i) => [text.slice(0, i), text.slice(i)]);

describe('SseParser', () => {
  const stream = 'retry: 2500\n: comment\nevent: chat-message\nid: 7\ndata: {"a":1}\n\ndata: line one\ndata: line two\n\n';

  it('parses events, ids, multi-line data, retry and comments', () => {
    const { events, retries, lastEventId } = parse([stream]);
    expect(events).to.deep.equal([
      { event: 'chat-message', data: '{"a":1}', lastEventId: '7' },
      { event: 'message', data: 'line one\nline two', lastEventId: '7' },
    ]);
    expect(retries).to.deep.equal([2500]);
    expect(lastEventId).to.equal('7');
  });

  it('gives the same result however the stream is cut into chunks', () => {
    const whole = parse([stream]).events;
    for (const parts of splits(stream)) expect(parse(parts).events).to.deep.equal(whole);
    expect(parse([...stream]).events, 'one character per chunk').to.deep.equal(whole);
  });

  it('accepts CRLF and CR line ends, also split between chunks', () => {
    const crlf = 'event: x\r\ndata: 1\r\n\r\nevent: y\rdata: 2\r\r';
    const expected = [
      { event: 'x', data: '1', lastEventId: '' },
      { event: 'y', data: '2', lastEventId: '' },
    ];
    expect(parse([crlf]).events).to.deep.equal(expected);
    for (const parts of splits(crlf)) expect(parse(parts).events, JSON.stringify(parts)).to.deep.equal(expected);
  });

  it('follows the spec details: no space after the colon, a field without a colon, empty data, NUL in id, unknown fields', () => {
    const { events } = parse(['data:tight\n\ndata\n\nid: a\0b\ndata: x\n\nfoo: bar\ndata: y\n\n'], 'start');
    expect(events).to.deep.equal([
      { event: 'message', data: 'tight', lastEventId: 'start' },
      { event: 'message', data: '', lastEventId: 'start' },
      { event: 'message', data: 'x', lastEventId: 'start' },
      { event: 'message', data: 'y', lastEventId: 'start' },
    ]);
  });

  it('dispatches nothing for an event without data, or one cut off by the end of the stream', () => {
    expect(parse(['event: ready\nid: 4\n\ndata: unfinished\n']).events).to.deep.equal([]);
    expect(parse(['event: ready\nid: 4\n\n']).lastEventId, 'the id is still taken').to.equal('4');
  });

  it('ignores a retry that is not a number', () => {
    expect(parse(['retry: soon\nretry: 1e3\n\n']).retries).to.deep.equal([]);
  });
});
