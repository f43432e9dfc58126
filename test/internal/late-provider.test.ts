import { expect } from '@open-wc/testing';
import { createDemoBackend } from '../../src/backend/index.js';
import '../../src/elements/about-tenant/define.js';
import { provideBackend } from '../../src/internal/context.js';
import type { SupportElement } from '../../src/internal/support-element.js';

/** The document's context root: requests of elements that connect before any provider are answered once one appears. */
describe('late providers (the document context root)', () => {
  const pendingOf = () =>
    (document.documentElement as unknown as Record<symbol, unknown>)[Symbol.for('support-widgets/context-root')];

  it('gives a provider that appears later to elements that connected before it, also to one that left and came back', async () => {
    expect(pendingOf(), 'the root is attached when a tag is defined').to.equal(true);
    const host = document.createElement('div');
    document.body.append(host);
    const make = () => {
      const el = document.createElement('about-tenant') as SupportElement;
      el.lang = 'en';
      return el;
    };
    const stays = make();
    const returns = make();
    host.append(stays, returns);
    // Many elements that come and go (a popup's contents): their requests must not pile up, and the one that
    // returns must ask again and be answered.
    for (let i = 0; i < 20; i += 1) {
      const passing = make();
      host.append(passing);
      passing.remove();
    }
    returns.remove();
    host.append(make()); // a new request: the records of elements no longer connected go
    host.append(returns);
    const backend = createDemoBackend({ agentDelayMs: null, loginDelayMs: null });
    try {
      provideBackend(host, backend);
      expect(stays.backend).to.equal(backend);
      expect(returns.backend, 'the element that came back').to.equal(backend);
    } finally {
      host.remove();
      backend.control.dispose();
    }
  });
});
