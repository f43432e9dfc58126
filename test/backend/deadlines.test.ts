import { expect } from '@open-wc/testing';
import {
  type SupportBackend,
  type SupportEvent,
  SupportError,
  backendForElements,
  containSubscribe,
  createCachingBackend,
  createDemoBackend,
  deadlinesOf,
  DEFAULT_DEADLINES,
  withDeadlines,
} from '../../src/backend/index.js';
import { until } from '../helpers/backend.js';

const demo = () => createDemoBackend({ agentDelayMs: null, loginDelayMs: null });

/** The demo backend with `method` replaced. */
function patched(base: SupportBackend, changes: Partial<Record<keyof SupportBackend, unknown>>): SupportBackend {
  return new Proxy(base, {
    get: (target, key) => (key in changes ? changes[key as keyof SupportBackend] : Reflect.get(target, key, target)),
  });
}

describe('withDeadlines', () => {
  it('rejects a call that never settles with a transient timeout and aborts its signal', async () => {
    let seen: AbortSignal | undefined;
    const hung = patched(demo(), {
      getTenantInfo: (signal: AbortSignal) => {
        seen = signal;
        return new Promise(() => {});
      },
    });
    const backend = withDeadlines(hung, { read: 50 });
    const error = await backend.getTenantInfo().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(SupportError);
    expect((error as SupportError).kind).to.equal('timeout');
    expect((error as SupportError).transient).to.equal(true);
    expect(seen?.aborted).to.equal(true);
    expect((seen?.reason as DOMException).name).to.equal('TimeoutError');
  });

  it('uses the write deadline for writes and passes arguments and results through', async () => {
    const calls: unknown[][] = [];
    const slowWrite = patched(demo(), {
      revokeGrant: (...args: unknown[]) => {
        calls.push(args);
        return new Promise(() => {});
      },
    });
    const backend = withDeadlines(slowWrite, { read: 10_000, write: 30 });
    const started = performance.now();
    const error = await backend.revokeGrant('g1').catch((e: SupportError) => e);
    expect((error as SupportError).kind).to.equal('timeout');
    expect(performance.now() - started).to.be.below(5000);
    expect(calls[0]![0]).to.equal('g1');
    expect(calls[0]![1]).to.be.instanceOf(AbortSignal);
    const staff = await backend.searchStaff('');
    expect(staff.departments.length).to.be.above(0);
  });

  it("aborts with the caller's signal, as `aborted`", async () => {
    const hung = patched(demo(), { getSession: () => new Promise(() => {}) });
    const controller = new AbortController();
    const pending = withDeadlines(hung).getSession(controller.signal).catch((e: SupportError) => e);
    controller.abort();
    expect(((await pending) as SupportError).kind).to.equal('aborted');
  });

  it('is applied once per backend and keeps what the backend has beyond the contract', async () => {
    const cached = createCachingBackend(demo(), { scope: { tenantId: `t-${crypto.randomUUID()}`, userId: 'u' } });
    const wrapped = withDeadlines(cached);
    expect(withDeadlines(cached)).to.equal(wrapped);
    expect(withDeadlines(wrapped, { read: 1 })).to.equal(wrapped);
    expect(deadlinesOf(wrapped)).to.deep.equal(DEFAULT_DEADLINES);
    expect(deadlinesOf(cached)).to.equal(null);
    expect(typeof wrapped.peek).to.equal('function');
    await wrapped.getTenantInfo();
    expect((await wrapped.peek('getTenantInfo'))?.value.tenantName).to.equal('musterimmo');
    expect(backendForElements(cached)).to.equal(backendForElements(cached));
    await cached.clear();
  });

  it('leaves the elements\' own deadlines to a backend that has some', async () => {
    const hung = patched(demo(), { getTenantInfo: () => new Promise(() => {}) });
    const own = withDeadlines(hung, { read: 40 });
    const error = await backendForElements(own).getTenantInfo().catch((e: SupportError) => e);
    expect((error as SupportError).kind).to.equal('timeout');
  });
});

describe('containSubscribe', () => {
  let rejections: PromiseRejectionEvent[];
  const onRejection = (event: PromiseRejectionEvent) => rejections.push(event);
  beforeEach(() => {
    rejections = [];
    window.addEventListener('unhandledrejection', onRejection);
  });
  afterEach(() => window.removeEventListener('unhandledrejection', onRejection));

  for (const [name, failing] of [
    ['throws', () => { throw new Error('no stream'); }],
    ['rejects', () => Promise.reject(new Error('no stream'))],
  ] as const) {
    it(`a subscribe that ${name} reports connection: closed and tries again, never throwing`, async () => {
      let attempts = 0;
      const base = demo();
      const backend = patched(base, {
        subscribe: (listener: (e: SupportEvent) => void, signal: AbortSignal) => {
          attempts += 1;
          if (attempts === 1) return (failing as () => unknown)();
          base.subscribe(listener, signal);
        },
      });
      const events: SupportEvent[] = [];
      const controller = new AbortController();
      expect(() => containSubscribe(backend)((e) => events.push(e), controller.signal)).not.to.throw();
      await until(() => events.some((e) => e.type === 'connection' && e.state === 'closed'), 1000, 'closed');
      await until(() => events.some((e) => e.type === 'connection' && e.state === 'open'), 3000, 'open after the retry');
      expect(attempts).to.equal(2);
      controller.abort();
      await new Promise((r) => setTimeout(r, 50));
      expect(rejections).to.have.length(0);
    });
  }

  it('the caching backend keeps its reads working when subscribe fails', async () => {
    const base = demo();
    const broken = patched(base, { subscribe: () => Promise.reject(new Error('no stream')) });
    const cached = createCachingBackend(broken, { scope: { tenantId: `t-${crypto.randomUUID()}`, userId: 'u' } });
    const events: SupportEvent[] = [];
    const controller = new AbortController();
    cached.subscribe((e) => events.push(e), controller.signal);
    expect((await cached.getTenantInfo()).tenantName).to.equal('musterimmo');
    expect((await cached.listGrants()).length).to.be.above(0);
    await until(() => events.length > 0, 1000, 'closed');
    expect(events[0]).to.deep.equal({ type: 'connection', state: 'closed' });
    controller.abort();
    await new Promise((r) => setTimeout(r, 50));
    expect(rejections).to.have.length(0);
    await cached.clear();
  });
});
