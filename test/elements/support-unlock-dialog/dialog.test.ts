import { expect, fixtureCleanup, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { SupportUnlockDialog } from '../../../src/elements/support-unlock-dialog/support-unlock-dialog.js';
import { supportUnlockDialogTranslations } from '../../../src/elements/support-unlock-dialog/support-unlock-dialog.i18n.js';
import { unlockViewTranslations } from '../../../src/elements/support-unlock-dialog/views.i18n.js';
import type { Messages, Translations } from '../../../src/internal/localize.js';
import { withFaults } from '../../../src/backend/index.js';
import { testBackends, until } from '../../helpers/backend.js';
import { $, $$, active, byId, helpButton, inlineDialog, part, text } from './helpers.js';

describe('<support-unlock-dialog>', function () {
  this.timeout(30_000); // axe on a large dialog is slow on a loaded, shared machine
  let env: ReturnType<typeof testBackends>;
  beforeEach(() => {
    env = testBackends();
  });
  afterEach(async () => {
    fixtureCleanup(); // disconnect the elements before their database goes
    await env.cleanup();
    document.documentElement.lang = 'en';
  });

  it('has every string in English and German', async () => {
    for (const table of [supportUnlockDialogTranslations, unlockViewTranslations] as Translations<Messages>[]) {
      const { en } = table;
      const de = await table.de();
      expect(Object.keys(de).sort()).to.deep.equal(Object.keys(en).sort());
      for (const [key, value] of Object.entries(de)) {
        expect(typeof value, key).to.equal(typeof (en as Record<string, unknown>)[key]);
        if (typeof value === 'string') expect(value.trim(), key).not.to.equal('');
      }
    }
  });

  it('keeps the views\' English strings out of the closed dialog, and no key in both tables', () => {
    const shell = Object.keys(supportUnlockDialogTranslations.en);
    const views = Object.keys(unlockViewTranslations.en);
    expect(shell.filter((key) => views.includes(key))).to.deep.equal([]);
    expect(shell).not.to.include('searchLabel');
    expect(views).to.include('searchLabel');
  });

  it('is a modal popup by default: show(), Escape with veto, close button, focus back to the opener', async () => {
    const el = await fixture<SupportUnlockDialog>(html`<support-unlock-dialog lang="en" .backend=${env.cached}></support-unlock-dialog>`);
    const opener = helpButton(el);
    expect(el.modal).to.be.true;
    expect(el.open).to.be.false;
    expect($<HTMLDialogElement>(el, 'dialog')!.open).to.be.false;
    opener.focus();
    const opened = oneEvent(el, 'support-open');
    // A real key press, as from a Help menu (Chrome lets a page veto Escape only after a user activation).
    await sendKeys({ press: 'Enter' });
    await opened;
    expect(el.hasAttribute('open')).to.be.true;
    const dialog = $<HTMLDialogElement>(el, 'dialog')!;
    expect(dialog.open).to.be.true;
    expect(dialog.getAttribute('aria-labelledby')).to.equal(part(el, 'title')!.id);
    expect(part(el, 'title')!.textContent).to.equal('Unlock support');
    await until(() => el.session.state === 'fresh');
    await el.updateComplete;
    // Focus lands in the search field of the Grant tab.
    await until(() => active(el) === part(el, 'search-input'), 2000, 'focus in the search field');
    await expect(el).to.be.accessible();

    const veto = (e: Event) => e.preventDefault();
    el.addEventListener('support-request-close', veto);
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.open).to.be.true;
    el.removeEventListener('support-request-close', veto);

    const closed = oneEvent(el, 'support-close');
    part<HTMLButtonElement>(el, 'close-button')!.click();
    await closed;
    expect(el.open).to.be.false;
    expect(dialog.open).to.be.false;
    expect(document.activeElement).to.equal(opener);
  });

  it('stays open when closed and opened again in one go (the late close event of the first is ignored)', async () => {
    const el = await fixture<SupportUnlockDialog>(html`<support-unlock-dialog lang="en" .backend=${env.cached}></support-unlock-dialog>`);
    el.show();
    await el.updateComplete;
    el.close();
    await el.updateComplete;
    el.show();
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 50));
    expect(el.open).to.be.true;
    expect($<HTMLDialogElement>(el, 'dialog')!.open).to.be.true;
  });

  it('loads nothing while closed', async () => {
    const faulty = withFaults(env.demo);
    await fixture<SupportUnlockDialog>(html`<support-unlock-dialog lang="en" .backend=${faulty}></support-unlock-dialog>`);
    await new Promise((r) => setTimeout(r, 50));
    expect(faulty.calls).to.deep.equal({});
  });

  it('follows the ARIA tabs pattern: roving tabindex, arrows, Home/End, panels labelled by their tabs', async () => {
    const el = await inlineDialog(env.cached);
    const tabs = $$(el, '[role="tab"]');
    expect(tabs.map((t) => t.textContent!.trim())).to.deep.equal(['Grant', 'Grants overview', 'Logins overview']);
    expect(part(el, 'tablist')!.getAttribute('role')).to.equal('tablist');
    const check = (selected: number) => {
      tabs.forEach((tab, i) => {
        expect(tab.getAttribute('aria-selected')).to.equal(i === selected ? 'true' : 'false');
        expect(tab.tabIndex).to.equal(i === selected ? 0 : -1);
        const panel = byId(el, tab.getAttribute('aria-controls')!)!;
        expect(panel.getAttribute('role')).to.equal('tabpanel');
        expect(panel.getAttribute('aria-labelledby')).to.equal(tab.id);
        expect(panel.hidden).to.equal(i !== selected);
      });
      expect(active(el)).to.equal(tabs[selected]);
    };
    tabs[0]!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    check(1);
    expect(el.tab).to.equal('grants');
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    check(2);
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    check(0);
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    check(2);
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    check(0);
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    check(2);
    // Tab moves from the tab into the panel, not to the other tabs.
    await sendKeys({ press: 'Tab' });
    expect(active(el)!.getAttribute('role')).to.equal('tabpanel');
    await until(() => el.logins.state === 'fresh');
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('reverses the arrow keys in right-to-left text', async () => {
    const el = await inlineDialog(env.cached);
    el.setAttribute('dir', 'rtl');
    await el.updateComplete;
    $$(el, '[role="tab"]')[0]!.focus();
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect(el.tab).to.equal('grants');
  });

  it('without the right explains why and shows no form; the overviews stay readable without revoke buttons', async () => {
    env.demo.control.setUnlockRight(false);
    const events: boolean[] = [];
    const el = await fixture<SupportUnlockDialog>(html`<support-unlock-dialog
      inline
      lang="en"
      .backend=${env.cached}
      @support-rights-change=${(e: CustomEvent<{ canUnlock: boolean }>) => events.push(e.detail.canUnlock)}
    ></support-unlock-dialog>`);
    await until(() => el.session.state === 'fresh');
    await el.updateComplete;
    expect(part(el, 'grant-form')).to.be.null;
    const notice = part(el, 'no-right')!;
    expect(notice.textContent).to.contain('You cannot unlock support');
    expect(notice.textContent).to.contain('may unlock the onOffice support user');
    el.lang = 'de';
    await until(() => part(el, 'no-right')?.textContent?.includes('„Darf den onOffice Supportbenutzer freischalten“') ?? false);
    el.lang = 'en';
    await until(() => part(el, 'no-right')?.textContent?.includes('may unlock') ?? false);
    expect(notice.textContent).to.contain('Why:');
    expect(events).to.deep.equal([false]);
    await expect(el).to.be.accessible();

    el.selectTab('grants');
    await until(() => el.grants.state === 'fresh');
    await el.updateComplete;
    expect($$(el, 'tbody tr').length).to.be.greaterThan(5);
    expect(part(el, 'revoke-button')).to.be.null;
    expect(text(el)).not.to.contain('Actions');
    await expect(el).to.be.accessible();
  });

  it('tells the host whether to show its Help-menu entry, and when that changes', async () => {
    const el = await fixture<SupportUnlockDialog>(html`<support-unlock-dialog lang="en" .backend=${env.cached}></support-unlock-dialog>`);
    const events: boolean[] = [];
    el.addEventListener('support-rights-change', (e) => events.push(e.detail.canUnlock));
    expect(await el.canUnlock()).to.be.true;
    env.demo.control.setUnlockRight(false);
    expect(await el.canUnlock()).to.be.false;
    expect(await el.canUnlock()).to.be.false;
    env.demo.control.setUnlockRight(true);
    expect(await el.canUnlock()).to.be.true;
    expect(events).to.deep.equal([true, false, true]);
  });

  it('answers canUnlock() asked before a backend arrived once it is there (event)', async () => {
    const el = await fixture<SupportUnlockDialog>(html`<support-unlock-dialog lang="en"></support-unlock-dialog>`);
    const events: boolean[] = [];
    el.addEventListener('support-rights-change', (e) => events.push(e.detail.canUnlock));
    expect(await el.canUnlock()).to.be.false;
    expect(events).to.deep.equal([]);
    el.backend = env.cached;
    await until(() => events.length === 1);
    expect(events).to.deep.equal([true]);
  });

  it('answers canUnlock() from the saved session when offline, and false when nothing is known', async () => {
    const el = await fixture<SupportUnlockDialog>(html`<support-unlock-dialog lang="en" .backend=${env.cached}></support-unlock-dialog>`);
    expect(await el.canUnlock()).to.be.true; // fills the cache
    const { createCachingBackend } = await import('../../../src/backend/index.js');
    const offline = withFaults(env.demo, { offline: true });
    el.backend = createCachingBackend(offline, { scope: env.scope });
    expect(await el.canUnlock()).to.be.true;
    el.backend = offline;
    expect(await el.canUnlock()).to.be.false;
    (el.backend as unknown as { close?: () => void }).close?.();
  });

  it('updates an open dialog live when the rights change', async () => {
    const el = await inlineDialog(env.cached);
    expect(part(el, 'grant-form')).to.exist;
    env.demo.control.setUnlockRight(false);
    await el.canUnlock();
    await el.updateComplete;
    expect(part(el, 'grant-form')).to.be.null;
    expect(part(el, 'no-right')).to.exist;
  });

  it('shows a skeleton while the session loads and an error with retry when it fails', async () => {
    const slow = withFaults(env.demo, { latencyMs: 10_000 });
    const el = await fixture<SupportUnlockDialog>(html`<support-unlock-dialog inline lang="en" .backend=${slow}></support-unlock-dialog>`);
    await el.updateComplete;
    expect(part(el, 'skeleton')).to.exist;
    await expect(el).to.be.accessible();

    const offline = withFaults(env.demo, { offline: true });
    const broken = await fixture<SupportUnlockDialog>(html`<support-unlock-dialog inline lang="en" .backend=${offline}></support-unlock-dialog>`);
    await until(() => broken.session.state === 'error');
    await broken.updateComplete;
    expect(part(broken, 'error')!.textContent).to.contain('No connection');
    await expect(broken).to.be.accessible();
    offline.set({ offline: false });
    part<HTMLButtonElement>(broken, 'retry-button')!.click();
    await until(() => broken.session.state === 'fresh');
    await broken.updateComplete;
    expect(part(broken, 'grant-form')).to.exist;
  });

  it('speaks German', async () => {
    document.documentElement.lang = 'de';
    const el = await fixture<SupportUnlockDialog>(html`<support-unlock-dialog inline .backend=${env.cached}></support-unlock-dialog>`);
    await until(() => el.session.state === 'fresh');
    await el.updateComplete;
    expect(part(el, 'title')!.textContent).to.equal('Freischaltung Support');
    expect($$(el, '[role="tab"]').map((t) => t.textContent!.trim())).to.deep.equal([
      'Freischaltung',
      'Übersicht Freischaltungen',
      'Übersicht Logins',
    ]);
    expect(text(el)).to.contain('Mitarbeiter/Abteilung');
    expect(text(el)).to.contain('Datenexport erlauben');
    expect([...part<HTMLSelectElement>(el, 'duration-select')!.options].map((o) => o.textContent!.trim())).to.deep.equal([
      '1 Stunde',
      '2 Stunden',
      '4 Stunden',
      'Heute',
      '1 Woche',
      '2 Wochen',
      '1 Monat',
      'Permanent',
    ]);
    expect(text(el)).to.contain('nicht ab dem Login');
    await expect(el).to.be.accessible();
  });
});
