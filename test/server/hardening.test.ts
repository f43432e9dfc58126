import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { createHttpBackend, type SupportError, type SupportEvent } from '../../src/backend/index.js';
import { referenceServerSubjects, type ReferenceServerSubject } from '../../src/testing/index.js';
import { controlFetch } from './control-fetch.js';

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
    // --verbose: the request log is on, so the test can read what reached it.
    ({ url } = await server({ action: 'start', name: 'targets', args: ['--verbose'] }));
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

  it('writes no stack trace to the log for any of them', async () => {
    const { text } = await server<{ text: string }>({ action: 'log', name: 'targets' });
    expect(text).to.contain(' 400 ');
    expect(text, 'a stack frame in the log').not.to.match(/^\s+at /m);
    expect(text).not.to.contain('URIError');
    expect(text).not.to.match(/^500 /m);
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
    subject = await referenceServerSubjects(url, { fetch: controlFetch })();
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

/** Polls with timers (requestAnimationFrame does not run in a background tab of the concurrent test run). */
async function until(predicate: () => unknown, timeout = 5000, message = 'condition'): Promise<void> {
  const start = performance.now();
  while (!predicate()) {
    if (performance.now() - start > timeout) throw new Error(`Timed out waiting for ${message}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A raw event stream read with fetch: its text so far and when it ended. */
async function openEvents(api: string, token: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const response = await fetch(`${api}/events`, {
    headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const stream = { status: response.status, text: '', endedAt: null as number | null, abort: () => controller.abort() };
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        stream.text += value;
      }
    } catch {
      // aborted or reset: ended either way
    }
    stream.endedAt = performance.now();
  })();
  await until(() => stream.text.includes('event: ready') || stream.endedAt !== null, 5000, 'the ready frame');
  return stream;
}

describe('reference server: event streams end with their session and after a maximum lifetime (finding 2)', () => {
  afterEach(async () => {
    for (const name of ['streams-b', 'streams-a', 'streams-lifetime']) await server({ action: 'stop', name });
  });

  it('closes the open streams of a user at once when the user signs out, not at the next heartbeat', async () => {
    // A heartbeat of a minute: a close within the test's second can only be the sign-out's own doing.
    const { url } = await server({ action: 'start', name: 'streams-a', args: ['--heartbeat-ms', '60000'] });
    const [anna, other] = [await referenceServerSubjects(url, { fetch: controlFetch })(), await referenceServerSubjects(url, { fetch: controlFetch })()];
    const streams = [await openEvents(anna.baseUrl, anna.token), await openEvents(anna.baseUrl, anna.token)];
    const bystander = await openEvents(other.baseUrl, other.token);
    const signedOut = performance.now();
    await anna.control.signOut();
    await until(() => streams.every((s) => s.endedAt !== null), 1000, 'both streams of the signed-out user to end');
    for (const s of streams) expect(s.text).to.contain(': closed (signed-out)');
    expect(Math.max(...streams.map((s) => s.endedAt!)) - signedOut).to.be.below(1000);
    // Another user's stream stays open; a new stream of the ended session is refused.
    expect(bystander.endedAt).to.equal(null);
    expect((await fetch(`${anna.baseUrl}/events`, { headers: { Authorization: `Bearer ${anna.token}` } })).status).to.equal(401);
    bystander.abort();
  });

  it('re-checks the session on every heartbeat: a sign-out on another instance ends the stream within one heartbeat', async function () {
    this.timeout(20_000);
    const a = await server({ action: 'start', name: 'streams-a', persistent: true, args: ['--heartbeat-ms', '1000'] });
    const b = await server({ action: 'start', name: 'streams-b', sameDatabaseAs: 'streams-a', args: ['--heartbeat-ms', '1000'] });
    const anna = await referenceServerSubjects(a.url, { fetch: controlFetch })();
    const stream = await openEvents(anna.baseUrl, anna.token);
    // The sign-out reaches only instance b (same database): instance a notices at its next heartbeat.
    const response = await controlFetch(`${b.url}/__test/tenants/${encodeURIComponent(anna.tenantId)}/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ signedIn: false }),
    });
    expect(response.status).to.equal(204);
    const signedOut = performance.now();
    await until(() => stream.endedAt !== null, 3000, 'the stream on the other instance to end');
    expect(stream.endedAt! - signedOut, 'within one heartbeat (1 s) and some slack').to.be.below(2000);
    expect(stream.text).to.contain(': closed (signed-out)');
  });

  it('ends a stream after its maximum lifetime; the client reconnects with Last-Event-ID and misses nothing', async function () {
    this.timeout(20_000);
    const { url } = await server({ action: 'start', name: 'streams-lifetime', args: ['--stream-max-ms', '1200'] });
    const subject = await referenceServerSubjects(url, { fetch: controlFetch })();
    const stream = await openEvents(subject.baseUrl, subject.token);
    await until(() => stream.endedAt !== null, 3000, 'the stream to reach its lifetime');
    expect(stream.text).to.contain(': closed (lifetime)');

    const events: SupportEvent[] = [];
    const controller = new AbortController();
    subject.backend.subscribe((e) => events.push(e), controller.signal);
    const opens = () => events.filter((e) => e.type === 'connection' && e.state === 'open').length;
    const texts = () => events.flatMap((e) => (e.type === 'chat-message' ? [e.message.text] : []));
    try {
      await until(() => opens() === 1, 5000, 'the first connection');
      const sent: string[] = [];
      for (let i = 0; opens() < 3 && i < 60; i += 1) {
        sent.push(`message ${i}`);
        await subject.control.pushSupportMessage(`message ${i}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(opens(), 'the stream ended and was reopened twice').to.be.at.least(3);
      await until(() => texts().length >= sent.length, 5000, `every message (got ${texts().length} of ${sent.length})`);
      expect(texts()).to.deep.equal(sent);
    } finally {
      controller.abort();
      await subject.dispose?.();
    }
  });
});

describe('reference server: backpressure and a cap of streams per session (finding 4)', () => {
  let url: string;
  before(async () => {
    ({ url } = await server({
      action: 'start',
      name: 'backpressure',
      args: ['--stream-buffer-bytes', '65536', '--streams-per-session', '2', '--heartbeat-ms', '60000'],
    }));
  });
  after(() => server({ action: 'stop', name: 'backpressure' }));

  interface Stats {
    open: number;
    bufferedBytes: number;
    maxBufferedBytes: number;
    bound: number;
    closed: Record<string, number>;
  }
  const stats = async () => (await (await controlFetch(`${url}/__test/streams`)).json()) as Stats;

  it('drops a stream whose reader stopped once its unread bytes pass the bound; the server\'s buffers stay bounded and the client catches up', async function () {
    this.timeout(60_000);
    const subject = await referenceServerSubjects(url, { fetch: controlFetch })();
    try {
      // A client that opens the stream and then never reads again (a hung tab, a malicious client).
      const { id } = await server<{ id: string }>({ action: 'stall', name: 'backpressure', token: subject.token });
      expect((await stats()).open).to.equal(1);
      const text = 'x'.repeat(60_000);
      let pushed = 0;
      let largest = 0;
      // Several MB fit into the kernel's socket buffers first; after that the server's own buffer grows to the bound.
      while (pushed < 500 && (await stats()).open > 0) {
        await subject.control.pushSupportMessage(text);
        pushed += 1;
        largest = Math.max(largest, (await stats()).maxBufferedBytes);
      }
      const after = await stats();
      expect(after.open, `still open after ${pushed} messages of 60 kB`).to.equal(0);
      expect(after.closed['slow']).to.equal(1);
      expect(largest, 'bytes waiting in the server for the stalled stream').to.be.at.most(65_536);
      expect(after.bufferedBytes).to.equal(0);
      const { closedByServer } = await server<{ closedByServer: boolean }>({ action: 'unstall', id });
      expect(closedByServer).to.equal(true);
      // The client reconnects with the last id it saw and gets everything it missed.
      const caughtUp = await openEvents(subject.baseUrl, subject.token, { 'Last-Event-ID': '0' });
      expect(caughtUp.text.split('event: chat-message').length - 1).to.equal(pushed);
      caughtUp.abort();
    } finally {
      await subject.dispose?.();
    }
  });

  it('closes the oldest stream of a session that opens more than its cap', async () => {
    const subject = await referenceServerSubjects(url, { fetch: controlFetch })();
    try {
      const first = await openEvents(subject.baseUrl, subject.token);
      const second = await openEvents(subject.baseUrl, subject.token);
      expect(first.endedAt).to.equal(null);
      const third = await openEvents(subject.baseUrl, subject.token);
      await until(() => first.endedAt !== null, 2000, 'the oldest stream to be closed');
      expect(first.text).to.contain(': closed (too-many)');
      expect(second.endedAt).to.equal(null);
      expect(third.endedAt).to.equal(null);
      expect((await stats()).open).to.equal(2);
      second.abort();
      third.abort();
    } finally {
      await subject.dispose?.();
    }
  });
});

describe('reference server: rate limits answer 429 with Retry-After (finding 8)', () => {
  afterEach(async () => {
    for (const name of ['limits-auth', 'limits-session', 'limits-upload']) await server({ action: 'stop', name });
  });

  const expectLimited = async (response: Response, what: string) => {
    expect(response.status, what).to.equal(429);
    expect(Number(response.headers.get('Retry-After')), `${what}: Retry-After`).to.be.within(1, 60);
    const { error } = (await response.json()) as { error: { kind: string; reason: string; message: string } };
    expect(error.kind, what).to.equal('unavailable');
    expect(error.reason, what).to.equal('rate-limited');
  };

  it('limits wrong bearer tokens per address; once over, even a valid token from there waits', async () => {
    const { url } = await server({ action: 'start', name: 'limits-auth', args: ['--rate-limit', 'auth-address=5/6'] });
    const subject = await referenceServerSubjects(url, { fetch: controlFetch })();
    const session = (token: string) => fetch(`${subject.baseUrl}/session`, { headers: { Authorization: `Bearer ${token}` } });
    expect((await session(subject.token)).status).to.equal(200);
    for (let i = 0; i < 5; i += 1) expect((await session(`guess-${i}`)).status, `guess ${i}`).to.equal(401);
    await expectLimited(await session('guess-5'), 'the sixth wrong token');
    await expectLimited(await session(subject.token), 'a valid token from the same address');
  });

  it('limits unknown unlock tokens and chat sends per session', async () => {
    const { url } = await server({
      action: 'start',
      name: 'limits-session',
      args: ['--rate-limit', 'unlock-session=3/1', '--rate-limit', 'chat-session=5/1'],
    });
    const [anna, other] = [await referenceServerSubjects(url, { fetch: controlFetch })(), await referenceServerSubjects(url, { fetch: controlFetch })()];
    const post = (subject: ReferenceServerSubject, path: string, body: unknown) =>
      fetch(`${subject.baseUrl}${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${subject.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    for (let i = 0; i < 3; i += 1) expect((await post(anna, '/unlock-links/lookup', { token: `wrong-${i}` })).status).to.equal(404);
    await expectLimited(await post(anna, '/unlock-links/lookup', { token: 'wrong-3' }), 'the fourth unknown unlock token');
    await expectLimited(await post(anna, '/unlock-links/confirm', { token: 'wrong-4', accept: true }), 'confirm counts the same');
    expect((await post(other, '/unlock-links/lookup', { token: 'wrong' })).status, 'another session is not affected').to.equal(404);

    for (let i = 0; i < 5; i += 1) expect((await post(anna, '/chat/messages', { clientId: `c${i}`, text: 'hi' })).status).to.equal(201);
    await expectLimited(await post(anna, '/chat/messages', { clientId: 'c5', text: 'spam' }), 'the sixth chat send');
    expect(await anna.control.chatMessageCount()).to.equal(5);
    expect((await post(other, '/chat/messages', { clientId: 'o', text: 'hi' })).status).to.equal(201);
    // The HTTP backend reports it as unavailable with the server's Retry-After.
    try {
      await createHttpBackend({ baseUrl: anna.baseUrl, token: () => anna.token, retries: 0 }).sendChatMessage({ clientId: 'c6', text: 'x' });
      expect.fail('should be limited');
    } catch (error) {
      expect((error as SupportError).kind).to.equal('unavailable');
      expect((error as SupportError).retryAfter).to.be.within(1, 60);
    }
  });
  it('uploads have budgets of their own: a message with 5 files is one chat send; too many files or bytes answer 429', async function () {
    this.timeout(20_000);
    const { url } = await server({
      action: 'start',
      name: 'limits-upload',
      args: ['--rate-limit', 'chat-session=2/1', '--rate-limit', 'upload-session=11/1', '--rate-limit', 'upload-mib-session=2/1'],
    });
    const [anna, other] = [await referenceServerSubjects(url, { fetch: controlFetch })(), await referenceServerSubjects(url, { fetch: controlFetch })()];
    const upload = (subject: ReferenceServerSubject, clientId: string, body: BodyInit) =>
      fetch(`${subject.baseUrl}/chat/uploads/${clientId}?name=${clientId}.txt`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${subject.token}`, 'Content-Type': 'text/plain' },
        body,
      });
    const send = (subject: ReferenceServerSubject, clientId: string, attachmentIds: string[]) =>
      fetch(`${subject.baseUrl}/chat/messages`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${subject.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ clientId, text: 'files', attachmentIds }),
      });
    const ids = async (subject: ReferenceServerSubject, prefix: string, n: number) => {
      const out: string[] = [];
      for (let i = 0; i < n; i += 1) {
        const response = await upload(subject, `${prefix}-${i}`, `file ${i}`);
        expect(response.status, `upload ${prefix}-${i}`).to.equal(201);
        out.push(((await response.json()) as { id: string }).id);
      }
      return out;
    };
    // Two messages of 5 files each within a chat-send budget of 2: the uploads do not use it.
    expect((await send(anna, 'm1', await ids(anna, 'a', 5))).status, 'the first message with 5 files').to.equal(201);
    expect((await send(anna, 'm2', await ids(anna, 'b', 5))).status, 'the second message with 5 files').to.equal(201);
    await expectLimited(await send(anna, 'm3', []), 'the third chat send');
    // The upload count: the 11th passes, the 12th waits; another session is not affected.
    expect((await upload(anna, 'c-10', 'eleventh')).status).to.equal(201);
    await expectLimited(await upload(anna, 'c-11', 'twelfth'), 'the twelfth upload');
    expect((await upload(other, 'o-0', 'mine')).status, 'another session').to.equal(201);
    // The bytes (2 MiB at once): 1.5 MiB passes, the next 1 MiB waits, though the other session's count allows it.
    const text = (mib: number) => 'x'.repeat(Math.round(mib * 1_048_576));
    expect((await upload(other, 'o-big-1', text(1.5))).status, '1.5 MiB').to.equal(201);
    await expectLimited(await upload(other, 'o-big-2', text(1)), 'one more MiB');
    expect(await anna.control.chatMessageCount()).to.equal(2);
  });
});

describe('reference server: test-control routes and CORS (finding 10)', () => {
  let url: string;
  before(async () => {
    ({ url } = await server({ action: 'start', name: 'control' }));
  });
  after(() => server({ action: 'stop', name: 'control' }));

  it('the test-control routes cannot be called from a web page: no CORS, an Origin or a foreign Host is refused', async () => {
    // What a page on another origin (any site the developer visits) would try.
    let reached = true;
    try {
      await fetch(`${url}/__test/tenants`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    } catch {
      reached = false;
    }
    expect(reached, 'the browser must block the call').to.equal(false);
    const port = new URL(url).port;
    const post = (headers: string) =>
      raw('control', `POST /__test/tenants HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${headers}Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`);
    const withOrigin = await post('Origin: http://attacker.test\r\n');
    expect(withOrigin.status).to.equal(403);
    expect(withOrigin.headers['access-control-allow-origin']).to.equal(undefined);
    const rebound = await raw('control', `POST /__test/tenants HTTP/1.1\r\nHost: attacker.test:${port}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`);
    expect(rebound.status, 'a DNS-rebinding host name').to.equal(403);
    const preflight = await raw('control', `OPTIONS /__test/tenants/x HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://attacker.test\r\nAccess-Control-Request-Method: DELETE\r\nConnection: close\r\n\r\n`);
    expect(preflight.headers['access-control-allow-origin']).to.equal(undefined);
    // Without an Origin, on a loopback host (Node, curl, the dev server's proxy) they work.
    expect((await post('')).status).to.equal(201);
  });

  it('the API answers CORS only for the configured origins, never *', async () => {
    const port = new URL(url).port;
    const contact = (origin: string) => raw('control', get('/api/v1/contact', `Origin: ${origin}\r\n`).replace('Host: 127.0.0.1', `Host: 127.0.0.1:${port}`));
    expect((await contact('http://attacker.test')).headers['access-control-allow-origin']).to.equal(undefined);
    expect((await contact(location.origin)).headers['access-control-allow-origin']).to.equal(location.origin);
    // And a page of this origin can use the API.
    expect((await fetch(`${url}/api/v1/contact`)).status).to.equal(200);
  });

  it('seeds the demo tenant and its well-known token only with --demo-tenant', async () => {
    const response = await fetch(`${url}/api/v1/session`, { headers: { Authorization: 'Bearer demo-token-anna-becker' } });
    expect(response.status).to.equal(401);
  });

  it('refuses to serve the test-control routes on a non-loopback interface', async () => {
    let started = false;
    try {
      await server({ action: 'start', name: 'control-public', args: ['--host', '0.0.0.0'] });
      started = true;
    } catch {
      // exited at once: "--test-control serves unauthenticated routes: only with a loopback --host"
    } finally {
      await server({ action: 'stop', name: 'control-public' });
    }
    expect(started).to.equal(false);
  });
});
