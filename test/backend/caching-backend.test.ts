import { expect } from '@open-wc/testing';
import { openDB } from 'idb';
import {
  cacheDatabaseName,
  createCachingBackend,
  createDemoBackend,
  withFaults,
  type SupportError,
} from '../../src/backend/index.js';
import { testBackends } from '../helpers/backend.js';

describe('caching backend (real IndexedDB)', () => {
  let env: ReturnType<typeof testBackends>;
  beforeEach(() => {
    env = testBackends();
  });
  afterEach(() => env.cleanup());

  it('writes reads through and peeks them without the network', async () => {
    expect(await env.cached.peek('getTenantInfo')).to.equal(undefined);
    const info = await env.cached.getTenantInfo();
    const entry = await env.cached.peek('getTenantInfo');
    expect(entry!.value).to.deep.equal(info);
    expect(entry!.storedAt).to.be.instanceOf(Date);
    expect(await env.cached.storage()).to.equal('indexeddb');
    // The data really is in this tenant's database.
    const db = await openDB(cacheDatabaseName(env.scope.tenantId, env.scope.userId));
    expect((await db.get('entries', 'getTenantInfo:[]'))!.value.tenantName).to.equal('musterimmo');
    db.close();
  });

  it('keeps saved data readable while the network is down', async () => {
    await env.cached.listGrants();
    const offline = createCachingBackend(withFaults(env.demo, { offline: true }), { scope: env.scope });
    const error = await offline.listGrants().catch((e: unknown) => e);
    expect((error as SupportError).kind).to.equal('network');
    const entry = await offline.peek('listGrants');
    expect(entry!.value.length).to.be.greaterThan(5);
    offline.close();
  });

  it('shares one request between identical concurrent reads, and aborts it only when all callers abort', async () => {
    const faulty = withFaults(env.demo, { latencyMs: 40 });
    const cached = createCachingBackend(faulty, { scope: env.scope });
    await Promise.all([cached.getTenantInfo(), cached.getTenantInfo(), cached.getTenantInfo()]);
    expect(faulty.calls['getTenantInfo']).to.equal(1);

    const a = new AbortController();
    const first = cached.getContactInfo(a.signal).catch((e: unknown) => e);
    const second = cached.getContactInfo();
    a.abort();
    expect(((await first) as SupportError).kind).to.equal('aborted');
    expect((await second).email).to.equal('support@onOffice.com');
    expect(faulty.calls['getContactInfo']).to.equal(1);
    cached.close();
  });

  it('shows a new or revoked grant in the cached list (writes update what they change)', async () => {
    await env.cached.listGrants();
    const grant = await env.cached.createGrant({ grantee: { kind: 'employee', id: 'emp-01' }, dataExport: true, duration: '4h' });
    let list = (await env.cached.peek('listGrants'))!.value;
    expect(list[0]!.id).to.equal(grant.id);
    await env.cached.revokeGrant(grant.id);
    list = (await env.cached.peek('listGrants'))!.value;
    expect(list.find((g) => g.id === grant.id)!.revokedAt).to.be.instanceOf(Date);
  });

  it('replaces the cached booking and drops cached windows on book/cancel', async () => {
    const windows = await env.cached.listCallbackWindows({ topicId: 'short-question' });
    expect(await env.cached.peek('listCallbackWindows', { topicId: 'short-question' })).to.exist;
    const free = windows.find((w) => w.available)!;
    const booking = await env.cached.bookCallback({ topicId: 'short-question', start: free.start, phone: '+41 31 511 27 92', note: '' });
    expect((await env.cached.peek('getCallbackBooking'))!.value!.id).to.equal(booking.id);
    expect(await env.cached.peek('listCallbackWindows', { topicId: 'short-question' })).to.equal(undefined);
    await env.cached.cancelCallback(booking.id);
    expect((await env.cached.peek('getCallbackBooking'))!.value).to.equal(null);
  });

  it('prunes chat older than 21 days and grants/logins older than 6 months', async () => {
    let clock = new Date('2026-11-25T10:00:00Z');
    const demo = createDemoBackend({ now: () => clock, agentDelayMs: null, loginDelayMs: null });
    const scope = { tenantId: `prune-${crypto.randomUUID()}`, userId: 'u' };
    const cached = createCachingBackend(demo, { scope, now: () => clock });
    const messages = await cached.listChatMessages();
    const logins = await cached.listLogins();
    expect((await cached.peek('listChatMessages'))!.value).to.have.length(messages.length);
    // Ten days later, without any network call: the cache alone drops what left the windows.
    clock = new Date('2026-12-05T10:00:00Z');
    const chatCutoff = new Date('2026-11-14T10:00:00Z').getTime();
    const peekedChat = (await cached.peek('listChatMessages'))!.value;
    expect(peekedChat.length).to.equal(messages.filter((m) => m.sentAt.getTime() >= chatCutoff).length);
    expect(peekedChat.length).to.be.lessThan(messages.length);
    const loginCutoff = new Date('2026-06-05T10:00:00Z').getTime();
    const peekedLogins = (await cached.peek('listLogins'))!.value;
    expect(peekedLogins.length).to.equal(logins.filter((l) => l.startedAt.getTime() >= loginCutoff).length);
    // A new write prunes the store itself (in the background: a peek waits for it).
    await cached.listChatMessages({ afterSeq: 1e9 });
    await cached.peek('listChatMessages', { last: 1 });
    const db = await openDB(cacheDatabaseName(scope.tenantId, scope.userId));
    const stored = await db.getAll('chat');
    expect(stored.every((m: { sentAt: Date }) => m.sentAt.getTime() >= chatCutoff)).to.be.true;
    db.close();
    await cached.clear();
    demo.control.dispose();
  });

  it('keeps one database per tenant and user, and clear() deletes it', async () => {
    await env.cached.getTenantInfo();
    const other = createCachingBackend(env.demo, { scope: { ...env.scope, userId: 'someone-else' } });
    expect(await other.peek('getTenantInfo')).to.equal(undefined);
    await env.cached.clear();
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).not.to.include(cacheDatabaseName(env.scope.tenantId, env.scope.userId));
    await other.clear();
  });

  it('derives its scope from the session when none is given', async () => {
    const cached = createCachingBackend(env.demo);
    await cached.getTenantInfo();
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).to.include(cacheDatabaseName('tenant-musterimmo', 'user-abecker'));
    await cached.clear();
  });

  it('never stores an unlock token', async () => {
    const token = env.demo.control.createUnlockLink({ granteeId: 'emp-01' });
    await env.cached.resolveUnlockToken(token);
    await env.cached.confirmUnlockToken(token, true);
    const db = await openDB(cacheDatabaseName(env.scope.tenantId, env.scope.userId));
    const everything = JSON.stringify([await db.getAll('entries'), await db.getAll('chat'), await db.getAll('outbox')]);
    expect(everything).not.to.contain(token);
    db.close();
  });

  it('falls back to network-only when IndexedDB cannot be opened', async () => {
    const problems: unknown[] = [];
    const cached = createCachingBackend(env.demo, {
      scope: env.scope,
      openDatabase: () => Promise.reject(new DOMException('The user denied permission', 'InvalidStateError')),
      onStorageError: (e) => problems.push(e),
    });
    expect((await cached.getTenantInfo()).tenantName).to.equal('musterimmo');
    expect(await cached.peek('getTenantInfo')).to.equal(undefined);
    expect(await cached.storage()).to.equal('none');
    await cached.outbox.put({ clientId: 'o1', text: 'unsent', createdAt: new Date(), attempts: 0, lastAttemptAt: null, lastError: null });
    expect((await cached.outbox.list()).map((r) => r.clientId)).to.deep.equal(['o1']);
    expect(problems).to.have.length(1);
  });

  it('keeps working when a write fails (quota) and still lists the outbox record', async () => {
    const problems: unknown[] = [];
    const cached = createCachingBackend(env.demo, {
      scope: { ...env.scope, userId: 'quota' },
      onStorageError: (e) => problems.push(e),
    });
    await cached.getTenantInfo(); // opens the database
    const record = { clientId: 'q1', text: 'x', createdAt: new Date(), attempts: 0, lastAttemptAt: null, lastError: null, bad: () => 1 };
    await cached.outbox.put(record as never); // a function cannot be cloned into IndexedDB: the write fails
    expect(problems.length).to.equal(1);
    expect((await cached.outbox.list()).map((r) => r.clientId)).to.deep.equal(['q1']);
    await cached.clear();
  });

  it('gives up on an upgrade blocked by another tab instead of hanging', async () => {
    const { openCacheDatabase } = await import('../../src/backend/cache/db.js');
    const name = `blocked-${crypto.randomUUID()}`;
    // An "old tab" holds version 1 open and ignores versionchange; a "new tab" wants version 2.
    const old = await new Promise<IDBDatabase>((resolve) => {
      const request = indexedDB.open(name, 1);
      request.onsuccess = () => resolve(request.result);
    });
    const started = performance.now();
    const error = await openCacheDatabase(name, { version: 2, blockedTimeoutMs: 150 }).catch((e: unknown) => e);
    expect(String(error)).to.contain('blocked by another tab');
    expect(performance.now() - started).to.be.lessThan(1000);
    old.close();
    await new Promise((r) => setTimeout(r, 50));
    indexedDB.deleteDatabase(name);
  });

  it('steps aside when a newer tab upgrades (closes on blocking)', async () => {
    const { openCacheDatabase, DB_VERSION } = await import('../../src/backend/cache/db.js');
    const name = `blocking-${crypto.randomUUID()}`;
    let closed = 0;
    await openCacheDatabase(name, { onClose: () => (closed += 1) });
    const upgraded = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, DB_VERSION + 1);
      request.onsuccess = () => resolve(request.result);
      request.onblocked = () => reject(new Error('blocked: the old connection did not close'));
    });
    expect(upgraded.version).to.equal(DB_VERSION + 1);
    expect(closed).to.equal(1);
    upgraded.close();
    indexedDB.deleteDatabase(name);
  });
});
