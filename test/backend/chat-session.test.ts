import { expect } from '@open-wc/testing';
import {
  ChatSession,
  DEFAULT_RETRY_POLICY,
  createCachingBackend,
  createDemoBackend,
  isRetryable,
  retryDelay,
  SupportError,
  withFaults,
  type SupportBackend,
  type SupportEvent,
} from '../../src/backend/index.js';
import { prefetchChat } from '../../src/backend/chat/chat-prefetch.js';
import { createRandom } from '../../src/backend/fixtures/random.js';
import type { ChatMessage } from '../../src/core/index.js';
import { testBackends, until } from '../helpers/backend.js';

const FAST = { baseMs: 5, maxMs: 40, factor: 2, jitter: 0.5 };

describe('chat: retryDelay', () => {
  const policy = { baseMs: 1000, maxMs: 30_000, factor: 2, jitter: 0 };
  const cases: [attempts: number, expected: number][] = [
    [0, 0],
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [5, 16_000],
    [6, 30_000],
    [50, 30_000],
  ];
  for (const [attempts, expected] of cases) {
    it(`${attempts} failed attempts → ${expected} ms`, () => expect(retryDelay(attempts, policy)).to.equal(expected));
  }
  it('jitter takes off up to its share, never adds', () => {
    const jittered = { ...policy, jitter: 0.5 };
    expect(retryDelay(3, jittered, () => 0)).to.equal(4000);
    expect(retryDelay(3, jittered, () => 0.999)).to.be.within(2000, 2010);
  });
  it('defaults: 1 s doubling up to 30 s', () => expect(DEFAULT_RETRY_POLICY).to.include({ baseMs: 1000, maxMs: 30_000, factor: 2 }));
  it('retries network, timeout and unavailable by itself; nothing else', () => {
    expect(['network', 'timeout', 'unavailable'].every(isRetryable)).to.equal(true);
    expect(['invalid-request', 'unauthorized', 'forbidden', 'conflict', 'invalid-response', null].some(isRetryable)).to.equal(false);
  });
});

