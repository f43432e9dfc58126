import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { referenceServerSubjects, type ReferenceServerSubject } from '../../src/testing/index.js';
import { controlFetch } from './control-fetch.js';

/**
 * Races decided by PostgreSQL when two reference-server processes share one database (issue 17 items 2 and 5): the
 * requests of each race are spread over both instances and sent at once. A revoke counts once (the rows its UPDATE
 * changed) and emits one event, which reaches streams on both instances; one booking per customer; and the callback
 * capacity across customers — a race no single statement decides — holds under SERIALIZABLE with retries.
 */

const server = (payload: Record<string, unknown>) => executeServerCommand<{ url: string }, unknown>('reference-server', payload);

async function until(predicate: () => unknown, timeout: number, message: string): Promise<void> {
  const start = performance.now();
  while (!predicate()) {
    if (performance.now() - start > timeout) throw new Error(`Timed out waiting for ${message}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Counts `event: <name>` frames on a stream. */
async function countEvents(api: string, token: string, name: string) {
  const controller = new AbortController();
  const response = await fetch(`${api}/events`, { headers: { Authorization: `Bearer ${token}` }, signal: controller.signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const stream = { text: '', count: () => stream.text.split(`event: ${name}\n`).length - 1, abort: () => controller.abort() };
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      stream.text += value;
    }
  })();
  await until(() => stream.text.includes('event: ready'), 10_000, 'the ready frame');
  return stream;
}

describe('reference server on PostgreSQL: races across two instances', () => {
  let a: string;
  let b: string;
  const subjects: ReferenceServerSubject[] = [];
  const subject = async () => {
    const s = await referenceServerSubjects(a, { fetch: controlFetch })();
    subjects.push(s);
    return s;
  };
  const call = (instance: string, s: ReferenceServerSubject, method: string, path: string, body?: unknown) =>
    fetch(`${s.baseUrl.replace(a, instance)}${path}`, {
      method,
      headers: { Authorization: `Bearer ${s.token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  before(async function () {
    this.timeout(60_000);
    ({ url: a } = await server({ action: 'start', name: 'pg-race-a', engine: 'postgres' }));
    ({ url: b } = await server({ action: 'start', name: 'pg-race-b', sameDatabaseAs: 'pg-race-a' }));
  });
  after(async () => {
    for (const s of subjects) await s.dispose?.();
    await server({ action: 'stop', name: 'pg-race-b' });
    await server({ action: 'stop', name: 'pg-race-a' });
  });

  it('/health answers 200 naming the database it checked', async () => {
    for (const instance of [a, b]) {
      const response = await fetch(`${instance}/health`);
      expect(response.status).to.equal(200);
      expect(await response.json()).to.deep.equal({ ok: true, database: 'postgres' });
    }
  });

  it('20 concurrent revokes of one grant on two instances: one 200, the rest 409, one grant-changed on each instance', async function () {
    this.timeout(30_000);
    const s = await subject();
    // Streams first, then the grant: its creation event is awaited on both, so a late creation event (read back
    // after its notification) cannot be counted as a revocation.
    const streams = [await countEvents(s.baseUrl, s.token, 'grant-changed'), await countEvents(s.baseUrl.replace(a, b), s.token, 'grant-changed')];
    try {
      const grant = await s.backend.createGrant({ grantee: { kind: 'department', id: 'dep-support' }, dataExport: false, duration: '1w' });
      await until(() => streams.every((x) => x.count() >= 1), 10_000, 'the grant creation on both instances');
      await new Promise((r) => setTimeout(r, 300));
      const created = streams.map((x) => x.count());
      expect(created, 'one creation event on each instance').to.deep.equal([1, 1]);
      const path = `/grants/${encodeURIComponent(grant.id)}/revoke`;
      const statuses = (await Promise.all(Array.from({ length: 20 }, (_, i) => call(i % 2 ? b : a, s, 'POST', path)))).map((r) => r.status);
      expect(statuses.filter((x) => x === 200).length, statuses.join(',')).to.equal(1);
      expect(statuses.filter((x) => x === 409).length, statuses.join(',')).to.equal(19);
      await until(() => streams.every((x) => x.count() >= 2), 10_000, 'the grant change on both instances');
      await new Promise((r) => setTimeout(r, 300));
      expect(streams.map((x) => x.count()), 'one revocation event on each instance').to.deep.equal([2, 2]);
    } finally {
      for (const x of streams) x.abort();
    }
  });

  it('one booking per customer and the capacity of a window hold when customers book at once on both instances', async function () {
    this.timeout(60_000);
    const customers = await Promise.all(Array.from({ length: 16 }, () => subject()));
    const windows = (await (await call(a, customers[0]!, 'GET', '/callback/windows?topicId=short-question')).json()) as { start: string; available: boolean }[];
    const window = windows.find((w) => w.available)!;
    expect(window, 'a free window').to.not.equal(undefined);
    const book = (instance: string, s: ReferenceServerSubject, i: number) =>
      call(instance, s, 'POST', '/callback/booking', { topicId: 'short-question', start: window.start, phone: '+49 241 123456', note: `race ${i}` });
    // Every customer books the same window twice, spread over both instances: the capacity is 2.
    const attempts = customers.flatMap((s, c) => Array.from({ length: 2 }, (_, k) => ({ s, c, instance: (c + k) % 2 ? b : a })));
    const answers = await Promise.all(attempts.map(({ s, c, instance }, i) => book(instance, s, i).then(async (r) => ({ c, status: r.status, body: await r.text() }))));
    const created = answers.filter((x) => x.status === 201);
    expect(created.length, answers.map((x) => `${x.c}:${x.status}`).join(' ')).to.equal(2);
    expect(new Set(created.map((x) => x.c)).size, 'two different customers').to.equal(2);
    expect(answers.every((x) => x.status === 201 || x.status === 409), answers.map((x) => `${x.status} ${x.body}`).join('\n')).to.equal(true);
    const booked = await Promise.all(customers.map(async (s) => ((await (await call(b, s, 'GET', '/callback/booking')).json()) as { booking: unknown }).booking));
    expect(booked.filter((x) => x !== null).length).to.equal(2);
  });
});
