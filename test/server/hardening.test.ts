import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { referenceServerSubjects, type ReferenceServerSubject } from '../../src/testing/index.js';

/**
 * The reference server under hostile or broken input (issue 17's findings). Each describe starts its own named server,
 * so that a test that would have crashed it before the fix does not take the shared one with it.
 */

const server = <T = { url: string }>(payload: Record<string, unknown>) => executeServerCommand<T, unknown>('reference-server', payload);

interface RawAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly closed: boolean;
}

/** Writes a request byte for byte from Node (targets like `//[` that fetch() cannot send) and parses the answer. */
async function raw(name: string, request: string): Promise<RawAnswer> {
  const { text, closed } = await server<{ text: string; closed: boolean }>({ action: 'raw', name, request });
  const [head = '', ...rest] = text.split('\r\n\r\n');
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1] ?? 0), headers, body: rest.join('\r\n\r\n'), closed };
}

const get = (target: string, extra = '') => `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${extra}Connection: close\r\n\r\n`;
const errorBody = (answer: RawAnswer) => (JSON.parse(answer.body) as { error: { kind: string; reason: string | null; message: string } }).error;

describe('reference server: request targets that cannot be parsed (finding 1, 5)', () => {
  let url: string;
  before(async () => {
    ({ url } = await server({ action: 'start', name: 'targets' }));
  });
  after(() => server({ action: 'stop', name: 'targets' }));

  const alive = async () => expect((await fetch(`${url}/health`)).status, 'the server still serves').to.equal(200);

  it('answers 400 with a JSON error to //[, //x:99999/, http://[, //%zz/ and keeps serving', async () => {
    for (const target of ['//[', '//x:99999/', 'http://[', '//%zz/', 'http://x:99999/api/v1/session', '*', 'api/v1/session']) {
      const answer = await raw('targets', get(target));
      expect(answer.status, target).to.equal(400);
      expect(answer.headers['content-type'], target).to.contain('application/json');
      expect(errorBody(answer).kind, target).to.equal('invalid-request');
      expect(errorBody(answer).reason, target).to.equal('invalid-target');
      await alive();
    }
  });

  it('answers 400 to malformed percent-encoding in a route, before authentication (no 500)', async () => {
    for (const target of ['/api/v1/grants/%/revoke', '/api/v1/grants/%zz/revoke', '/api/v1/grants/%ff%fe/revoke', '/api/v1/staff?q=%e0%a4']) {
      const method = target.endsWith('revoke') ? 'POST' : 'GET';
      const answer = await raw('targets', `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      expect(answer.status, target).to.equal(400);
      expect(errorBody(answer).message, target).to.equal('The request target has malformed percent-encoding');
      await alive();
    }
    // A well-formed escape still reaches the route (and its authentication).
    expect((await raw('targets', get('/api/v1/grants/%41/revoke'))).status).to.equal(405);
  });

  it('answers what the HTTP parser refuses with the same JSON error body', async () => {
    const answer = await raw('targets', 'GET /a b c\r\n\r\n');
    expect(answer.status).to.equal(400);
    expect(errorBody(answer).kind).to.equal('invalid-request');
    expect(answer.closed).to.equal(true);
    const huge = await raw('targets', get('/health', `X-Big: ${'x'.repeat(20_000)}\r\n`));
    expect(huge.status).to.equal(431);
    expect(errorBody(huge).kind).to.equal('invalid-request');
    await alive();
  });
});

describe('reference server: lone surrogates and invalid UTF-8 (finding 7)', () => {
  let subject: ReferenceServerSubject;
  let api: string;
  let auth: Record<string, string>;
  before(async () => {
    const { url } = await server({ action: 'start' });
    subject = await referenceServerSubjects(url)();
    api = subject.baseUrl;
    auth = { Authorization: `Bearer ${subject.token}`, 'Content-Type': 'application/json' };
  });
  after(() => subject.dispose?.());

  const post = (path: string, body: BodyInit) => fetch(`${api}${path}`, { method: 'POST', headers: auth, body });
  const messageOf = async (response: Response) => ((await response.json()) as { error: { message: string } }).error.message;

  it('refuses a lone surrogate in any JSON string with 400 naming the field, instead of storing U+FFFD', async () => {
    // JSON.stringify writes a lone surrogate as the escape \ud800: valid JSON, not valid Unicode.
    const cases: [string, unknown, string][] = [
      ['/chat/messages', { clientId: 'x\ud800y', text: 'hello' }, 'body.clientId'],
      ['/chat/messages', { clientId: 'lone-text', text: 'a\udc00' }, 'body.text'],
      ['/grants', { grantee: { kind: 'employee', id: '\ud83d' }, dataExport: false, duration: '1h' }, 'body.grantee.id'],
      ['/unlock-links/lookup', { token: 'abc\udfff' }, 'body.token'],
      ['/chat/messages', { clientId: 'key', text: 'hi', ['\ud800']: 1 }, 'body (a key)'],
    ];
    for (const [path, body, field] of cases) {
      const response = await post(path, JSON.stringify(body));
      expect(response.status, field).to.equal(400);
      expect(await messageOf(response), field).to.match(new RegExp(`^${field.replace(/[()]/g, '\\$&')}: contains a lone UTF-16 surrogate`));
    }
    const booking = await post('/callback/booking', JSON.stringify({ topicId: 'short-question', start: new Date().toISOString(), phone: '1', note: 'n\ud800' }));
    expect(booking.status).to.equal(400);
    expect(await messageOf(booking)).to.contain('body.note');
    expect(await subject.control.chatMessageCount()).to.equal(0);
    // Two clientIds that differ only in a surrogate can no longer collide; a proper pair (an emoji) is fine.
    const pair = await post('/chat/messages', JSON.stringify({ clientId: 'x\ud83d\ude00y', text: '😀' }));
    expect(pair.status).to.equal(201);
    expect(((await pair.json()) as { clientId: string }).clientId).to.equal('x😀y');
  });

  it('refuses a body that is not valid UTF-8 with 400', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('{"clientId":"u","text":"'), 0xff, 0xfe, ...new TextEncoder().encode('"}')]);
    const response = await post('/chat/messages', bytes);
    expect(response.status).to.equal(400);
    expect(await messageOf(response)).to.equal('The body is not valid UTF-8');
  });
});
