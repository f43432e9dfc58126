import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { createHttpBackend, SupportError, type SupportEvent } from '../../src/backend/index.js';
import type { ChatMessage } from '../../src/core/types.js';
import { referenceServerSubjects, type ReferenceServerSubject } from '../../src/testing/index.js';
import { controlFetch } from './control-fetch.js';

/** Polls with timers (requestAnimationFrame does not run in a background tab of the concurrent test run). */
async function until(predicate: () => unknown, timeout = 5000, message = 'condition'): Promise<void> {
  const start = performance.now();
  while (!predicate()) {
    if (performance.now() - start > timeout) throw new Error(`Timed out waiting for ${message}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const server = (payload: Record<string, unknown>) => executeServerCommand<{ url: string }, unknown>('reference-server', payload);

describe('reference server: bad input and faults', () => {
  let origin: string;
  let subject: ReferenceServerSubject;
  let api: string;
  let auth: Record<string, string>;

  before(async () => {
    ({ url: origin } = await server({ action: 'start' }));
  });
  beforeEach(async () => {
    subject = await referenceServerSubjects(origin, { fetch: controlFetch })();
    api = subject.baseUrl;
    auth = { Authorization: `Bearer ${subject.token}` };
  });
  afterEach(() => subject.dispose?.());

  const post = (path: string, body: BodyInit, headers: Record<string, string> = { 'Content-Type': 'application/json' }) =>
    fetch(`${api}${path}`, { method: 'POST', headers: { ...auth, ...headers }, body });
  const errorOf = async (response: Response) => ((await response.json()) as { error: { kind: string; reason: string | null; message: string } }).error;

  it('refuses malformed JSON with 400 and a message that says so', async () => {
    const response = await post('/chat/messages', '{"clientId": "a", "text": ');
    expect(response.status).to.equal(400);
    const error = await errorOf(response);
    expect(error.kind).to.equal('invalid-request');
    expect(error.reason).to.equal('invalid-input');
    expect(error.message).to.match(/^The body is not valid JSON: /);
  });

  it('refuses fields of the wrong type or missing ones with 400, naming the field', async () => {
    let error = await errorOf(await post('/chat/messages', JSON.stringify({ clientId: 'a', text: 42 })));
    expect(error.message).to.equal('body.text: expected a string, received 42');
    error = await errorOf(await post('/grants', JSON.stringify({ grantee: { kind: 'robot', id: 'x' }, dataExport: false, duration: '1h' })));
    expect(error.message).to.equal('body.grantee.kind: expected one of employee, department, received "robot"');
    error = await errorOf(await post('/callback/booking', JSON.stringify({ topicId: 'short-question', start: 'tomorrow', phone: '1' })));
    expect(error.message).to.contain('body.start: expected an instant');
    const empty = await post('/unlock-links/lookup', '');
    expect(empty.status).to.equal(400);
    expect((await errorOf(empty)).message).to.equal('A JSON body is required');
    const array = await post('/chat/messages', '[]');
    expect((await errorOf(array)).message).to.equal('body: expected an object, received an array');
  });

  it('refuses a body over 64 KiB with 413, and the HTTP backend reports invalid-request', async () => {
    const response = await post('/chat/messages', JSON.stringify({ clientId: 'big', text: 'x'.repeat(70_000) }));
    expect(response.status).to.equal(413);
    expect((await errorOf(response)).reason).to.equal('too-large');
    try {
      await subject.backend.sendChatMessage({ clientId: 'big2', text: 'ü'.repeat(40_000) });
      expect.fail('should have been refused');
    } catch (error) {
      expect((error as SupportError).kind).to.equal('invalid-request');
      expect((error as SupportError).status).to.equal(413);
    }
    expect(await subject.control.chatMessageCount()).to.equal(0);
    // The connection survives for the next request.
    expect((await fetch(`${api}/session`, { headers: auth })).status).to.equal(200);
  });

  it('refuses a body that is not JSON with 415', async () => {
    const response = await post('/chat/messages', 'clientId=a&text=b', { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(response.status).to.equal(415);
    expect((await errorOf(response)).kind).to.equal('invalid-request');
  });

  it('ignores unknown fields, everywhere the same way', async () => {
    const response = await post(
      '/chat/messages',
      JSON.stringify({ clientId: 'u1', text: 'hello', author: 'support', seq: 999, sentAt: '2000-01-01T00:00:00Z', admin: true }),
    );
    expect(response.status).to.equal(201);
    const message = (await response.json()) as Record<string, unknown>;
    expect(message['author']).to.equal('customer');
    expect(message['seq']).not.to.equal(999);
    expect(message).not.to.have.property('admin');
    const grant = await post('/grants', JSON.stringify({ grantee: { kind: 'department', id: 'dep-support', name: 'Hacked' }, dataExport: false, duration: '1h', grantedBy: 'me' }));
    expect(grant.status).to.equal(201);
    const body = (await grant.json()) as { grantee: { name: string }; grantedBy: { name: string } };
    expect(body.grantee.name).to.equal('Support');
    expect(body.grantedBy.name).to.equal('Anna Becker');
  });

  it('stores SQL injection attempts as plain text and matches nothing with them', async () => {
    const attacks = ["'; DELETE FROM chat_messages; --", "x' OR '1'='1", '1; DROP TABLE tenants'];
    for (const [i, text] of attacks.entries()) await subject.backend.sendChatMessage({ clientId: `${text}-${i}`, text });
    const listed = await subject.backend.listChatMessages();
    expect(listed.map((m) => m.text)).to.deep.equal(attacks);
    expect(listed.map((m) => m.clientId)).to.deep.equal(attacks.map((t, i) => `${t}-${i}`));
    const search = await subject.backend.searchStaff("' OR 1=1 --");
    expect(search.employees.length + search.departments.length).to.equal(0);
    for (const call of [
      () => subject.backend.revokeGrant("g' OR '1'='1"),
      () => subject.backend.listCallbackWindows({ topicId: "x' OR '1'='1" }),
      () => subject.backend.cancelCallback("b' OR 1=1 --"),
    ]) {
      try {
        await call();
        expect.fail('should be not-found');
      } catch (error) {
        expect((error as SupportError).kind).to.equal('not-found');
      }
    }
    expect((await subject.backend.getSession()).user.name).to.equal('Anna Becker');
  });

  it('checks query parameters and the Idempotency-Key', async () => {
    expect((await fetch(`${api}/chat/messages?afterSeq=-1`, { headers: auth })).status).to.equal(400);
    expect((await fetch(`${api}/chat/messages?afterSeq=1e3`, { headers: auth })).status).to.equal(400);
    expect((await fetch(`${api}/logins?activeOnly=yes`, { headers: auth })).status).to.equal(400);
    expect((await fetch(`${api}/callback/windows`, { headers: auth })).status).to.equal(400);
    const mismatch = await post('/chat/messages', JSON.stringify({ clientId: 'a', text: 'b' }), {
      'Content-Type': 'application/json',
      'Idempotency-Key': 'other',
    });
    expect(mismatch.status).to.equal(400);
    expect((await errorOf(mismatch)).message).to.contain('Idempotency-Key');
  });

  it('answers 401 with WWW-Authenticate, 404 for unknown routes, 405 with Allow', async () => {
    const none = await fetch(`${api}/session`);
    expect(none.status).to.equal(401);
    expect((await errorOf(none)).kind).to.equal('unauthorized');
    const wrong = await fetch(`${api}/session`, { headers: { Authorization: 'Bearer not-a-token' } });
    expect(wrong.status).to.equal(401);
    const unknown = await fetch(`${api}/nothing/here`, { headers: auth });
    expect(unknown.status).to.equal(404);
    expect((await errorOf(unknown)).reason).to.equal('no-route');
    const method = await fetch(`${api}/session`, { method: 'DELETE', headers: auth });
    expect(method.status).to.equal(405);
    expect((await errorOf(method)).kind).to.equal('invalid-request');
    // CORS: the browser made all of these cross-origin; the preflight said yes.
    const preflight = await fetch(`${api}/chat/messages`, { method: 'OPTIONS' });
    expect(preflight.status).to.equal(204);
  });

  it('does not serve the test-control routes below the API', async () => {
    expect((await fetch(`${api}/__test/tenants`, { method: 'POST' })).status).to.equal(404);
  });
});

describe('reference server: a restart mid-chat', () => {
  afterEach(() => server({ action: 'stop', name: 'restart' }));

  it('loses and duplicates nothing: sends retried across the outage, missed messages replayed from Last-Event-ID', async function () {
    this.timeout(30_000);
    const { url } = await server({ action: 'start', name: 'restart', persistent: true });
    // A fetch that loses the answer of the first send of "lost-answer": the server stores it, the client never hears.
    let dropped = 0;
    const lossyFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await fetch(input, init);
      if (dropped === 0 && typeof init?.body === 'string' && init.body.includes('lost-answer')) {
        dropped += 1;
        throw new TypeError('Failed to fetch (answer lost)');
      }
      return response;
    }) as typeof fetch;
    const subject = await referenceServerSubjects(url, {
      fetch: controlFetch,
      // Retries for up to ~15 s: a restart on a busy machine can take seconds.
      backend: { fetch: lossyFetch, retries: 30, retryDelayMs: 100, maxRetryDelayMs: 500, reconnectDelayMs: 100, maxReconnectDelayMs: 400 },
    })();
    const { backend, control } = subject;
    const events: SupportEvent[] = [];
    const controller = new AbortController();
    backend.subscribe((e) => events.push(e), controller.signal);
    const opens = () => events.filter((e) => e.type === 'connection' && e.state === 'open').length;
    const received = () => events.filter((e): e is Extract<SupportEvent, { type: 'chat-message' }> => e.type === 'chat-message').map((e) => e.message);
    try {
      await until(() => opens() === 1, 5000, 'the first connection');
      const a = await backend.sendChatMessage({ clientId: 'msg-a', text: 'before the crash' });
      const lost = await backend.sendChatMessage({ clientId: 'lost-answer', text: 'the answer of my first try was lost' });
      expect(dropped).to.equal(1);
      await control.pushSupportMessage('support, before the crash');
      await until(() => received().length === 3, 5000, 'three live messages');

      await server({ action: 'kill', name: 'restart' }); // SIGKILL: no goodbye
      await until(() => events.some((e) => e.type === 'connection' && e.state === 'closed'), 5000, 'connection closed');
      const during = backend.sendChatMessage({ clientId: 'msg-b', text: 'sent while the server is down' });
      await new Promise((r) => setTimeout(r, 300));
      await server({ action: 'revive', name: 'restart' });
      // Support writes right after the restart, before the client is back: it must come through the replay.
      await control.pushSupportMessage('support, after the restart');
      const b = await during;
      await until(() => opens() >= 2, 10_000, 'the reconnection');
      await until(() => received().length === 5, 5000, 'five messages');

      // The retried send and support's message race after the restart: any order, each once, in seq order.
      const texts = received().map((m) => m.text);
      expect(texts.slice(0, 3)).to.deep.equal(['before the crash', 'the answer of my first try was lost', 'support, before the crash']);
      expect([...texts.slice(3)].sort()).to.deep.equal(['sent while the server is down', 'support, after the restart']);
      const seqs = received().map((m) => m.seq);
      expect(new Set(seqs).size, 'no duplicates').to.equal(seqs.length);
      expect([...seqs].sort((x, y) => x - y)).to.deep.equal(seqs);
      const listed: ChatMessage[] = await backend.listChatMessages();
      expect(listed.map((m) => m.id)).to.deep.equal(received().map((m) => m.id));
      for (const m of [a, lost, b]) expect(await control.chatMessageCount(m.clientId!), m.clientId!).to.equal(1);
      expect(await control.chatMessageCount()).to.equal(5);
      // The data survived the crash on disk (WAL): the first message is still there.
      expect(listed[0]!.id).to.equal(a.id);
    } finally {
      controller.abort();
      await Promise.resolve(subject.dispose?.()).catch(() => {});
    }
  });
});

describe('createHttpBackend against a server that is not there', () => {
  it('reports network after its retries, quickly', async () => {
    const backend = createHttpBackend({ baseUrl: 'http://127.0.0.1:9/api/v1', retries: 1, retryDelayMs: 10 });
    try {
      await backend.getSession();
      expect.fail('should fail');
    } catch (error) {
      expect((error as SupportError).kind).to.equal('network');
    }
  });
});
