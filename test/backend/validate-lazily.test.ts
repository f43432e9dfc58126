import { expect } from '@open-wc/testing';
import { createCachingBackend, createDemoBackend, type SupportBackend, type SupportError, type SupportEvent } from '../../src/backend/index.js';
import { validateLazily } from '../../src/backend/validate-lazily.js';
import { isValidated } from '../../src/backend/validated.js';
import { until } from '../helpers/backend.js';

const quietly = async <T>(run: () => Promise<T> | T): Promise<T> => {
  const originalWarn = console.warn;
  console.warn = () => {};
  try {
    return await run();
  } finally {
    console.warn = originalWarn;
  }
};

describe('validateLazily (what the elements wrap a backend in)', () => {
  // First in this file: the validator has not been loaded in this page yet, so events arrive while it loads.
  it('keeps live events in order while the validator loads, drops bad and aborted ones, then delivers at once', async () => {
    const listeners: ((e: SupportEvent) => void)[] = [];
    const fake = { subscribe: (l: (e: SupportEvent) => void) => listeners.push(l) } as unknown as SupportBackend;
    const received: SupportEvent[] = [];
    const abortedReceived: SupportEvent[] = [];
    await quietly(async () => {
      validateLazily(fake).subscribe((e) => received.push(e), new AbortController().signal);
      const aborted = new AbortController();
      validateLazily(fake).subscribe((e) => abortedReceived.push(e), aborted.signal);
      const [emit, emitAborted] = listeners as [(e: SupportEvent) => void, (e: SupportEvent) => void];
      emit({ type: 'chat-typing', typing: true, name: 'Lena' });
      emit({ type: 'chat-typing', typing: 'yes' } as never);
      emit({ type: 'connection', state: 'open' });
      emitAborted({ type: 'connection', state: 'open' });
      aborted.abort();
      expect(received, 'waiting for the validator').to.deep.equal([]);
      await until(() => received.length === 2);
      expect(received).to.deep.equal([
        { type: 'chat-typing', typing: true, name: 'Lena' },
        { type: 'connection', state: 'open' },
      ]);
      expect(abortedReceived).to.deep.equal([]);
      emit({ type: 'connection', state: 'closed' });
      expect(received.at(-1), 'delivered synchronously once loaded').to.deep.equal({ type: 'connection', state: 'closed' });
    });
  });

  it('returns a backend that validates already as is: the caching backend is not wrapped twice', async () => {
    const demo = createDemoBackend({ agentDelayMs: null, loginDelayMs: null });
    const cached = createCachingBackend(demo, { scope: { tenantId: 't-lazy', userId: 'u-lazy' } });
    expect(validateLazily(cached)).to.equal(cached);
    const wrapped = validateLazily(demo);
    expect(wrapped).not.to.equal(demo);
    expect(isValidated(wrapped)).to.equal(true);
    expect(validateLazily(wrapped)).to.equal(wrapped);
    await cached.clear();
    cached.close();
    demo.control.dispose();
  });

  it('checks every response like validateBackend: malformed data fails as invalid-response naming the field', async () => {
    const demo = createDemoBackend({ agentDelayMs: null, loginDelayMs: null });
    const broken: SupportBackend = {
      ...demo,
      getTenantInfo: async () => ({ tenantName: '', tenantLabel: 'x', productName: 'p', version: '1' }) as never,
      getSession: demo.getSession.bind(demo),
    };
    const api = validateLazily(broken);
    const error = (await api.getTenantInfo().catch((e: unknown) => e)) as SupportError;
    expect(error.kind).to.equal('invalid-response');
    expect(error.message).to.contain('getTenantInfo').and.to.contain('tenantName');
    expect((await api.getSession()).user.name).to.equal('Anna Becker');
    demo.control.dispose();
  });
});
