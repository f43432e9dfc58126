// The CDN files as a page without a bundler uses them: `npm test` runs this against src/cdn/, `npm run test:dist`
// against the built dist/cdn/support-widgets.js and demo-backend.js (with the cache and validator chunks beside them).
import { expect } from '@open-wc/testing';
import { createCachingBackend, isCacheAware, provideBackend, SupportError } from '../../../src/cdn/support-widgets.js';
import { createDemoBackend, withFaults } from '../../../src/cdn/demo-backend.js';
import { textOf, until } from '../../helpers/backend.js';

describe('CDN bundle (support-widgets.js + demo-backend.js)', () => {
  const demo = createDemoBackend({ agentDelayMs: null, loginDelayMs: null });
  const cached = createCachingBackend(demo);
  const host = document.createElement('div');
  after(async () => {
    host.remove();
    await cached.clear();
    cached.close();
    demo.control.dispose();
  });

  it('paints an element with data through createCachingBackend(createDemoBackend()) given by provideBackend', async () => {
    expect(isCacheAware(cached)).to.equal(true);
    document.body.append(host);
    provideBackend(host, cached);
    const el = document.createElement('about-tenant');
    el.lang = 'en';
    host.append(el);
    await until(() => textOf(el.shadowRoot).includes('musterimmo'), 5000, 'the tenant name');
    expect((await cached.peek('getTenantInfo'))?.value.tenantName, 'the cache stored it').to.equal('musterimmo');
    const loaded = performance.getEntriesByType('resource').map((entry) => entry.name);
    expect(loaded.some((url) => url.includes('/caching-backend')), 'the cache loaded on demand').to.equal(true);
  });

  it('shares one SupportError class between the bundle, the demo backend and the cache chunk', async () => {
    const demoError = await demo.resolveUnlockToken('no-such-token').catch((e: unknown) => e);
    expect(demoError).to.be.instanceOf(SupportError);
    const offline = createCachingBackend(withFaults(demo, { offline: true }));
    const cacheError = await offline.listGrants().catch((e: unknown) => e);
    expect(cacheError).to.be.instanceOf(SupportError);
    expect((cacheError as SupportError).kind).to.equal('network');
    offline.close();
  });
});
