import { expect } from '@open-wc/testing';
import {
  SupportError,
  createDemoBackend,
  createHttpBackend,
  isValidated,
  validateBackend,
  type HttpBackendOptions,
  type SupportEvent,
} from '../../../src/backend/index.js';

/** Polls with timers (requestAnimationFrame does not run in a background tab of the concurrent test run). */
async function until(predicate: () => unknown, timeout = 3000, message = 'condition'): Promise<void> {
  const start = performance.now();
  while (!predicate()) {
    if (performance.now() - start > timeout) throw new Error(`Timed out waiting for ${message}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

interface Call {
  readonly url: URL;
  readonly method: string;
  readonly headers: Headers;
  readonly body: string | null;
  readonly signal: AbortSignal | null;
}

type Handler = (call: Call, index: number) => Response | Promise<Response>;

/** A scripted fetch: records calls and answers with `handler`. */
function fakeFetch(handler: Handler) {
  const calls: Call[] = [];
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const call: Call = {
      url: new URL(String(input)),
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? init.body : null,
      signal: init.signal ?? null,
    };
    calls.push(call);
    if (call.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    return handler(call, calls.length - 1);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
const errorBody = (status: number, kind: string, reason: string | null, message = 'nope', headers: Record<string, string> = {}) =>
  json({ error: { kind, reason, message } }, status, headers);

const demo = createDemoBackend({ agentDelayMs: null, loginDelayMs: null });
const wire = async <T>(value: Promise<T>) => JSON.parse(JSON.stringify(await value)) as unknown;

function backendWith(handler: Handler, options: Partial<HttpBackendOptions> = {}) {
  const fake = fakeFetch(handler);
  const backend = createHttpBackend({
    baseUrl: 'https://crm.example/support-api/v1',
    fetch: fake.fetch,
    retryDelayMs: 1,
    maxRetryDelayMs: 20,
    random: () => 0.5,
    ...options,
  });
  return { backend, calls: fake.calls };
}

const grantInput = { grantee: { kind: 'employee' as const, id: 'emp-01' }, dataExport: false, duration: '1h' as const };

async function rejection(promise: Promise<unknown>): Promise<SupportError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(SupportError);
    return error as SupportError;
  }
  throw new Error('expected a rejection');
}

describe('createHttpBackend', () => {
  after(() => demo.control.dispose());

  describe('requests', () => {
    it('appends paths to a base URL with a path, sends the token and custom headers, and validates the answer', async () => {
      const session = await wire(demo.getSession());
      const { backend, calls } = backendWith(() => json(session), {
        token: async () => 'secret-1',
        headers: () => ({ 'X-Tenant': 'musterimmo' }),
      });
      const result = await backend.getSession();
      expect(result.user.name).to.equal('Anna Becker');
      expect(calls[0]!.url.href).to.equal('https://crm.example/support-api/v1/session');
      expect(calls[0]!.headers.get('Authorization')).to.equal('Bearer secret-1');
      expect(calls[0]!.headers.get('X-Tenant')).to.equal('musterimmo');
      expect(calls[0]!.headers.get('Accept')).to.equal('application/json');
      expect(isValidated(backend)).to.equal(true);
      expect(validateBackend(backend)).to.equal(backend);
    });

    it('sends no Authorization header when the token callback answers null', async () => {
      const { backend, calls } = backendWith(async () => json(await wire(demo.getContactInfo())), { token: () => null });
      await backend.getContactInfo();
      expect(calls[0]!.headers.has('Authorization')).to.equal(false);
    });

    it('encodes queries and path segments, and sends bodies as JSON with ISO instants', async () => {
      const booking = await wire(
        (async () => {
          const topics = await demo.getCallbackTopics();
          const windows = (await demo.listCallbackWindows({ topicId: topics[0]!.id })).filter((w) => w.available);
          const b = await demo.bookCallback({ topicId: topics[0]!.id, start: windows[0]!.start, phone: '+4924144686122', note: '' });
          await demo.cancelCallback(b.id);
          return b;
        })(),
      );
      const { backend, calls } = backendWith((call) => {
        if (call.url.pathname.endsWith('/staff')) return json({ employees: [], departments: [] });
        if (call.url.pathname.endsWith('/messages')) return json([]);
        return json(booking);
      });
      await backend.searchStaff('Müller & Co/?');
      await backend.listChatMessages({ afterSeq: 41 });
      const start = new Date('2026-12-01T09:00:00Z');
      await backend.changeCallback('booking/1 x', { topicId: 't', start, phone: '+49 241 1', note: 'n' });
      expect(calls[0]!.url.searchParams.get('q')).to.equal('Müller & Co/?');
      expect(calls[1]!.url.search).to.equal('?afterSeq=41');
      expect(calls[2]!.method).to.equal('PUT');
      expect(calls[2]!.url.pathname).to.equal('/support-api/v1/callback/booking/booking%2F1%20x');
      expect(calls[2]!.headers.get('Content-Type')).to.equal('application/json');
      expect(JSON.parse(calls[2]!.body!)).to.deep.equal({ topicId: 't', start: '2026-12-01T09:00:00.000Z', phone: '+49 241 1', note: 'n' });
    });

    it('sends unlock tokens in bodies, never in URLs', async () => {
      const { backend, calls } = backendWith(() => errorBody(404, 'not-found', 'token-unknown'));
      await rejection(backend.resolveUnlockToken('tok-secret'));
      await rejection(backend.confirmUnlockToken('tok-secret', true));
      for (const call of calls) expect(call.url.href).not.to.contain('tok-secret');
      expect(JSON.parse(calls[1]!.body!)).to.deep.equal({ token: 'tok-secret', accept: true });
    });

    it('unwraps { grant } and { booking }, and answers undefined for 204', async () => {
      const { backend } = backendWith((call) => {
        if (call.url.pathname.endsWith('/confirm')) return json({ grant: null });
        if (call.method === 'DELETE') return new Response(null, { status: 204 });
        return json({ booking: null });
      });
      expect(await backend.confirmUnlockToken('t', false)).to.equal(null);
      expect(await backend.getCallbackBooking()).to.equal(null);
      expect(await backend.cancelCallback('b')).to.equal(undefined);
    });
  });

  describe('errors', () => {
    const table: [number, string, string | null][] = [
      [400, 'invalid-request', 'invalid-input'],
      [401, 'unauthorized', null],
      [403, 'forbidden', 'right-missing'],
      [404, 'not-found', 'token-unknown'],
      [405, 'invalid-request', null],
      [409, 'conflict', 'booking-exists'],
      [410, 'not-found', 'token-expired'],
      [413, 'invalid-request', 'too-large'],
      [415, 'invalid-request', null],
      [422, 'invalid-request', null],
      [429, 'unavailable', null],
      [500, 'unavailable', null],
      [502, 'unavailable', null],
      [503, 'unavailable', null],
    ];
    for (const [status, kind, reason] of table) {
      it(`HTTP ${status} → ${kind}${reason ? ` (${reason})` : ''}`, async () => {
        const { backend, calls } = backendWith(() => errorBody(status, 'whatever', reason, `server says ${status}`));
        const error = await rejection(backend.createGrant(grantInput));
        expect(error.kind).to.equal(kind);
        expect(error.reason).to.equal(reason);
        expect(error.status).to.equal(status);
        expect(error.message).to.contain(`server says ${status}`);
        expect(calls.length, 'a write is never retried').to.equal(1);
      });
    }

    it('a non-JSON error page still maps by status; Retry-After becomes retryAfter', async () => {
      const { backend } = backendWith(
        () => new Response('<html>Bad gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html', 'Retry-After': '7' } }),
      );
      const error = await rejection(backend.bookCallback({ topicId: 't', start: new Date(), phone: '1', note: '' }));
      expect(error.kind).to.equal('unavailable');
      expect(error.retryAfter).to.equal(7);
      expect(error.transient).to.equal(true);
    });

    it('a failed fetch is a network error', async () => {
      const { backend } = backendWith(() => {
        throw new TypeError('Failed to fetch');
      });
      expect((await rejection(backend.createGrant(grantInput))).kind).to.equal('network');
    });

    it('no answer within timeoutMs is a timeout', async () => {
      const { backend } = backendWith(
        (call) => new Promise((_, reject) => call.signal!.addEventListener('abort', () => reject(call.signal!.reason))),
        { timeoutMs: 30, retries: 0 },
      );
      const error = await rejection(backend.getTenantInfo());
      expect(error.kind).to.equal('timeout');
    });

    it('the caller aborting during a request, or during the backoff, rejects with aborted', async () => {
      const hanging = backendWith((call) => new Promise((_, reject) => call.signal!.addEventListener('abort', () => reject(new DOMException('x', 'AbortError')))));
      const during = new AbortController();
      const pending = hanging.backend.getSession(during.signal);
      await until(() => hanging.calls.length === 1);
      during.abort();
      expect((await rejection(pending)).kind).to.equal('aborted');

      const failing = backendWith(() => errorBody(503, 'unavailable', null), { retryDelayMs: 10_000, maxRetryDelayMs: 10_000 });
      const backoff = new AbortController();
      const retrying = failing.backend.getSession(backoff.signal);
      await until(() => failing.calls.length === 1);
      backoff.abort();
      expect((await rejection(retrying)).kind).to.equal('aborted');
      expect(failing.calls.length).to.equal(1);
    });

    it('a malformed answer is invalid-response, naming the field', async () => {
      const session = (await wire(demo.getSession())) as Record<string, unknown>;
      const { backend } = backendWith((call) => {
        if (call.url.pathname.endsWith('/session')) return json({ ...session, rights: { unlockSupport: 'yes' } });
        if (call.url.pathname.endsWith('/tenant')) return new Response('not json', { status: 200 });
        return json({ nothing: true });
      });
      const bad = await rejection(backend.getSession());
      expect(bad.kind).to.equal('invalid-response');
      expect(bad.message).to.contain('rights.unlockSupport');
      expect((await rejection(backend.getTenantInfo())).kind).to.equal('invalid-response');
      expect((await rejection(backend.getCallbackBooking())).kind).to.equal('invalid-response');
    });
  });

  describe('retries', () => {
    it('retries a read after 503, 429 and network errors, then succeeds', async () => {
      const contact = await wire(demo.getContactInfo());
      const { backend, calls } = backendWith((_call, i) => {
        if (i === 0) return errorBody(503, 'unavailable', null);
        if (i === 1) throw new TypeError('Failed to fetch');
        return json(contact);
      });
      await backend.getContactInfo();
      expect(calls.length).to.equal(3);
    });

    it('gives up after `retries` retries with the last error', async () => {
      const { backend, calls } = backendWith(() => errorBody(503, 'unavailable', null), { retries: 3 });
      expect((await rejection(backend.listGrants())).kind).to.equal('unavailable');
      expect(calls.length).to.equal(4);
    });

    it('does not retry a read that failed for good (404, 401, invalid response)', async () => {
      const { backend, calls } = backendWith(() => errorBody(404, 'not-found', null));
      await rejection(backend.listCallbackWindows({ topicId: 'x' }));
      expect(calls.length).to.equal(1);
    });

    it('retries a chat send with the same Idempotency-Key; never other writes', async () => {
      const message = await wire(demo.sendChatMessage({ clientId: 'c-42', text: 'hello' }));
      const { backend, calls } = backendWith((call, i) => {
        if (call.url.pathname.endsWith('/chat/messages') && i === 0) throw new TypeError('Failed to fetch');
        if (call.url.pathname.endsWith('/chat/messages')) return json(message, 200);
        return errorBody(503, 'unavailable', null);
      });
      expect((await backend.sendChatMessage({ clientId: 'c-42', text: 'hello' })).clientId).to.equal('c-42');
      expect(calls.map((c) => c.headers.get('Idempotency-Key'))).to.deep.equal(['c-42', 'c-42']);
      expect(JSON.parse(calls[1]!.body!)).to.deep.equal({ clientId: 'c-42', text: 'hello' });
      for (const write of [
        () => backend.createGrant(grantInput),
        () => backend.revokeGrant('g'),
        () => backend.confirmUnlockToken('t', true),
        () => backend.bookCallback({ topicId: 't', start: new Date(), phone: '1', note: '' }),
        () => backend.changeCallback('b', { topicId: 't', start: new Date(), phone: '1', note: '' }),
        () => backend.cancelCallback('b'),
      ]) {
        const before = calls.length;
        await rejection(write());
        expect(calls.length - before).to.equal(1);
      }
    });

    it('waits as long as Retry-After says, capped by maxRetryDelayMs', async () => {
      const contact = await wire(demo.getContactInfo());
      const { backend, calls } = backendWith(
        (_c, i) => (i === 0 ? errorBody(503, 'unavailable', null, 'busy', { 'Retry-After': '120' }) : json(contact)),
        { maxRetryDelayMs: 150 },
      );
      const started = performance.now();
      await backend.getContactInfo();
      const waited = performance.now() - started;
      expect(calls.length).to.equal(2);
      expect(waited).to.be.within(140, 1500);
    });
  });

  describe('live events', () => {
    /** A controllable text/event-stream response. */
    function stream() {
      let controller!: ReadableStreamDefaultController<Uint8Array>;
      const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
      const encoder = new TextEncoder();
      return {
        response: new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } }),
        send: (text: string) => controller.enqueue(encoder.encode(text)),
        close: () => controller.close(),
      };
    }
    const chat = async (seq: number, text: string) => {
      const m = (await wire(demo.sendChatMessage({ clientId: `live-${seq}-${Math.random()}`, text }))) as Record<string, unknown>;
      return `event: chat-message\nid: ${seq}\ndata: ${JSON.stringify({ type: 'chat-message', message: { ...m, seq } })}\n\n`;
    };

    it('opens one shared stream, reconnects with Last-Event-ID and never delivers a message twice', async () => {
      const streams: ReturnType<typeof stream>[] = [];
      const { backend, calls } = backendWith(
        () => {
          const s = stream();
          streams.push(s);
          return s.response;
        },
        { reconnectDelayMs: 5, maxReconnectDelayMs: 20, token: () => 'tok' },
      );
      const a: SupportEvent[] = [];
      const b: SupportEvent[] = [];
      const controller = new AbortController();
      backend.subscribe((e) => a.push(e), controller.signal);
      backend.subscribe((e) => b.push(e), controller.signal);
      await until(() => streams.length === 1);
      expect(calls[0]!.url.pathname).to.equal('/support-api/v1/events');
      expect(calls[0]!.headers.get('Accept')).to.equal('text/event-stream');
      expect(calls[0]!.headers.get('Authorization')).to.equal('Bearer tok');
      expect(calls[0]!.headers.has('Last-Event-ID')).to.equal(false);

      streams[0]!.send('retry: 5\n\n: a comment\n\nevent: ready\nid: 5\ndata: {"headSeq":5}\n\n');
      streams[0]!.send(await chat(6, 'six'));
      streams[0]!.send('event: chat-typing\ndata: {"type":"chat-typing","typing":true,"name":"Lena"}\n\n');
      streams[0]!.send('event: something-new\ndata: {}\n\n'); // unknown events are ignored
      await until(() => a.length === 3);
      streams[0]!.close(); // the server went away

      await until(() => streams.length === 2);
      expect(calls[1]!.headers.get('Last-Event-ID')).to.equal('6');
      // The server replays from 6 on: a message the client has (6) and one it missed (7).
      streams[1]!.send((await chat(6, 'six')) + (await chat(7, 'seven')) + 'event: ready\nid: 7\ndata: {"headSeq":7}\n\n');
      await until(() => a.filter((e) => e.type === 'connection').length === 3);

      const summary = (events: SupportEvent[]) =>
        events.map((e) => (e.type === 'chat-message' ? e.message.text : e.type === 'connection' ? e.state : e.type));
      expect(summary(a)).to.deep.equal(['open', 'six', 'chat-typing', 'closed', 'seven', 'open']);
      expect(summary(b)).to.deep.equal(summary(a));
      expect(calls.length).to.equal(2);

      controller.abort();
      await until(() => calls[1]!.signal!.aborted);
    });

    it('a late subscriber gets connection open at once; the stream closes with the last subscriber', async () => {
      const s = stream();
      const { backend, calls } = backendWith(() => s.response);
      const first = new AbortController();
      backend.subscribe(() => {}, first.signal);
      await until(() => calls.length === 1);
      s.send('event: ready\nid: 0\ndata: {"headSeq":0}\n\n');
      await new Promise((r) => setTimeout(r, 20));
      const late: SupportEvent[] = [];
      const second = new AbortController();
      backend.subscribe((e) => late.push(e), second.signal);
      await until(() => late.length === 1);
      expect(late[0]).to.deep.equal({ type: 'connection', state: 'open' });
      first.abort();
      expect(calls[0]!.signal!.aborted).to.equal(false);
      second.abort();
      await until(() => calls[0]!.signal!.aborted);
    });

    it('a silent stream is declared dead after heartbeatTimeoutMs and reopened', async () => {
      const streams: ReturnType<typeof stream>[] = [];
      const { backend, calls } = backendWith(
        () => {
          const s = stream();
          streams.push(s);
          return s.response;
        },
        { heartbeatTimeoutMs: 80, reconnectDelayMs: 5 },
      );
      const events: SupportEvent[] = [];
      const controller = new AbortController();
      backend.subscribe((e) => events.push(e), controller.signal);
      await until(() => streams.length === 1);
      streams[0]!.send('event: ready\nid: 3\ndata: {"headSeq":3}\n\n');
      await until(() => streams.length === 2, 2000, 'a second connection');
      expect(events.map((e) => (e as { state?: string }).state)).to.deep.equal(['open', 'closed']);
      expect(calls[1]!.headers.get('Last-Event-ID')).to.equal('3');
      controller.abort();
    });

    for (const status of [401, 403]) {
      it(`reports a ${status} on the stream as connection: unauthorized and stops retrying`, async () => {
        const streams: ReturnType<typeof stream>[] = [];
        const { backend, calls } = backendWith(
          (_c, i) => {
            if (i > 0) return errorBody(status, status === 401 ? 'unauthorized' : 'forbidden', null);
            const s = stream();
            streams.push(s);
            return s.response;
          },
          { reconnectDelayMs: 5, maxReconnectDelayMs: 20 },
        );
        const events: SupportEvent[] = [];
        const controller = new AbortController();
        backend.subscribe((e) => events.push(e), controller.signal);
        await until(() => streams.length === 1);
        streams[0]!.send('event: ready\nid: 0\ndata: {"headSeq":0}\n\n');
        await until(() => events.length === 1);
        streams[0]!.close(); // signed out meanwhile: the reconnect is refused
        await until(() => events.length === 3);
        expect(events.map((e) => (e as { state?: string }).state)).to.deep.equal(['open', 'closed', 'unauthorized']);
        await new Promise((r) => setTimeout(r, 150));
        expect(calls.length, 'no retry after the refusal').to.equal(2);
        // A new subscription (signed in again) tries again.
        backend.subscribe(() => {}, controller.signal);
        await until(() => calls.length === 3);
        controller.abort();
      });
    }

    it('keeps retrying with backoff while the server refuses the stream, and drops invalid events', async () => {
      const warn = console.warn;
      const warnings: unknown[] = [];
      console.warn = (...args: unknown[]) => void warnings.push(args);
      try {
        let s: ReturnType<typeof stream> | undefined;
        const { backend, calls } = backendWith(
          (_c, i) => {
            if (i < 2) return errorBody(503, 'unavailable', null);
            s = stream();
            return s.response;
          },
          { reconnectDelayMs: 5 },
        );
        const events: SupportEvent[] = [];
        const controller = new AbortController();
        backend.subscribe((e) => events.push(e), controller.signal);
        await until(() => s !== undefined);
        s!.send('event: ready\nid: 0\ndata: {"headSeq":0}\n\nevent: chat-message\nid: 1\ndata: {"type":"chat-message","message":{"seq":"x"}}\n\n');
        s!.send('event: chat-typing\ndata: {"type":"chat-typing","typing":false,"name":null}\n\n');
        await until(() => events.length === 2);
        expect(events.map((e) => e.type)).to.deep.equal(['connection', 'chat-typing']);
        expect(calls.length).to.equal(3);
        expect(warnings.length).to.equal(1);
        controller.abort();
      } finally {
        console.warn = warn;
      }
    });
  });
});
