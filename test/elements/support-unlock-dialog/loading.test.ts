import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { withFaults } from '../../../src/backend/index.js';
import { SupportUnlockDialog } from '../../../src/elements/support-unlock-dialog/support-unlock-dialog.js';
import { testBackends, textOf, until } from '../../helpers/backend.js';
import { hold, interceptContentsLoader } from '../../helpers/contents-loader.js';
import { active, choose, inlineDialog, part, roots, search, setDuration } from './helpers.js';

describe('<support-unlock-dialog> loads its contents when it first becomes active', function () {
  this.timeout(30_000); // axe on a large dialog is slow on a loaded, shared machine
  let env: ReturnType<typeof testBackends>;
  let loader: ReturnType<typeof interceptContentsLoader<'loadContents'>>;
  const closedDialog = (backend: unknown = env.cached) =>
    fixture<SupportUnlockDialog>(html`<support-unlock-dialog lang="en" .backend=${backend}></support-unlock-dialog>`);
  const tabButton = (el: SupportUnlockDialog, tab: string) =>
    el.shadowRoot!.querySelector<HTMLElement>(`[role="tab"][id$="-tab-${tab}"]`);
  const failing = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));

  beforeEach(() => {
    env = testBackends({ locale: 'en' });
    loader = interceptContentsLoader(SupportUnlockDialog, 'loadContents');
  });
  afterEach(async () => {
    loader.restore();
    fixtureCleanup();
    await env.cleanup();
  });

  it('loads nothing while closed; show() starts the load at once; closing and opening again loads nothing again', async () => {
    const el = await closedDialog();
    expect(await el.canUnlock()).to.be.true;
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 50));
    expect(loader.calls).to.equal(0);
    expect(part(el, 'tablist')).to.be.null;

    el.show();
    expect(loader.calls, 'show() starts the import before the popup renders').to.equal(1);
    await until(() => el.session.state === 'fresh');
    await el.updateComplete;
    expect(part(el, 'grant-form')).to.exist;
    expect(getComputedStyle(part(el, 'grant-form')!).display).to.equal('grid');
    await until(() => active(el) === part(el, 'search-input'), 2000, 'focus in the search field');

    el.close();
    await el.updateComplete;
    expect(part(el, 'grant-form'), 'the contents go with the closed popup').to.be.null;
    el.show();
    await until(() => el.session.state === 'fresh');
    await el.updateComplete;
    expect(loader.calls).to.equal(1);
    expect(part(el, 'grant-form')).to.exist;
  });

  it('preload() loads the contents while closed, once, and resolves only when they are there', async () => {
    const held = hold();
    loader.before = () => held.promise;
    const el = await closedDialog();
    let loaded = false;
    const preloading = el.preload().then(() => (loaded = true));
    expect(loader.calls).to.equal(1);
    await new Promise((r) => setTimeout(r, 30));
    expect(loaded, 'resolves only when the code is there').to.be.false;
    held.release();
    await preloading;
    expect(el.open).to.be.false;
    expect(part(el, 'grant-form'), 'nothing renders while closed').to.be.null;
    await el.preload();
    el.show();
    await until(() => el.session.state === 'fresh');
    await el.updateComplete;
    expect(part(el, 'grant-form')).to.exist;
    expect(loader.calls).to.equal(1);
    await expect(el).to.be.accessible();
  });

  it('shows the tabs at once, with a skeleton in the panel while the contents load; a tab focused meanwhile keeps focus', async () => {
    const held = hold();
    loader.before = () => held.promise;
    const el = await closedDialog();
    el.show();
    await until(() => el.session.state === 'fresh');
    await new Promise((r) => setTimeout(r, 30));
    expect(part(el, 'tablist')).to.exist;
    expect(part(el, 'skeleton')).to.exist;
    expect(part(el, 'grant-form')).to.be.null;
    await expect(el).to.be.accessible();
    el.selectTab('logins', true);
    await until(() => active(el) === tabButton(el, 'logins'), 2000, 'focus on the Logins tab');
    held.release();
    await until(() => el.logins.state === 'fresh');
    await el.updateComplete;
    expect(part(el, 'table')).to.exist;
    expect(active(el), 'the focus stays where the user put it').to.equal(tabButton(el, 'logins'));
  });

  it('shows a failed load as an accessible error with Retry; a failed load is tried again when the popup reopens', async () => {
    loader.before = failing;
    const el = await inlineDialog(env.cached, { tab: 'grants' });
    await until(() => part(el, 'error') !== null, 3000, 'the error');
    const error = part(el, 'error')!;
    expect(error.getAttribute('role')).to.equal('alert');
    expect(textOf(error)).to.contain('No connection to the server. Check your network and try again.');
    expect(part(el, 'table')).to.be.null;
    await expect(el).to.be.accessible();
    el.requestUpdate();
    await el.updateComplete;
    expect(loader.calls, 'no import on its own, only the retry').to.equal(1);
    loader.before = () => Promise.resolve();
    part<HTMLButtonElement>(el, 'retry-button')!.click();
    await until(() => el.grants.state === 'fresh');
    await el.updateComplete;
    expect(part(el, 'error')).to.be.null;
    expect(part(el, 'table')).to.exist;
    expect(loader.calls).to.equal(2);

    loader.before = () => Promise.reject(new Error('chunk failed'));
    const popup = await closedDialog();
    popup.show();
    await until(() => popup.session.state === 'fresh');
    await popup.updateComplete;
    expect(textOf(part(popup, 'error'))).to.contain('The service is not available right now');
    const tried = loader.calls;
    await new Promise((r) => setTimeout(r, 100));
    popup.requestUpdate();
    await popup.updateComplete;
    expect(loader.calls, 'a failed load is not tried again by updates (no load-fail-update loop)').to.equal(tried);
    await expect(popup).to.be.accessible();
    popup.close();
    await popup.updateComplete;
    loader.before = () => Promise.resolve();
    popup.show();
    await until(() => popup.session.state === 'fresh');
    await popup.updateComplete;
    expect(part(popup, 'error')).to.be.null;
    expect(part(popup, 'grant-form')).to.exist;
  });

  it('hands an unlock token that arrives while the contents load to the link view once, and keeps it out of the DOM', async () => {
    const held = hold();
    loader.before = () => held.promise;
    const faulty = withFaults(env.demo);
    const first = env.demo.control.createUnlockLink({ granteeId: 'emp-02', duration: '4h', dataExport: false, reason: 'first' });
    const token = env.demo.control.createUnlockLink({ granteeId: 'emp-02', duration: '1h', dataExport: false, reason: 'second' });
    const el = await closedDialog(faulty);
    el.openUnlockLink(first);
    await until(() => loader.calls === 1);
    el.openUnlockLink(token);
    await new Promise((r) => setTimeout(r, 50));
    expect(el.unlockToken).to.be.null;
    // The link's frame with a placeholder, instead of the tabs; nothing asked yet.
    expect(part(el, 'tablist')).to.be.null;
    expect(part(el, 'link')!.getAttribute('aria-busy')).to.equal('true');
    expect(part(el, 'skeleton')).to.exist;
    expect(faulty.calls['resolveUnlockToken'] ?? 0).to.equal(0);
    await expect(el).to.be.accessible();

    held.release();
    await until(() => part(el, 'link-asks') !== null, 3000, 'the link resolved');
    await el.updateComplete;
    expect(textOf(part(el, 'link-facts')), 'only the latest token').to.contain('Reason second');
    await new Promise((r) => setTimeout(r, 50));
    expect(faulty.calls['resolveUnlockToken']).to.equal(1);
    for (const root of roots(el)) expect(root.innerHTML).not.to.contain(token);
  });

  it('lets the user leave a link whose contents could not load, dropping the token', async () => {
    loader.before = failing;
    const faulty = withFaults(env.demo);
    const token = env.demo.control.createUnlockLink({ granteeId: 'emp-02', duration: '4h', dataExport: false, reason: 'x' });
    const el = await closedDialog(faulty);
    el.openUnlockLink(token);
    await el.updateComplete;
    expect(textOf(part(el, 'error'))).to.contain('No connection to the server');
    expect(textOf(part(el, 'link-title'))).to.equal('Unlock link from support');
    await expect(el).to.be.accessible();
    part<HTMLButtonElement>(el, 'link-dismiss-button')!.click();
    await el.updateComplete;
    expect(part(el, 'link')).to.be.null;
    expect(part(el, 'tablist')).to.exist;
    // Once the contents load, no stale token reaches the link view.
    loader.before = () => Promise.resolve();
    part<HTMLButtonElement>(el, 'retry-button')!.click();
    await until(() => el.session.state === 'fresh');
    await el.updateComplete;
    expect(part(el, 'grant-form')).to.exist;
    expect(faulty.calls['resolveUnlockToken'] ?? 0).to.equal(0);
  });

  it('releases its timers and requests when the popup closes: a search typed just before closing is never sent', async () => {
    const faulty = withFaults(env.cached);
    const el = await closedDialog(faulty);
    el.searchDelay = 200;
    el.show();
    await until(() => el.session.state === 'fresh');
    await el.updateComplete;
    await search(el, 'Jonas');
    await choose(el, 'Jonas Schmitz');
    await setDuration(el, '4h');
    const sent = faulty.calls['searchStaff'] ?? 0;
    const input = part<HTMLInputElement>(el, 'search-input')!;
    input.value = 'Lena';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    el.close();
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 300));
    expect(faulty.calls['searchStaff'] ?? 0, 'the debounced search died with the form').to.equal(sent);
    expect(roots(el)).to.have.length(1);
  });
});
