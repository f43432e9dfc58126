import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import '../../../src/elements/support-contact/define.js';
import { SupportContact } from '../../../src/elements/support-contact/support-contact.js';
import { testBackends, textOf, until } from '../../helpers/backend.js';
import { gate, stubLoadView } from '../../helpers/lazy-view.js';

/** Tue 24 Nov 2026 10:00 Berlin: support is open. */
const now = () => new Date('2026-11-24T09:00:00Z');
const part = (el: SupportContact, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

describe('<support-contact> loads its card beside its data', function () {
  this.timeout(30_000);
  let env: ReturnType<typeof testBackends>;
  let loader: ReturnType<typeof stubLoadView>;


  beforeEach(() => {
    env = testBackends({ history: false, now });
    loader = stubLoadView(SupportContact);
  });
  afterEach(async () => {
    loader.restore();
    fixtureCleanup();
    await env.cleanup();
  });

  it('reads the data while the card is held: skeleton, no status yet; then the card, loaded once', async () => {
    const held = gate();
    loader.before = () => held.promise;
    const el = document.createElement('support-contact') as SupportContact;
    Object.assign(el, { lang: 'en', now, backend: env.cached });
    document.body.append(el);
    try {
      await until(() => loader.calls === 1 && el.contact.state === 'fresh', 5000, 'the data and the load');
      await new Promise((resolve) => requestAnimationFrame(resolve));
      expect(part(el, 'skeleton')).to.exist;
      expect(el.status, 'no rules before the card').to.equal(undefined);
      await expect(el).to.be.accessible();
      held.open();
      await el.updateComplete;
      expect(el.status?.open).to.equal(true);
      expect(textOf(part(el, 'status'))).to.contain('Open now');
      el.requestUpdate();
      await el.updateComplete;
      expect(loader.calls).to.equal(1);
    } finally {
      el.remove();
    }
  });

  it('a closed popup loads nothing until it opens', async () => {
    const el = await fixture<SupportContact>(html`<support-contact modal lang="en" .now=${now} .backend=${env.cached}></support-contact>`);
    await el.updateComplete;
    expect(loader.calls).to.equal(0);
    el.show();
    await until(() => el.contact.state === 'fresh', 5000, 'the data');
    await el.updateComplete;
    expect(loader.calls).to.equal(1);
    expect(part(el, 'hotline')).to.exist;
  });

  it('shows a failed load as an accessible error with a retry that loads the card', async () => {
    let fail = true;
    loader.before = () => (fail ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : Promise.resolve());
    const el = await fixture<SupportContact>(html`<support-contact lang="en" .now=${now} .backend=${env.cached}></support-contact>`);
    await until(() => el.contact.state === 'fresh', 5000, 'the data');
    await el.updateComplete;
    expect(textOf(part(el, 'error'))).to.match(/connection/i);
    await expect(el).to.be.accessible();
    fail = false;
    part(el, 'retry-button')!.click();
    await el.updateComplete;
    expect(part(el, 'status')).to.exist;
    expect(loader.calls).to.equal(2);
  });
});
