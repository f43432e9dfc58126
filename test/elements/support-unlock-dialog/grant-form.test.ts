import { expect, fixtureCleanup, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { SupportError, withFaults, type SupportBackend } from '../../../src/backend/index.js';
import type { SupportUnlockDialog } from '../../../src/elements/support-unlock-dialog/support-unlock-dialog.js';
import { testBackends, textOf, until } from '../../helpers/backend.js';
import { $$, active, byId, choose, helpButton, inlineDialog, part, previewText, search, setDuration, setExport, text } from './helpers.js';

describe('<support-unlock-dialog> Grant tab', function () {
  this.timeout(30_000); // axe on a large dialog is slow on a loaded, shared machine
  let env: ReturnType<typeof testBackends>;
  beforeEach(() => {
    env = testBackends();
  });
  afterEach(async () => {
    fixtureCleanup(); // disconnect the elements before their database goes
    await env.cleanup();
  });

  it('starts with no grantee, data export off and 1 hour, and explains data export', async () => {
    const el = await inlineDialog(env.cached);
    const input = part<HTMLInputElement>(el, 'search-input')!;
    expect(input.value).to.equal('');
    expect(input.getAttribute('role')).to.equal('combobox');
    expect(input.getAttribute('aria-expanded')).to.equal('false');
    expect(byId(el, input.getAttribute('aria-controls')!)!.getAttribute('role')).to.equal('listbox');
    const box = part<HTMLInputElement>(el, 'export-checkbox')!;
    expect(box.checked).to.be.false;
    const hint = byId(el, box.getAttribute('aria-describedby')!)!;
    expect(hint.textContent).to.contain('cannot export any data');
    const select = part<HTMLSelectElement>(el, 'duration-select')!;
    expect(select.value).to.equal('1h');
    expect([...select.options].map((o) => o.textContent!.trim())).to.deep.equal([
      '1 hour',
      '2 hours',
      '4 hours',
      'Today',
      '1 week',
      '2 weeks',
      '1 month',
      'Permanent',
    ]);
    expect(previewText(el)).to.contain('without data export');
    expect(previewText(el)).to.contain('The time counts from now, when you grant it, not from the support login.');
    await expect(el).to.be.accessible();
  });

  it('searches employees and whole departments, grouped, and lists departments on ArrowDown in an empty field', async () => {
    const el = await inlineDialog(env.cached);
    const input = part<HTMLInputElement>(el, 'search-input')!;
    input.focus();
    await sendKeys({ press: 'ArrowDown' });
    await until(() => input.getAttribute('aria-expanded') === 'true');
    await el.updateComplete;
    const groups = $$(el, '[role="listbox"] > [role="group"]');
    expect(groups.map((g) => g.getAttribute('aria-label'))).to.deep.equal(['Departments']);
    expect($$(el, '[role="option"]').map((o) => o.querySelector('.option-label')!.textContent)).to.deep.equal([
      'Support',
      'Entwicklung',
      'Beratung',
      'Datenmigration',
    ]);
    await expect(el).to.be.accessible();

    await search(el, 'Ent');
    const labels = $$(el, '[role="group"]').map((g) => g.getAttribute('aria-label'));
    expect(labels).to.deep.equal(['Departments', 'Employees']);
    const employees = $$(el, '[role="group"][aria-label="Employees"] [role="option"]');
    expect(employees.length).to.equal(4); // the Entwicklung department's people
    expect(employees[0]!.textContent).to.contain('Entwicklung');
    expect(textOf(part(el, 'search-status'))).to.contain('5 results');
    await expect(el).to.be.accessible();
  });

  it('is keyboard operable as a combobox: arrows move aria-activedescendant, Enter chooses, Escape closes the list only', async () => {
    const el = await inlineDialog(env.cached);
    const input = part<HTMLInputElement>(el, 'search-input')!;
    input.focus();
    await sendKeys({ type: 'Sup' });
    await until(() => part(el, 'combobox')!.dataset['query'] === 'Sup' && input.getAttribute('aria-expanded') === 'true');
    await el.updateComplete;
    const options = () => $$(el, '[role="option"]');
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(input.getAttribute('aria-activedescendant')).to.equal(options()[0]!.id);
    expect(options()[0]!.getAttribute('aria-selected')).to.equal('true');
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(input.getAttribute('aria-activedescendant')).to.equal(options()[1]!.id);
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    // Wraps around to the last option.
    expect(input.getAttribute('aria-activedescendant')).to.equal(options()[options().length - 1]!.id);
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    const first = options()[0]!.querySelector('.option-label')!.textContent!;
    expect(first).to.equal('Support');

    // Escape closes the list and is not seen by the popup around it.
    let escaped = false;
    el.addEventListener('keydown', (e) => (escaped ||= e.key === 'Escape'), { once: false });
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(input.getAttribute('aria-expanded')).to.equal('false');
    expect(escaped).to.be.false;
    expect(input.value).to.equal('Sup');

    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(input.getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(input.value).to.equal('Support');
    expect(input.getAttribute('aria-expanded')).to.equal('false');
    expect(input.hasAttribute('aria-activedescendant') && input.getAttribute('aria-activedescendant') !== '').to.be.false;
    expect(previewText(el)).to.contain('Access for the whole Support department');
    // Enter chose an option: it did not submit the form.
    expect(part(el, 'confirm')).to.be.null;
    expect(text(el)).not.to.contain('now has access');
  });

  it('debounces typing into one request and aborts a request that is overtaken', async () => {
    // The first search stays in flight until it is aborted (a slow network that a loaded machine cannot outrun);
    // later ones answer at once.
    const calls: { query: string; signal: AbortSignal }[] = [];
    const spy: SupportBackend = {
      ...env.demo,
      searchStaff: (query, signal) => {
        calls.push({ query, signal: signal! });
        if (calls.length > 1) return env.demo.searchStaff(query, signal);
        return new Promise((_, reject) => signal!.addEventListener('abort', () => reject(signal!.reason), { once: true }));
      },
    };
    const el = await inlineDialog(spy, { searchDelay: 250 });
    const input = part<HTMLInputElement>(el, 'search-input')!;
    input.focus();
    // Three keystrokes in quick succession (input events, as typing fires them).
    for (const value of ['L', 'Le', 'Len']) {
      input.value = value;
      input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText' }));
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(calls.length).to.equal(0); // still waiting for a pause in typing
    await until(() => calls.length === 1, 2000);
    expect(calls[0]!.query).to.equal('Len');
    await el.updateComplete;
    expect(textOf(part(el, 'search-status'))).to.contain('Searching');
    // Still in flight: typing more aborts it.
    input.value = 'Lena';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText' }));
    await until(() => calls.length === 2, 2000);
    expect(calls[0]!.signal.aborted).to.be.true;
    expect(calls[1]!.query).to.equal('Lena');
    await until(() => input.getAttribute('aria-expanded') === 'true', 3000);
    await el.updateComplete;
    expect($$(el, '[role="option"]').map((o) => o.querySelector('.option-label')!.textContent)).to.deep.equal(['Lena Hoffmann']);
  });

  it('says when nothing matches, and shows a search error with a retry', async () => {
    const faulty = withFaults(env.demo);
    const el = await inlineDialog(faulty);
    await search(el, 'zzz');
    expect(textOf(part(el, 'search-status'))).to.contain('No support employee or department matches "zzz".');
    expect(part(el, 'search-input')!.getAttribute('aria-expanded')).to.equal('false');
    await expect(el).to.be.accessible();

    faulty.set({ offline: true });
    await search(el, 'Lena');
    expect(textOf(part(el, 'search-status'))).to.contain('The search failed.');
    expect(textOf(part(el, 'search-status'))).to.contain('No connection');
    await expect(el).to.be.accessible();
    faulty.set({ offline: false });
    part<HTMLButtonElement>(el, 'retry-button')!.click();
    await until(() => part(el, 'search-input')!.getAttribute('aria-expanded') === 'true');
  });

  it('asks to choose a grantee before granting', async () => {
    const el = await inlineDialog(env.cached);
    part<HTMLButtonElement>(el, 'submit-button')!.click();
    await el.updateComplete;
    const input = part<HTMLInputElement>(el, 'search-input')!;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(part(el, 'field-error')!.textContent).to.contain('Choose an employee or a department');
    expect(input.getAttribute('aria-describedby')).to.contain(part(el, 'field-error')!.id);
    await until(() => active(el) === input);
    await expect(el).to.be.accessible();
  });

  it('previews the grant live and grants it: announced, event, shown as new at the top of the overview', async () => {
    const el = await inlineDialog(env.cached);
    await search(el, 'Lena');
    await choose(el, 'Lena Hoffmann');
    await setDuration(el, '4h');
    const before = Date.now();
    expect(previewText(el)).to.match(/Access for Lena Hoffmann \(Support\) until .+ — without data export/);
    await setExport(el, true);
    expect(previewText(el)).to.contain('— with data export');
    const created = oneEvent(el, 'support-grant-created');
    part<HTMLButtonElement>(el, 'submit-button')!.click();
    const { detail } = await created;
    expect(detail.grant.grantee).to.include({ kind: 'employee', id: 'emp-01' });
    expect(detail.grant.duration).to.equal('4h');
    expect(detail.grant.dataExport).to.be.true;
    expect(detail.grant.grantedBy.name).to.equal('Anna Becker');
    expect(detail.grant.endsAt!.getTime() - before).to.be.within(4 * 3600_000 - 5000, 4 * 3600_000 + 5000);

    await until(() => el.tab === 'grants' && el.grants.state === 'fresh');
    await el.updateComplete;
    const success = part(el, 'success')!;
    expect(success.textContent).to.contain('Lena Hoffmann (Support) now has access until');
    await until(() => active(el) === success);
    const first = $$(el, 'tbody tr')[0]!;
    expect(first.getAttribute('part')).to.contain('row-new');
    expect(first.getAttribute('data-id')).to.equal(detail.grant.id);
    expect(first.textContent).to.contain('New');
    expect(first.getAttribute('data-status')).to.equal('active');
    await expect(el).to.be.accessible();

    // The form is fresh again for the next grant.
    el.selectTab('grant');
    await el.updateComplete;
    expect(part<HTMLInputElement>(el, 'search-input')!.value).to.equal('');
    expect(part<HTMLInputElement>(el, 'export-checkbox')!.checked).to.be.false;
    expect(part<HTMLSelectElement>(el, 'duration-select')!.value).to.equal('1h');
  });

  const confirmations = [
    { name: 'a permanent grant for an employee', who: 'Lena', label: 'Lena Hoffmann', duration: 'permanent', exportOn: false, confirm: true, says: 'Permanent access never ends by itself' },
    { name: 'a department with data export', who: 'Sup', label: 'Support', duration: '1w', exportOn: true, confirm: true, says: 'Every employee of the Support department could export data' },
    { name: 'a permanent department grant with data export', who: 'Sup', label: 'Support', duration: 'permanent', exportOn: true, confirm: true, says: 'Permanent access never ends by itself' },
    { name: 'a department without data export', who: 'Sup', label: 'Support', duration: '1w', exportOn: false, confirm: false, says: '' },
    { name: 'an employee with data export for a month', who: 'Lena', label: 'Lena Hoffmann', duration: '1m', exportOn: true, confirm: false, says: '' },
  ] as const;
  for (const c of confirmations) {
    it(`${c.confirm ? 'asks a second time' : 'does not ask again'} for ${c.name}`, async () => {
      const el = await inlineDialog(env.cached);
      await search(el, c.who);
      await choose(el, c.label);
      await setDuration(el, c.duration);
      await setExport(el, c.exportOn);
      let created = 0;
      el.addEventListener('support-grant-created', () => (created += 1));
      part<HTMLButtonElement>(el, 'submit-button')!.click();
      await el.updateComplete;
      if (!c.confirm) {
        await until(() => created === 1);
        return;
      }
      const confirm = part(el, 'confirm')!;
      expect(confirm.textContent).to.contain(c.says);
      await until(() => active(el) === part(el, 'confirm-button'));
      await expect(el).to.be.accessible();
      // "Back" keeps everything as typed.
      part<HTMLButtonElement>(el, 'cancel-button')!.click();
      await el.updateComplete;
      expect(part(el, 'confirm')).to.be.null;
      expect(created).to.equal(0);
      expect(part<HTMLInputElement>(el, 'search-input')!.value).to.equal(c.label);
      part<HTMLButtonElement>(el, 'submit-button')!.click();
      await el.updateComplete;
      part<HTMLButtonElement>(el, 'confirm-button')!.click();
      await until(() => created === 1);
    });
  }

  const failures: { name: string; backend: (e: typeof env) => SupportBackend; says: string; before?: (e: typeof env) => void }[] = [
    {
      name: 'forbidden (the right was taken away meanwhile)',
      backend: (e) => e.cached,
      before: (e) => e.demo.control.setUnlockRight(false),
      says: 'may unlock the onOffice support user',
    },
    {
      name: 'conflict',
      backend: (e) => ({
        ...e.demo,
        createGrant: async () => {
          throw new SupportError('conflict', 'changed', { status: 409 });
        },
      }),
      says: 'Something changed in the meantime',
    },
    { name: 'network', backend: (e) => withFaults(e.demo, { offline: true, methods: ['createGrant'] }), says: 'No connection to the server' },
    { name: 'server error', backend: (e) => withFaults(e.demo, { errorRate: 1, methods: ['createGrant'] }), says: 'not available right now' },
  ];
  for (const f of failures) {
    it(`shows a ${f.name} error in place and keeps what the user typed`, async () => {
      const el = await inlineDialog(f.backend(env));
      await search(el, 'Lena');
      await choose(el, 'Lena Hoffmann');
      await setDuration(el, '2w');
      await setExport(el, true);
      f.before?.(env);
      part<HTMLButtonElement>(el, 'submit-button')!.click();
      await until(() => part(el, 'form-error') !== null);
      expect(part(el, 'form-error')!.getAttribute('role')).to.equal('alert');
      expect(part(el, 'form-error')!.textContent).to.contain(f.says);
      expect(part<HTMLInputElement>(el, 'search-input')!.value).to.equal('Lena Hoffmann');
      expect(part<HTMLInputElement>(el, 'export-checkbox')!.checked).to.be.true;
      expect(part<HTMLSelectElement>(el, 'duration-select')!.value).to.equal('2w');
      expect(previewText(el)).to.contain('Lena Hoffmann');
      expect(el.tab).to.equal('grant');
      await expect(el).to.be.accessible();
    });
  }

  it('shows the grant in the overview also when the overview was open before (cache updated, list patched)', async () => {
    const el = await inlineDialog(env.cached, { tab: 'grants' });
    await until(() => el.grants.state === 'fresh');
    const count = el.grants.value!.length;
    el.selectTab('grant');
    await el.updateComplete;
    await search(el, 'Entw');
    await choose(el, 'Entwicklung');
    part<HTMLButtonElement>(el, 'submit-button')!.click();
    await until(() => el.tab === 'grants');
    await el.updateComplete;
    expect(el.grants.value!.length).to.equal(count + 1);
    expect($$(el, 'tbody tr')[0]!.textContent).to.contain('Entwicklung (whole department)');
    // The cache has it too (next visit paints it at once).
    const cached = await env.cached.peek('listGrants');
    expect(cached!.value.length).to.equal(count + 1);
  });

  it('works in a modal popup: Escape in the open list closes the list, not the popup', async () => {
    const el = await fixture<SupportUnlockDialog>(
      html`<support-unlock-dialog lang="en" search-delay="20" .backend=${env.cached}></support-unlock-dialog>`,
    );
    helpButton(el).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => active(el) === part(el, 'search-input'), 3000, 'focus in search');
    let requested = 0;
    el.addEventListener('support-request-close', () => (requested += 1));
    await sendKeys({ type: 'Jo' });
    await until(() => part(el, 'search-input')!.getAttribute('aria-expanded') === 'true');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(part(el, 'search-input')!.getAttribute('aria-expanded')).to.equal('false');
    expect(el.open).to.be.true;
    // Escape again clears the field; a third Escape asks to close.
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(part<HTMLInputElement>(el, 'search-input')!.value).to.equal('');
    expect(el.open).to.be.true;
    expect(requested).to.equal(0);
    await sendKeys({ press: 'Escape' });
    await until(() => !el.open);
    expect(requested).to.equal(1);
  });
});