describe('chat: ChatSession', () => {
  let env: ReturnType<typeof testBackends>;
  const sessions: ChatSession[] = [];
  const caches: ReturnType<typeof createCachingBackend>[] = [];
  /** A caching backend over `inner` on this test's database (another tab or a reload). */
  const cache = (inner: SupportBackend, scope = env.scope) => {
    const backend = createCachingBackend(inner, { scope });
    caches.push(backend);
    return backend;
  };
  const open = (backend: SupportBackend, options: ConstructorParameters<typeof ChatSession>[1] = {}) => {
    const session = new ChatSession(backend, { retry: FAST, ...options });
    sessions.push(session);
    session.start();
    return session;
  };
  beforeEach(() => {
    env = testBackends();
  });
  afterEach(async () => {
    sessions.splice(0).forEach((s) => s.stop());
    caches.splice(0).forEach((c) => c.close());
    await env.cleanup();
  });

  it('loads the history, oldest first, only the last 21 days', async () => {
    const session = open(env.cached);
    await until(() => session.status === 'ready' && !session.fromCache);
    const all = await env.demo.listChatMessages();
    expect(session.messages.map((m) => m.id)).to.deep.equal(all.map((m) => m.id));
    expect(session.messages.length).to.be.greaterThan(5);
    const seqs = session.messages.map((m) => m.seq);
    expect(seqs).to.deep.equal([...seqs].sort((a, b) => a - b));
  });

  it('paints from the cache before the backend answers, then reconciles', async () => {
    const first = open(env.cached);
    await until(() => first.status === 'ready' && !first.fromCache);
    await until(async () => (await env.cached.peek('listChatMessages'))?.value.length === first.messages.length);
    first.stop();
    const slow = withFaults(env.demo, { latencyMs: 10_000 });
    const second = open(cache(slow));
    await until(() => second.status === 'ready');
    expect(second.fromCache).to.equal(true);
    expect(second.messages.length).to.equal(first.messages.length);
  });

  it('paints the newest 100 cached messages first, then the rest once the page is idle', async () => {
    const long = testBackends({ history: false, chatMessages: 250 });
    try {
      await long.cached.listChatMessages();
      expect((await long.cached.peek('listChatMessages'))!.value).to.have.length(250);
      const session = open(cache(withFaults(long.demo, { latencyMs: 10_000 }), long.scope));
      await until(() => session.status === 'ready');
      expect(session.fromCache).to.equal(true);
      expect(session.messages.length, 'the newest 100 first').to.equal(100);
      await until(() => session.messages.length === 250, 3000, 'the rest of the cache');
      expect(session.fromCache).to.equal(true);
    } finally {
      await long.cleanup();
    }
  });

  it('takes cache reads started before it over (prefetchChat); ignores a prefetch made for another backend', async () => {
    const first = open(env.cached);
    await until(() => first.status === 'ready' && !first.fromCache);
    await until(async () => (await env.cached.peek('listChatMessages'))?.value.length === first.messages.length);
    first.stop();
    const slow = cache(withFaults(env.demo, { latencyMs: 10_000 }));
    // A prefetch whose reads answer something the cache does not hold shows that the session used it.
    const stored = (await slow.peek('listChatMessages', { last: 100 }))!;
    const marked = { ...stored, value: stored.value.slice(-2) };
    const prefetch = { ...prefetchChat(slow)!, tail: Promise.resolve(marked) };
    const second = open(slow, { prefetch });
    await until(() => second.status === 'ready');
    expect(second.fromCache).to.equal(true);
    expect(second.messages.map((m) => m.id)).to.deep.equal(marked.value.map((m) => m.id));
    const third = open(cache(withFaults(env.demo, { latencyMs: 10_000 })), { prefetch });
    await until(() => third.status === 'ready');
    expect(third.messages.length, 'its own reads, not the other backend\'s').to.equal(first.messages.length);
  });

  it('sends: pending at once, then confirmed exactly once', async () => {
    const session = open(env.cached);
    await until(() => session.status === 'ready');
    const clientId = await session.send('  Hallo Support\nzweite Zeile  ');
    expect(session.pending.map((p) => p.clientId)).to.include(clientId);
    await until(() => session.pending.length === 0);
    const mine = session.messages.filter((m) => m.clientId === clientId);
    expect(mine).to.have.length(1);
    expect(mine[0]!.text).to.equal('Hallo Support\nzweite Zeile');
    expect(env.demo.control.chatMessageCount(clientId)).to.equal(1);
    expect(await env.cached.outbox.list()).to.deep.equal([]);
  });

  it('refuses empty and too long messages', async () => {
    const session = open(env.cached, { maxLength: 10 });
    for (const text of ['', '  \n ', 'x'.repeat(11)]) {
      let error: unknown;
      await session.send(text).catch((e) => (error = e));
      expect(error, JSON.stringify(text)).to.have.property('kind', 'invalid-request');
    }
    expect(session.pending).to.have.length(0);
  });

  it('delivers every message exactly once while 30 % of sends fail and 20 % of responses are lost', async () => {
    const faulty = withFaults(env.demo, { errorRate: 0.3, dropRate: 0.2, methods: ['sendChatMessage'] }, createRandom(7).next);
    const session = open(cache(faulty));
    await until(() => session.status === 'ready');
    const ids: string[] = [];
    for (let i = 0; i < 20; i += 1) ids.push(await session.send(`Nachricht ${i + 1}`));
    await until(() => session.pending.length === 0, 15_000, 'all delivered');
    for (const id of ids) expect(env.demo.control.chatMessageCount(id), id).to.equal(1);
    expect(faulty.calls['sendChatMessage']).to.be.greaterThan(20); // some were retried
    const mine = session.messages.filter((m) => m.clientId && ids.includes(m.clientId));
    expect(mine.map((m) => m.text)).to.deep.equal(ids.map((_, i) => `Nachricht ${i + 1}`)); // in order
  });

  it('keeps unsent messages in IndexedDB across a reload and sends them once when back online', async () => {
    const offline = withFaults(env.demo, { offline: true });
    const cachedOffline = cache(offline);
    const first = open(cachedOffline);
    const clientId = await first.send('offline geschrieben');
    await until(() => first.pending[0]?.state === 'failed');
    expect(first.pending[0]).to.include({ error: 'network', retrying: true });
    expect(first.offline).to.equal(true);
    first.stop();
    cachedOffline.close();
    expect((await env.cached.outbox.list()).map((r) => r.clientId)).to.deep.equal([clientId]);

    const second = open(cache(env.demo));
    await until(() => second.pending.length === 0 && second.messages.some((m) => m.clientId === clientId));
    expect(env.demo.control.chatMessageCount(clientId)).to.equal(1);
  });

  it('does not resend what the server stored before a reload (lost response): the listing shows it', async () => {
    const dropping = withFaults(env.demo, { dropRate: 1, methods: ['sendChatMessage'] });
    const quiet: SupportBackend = { ...dropping, subscribe: () => {} }; // no live echo either
    const first = open(cache(quiet));
    const clientId = await first.send('angekommen, Antwort verloren');
    await until(() => first.pending[0]?.state === 'failed');
    first.stop();
    const counting = withFaults(env.demo);
    const second = open(cache(counting));
    await until(() => second.pending.length === 0 && second.messages.some((m) => m.clientId === clientId));
    expect(counting.calls['sendChatMessage'] ?? 0).to.equal(0);
    expect(env.demo.control.chatMessageCount(clientId)).to.equal(1);
  });

  it('catches up completely after a reconnect: 500 missed messages, no duplicates', async () => {
    const faulty = withFaults(env.demo);
    const session = open(cache(faulty));
    await until(() => session.status === 'ready' && session.connection === 'open');
    const before = session.messages.length;
    faulty.set({ offline: true });
    await until(() => session.connection === 'closed');
    for (let i = 0; i < 500; i += 1) env.demo.control.pushSupportMessage(`verpasst ${i}`);
    await new Promise((r) => setTimeout(r, 20));
    expect(session.messages.length).to.equal(before);
    const incoming: ChatMessage[][] = [];
    session.addEventListener('incoming', (e) => incoming.push((e as CustomEvent<ChatMessage[]>).detail));
    faulty.set({ offline: false });
    await until(() => session.messages.length === before + 500);
    expect(new Set(session.messages.map((m) => m.id)).size).to.equal(session.messages.length);
    expect(session.messages.at(-1)!.text).to.equal('verpasst 499');
    expect(incoming.flat()).to.have.length(500);
    expect(faulty.calls['listChatMessages']).to.equal(2);
  });

  it('drops messages at 21 days to the millisecond (tenant zone), also while running', async () => {
    const now = new Date('2026-11-25T10:00:00Z');
    let clock = now;
    const message = (id: string, seq: number, sentAt: string): ChatMessage => ({
      id, clientId: null, seq, author: 'support', authorName: 'Lena', text: id, sentAt: new Date(sentAt),
    });
    const backend: SupportBackend = {
      ...env.demo,
      listChatMessages: async () => [
        message('too-old', 1, '2026-11-04T09:59:59.999Z'),
        message('boundary', 2, '2026-11-04T10:00:00.000Z'),
        message('later', 3, '2026-11-04T10:00:00.001Z'),
      ],
      subscribe: () => {},
    };
    const session = open(backend, { now: () => clock });
    await until(() => session.status === 'ready');
    expect(session.messages.map((m) => m.id)).to.deep.equal(['boundary', 'later']);
    clock = new Date(now.getTime() + 1);
    await session.reload();
    expect(session.messages.map((m) => m.id)).to.deep.equal(['later']);
  });

  it('drops cached messages the backend no longer lists, even after its last sequence number (a reset server)', async () => {
    const msg = (id: string, seq: number): ChatMessage => ({ id, clientId: null, seq, author: 'support', authorName: 'Lena', text: id, sentAt: new Date() });
    const before: SupportBackend = { ...env.demo, listChatMessages: async () => [msg('a1', 1), msg('a2', 2), msg('a3', 3)] };
    const first = open(cache(before));
    await until(() => first.messages.length === 3 && !first.fromCache);
    first.stop();
    const after: SupportBackend = { ...env.demo, listChatMessages: async () => [msg('b1', 1)], subscribe: () => {} };
    const second = open(cache(after));
    await until(() => second.status === 'ready' && !second.fromCache);
    expect(second.messages.map((m) => m.id)).to.deep.equal(['b1']);
  });

  it('works without a cache: an in-memory outbox that survives errors', async () => {
    const faulty = withFaults(env.demo, { offline: true });
    const session = open(faulty);
    const clientId = await session.send('ohne Cache');
    await until(() => session.pending[0]?.state === 'failed');
    expect(session.sending).to.equal(true);
    faulty.set({ offline: false });
    await until(() => session.pending.length === 0);
    expect(env.demo.control.chatMessageCount(clientId)).to.equal(1);
  });

  it('holds a refused message for the user: retry or discard', async () => {
    let refuse = true;
    const backend: SupportBackend = {
      ...env.demo,
      sendChatMessage: async (input, signal) => {
        if (refuse) throw Object.assign(new Error('nope'), { name: 'x' });
        return env.demo.sendChatMessage(input, signal);
      },
    };
    const failing = withFaults(backend);
    const session = open(cache(failing));
    await until(() => session.status === 'ready');
    const a = await session.send('eins');
    await until(() => session.pending[0]?.state === 'failed');
    // `unavailable` (an unknown error) is retried by itself; a refusal is not:
    refuse = false;
    await until(() => session.pending.length === 0);
    expect(env.demo.control.chatMessageCount(a)).to.equal(1);

    const refusing: SupportBackend = {
      ...env.demo,
      sendChatMessage: async () => {
        throw new SupportError('invalid-request', 'refused', { reason: 'invalid-input' });
      },
    };
    const strict = open(cache(refusing, { ...env.scope, userId: 'other' }));
    await until(() => strict.status === 'ready');
    const b = await strict.send('abgelehnt');
    await until(() => strict.pending[0]?.state === 'failed');
    expect(strict.pending[0]).to.include({ error: 'invalid-request', retrying: false });
    const attempts = strict.pending[0]!.attempts;
    await new Promise((r) => setTimeout(r, 100));
    expect(strict.pending[0]!.attempts, 'no automatic retries').to.equal(attempts);
    await strict.retry(b);
    await until(() => strict.pending[0]?.attempts === attempts + 1);
    await strict.discard(b);
    expect(strict.pending).to.have.length(0);
    strict.stop();
    await createCachingBackend(env.demo, { scope: { ...env.scope, userId: 'other' } }).clear();
  });

  it('two tabs: exactly one sends the shared outbox, both show every message; the other takes over', async () => {
    const faultyA = withFaults(env.demo, { offline: true });
    const faultyB = withFaults(env.demo, { offline: true });
    const a = open(cache(faultyA));
    await until(() => a.sending);
    const b = open(cache(faultyB));
    await new Promise((r) => setTimeout(r, 50));
    expect(b.sending, 'B waits for the lock').to.equal(false);
    const fromA = await a.send('aus Tab A');
    const fromB = await b.send('aus Tab B');
    await until(() => a.pending.length === 2 && b.pending.length === 2, 3000, 'both tabs list both pending messages');
    faultyA.set({ offline: false });
    faultyB.set({ offline: false });
    await until(() => a.pending.length === 0 && b.pending.length === 0);
    for (const id of [fromA, fromB]) {
      expect(env.demo.control.chatMessageCount(id)).to.equal(1);
      expect(a.messages.some((m) => m.clientId === id)).to.equal(true);
      expect(b.messages.some((m) => m.clientId === id)).to.equal(true);
    }
    expect(faultyB.calls['sendChatMessage'] ?? 0, 'B never sent').to.equal(0);

    // A closes: B takes over the outbox.
    a.stop();
    await until(() => b.sending);
    faultyB.set({ offline: true });
    const later = await b.send('nach dem Schließen von A');
    faultyB.set({ offline: false });
    await until(() => env.demo.control.chatMessageCount(later) === 1 && b.pending.length === 0);
  });

  it('counts unread support messages; marking read in one tab clears the other', async () => {
    const a = open(cache(env.demo));
    const b = open(cache(env.demo));
    await until(() => a.status === 'ready' && b.status === 'ready');
    expect(a.unread, 'history counts as read').to.equal(0);
    env.demo.control.pushSupportMessage('eins');
    env.demo.control.pushSupportMessage('zwei');
    await until(() => a.unread === 2 && b.unread === 2);
    a.markRead();
    expect(a.unread).to.equal(0);
    await until(() => b.unread === 0);
    a.stop();
    b.stop();
    const c = open(cache(env.demo));
    env.demo.control.pushSupportMessage('drei');
    await until(() => c.unread === 1, 3000, 'the read marker survives a reload');
  });

  it('shows support typing until the reply arrives (or a lost "stopped" times out)', async () => {
    let emit: (event: SupportEvent) => void = () => {};
    const backend: SupportBackend = { ...env.demo, subscribe: (listener) => void (emit = listener) };
    const session = open(backend, { typingTimeoutMs: 50 });
    await until(() => session.status === 'ready');
    emit({ type: 'chat-typing', typing: true, name: 'Lena Hoffmann' });
    await until(() => session.typing?.name === 'Lena Hoffmann');
    await until(() => session.typing === null, 1000, 'the timeout');
    emit({ type: 'chat-typing', typing: true, name: 'Lena Hoffmann' });
    await until(() => session.typing !== null);
    emit({ type: 'chat-message', message: { id: 'x1', clientId: null, seq: 9999, author: 'support', authorName: 'Lena Hoffmann', text: 'Hallo', sentAt: new Date() } });
    await until(() => session.typing === null);
  });
});
