import { expect } from '@open-wc/testing';
import { isCacheAware, type CachedBackend } from '../../src/backend/cache/cache-aware.js';
import * as caching from '../../src/backend/cache/caching-backend.js';
import { lazyCachingBackend, type CachingModule } from '../../src/backend/cache/lazy-caching-backend.js';
import { createDemoBackend, SupportError, withFaults, type SupportBackend, type SupportEvent } from '../../src/backend/index.js';
import { validateLazily } from '../../src/backend/validate-lazily.js';
import { isValidated } from '../../src/backend/validated.js';
import { until } from '../helpers/backend.js';

/**
 * A loader standing in for the CDN bundle's import() of the cache: counts loads, holds them until `release()`, fails
 * while `failing`, and counts `close()` on the real backends it creates.
 */
function stubLoader() {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const stub = {
    loads: 0,
    closes: 0,
    failing: false,
    release,
    load: async (): Promise<CachingModule> => {
      stub.loads += 1;
      if (stub.failing) throw new TypeError('Failed to fetch dynamically imported module');
      await gate;
      return {
        createCachingBackend: (inner, options) => {
          const real = caching.createCachingBackend(inner, options);
          const close = real.close.bind(real);
          real.close = () => {
            stub.closes += 1;
            close();
          };
          return real;
        },
      };
    },
  };
  return stub;
}

describe('lazy caching backend (the CDN bundle’s createCachingBackend, real IndexedDB)', () => {
  const demo = createDemoBackend({ agentDelayMs: null, loginDelayMs: null });
  let scope: { tenantId: string; userId: string };
  const created: CachedBackend[] = [];
  beforeEach(() => {
    // Unique across test files running in parallel pages (they share IndexedDB).
    scope = { tenantId: `test-lazy-${crypto.randomUUID()}`, userId: 'user-abecker' };
  });
  afterEach(async () => {
    for (const backend of created.splice(0)) {
      await backend.clear().catch(() => undefined);
      backend.close();
    }
  });
  after(() => demo.control.dispose());

  const make = (stub: ReturnType<typeof stubLoader>, inner: SupportBackend = demo) => {
    const backend = lazyCachingBackend(stub.load)(inner, { scope });
    created.push(backend);
    return backend;
  };

  it('is there at once, cache-aware and validated, and starts loading when created', async () => {
    const stub = stubLoader();
    const lazy = make(stub);
    expect(isCacheAware(lazy)).to.equal(true);
    expect(isValidated(lazy)).to.equal(true);
    expect(validateLazily(lazy), 'elements do not wrap it again').to.equal(lazy);
    expect(stub.loads, 'loading before the first call').to.equal(1);
    const info = lazy.getTenantInfo();
    stub.release();
    expect((await info).tenantName).to.equal('musterimmo');
    expect(stub.loads, 'one load for every call').to.equal(1);
  });

  it('forwards reads to the cache, which stores them: another backend over a failing network peeks them', async () => {
    const stub = stubLoader();
    stub.release();
    const lazy = make(stub);
    const grants = await lazy.listGrants();
    expect((await lazy.peek('listGrants'))!.value).to.deep.equal(grants);
    expect(await lazy.storage()).to.equal('indexeddb');
    expect(await lazy.storageName()).to.be.a('string');

    const offline = make(stub, withFaults(demo, { offline: true }));
    const error = await offline.listGrants().catch((e: unknown) => e);
    expect((error as SupportError).kind).to.equal('network');
    expect((await offline.peek('listGrants'))!.value).to.deep.equal(grants);
  });

  it('forwards writes, the outbox and the meta values', async () => {
    const stub = stubLoader();
    stub.release();
    const lazy = make(stub);
    const topics = await lazy.getCallbackTopics();
    expect(topics.length).to.be.greaterThan(0);
    await lazy.meta.set('read-marker', 42);
    expect(await lazy.meta.get('read-marker')).to.equal(42);
    const record = { clientId: 'c-1', text: 'Hallo', createdAt: new Date(), attempts: 0, lastAttemptAt: null, lastError: null };
    await lazy.outbox.put(record);
    expect(await lazy.outbox.update('c-1', { attempts: 1 })).to.equal(true);
    expect((await lazy.outbox.list()).map((r) => [r.clientId, r.attempts])).to.deep.equal([['c-1', 1]]);
    await lazy.outbox.delete('c-1');
    expect(await lazy.outbox.list()).to.deep.equal([]);
  });

  it('subscribes once loaded, not when the signal aborted before or meanwhile; afterwards at once', async () => {
    const stub = stubLoader();
    const lazy = make(stub);
    const live = new AbortController();
    const received: SupportEvent[] = [];
    const notReceived: SupportEvent[] = [];
    lazy.subscribe((event) => received.push(event), live.signal);
    lazy.subscribe((event) => notReceived.push(event), AbortSignal.abort());
    const meanwhile = new AbortController();
    lazy.subscribe((event) => notReceived.push(event), meanwhile.signal);
    meanwhile.abort();
    stub.release();
    await until(() => received.length === 1, 3000, 'connection: open');
    expect(received).to.deep.equal([{ type: 'connection', state: 'open' }]);

    const later: SupportEvent[] = [];
    lazy.subscribe((event) => later.push(event), live.signal);
    lazy.subscribe((event) => notReceived.push(event), AbortSignal.abort());
    await until(() => later.length === 1, 3000, 'connection: open after loading');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(notReceived).to.deep.equal([]);
    live.abort();
  });

  it('remembers close() made before the code is there, and keeps working after it like the real one', async () => {
    const stub = stubLoader();
    const lazy = make(stub);
    lazy.close();
    expect(stub.closes).to.equal(0);
    stub.release();
    await until(() => stub.closes === 1, 3000, 'the real backend closed');
    expect((await lazy.getContactInfo()).email).to.equal('support@onOffice.com');
    lazy.close();
    expect(stub.closes, 'closed synchronously once loaded').to.equal(2);
  });

  it('rejects with a transient SupportError when the code cannot be loaded, and loads again on the next call', async () => {
    const stub = stubLoader();
    stub.failing = true;
    const originalWarn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args[0]);
    try {
      const lazy = make(stub);
      const received: SupportEvent[] = [];
      const live = new AbortController();
      lazy.subscribe((event) => received.push(event), live.signal);
      const error = await lazy.getTenantInfo().catch((e: unknown) => e);
      expect(error).to.be.instanceOf(SupportError);
      expect((error as SupportError).kind).to.equal('network');
      expect((error as SupportError).transient).to.equal(true);
      expect((error as SupportError).message).to.contain('could not be loaded');
      expect((error as SupportError).cause).to.be.instanceOf(TypeError);
      expect(await lazy.outbox.list().catch((e: unknown) => (e as SupportError).kind)).to.equal('network');
      await until(() => warnings.length > 0, 3000, 'the subscription warned');

      stub.failing = false;
      stub.release();
      const loadsBefore = stub.loads;
      expect((await lazy.getTenantInfo()).tenantName).to.equal('musterimmo');
      expect(stub.loads, 'tried again').to.equal(loadsBefore + 1);
      // The subscription made while the code was missing connects with the load that worked.
      await until(() => received.length === 1, 3000, 'connection: open');
      live.abort();
    } finally {
      console.warn = originalWarn;
    }
  });
});
