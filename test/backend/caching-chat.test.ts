import { expect } from '@open-wc/testing';
import { createCachingBackend, createDemoBackend, type OutboxRecord, type SupportBackend } from '../../src/backend/index.js';
import { openCacheDatabase } from '../../src/backend/cache/db.js';
import type { ChatMessage } from '../../src/core/index.js';
import { testBackends } from '../helpers/backend.js';

const record = (clientId: string, minute: number): OutboxRecord => ({
  clientId,
  text: `text ${clientId}`,
  createdAt: new Date(Date.UTC(2026, 10, 25, 10, minute)),
  attempts: 0,
  lastAttemptAt: null,
  lastError: null,
});

const message = (id: string, seq: number, sentAt = new Date()): ChatMessage => ({
  id, clientId: null, seq, author: 'support', authorName: 'Lena', text: id, sentAt,
});

describe('caching backend: chat storage', () => {
  let env: ReturnType<typeof testBackends>;
  beforeEach(() => {
    env = testBackends();
  });
  afterEach(() => env.cleanup());

  it('keeps the outbox in IndexedDB, oldest first, visible to another backend on the same database', async () => {
    await env.cached.outbox.put(record('b', 2));
    await env.cached.outbox.put(record('a', 1));
    const other = createCachingBackend(env.demo, { scope: env.scope });
    expect((await other.outbox.list()).map((r) => r.clientId)).to.deep.equal(['a', 'b']);
    expect(await other.outbox.update('a', { attempts: 2, lastError: 'network' })).to.equal(true);
    expect((await env.cached.outbox.list())[0]).to.include({ clientId: 'a', attempts: 2, lastError: 'network' });
    // Deleted in one "tab": gone in the other too (nothing lingers in memory).
    await other.outbox.delete('b');
    expect((await env.cached.outbox.list()).map((r) => r.clientId)).to.deep.equal(['a']);
    expect(await env.cached.outbox.update('b', { attempts: 1 }), 'an update never resurrects a record').to.equal(false);
    expect((await other.outbox.list()).map((r) => r.clientId)).to.deep.equal(['a']);
    other.close();
  });

  it('keeps outbox and meta in memory when IndexedDB fails', async () => {
    const errors: unknown[] = [];
    const broken = createCachingBackend(env.demo, {
      scope: env.scope,
      openDatabase: () => Promise.reject(new Error('quota')),
      onStorageError: (e) => errors.push(e),
    });
    await broken.outbox.put(record('x', 1));
    expect((await broken.outbox.list()).map((r) => r.clientId)).to.deep.equal(['x']);
    expect(await broken.outbox.update('x', { attempts: 1 })).to.equal(true);
    expect((await broken.outbox.list())[0]!.attempts).to.equal(1);
    await broken.meta.set('chat:read', 42);
    expect(await broken.meta.get('chat:read')).to.equal(42);
    expect(await broken.storageName()).to.equal(null);
    expect(errors.length).to.be.greaterThan(0);
  });

  it('stores meta values per user and names its database', async () => {
    await env.cached.meta.set('chat:read', 7);
    const other = createCachingBackend(env.demo, { scope: env.scope });
    expect(await other.meta.get('chat:read')).to.equal(7);
    expect(await other.meta.get('nothing')).to.equal(undefined);
    expect(await other.storageName()).to.equal(`support-widgets:${env.scope.tenantId}:user-abecker`);
    other.close();
  });

  it('peeks the newest messages only, or all of them, in sequence order', async () => {
    await env.cached.listChatMessages();
    const all = (await env.cached.peek('listChatMessages'))!.value;
    const listed = await env.demo.listChatMessages();
    expect(all.map((m) => m.seq)).to.deep.equal(listed.map((m) => m.seq));
    const tail = (await env.cached.peek('listChatMessages', { last: 3 }))!.value;
    expect(tail.map((m) => m.id)).to.deep.equal(listed.slice(-3).map((m) => m.id));
    expect((await env.cached.peek('listChatMessages', { last: 1 }))!.value.map((m) => m.id)).to.deep.equal([listed.at(-1)!.id]);
    expect((await env.cached.peek('listChatMessages', { last: 10_000 }))!.value).to.have.length(listed.length);
  });

  it('reconciles a full listing by ids: new ones added, vanished ones removed, a catch-up only adds', async () => {
    let listing = [message('m1', 1), message('m2', 2), message('m3', 3)];
    const inner: SupportBackend = {
      ...env.demo,
      listChatMessages: async (options = {}) => listing.filter((m) => m.seq > (options.afterSeq ?? -1)),
    };
    const cached = createCachingBackend(inner, { scope: env.scope });
    await cached.listChatMessages();
    listing = [message('m2', 2), message('m3', 3), message('m4', 4)];
    await cached.listChatMessages();
    expect((await cached.peek('listChatMessages'))!.value.map((m) => m.id)).to.deep.equal(['m2', 'm3', 'm4']);
    listing = [...listing, message('m5', 5)];
    await cached.listChatMessages({ afterSeq: 4 });
    expect((await cached.peek('listChatMessages'))!.value.map((m) => m.id)).to.deep.equal(['m2', 'm3', 'm4', 'm5']);
    cached.close();
  });

  it('prunes chat messages older than 21 days from IndexedDB', async () => {
    const now = new Date('2026-11-25T10:00:00Z');
    const inner: SupportBackend = {
      ...env.demo,
      listChatMessages: async () => [
        message('old', 1, new Date('2026-11-04T09:59:59.999Z')),
        message('edge', 2, new Date('2026-11-04T10:00:00.000Z')),
      ],
    };
    const cached = createCachingBackend(inner, { scope: env.scope, now: () => now });
    await cached.listChatMessages();
    expect((await cached.peek('listChatMessages'))!.value.map((m) => m.id)).to.deep.equal(['edge']);
    const db = await openCacheDatabase((await cached.storageName())!);
    expect(await db.getAllKeys('chat'), 'not just hidden: deleted').to.deep.equal(['edge']);
    db.close();
    cached.close();
  });

  it('stores a long listing in the background, in batches (one transaction each), newest first', async () => {
    const demo = createDemoBackend({ history: false, chatMessages: 1200, agentDelayMs: null, loginDelayMs: null });
    const writes: string[][] = [];
    const cached = createCachingBackend(demo, {
      scope: { tenantId: `batches-${crypto.randomUUID()}`, userId: 'u' },
      openDatabase: async (name) => {
        const db = await openCacheDatabase(name);
        const transaction = db.transaction.bind(db) as (...args: unknown[]) => ReturnType<typeof db.transaction>;
        // Every readwrite transaction on the chat store: the ids it puts.
        (db as { transaction: unknown }).transaction = (...args: unknown[]) => {
          const tx = transaction(...args);
          const names = ([] as string[]).concat(args[0] as string);
          if (args[1] === 'readwrite' && names.includes('chat')) {
            const ids: string[] = [];
            writes.push(ids);
            const store = tx.objectStore('chat') as unknown as { put: (value: ChatMessage) => Promise<unknown> };
            const put = store.put.bind(store);
            store.put = (value) => (ids.push(value.id), put(value));
          }
          return tx;
        };
        return db;
      },
    });
    const listed = await cached.listChatMessages();
    expect(listed).to.have.length(1200);
    const stored = (await cached.peek('listChatMessages'))!.value;
    expect(stored.map((m) => m.id)).to.deep.equal(listed.map((m) => m.id));
    const puts = writes.filter((ids) => ids.length > 0);
    expect(puts.map((ids) => ids.length)).to.deep.equal([500, 500, 200]);
    const newest = listed.slice(-500).map((m) => m.id);
    expect([...puts[0]!].sort(), 'the first batch holds the newest messages').to.deep.equal([...newest].sort());
    await cached.clear();
    demo.control.dispose();
  });

  it('drops queued chat writes on clear(): nothing of a signed-out user is written back', async () => {
    const demo = createDemoBackend({ history: false, chatMessages: 3000, agentDelayMs: null, loginDelayMs: null });
    const scope = { tenantId: `clear-${crypto.randomUUID()}`, userId: 'u' };
    const cached = createCachingBackend(demo, { scope });
    await cached.listChatMessages();
    await cached.clear();
    const other = createCachingBackend(demo, { scope });
    expect(await other.peek('listChatMessages')).to.equal(undefined);
    await other.clear();
    demo.control.dispose();
  });
});
