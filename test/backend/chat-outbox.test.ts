import { expect } from '@open-wc/testing';
import { SupportError, type OutboxRecord } from '../../src/backend/index.js';
import { memoryOutbox, OutboxQueue, type OutboxQueueOptions, type PendingChatMessage } from '../../src/backend/chat/chat-outbox.js';
import type { ChatMessage } from '../../src/core/index.js';
import { until } from '../helpers/backend.js';

const FAST = { baseMs: 5, maxMs: 40, factor: 2, jitter: 0.5 };

/**
 * A server that stores a clientId once, and a queue over a memory outbox that sends to it. `plan` decides each
 * attempt: 'ok', 'fail' (the request fails before the server), 'lost' (the server stores it, the answer is lost),
 * or a SupportError kind to refuse with.
 */
function setup(plan: (attempt: number, record: OutboxRecord) => string = () => 'ok', extra: Partial<OutboxQueueOptions> = {}) {
  const stored = new Map<string, ChatMessage>();
  const order: string[] = [];
  const sent: ChatMessage[] = [];
  const failed: PendingChatMessage[] = [];
  let attempts = 0;
  let seq = 0;
  const storage = memoryOutbox();
  const queue = new OutboxQueue({
    storage,
    policy: FAST,
    now: () => new Date(),
    mayReplay: () => true,
    send: async (record) => {
      attempts += 1;
      const what = plan(attempts, record);
      if (what === 'fail') throw new SupportError('network', 'offline');
      if (what !== 'ok' && what !== 'lost') throw new SupportError(what as 'invalid-request', 'refused');
      let message = stored.get(record.clientId);
      if (!message) {
        message = { id: `m${++seq}`, clientId: record.clientId, seq, author: 'customer', authorName: 'Anna', text: record.text, sentAt: new Date() };
        stored.set(record.clientId, message);
        order.push(record.text);
      }
      if (what === 'lost') throw new SupportError('network', 'answer lost');
      return message;
    },
    onChange: () => {},
    onSent: (message) => {
      sent.push(message);
      queue.confirm([message]);
    },
    onAttemptFailed: (_error, first) => first && failed.push(first),
    onStored: () => {},
    ...extra,
  });
  const signal = new AbortController().signal;
  return { queue, storage, stored, order, sent, failed, signal, attempts: () => attempts };
}

describe('chat: OutboxQueue', () => {
  it('stores a message before sending it, then sends it once and empties the outbox', async () => {
    const { queue, storage, stored, signal } = setup();
    const id = await queue.add('  Hallo  ');
    expect((await storage.list()).map((r) => r.clientId)).to.deep.equal([id]);
    expect(queue.pending.map((p) => [p.clientId, p.text, p.state])).to.deep.equal([[id, 'Hallo', 'sending']]);
    await queue.replay(signal);
    expect(stored.get(id)?.text).to.equal('Hallo');
    expect(await storage.list()).to.deep.equal([]);
    expect(queue.pending).to.deep.equal([]);
  });

  it('delivers every message exactly once, in order, while sends fail and answers get lost', async () => {
    let n = 0;
    const { queue, stored, order, signal } = setup(() => ['fail', 'lost', 'ok'][n++ % 3]!);
    const texts = Array.from({ length: 12 }, (_, i) => `message ${i}`);
    for (const text of texts) await queue.add(text);
    void queue.replay(signal);
    await until(() => queue.pending.length === 0, 5000, 'all delivered');
    expect(stored.size).to.equal(12);
    expect(order).to.deep.equal(texts);
  });

  it('backs off after a transient failure and shows the message as failed but retrying', async () => {
    let n = 0;
    const { queue, failed, signal, attempts } = setup(() => (n++ < 2 ? 'fail' : 'ok'));
    const id = await queue.add('later');
    await queue.replay(signal);
    expect(attempts()).to.equal(1);
    expect(queue.pending[0]).to.include({ clientId: id, state: 'failed', error: 'network', retrying: true, attempts: 1 });
    expect(failed.map((p) => p.clientId), 'reported on its first failure only').to.deep.equal([id]);
    await until(() => queue.pending.length === 0, 3000, 'retried by itself');
    expect(attempts()).to.equal(3);
    expect(failed).to.have.length(1);
  });

  it('holds a refused message for the user and lets nothing overtake a waiting one', async () => {
    const { queue, stored, signal } = setup((_n, record) => (record.text === 'bad' && !retried ? 'invalid-request' : 'ok'));
    let retried = false;
    const bad = await queue.add('bad');
    await queue.replay(signal);
    expect(queue.pending[0]).to.include({ clientId: bad, state: 'failed', retrying: false });
    // A refused message waits for the user; it does not block the ones after it.
    await queue.add('next');
    await queue.replay(signal);
    expect([...stored.values()].map((m) => m.text)).to.deep.equal(['next']);
    retried = true;
    await queue.retry(bad);
    await queue.replay(signal, true);
    expect([...stored.values()].map((m) => m.text)).to.deep.equal(['next', 'bad']);
  });

  it('keeps the order while a message waits for its backoff', async () => {
    let n = 0;
    const { queue, order, signal } = setup(() => (n++ === 0 ? 'fail' : 'ok'));
    await queue.add('first');
    await queue.replay(signal);
    await queue.add('second');
    await queue.replay(signal); // 'first' is not due yet: 'second' must wait behind it
    expect(order).to.deep.equal([]);
    await until(() => queue.pending.length === 0, 3000, 'both sent');
    expect(order).to.deep.equal(['first', 'second']);
  });

  it('drops discarded and confirmed records, and sends nothing while it may not', async () => {
    let may = false;
    const { queue, storage, stored, signal } = setup(undefined, { mayReplay: () => may });
    const a = await queue.add('a');
    const b = await queue.add('b');
    await queue.replay(signal);
    expect(stored.size, 'another tab sends').to.equal(0);
    await queue.discard(a);
    queue.confirm([{ id: 'x', clientId: b, seq: 1, author: 'customer', authorName: 'Anna', text: 'b', sentAt: new Date() }]);
    expect(queue.pending).to.deep.equal([]);
    await until(async () => (await storage.list()).length === 0);
    may = true;
    await queue.replay(signal);
    expect(stored.size).to.equal(0);
  });

  it('reads records another tab stored, keeping its own not yet written', async () => {
    const { queue, storage } = setup();
    await storage.put({ clientId: 'other', text: 'from another tab', createdAt: new Date(1), attempts: 1, lastAttemptAt: new Date(), lastError: 'network' });
    await queue.load();
    expect(queue.pending.map((p) => [p.clientId, p.state])).to.deep.equal([['other', 'failed']]);
  });
});
