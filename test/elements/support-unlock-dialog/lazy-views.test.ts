import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { withFaults } from '../../../src/backend/index.js';
import {
  SupportUnlockDialog,
  type UnlockDialogViewLoaders,
} from '../../../src/elements/support-unlock-dialog/support-unlock-dialog.js';
import { testBackends, textOf, until } from '../../helpers/backend.js';
import { gate } from '../../helpers/lazy-view.js';
import { $$, choose, inlineDialog, part, search } from './helpers.js';

type ViewName = keyof UnlockDialogViewLoaders;

/** A promise with its resolve function outside. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('<support-unlock-dialog> views loaded on demand', function () {
  this.timeout(30_000); // axe on a large dialog is slow on a loaded, shared machine
  let env: ReturnType<typeof testBackends>;
  let original: UnlockDialogViewLoaders;
  /** The view modules asked for, in order (through the test seam `SupportUnlockDialog.viewLoaders`), but the frame. */
  let calls: ViewName[];
  /** All modules asked for, the frame too, in order. */
  let loads: ViewName[];

  /** Replaces the loader of `name`: counts the call, then runs `load` (the real import by default). */
  function stub<K extends ViewName>(name: K, load: UnlockDialogViewLoaders[K] = original[name]): void {
    SupportUnlockDialog.viewLoaders[name] = (() => {
      loads.push(name);
      if (name !== 'frame') calls.push(name);
      return load();
    }) as UnlockDialogViewLoaders[K];
  }

  beforeEach(() => {
    env = testBackends({ locale: 'en' });
    original = { ...SupportUnlockDialog.viewLoaders };
    calls = [];
    loads = [];
    for (const name of Object.keys(original) as ViewName[]) stub(name);
  });
  afterEach(async () => {
    Object.assign(SupportUnlockDialog.viewLoaders, original);
    fixtureCleanup();
    await env.cleanup();
  });

  it('loads no view while closed (canUnlock() and the live banner need none), and the Grant form once it opens', async () => {
    const el = await fixture<SupportUnlockDialog>(html`<support-unlock-dialog lang="en" .backend=${env.cached}></support-unlock-dialog>`);
    expect(await el.canUnlock()).to.be.true;
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 50));
    expect(calls).to.deep.equal([]);
    expect(part(el, 'grant-form')).to.be.null;

    el.show();
    expect(calls, 'show() starts the import before the popup renders').to.deep.equal(['grantForm']);
    await until(() => el.session.state === 'fresh');
    await el.updateComplete;
    expect(part(el, 'grant-form')).to.exist;
    // The form's own styles came with it (the shell's stylesheet no longer has them).
    expect(getComputedStyle(part(el, 'grant-form')!).display).to.equal('grid');
    await until(() => el.shadowRoot!.activeElement === part(el, 'search-input'), 2000, 'focus in the search field');

    // Closing and opening again loads nothing again.
    el.close();
    await el.updateComplete;
    el.show();
    await until(() => el.session.state === 'fresh');
    await el.updateComplete;
    expect(calls).to.deep.equal(['grantForm']);
    expect(part(el, 'grant-form')).to.exist;
  });

  it('preload() loads the Grant form while closed, once, so the popup opens with it at once', async () => {
    const gate = deferred();
    stub('grantForm', async () => {
      await gate.promise;
      return original.grantForm();
    });
    const el = await fixture<SupportUnlockDialog>(html`<support-unlock-dialog lang="en" .backend=${env.cached}></support-unlock-dialog>`);
    let loaded = false;
    const preloading = el.preload().then(() => (loaded = true));
    expect(calls).to.deep.equal(['grantForm']);
    await new Promise((r) => setTimeout(r, 30));
    expect(loaded, 'resolves only when the code is there').to.be.false;
    gate.resolve();
    await preloading;
    expect(el.open).to.be.false;
    expect(part(el, 'grant-form'), 'nothing renders while closed').to.be.null;

    await el.preload(); // loaded already: nothing more to load
    el.show();
    await until(() => el.session.state === 'fresh');
    await el.updateComplete;
    expect(part(el, 'grant-form')).to.exist;
    expect(calls).to.deep.equal(['grantForm']);
    await expect(el).to.be.accessible();
  });

  it('loads an overview only when its tab is visited, with a skeleton meanwhile', async () => {
    const gate = deferred();
    stub('grantsList', async () => {
      await gate.promise;
      return original.grantsList();
    });
    const el = await inlineDialog(env.cached);
    expect(calls).to.deep.equal(['grantForm']);
    expect(part(el, 'grant-form')).to.exist;

    el.selectTab('grants');
    await until(() => calls.includes('grantsList'));
    // The data loads in parallel with the code; until the code is there, the panel shows the skeleton.
    await new Promise((r) => setTimeout(r, 30));
    expect(part(el, 'skeleton')).to.exist;
    expect(part(el, 'table')).to.be.null;
    gate.resolve();
    await until(() => el.grants.state === 'fresh');
    await el.updateComplete;
    expect(part(el, 'table')).to.exist;
    expect(part(el, 'skeleton')).to.be.null;
    expect(getComputedStyle(part(el, 'table-wrap')!).overflow).to.equal('auto');
    expect(calls).to.deep.equal(['grantForm', 'grantsList']);

    el.selectTab('logins');
    await until(() => el.logins.state === 'fresh');
    await el.updateComplete;
    expect(part(el, 'table')).to.exist;
    expect(calls).to.deep.equal(['grantForm', 'grantsList', 'loginsList']);
  });

  it('marks a grant just created in the Grants overview even when the overview loads only afterwards', async () => {
    const el = await inlineDialog(env.cached, { searchDelay: 0 });
    await search(el, 'Lena');
    await choose(el, 'Lena Hoffmann');
    expect(calls).to.deep.equal(['grantForm']);
    const created = new Promise<CustomEvent>((resolve) => el.addEventListener('support-grant-created', resolve as EventListener, { once: true }));
    part<HTMLButtonElement>(el, 'submit-button')!.click();
    const { detail } = await created;
    await until(() => el.grants.state === 'fresh');
    await el.updateComplete;
    expect(el.tab).to.equal('grants');
    expect(calls).to.deep.equal(['grantForm', 'grantsList']);
    const row = $$(el, 'tbody tr').find((r) => r.dataset['id'] === detail.grant.id)!;
    expect(row.getAttribute('part')).to.contain('row-new');
  });

  it('shows a failed load as an accessible error with a retry that loads the view', async () => {
    stub('grantsList', () => Promise.reject(new TypeError('Failed to fetch dynamically imported module')));
    const el = await inlineDialog(env.cached, { tab: 'grants' });
    await until(() => part(el, 'error') !== null, 3000, 'the error');
    const error = part(el, 'error')!;
    expect(error.getAttribute('role')).to.equal('alert');
    expect(textOf(error)).to.contain('No connection to the server. Check your network and try again.');
    expect(part(el, 'table')).to.be.null;
    await expect(el).to.be.accessible();
    // Re-rendering does not import again on its own: only the retry does.
    el.requestUpdate();
    await el.updateComplete;
    expect(calls.filter((c) => c === 'grantsList')).to.have.length(1);

    stub('grantsList');
    error.querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
    await until(() => el.grants.state === 'fresh');
    await el.updateComplete;
    expect(part(el, 'error')).to.be.null;
    expect(part(el, 'table')).to.exist;
    expect(calls.filter((c) => c === 'grantsList')).to.have.length(2);
    await expect(el).to.be.accessible();
  });

  it('shows a failed Grant form load in the popup; it is tried again the next time the popup opens', async () => {
    stub('grantForm', () => Promise.reject(new Error('chunk failed')));
    const el = await fixture<SupportUnlockDialog>(html`<support-unlock-dialog lang="en" .backend=${env.cached}></support-unlock-dialog>`);
    el.show();
    await until(() => el.session.state === 'fresh');
    await el.updateComplete;
    expect(textOf(part(el, 'error'))).to.contain('The service is not available right now');
    expect(part(el, 'retry-button')).to.exist;
    await expect(el).to.be.accessible();
    el.close();
    await el.updateComplete;
    stub('grantForm');
    el.show();
    await until(() => el.session.state === 'fresh');
    await el.updateComplete;
    expect(part(el, 'error')).to.be.null;
    expect(part(el, 'grant-form')).to.exist;
  });

  it('handles an unlock token that arrives while the link view loads exactly once, and keeps it out of the DOM', async () => {
    const gate = deferred();
    stub('unlockLink', async () => {
      await gate.promise;
      return original.unlockLink();
    });
    const faulty = withFaults(env.demo);
    const token = env.demo.control.createUnlockLink({ granteeId: 'emp-02', duration: '4h', dataExport: false, reason: 'Ticket #4711' });
    const el = await fixture<SupportUnlockDialog>(html`<support-unlock-dialog lang="en" .backend=${faulty}></support-unlock-dialog>`);
    el.openUnlockLink(token);
    await until(() => calls.includes('unlockLink'));
    await new Promise((r) => setTimeout(r, 50));
    expect(el.unlockToken).to.be.null;
    // The link's frame with a placeholder, instead of the tabs; nothing asked yet.
    expect(part(el, 'tablist')).to.be.null;
    expect(part(el, 'link')!.getAttribute('aria-busy')).to.equal('true');
    expect(part(el, 'skeleton')).to.exist;
    expect(faulty.calls['resolveUnlockToken'] ?? 0).to.equal(0);
    expect(el.shadowRoot!.innerHTML).not.to.contain(token);
    await expect(el).to.be.accessible();

    gate.resolve();
    await el.updateComplete;
    await until(() => part(el, 'link-asks') !== null, 3000, 'the link resolved');
    await el.updateComplete;
    expect(textOf(part(el, 'link-asks'))).to.contain('Jonas Schmitz');
    expect(faulty.calls['resolveUnlockToken']).to.equal(1);
    expect(calls.filter((c) => c === 'unlockLink')).to.have.length(1);
    expect(el.shadowRoot!.innerHTML).not.to.contain(token);
    await new Promise((r) => setTimeout(r, 50));
    expect(faulty.calls['resolveUnlockToken']).to.equal(1);
  });

  it('resolves only the latest of two tokens handed over while the link view loads', async () => {
    const gate = deferred();
    stub('unlockLink', async () => {
      await gate.promise;
      return original.unlockLink();
    });
    const faulty = withFaults(env.demo);
    const first = env.demo.control.createUnlockLink({ granteeId: 'emp-02', duration: '4h', dataExport: false, reason: 'first' });
    const second = env.demo.control.createUnlockLink({ granteeId: 'emp-02', duration: '1h', dataExport: false, reason: 'second' });
    const el = await fixture<SupportUnlockDialog>(html`<support-unlock-dialog lang="en" .backend=${faulty}></support-unlock-dialog>`);
    el.openUnlockLink(first);
    await until(() => calls.includes('unlockLink'));
    el.openUnlockLink(second);
    await new Promise((r) => setTimeout(r, 20));
    gate.resolve();
    await until(() => part(el, 'link-asks') !== null, 3000, 'the link resolved');
    await el.updateComplete;
    expect(textOf(part(el, 'link-facts'))).to.contain('Reason second');
    expect(faulty.calls['resolveUnlockToken']).to.equal(1);
    expect(calls.filter((c) => c === 'unlockLink')).to.have.length(1);
  });

  it('lets the user leave a link whose view could not load, dropping the token', async () => {
    stub('unlockLink', () => Promise.reject(new TypeError('Failed to fetch dynamically imported module')));
    const faulty = withFaults(env.demo);
    const token = env.demo.control.createUnlockLink({ granteeId: 'emp-02', duration: '4h', dataExport: false, reason: 'x' });
    const el = await fixture<SupportUnlockDialog>(html`<support-unlock-dialog lang="en" .backend=${faulty}></support-unlock-dialog>`);
    el.openUnlockLink(token);
    await el.updateComplete;
    expect(textOf(part(el, 'error'))).to.contain('No connection to the server');
    expect(textOf(part(el, 'link-title'))).to.equal('Unlock link from support');
    await expect(el).to.be.accessible();
    part<HTMLButtonElement>(el, 'link-dismiss-button')!.click();
    await el.updateComplete;
    expect(part(el, 'link')).to.be.null;
    expect(part(el, 'tablist')).to.exist;
    // A later load of the link view gets no stale token.
    stub('unlockLink');
    el.close();
    await el.updateComplete;
    expect(faulty.calls['resolveUnlockToken'] ?? 0).to.equal(0);
  });

  describe('the frame (live logins, tabs and panels)', () => {
    const closedDialog = () =>
      fixture<SupportUnlockDialog>(html`<support-unlock-dialog lang="en" .backend=${env.cached}></support-unlock-dialog>`);
    /** Holds the frame's load until `open()`. */
    function holdFrame(): { open: () => void } {
      const held = gate();
      stub('frame', async () => {
        await held.promise;
        return original.frame();
      });
      return held;
    }
    const tabButton = (el: SupportUnlockDialog, tab: string) =>
      el.shadowRoot!.querySelector<HTMLElement>(`[role="tab"][id$="-tab-${tab}"]`);

    it('is not loaded while closed; opening starts it once, beside the Grant form (both before either arrives)', async () => {
      const frame = holdFrame();
      const form = gate();
      stub('grantForm', async () => {
        await form.promise;
        return original.grantForm();
      });
      const el = await closedDialog();
      expect(await el.canUnlock()).to.be.true;
      await el.updateComplete;
      await new Promise((r) => setTimeout(r, 50));
      expect(loads).to.deep.equal([]);
      expect(part(el, 'tablist')).to.be.null;

      el.show();
      expect(loads, 'show() starts both imports, not one after the other').to.have.members(['frame', 'grantForm']);
      await until(() => el.session.state === 'fresh');
      form.open();
      frame.open();
      await el.updateComplete;
      expect(part(el, 'tablist')).to.exist;
      expect(part(el, 'grant-form')).to.exist;
      // The frame's own styles came with it.
      expect(getComputedStyle(part(el, 'tablist')!).display).to.equal('flex');

      el.close();
      await el.updateComplete;
      el.show();
      await el.updateComplete;
      expect(loads.filter((name) => name === 'frame')).to.have.length(1);
      expect(part(el, 'tablist')).to.exist;
    });

    it('shows the header and a skeleton while the frame loads', async () => {
      const frame = holdFrame();
      const el = await closedDialog();
      el.show();
      await until(() => el.session.state === 'fresh');
      await new Promise((r) => setTimeout(r, 30));
      expect(textOf(part(el, 'title'))).to.equal('Unlock support');
      expect(part(el, 'close-button')).to.exist;
      expect(part(el, 'skeleton')).to.exist;
      expect(part(el, 'tablist')).to.be.null;
      expect(part(el, 'active-logins')).to.be.null;
      await expect(el).to.be.accessible();

      frame.open();
      await el.updateComplete;
      expect(part(el, 'skeleton')).to.be.null;
      expect(part(el, 'tablist')).to.exist;
      expect(part(el, 'grant-form')).to.exist;
      await until(() => el.shadowRoot!.activeElement === part(el, 'search-input'), 2000, 'focus in the search field');
    });

    it('shows a failed frame load as an accessible error; Retry loads it and shows the tabs', async () => {
      stub('frame', () => Promise.reject(new TypeError('Failed to fetch dynamically imported module')));
      const el = await closedDialog();
      el.show();
      await el.updateComplete;
      const error = part(el, 'error')!;
      expect(error.getAttribute('role')).to.equal('alert');
      expect(textOf(error)).to.contain('No connection to the server. Check your network and try again.');
      expect(textOf(part(el, 'title'))).to.equal('Unlock support');
      expect(part(el, 'tablist')).to.be.null;
      await expect(el).to.be.accessible();
      // Re-rendering does not import again on its own: only the retry does.
      el.requestUpdate();
      await el.updateComplete;
      expect(loads.filter((name) => name === 'frame')).to.have.length(1);

      stub('frame');
      part<HTMLButtonElement>(el, 'retry-button')!.click();
      await until(() => el.session.state === 'fresh');
      await el.updateComplete;
      expect(part(el, 'error')).to.be.null;
      expect(part(el, 'tablist')).to.exist;
      expect(part(el, 'grant-form')).to.exist;
      expect(loads.filter((name) => name === 'frame')).to.have.length(2);
      await until(() => el.shadowRoot!.activeElement === part(el, 'search-input'), 2000, 'focus in the search field');
      await expect(el).to.be.accessible();
    });

    it('preload() loads the frame too, and resolves only once it is there', async () => {
      const frame = holdFrame();
      const el = await closedDialog();
      let loaded = false;
      const preloading = el.preload().then(() => (loaded = true));
      expect(loads).to.have.members(['frame', 'grantForm']);
      await new Promise((r) => setTimeout(r, 30));
      expect(loaded, 'waits for the frame').to.be.false;
      frame.open();
      await preloading;
      expect(el.open).to.be.false;
      expect(part(el, 'tablist'), 'nothing renders while closed').to.be.null;

      el.show();
      await until(() => el.session.state === 'fresh');
      await el.updateComplete;
      expect(part(el, 'tablist')).to.exist;
      expect(part(el, 'grant-form')).to.exist;
      expect(loads).to.have.length(2);
    });

    it("selectTab(tab, true) while the frame loads focuses the tab's button once it is there", async () => {
      const frame = holdFrame();
      const el = await closedDialog();
      el.show();
      el.selectTab('logins', true);
      await new Promise((r) => setTimeout(r, 30));
      expect(tabButton(el, 'logins')).to.be.null;
      frame.open();
      await until(() => el.shadowRoot!.activeElement === tabButton(el, 'logins'), 2000, 'focus on the Logins tab');
      expect(tabButton(el, 'logins')!.getAttribute('aria-selected')).to.equal('true');
      await el.updateComplete;
      expect(el.shadowRoot!.activeElement).to.equal(tabButton(el, 'logins'));
    });
  });
});
