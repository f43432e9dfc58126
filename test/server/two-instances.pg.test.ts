import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { referenceServerSubjects, type ReferenceServerSubject } from '../../src/testing/index.js';
import { controlFetch } from './control-fetch.js';

/**
 * Two reference-server processes on one PostgreSQL database (issue 17, items 3 and 5): live events cross instances by
 * LISTEN/NOTIFY, and a client whose instance is killed (SIGKILL) reconnects to the other with Last-Event-ID and
 * misses nothing. The test runner starts a throwaway cluster; without PostgreSQL these tests fail, never skip.
 */

const server = (payload: Record<string, unknown>) => executeServerCommand<{ url: string }, unknown>('reference-server', payload);

/** Polls with timers (requestAnimationFrame does not run in a background tab of the concurrent test run). */
async function until(predicate: () => unknown, timeout: number, message: string): Promise<void> {
  const start = performance.now();
  while (!predicate()) {
    if (performance.now() - start > timeout) throw new Error(`Timed out waiting for ${message}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface Frame {
  readonly event: string;
  readonly id: string | null;
  readonly data: unknown;
}

/** An event stream read with fetch, parsed into frames as they arrive. */
async function openEvents(api: string, token: string, lastEventId?: string) {
  const controller = new AbortController();
  const response = await fetch(`${api}/events`, {
    headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream', ...(lastEventId === undefined ? {} : { 'Last-Event-ID': lastEventId }) },
    signal: controller.signal,
  });
  expect(response.status).to.equal(200);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const stream = { frames: [] as Frame[], ended: false, abort: () => controller.abort() };
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const field = (name: string) => block.split('\n').find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2) ?? null;
          const event = field('event');
          const data = field('data');
          if (event) stream.frames.push({ event, id: field('id'), data: data === null ? null : JSON.parse(data) });
        }
      }
    } catch {
      // aborted, or the instance died
    }
    stream.ended = true;
  })();
  await until(() => stream.frames.some((f) => f.event === 'ready') || stream.ended, 10_000, 'the ready frame');
  return stream;
}
type Stream = Awaited<ReturnType<typeof openEvents>>;

const chatSeqs = (s: Stream) => s.frames.filter((f) => f.event === 'chat-message').map((f) => Number(f.id));
const count = (s: Stream, event: string) => s.frames.filter((f) => f.event === event).length;

describe('reference server on PostgreSQL: two instances, one database', () => {
  let a: string;
  let b: string;
  let subject: ReferenceServerSubject;
  const on = (instance: string) => subject.baseUrl.replace(a, instance);
  const post = (instance: string, path: string, body: unknown) =>
    fetch(`${on(instance)}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${subject.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  before(async function () {
    this.timeout(60_000);
    ({ url: a } = await server({ action: 'start', name: 'pg-a', engine: 'postgres' }));
    ({ url: b } = await server({ action: 'start', name: 'pg-b', sameDatabaseAs: 'pg-a' }));
    subject = await referenceServerSubjects(a, { fetch: controlFetch })();
  });
  after(async () => {
    await server({ action: 'stop', name: 'pg-b' });
    await server({ action: 'stop', name: 'pg-a' });
  });

  it('every event reaches streams on either instance: 0 lost, 0 duplicated', async function () {
    this.timeout(60_000);
    const streams = [await openEvents(on(a), subject.token), await openEvents(on(b), subject.token)];
    try {
      // Chat sent through both instances at once, a support message, typing, a login and a grant: every kind of event.
      const sends = Array.from({ length: 30 }, (_, i) => post(i % 2 ? b : a, '/chat/messages', { clientId: `two-${i}`, text: `message ${i}` }));
      const statuses = (await Promise.all(sends)).map((r) => r.status);
      expect(statuses.every((s) => s === 201), statuses.join(',')).to.equal(true);
      await subject.control.pushSupportMessage('from support');
      const typing = await controlFetch(`${b}/__test/tenants/${encodeURIComponent(subject.tenantId)}/typing`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ typing: true, name: 'Lena Hoffmann' }),
      });
      expect(typing.status).to.equal(204);
      const grant = await post(b, '/grants', { grantee: { kind: 'department', id: 'dep-support' }, dataExport: false, duration: '1h' });
      expect(grant.status).to.equal(201);
      const login = await subject.control.startSupportLogin(); // needs the grant
      expect(login).to.not.equal(null);

      for (const [i, s] of streams.entries()) {
        const name = i === 0 ? 'instance a' : 'instance b';
        await until(() => chatSeqs(s).length >= 31 && count(s, 'grant-changed') >= 1 && count(s, 'login-started') >= 1, 15_000, `every event on ${name}`);
        await new Promise((r) => setTimeout(r, 300)); // anything extra (a duplicate) would arrive now
        const seqs = chatSeqs(s);
        expect(seqs.length, `${name}: chat messages`).to.equal(31);
        expect(new Set(seqs).size, `${name}: no duplicates`).to.equal(31);
        expect([...seqs].sort((x, y) => x - y), `${name}: in seq order`).to.deep.equal(seqs);
        expect(count(s, 'chat-typing'), `${name}: typing`).to.equal(1);
        expect(count(s, 'login-started'), `${name}: login`).to.equal(1);
        expect(count(s, 'grant-changed'), `${name}: grant`).to.equal(1);
      }
      expect(chatSeqs(streams[0]!)).to.deep.equal(chatSeqs(streams[1]!));
    } finally {
      for (const s of streams) s.abort();
    }
  });

  it('kill -9 of one instance mid-stream: its client reconnects to the other with Last-Event-ID and misses nothing', async function () {
    this.timeout(60_000);
    const first = await openEvents(on(b), subject.token);
    const sent: number[] = [];
    let sending = true;
    // A writer on instance a, all the while.
    const writer = (async () => {
      for (let i = 0; sending && i < 200; i += 1) {
        const response = await post(a, '/chat/messages', { clientId: `kill-${i}`, text: `kill ${i}` });
        expect(response.status).to.equal(201);
        sent.push(((await response.json()) as { seq: number }).seq);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    let second: Stream | undefined;
    try {
      await until(() => chatSeqs(first).length >= 5, 10_000, 'some messages on instance b');
      await server({ action: 'kill', name: 'pg-b' });
      await until(() => first.ended, 5000, 'the stream of the killed instance to end');
      const seen = chatSeqs(first);
      const lastId = [...first.frames].reverse().find((f) => f.id !== null)!.id!;
      second = await openEvents(on(a), subject.token, lastId);
      await new Promise((r) => setTimeout(r, 500));
      sending = false;
      await writer;
      await until(() => chatSeqs(second!).length > 0 && Math.max(...chatSeqs(second!)) >= Math.max(...sent), 10_000, 'the last message on instance a');
      const all = [...seen, ...chatSeqs(second)];
      expect(new Set(all).size, 'no duplicates across the reconnect').to.equal(all.length);
      const before = sent.filter((seq) => seq <= Math.max(...seen));
      expect(
        all.filter((seq) => sent.includes(seq)).sort((x, y) => x - y),
        'every message sent while streaming arrived once',
      ).to.deep.equal([...sent].filter((seq) => seq >= Math.min(...before)).sort((x, y) => x - y));
    } finally {
      sending = false;
      await writer.catch(() => {});
      first.abort();
      second?.abort();
      await server({ action: 'revive', name: 'pg-b' });
    }
  });
});
