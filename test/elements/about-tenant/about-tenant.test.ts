import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/about-tenant/define.js';
import type { AboutTenant } from '../../../src/elements/about-tenant/about-tenant.js';
import { createDemoBackend, withFaults, type SupportBackend } from '../../../src/backend/index.js';
import { testBackends, textOf, until } from '../../helpers/backend.js';

const shadowText = (el: AboutTenant) => textOf(el.shadowRoot);

describe('<about-tenant>', () => {
  let env: ReturnType<typeof testBackends>;
  beforeEach(() => {
    env = testBackends();
  });
  afterEach(async () => {
    await env.cleanup();
    document.documentElement.lang = 'en';
  });

  it('shows the tenant name, its label and the version facts', async () => {
    const el = await fixture<AboutTenant>(html`<about-tenant lang="en" .backend=${env.cached}></about-tenant>`);
    await until(() => el.info.state === 'fresh');
    await el.updateComplete;
    const text = shadowText(el);
    expect(text).to.contain('About onOffice enterprise');
    expect(el.shadowRoot!.querySelector('[part="tenant-name"]')!.textContent).to.equal('musterimmo');
    expect(text).to.contain('Muster Immobilien GmbH');
    expect(text).to.contain('26.11.2');
    expect(text).to.contain('Updated just now');
    await expect(el).to.be.accessible();
  });

  it('stamps a fresh read with its own clock: a pinned clock says "Updated just now" however long ago by the real one', async () => {
    // 08:00 Berlin on a day long past, then 10:05 Berlin: the read was two hours ago by the element's clock.
    let time = new Date('2026-11-24T07:00:00Z');
    const el = await fixture<AboutTenant>(
      html`<about-tenant lang="en" time-zone="Europe/Berlin" .backend=${env.cached} .now=${() => new Date(time)}></about-tenant>`,
    );
    await until(() => el.info.state === 'fresh');
    expect(el.info.updatedAt?.toISOString()).to.equal('2026-11-24T07:00:00.000Z');
    await el.updateComplete;
    expect(shadowText(el)).to.contain('Updated just now');
    time = new Date('2026-11-24T09:05:00Z');
    el.requestUpdate();
    await el.updateComplete;
    expect(shadowText(el)).to.contain('Updated at 08:00');
    await expect(el).to.be.accessible();
  });

  it('speaks German from its own lang, and follows <html lang> when it has none', async () => {
    document.documentElement.lang = 'de';
    const el = await fixture<AboutTenant>(html`<about-tenant .backend=${env.cached}></about-tenant>`);
    await until(() => el.info.state === 'fresh');
    await el.updateComplete;
    expect(shadowText(el)).to.contain('Mandantenname');
    expect(shadowText(el)).to.contain('Bezeichnung');
    document.documentElement.lang = 'en';
    await until(() => shadowText(el).includes('Tenant name'));
    el.lang = 'de-CH';
    await el.updateComplete;
    expect(shadowText(el)).to.contain('Mandantenname');
    await expect(el).to.be.accessible();
  });

  it('shows a skeleton while loading', async () => {
    const slow = withFaults(env.cached, { latencyMs: 10_000 });
    const el = await fixture<AboutTenant>(html`<about-tenant lang="en" .backend=${slow}></about-tenant>`);
    await el.updateComplete;
    expect(el.info.state).to.equal('loading');
    expect(el.shadowRoot!.querySelector('[part="skeleton"]')).to.exist;
    expect(shadowText(el)).to.contain('Loading');
    await expect(el).to.be.accessible();
  });

  it('shows an error with a retry that works when nothing is cached', async () => {
    const faulty = withFaults(createDemoBackend({ agentDelayMs: null, loginDelayMs: null }), { offline: true });
    const el = await fixture<AboutTenant>(html`<about-tenant lang="en" .backend=${faulty}></about-tenant>`);
    await until(() => el.info.state === 'error');
    await el.updateComplete;
    const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('No connection to the server');
    await expect(el).to.be.accessible();
    faulty.set({ offline: false });
    (el.shadowRoot!.querySelector('[part="retry-button"]') as HTMLButtonElement).click();
    await until(() => el.info.state === 'fresh');
    expect(faulty.calls['getTenantInfo']).to.equal(2);
  });

  it('paints saved data from IndexedDB when the network fails, and says so', async () => {
    // First visit fills the cache.
    const first = await fixture<AboutTenant>(html`<about-tenant lang="en" .backend=${env.cached}></about-tenant>`);
    await until(() => first.info.state === 'fresh');
    first.remove();
    // Second visit: the network is down, the cache answers.
    const { createCachingBackend } = await import('../../../src/backend/index.js');
    const faulty = withFaults(env.demo, { offline: true });
    const cachedAgain = createCachingBackend(faulty, { scope: env.scope });
    const el = await fixture<AboutTenant>(html`<about-tenant lang="en" .backend=${cachedAgain}></about-tenant>`);
    await until(() => el.info.state === 'stale' && !el.info.refreshing);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="tenant-name"]')!.textContent).to.equal('musterimmo');
    const freshness = el.shadowRoot!.querySelector('[part="freshness"]')!;
    expect(freshness.getAttribute('data-state')).to.equal('stale');
    expect(freshness.textContent).to.contain('Showing saved data from');
    expect(freshness.textContent).to.contain('No connection');
    await expect(el).to.be.accessible();
    faulty.set({ offline: false });
    (freshness.querySelector('[part="retry-button"]') as HTMLButtonElement).click();
    await until(() => el.info.state === 'fresh');
    cachedAgain.close();
  });

  it('turns a malformed backend answer into a clear message, not a broken screen', async () => {
    const broken: SupportBackend = {
      ...env.demo,
      getTenantInfo: async () => ({ tenantName: 42, version: null }) as never,
    };
    const el = await fixture<AboutTenant>(html`<about-tenant lang="en" .backend=${broken}></about-tenant>`);
    await until(() => el.info.state === 'error');
    await el.updateComplete;
    expect(el.info.error!.kind).to.equal('invalid-response');
    expect(el.info.error!.message).to.contain('tenantName');
    expect(shadowText(el)).to.contain('cannot read');
    expect(shadowText(el)).not.to.contain('undefined');
    await expect(el).to.be.accessible();
  });

  it('asks to sign in when the session has ended', async () => {
    env.demo.control.signOut();
    const el = await fixture<AboutTenant>(html`<about-tenant lang="en" .backend=${env.demo}></about-tenant>`);
    await until(() => el.info.state === 'error');
    await el.updateComplete;
    expect(shadowText(el)).to.contain('Please sign in again');
    await expect(el).to.be.accessible();
  });

  it('copies the tenant name with a visible and announced confirmation', async () => {
    const el = await fixture<AboutTenant>(html`<about-tenant lang="en" .backend=${env.cached}></about-tenant>`);
    await until(() => el.info.state === 'fresh');
    await el.updateComplete;
    const button = el.shadowRoot!.querySelector('[part="copy-button"]') as HTMLButtonElement;
    const event = oneEvent(el, 'support-copy');
    button.focus();
    await sendKeys({ press: 'Enter' });
    const { detail } = await event;
    expect(detail.text).to.equal('musterimmo');
    await el.updateComplete;
    const status = el.shadowRoot!.querySelector('.copied[role="status"]')!;
    if (detail.success) {
      expect(button.textContent).to.contain('Copied');
      expect(status.textContent).to.contain('Tenant name "musterimmo" copied');
    } else {
      expect(status.textContent).to.contain('Could not copy');
    }
    await expect(el).to.be.accessible();
  });

  it('works as a modal popup: open, Escape with veto, close, focus back to the opener', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <button id="opener">About</button>
      <about-tenant lang="en" modal .backend=${env.cached}></about-tenant>
    </div>`);
    const el = wrapper.querySelector('about-tenant')!;
    const opener = wrapper.querySelector<HTMLButtonElement>('#opener')!;
    opener.focus();
    const opened = oneEvent(el, 'support-open');
    el.show();
    await opened;
    const dialog = el.shadowRoot!.querySelector('dialog')!;
    expect(dialog.open).to.be.true;
    expect(dialog.getAttribute('aria-labelledby')).to.equal(el.shadowRoot!.querySelector('h2')!.id);
    await until(() => el.info.state === 'fresh');
    await el.updateComplete;
    await expect(el).to.be.accessible();

    // A listener vetoes Escape.
    const veto = (e: Event) => e.preventDefault();
    el.addEventListener('support-request-close', veto);
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.open).to.be.true;
    el.removeEventListener('support-request-close', veto);

    const closed = oneEvent(el, 'support-close');
    (el.shadowRoot!.querySelector('[part="close-button"]') as HTMLButtonElement).click();
    await closed;
    expect(el.open).to.be.false;
    expect(dialog.open).to.be.false;
    expect(document.activeElement).to.equal(opener);
  });
});
