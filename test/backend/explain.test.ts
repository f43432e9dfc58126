import { expect } from '@open-wc/testing';
import { createDemoBackend, SupportError, validateBackend, type SupportBackend } from '../../src/backend/index.js';

// A malformed answer is explained in the console (issue 16, item 4): method, field path, expected and received value,
// once per method (every time with globalThis.SUPPORT_WIDGETS_DEBUG = true).
describe('explaining a malformed answer', () => {
  let warnings: string[];
  const warn = console.warn;
  beforeEach(() => {
    warnings = [];
    console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
  });
  afterEach(() => {
    console.warn = warn;
    delete (globalThis as { SUPPORT_WIDGETS_DEBUG?: unknown }).SUPPORT_WIDGETS_DEBUG;
  });

  it('names method, field, expected and received value once per method', async () => {
    const demo = createDemoBackend({ agentDelayMs: null, loginDelayMs: null });
    const bad = new Proxy(demo, {
      get: (target, key) =>
        key === 'getContactInfo'
          ? async () => ({ ...(await target.getContactInfo()), email: 'not-an-address' })
          : Reflect.get(target, key, target),
    }) as SupportBackend;
    const backend = validateBackend(bad);
    for (let i = 0; i < 3; i += 1) {
      const error = await backend.getContactInfo().catch((e: unknown) => e);
      expect((error as SupportError).kind).to.equal('invalid-response');
    }
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('getContactInfo()');
    expect(warnings[0]).to.contain('field "email"');
    expect(warnings[0]).to.contain('expected an e-mail address');
    expect(warnings[0]).to.contain('received "not-an-address"');

    (globalThis as { SUPPORT_WIDGETS_DEBUG?: unknown }).SUPPORT_WIDGETS_DEBUG = true;
    await backend.getContactInfo().catch(() => undefined);
    expect(warnings).to.have.length(2);
  });
});
