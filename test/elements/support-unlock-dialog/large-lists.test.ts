import { expect, fixtureCleanup } from '@open-wc/testing';
import type { SupportBackend } from '../../../src/backend/index.js';
import type { SupportUnlockDialog } from '../../../src/elements/support-unlock-dialog/support-unlock-dialog.js';
import { testBackends, until } from '../../helpers/backend.js';
import { $$, active, inlineDialog, manyGrants, manyLogins, part } from './helpers.js';

// Behaviour with thousands of rows: the overviews render in pages, the CSV holds everything. How long it takes is
// measured by `npm run bench` (docs/performance.md), not asserted here.
const COUNT = 5000;

const rows = (el: SupportUnlockDialog) => $$(el, 'tbody tr').length;

describe(`<support-unlock-dialog> with ${COUNT} grants and ${COUNT} logins`, function () {
  this.timeout(60_000);
  let env: ReturnType<typeof testBackends>;
  let backend: SupportBackend;
  before(() => {
    env = testBackends();
    const grants = manyGrants(COUNT);
    const logins = manyLogins(COUNT);
    backend = { ...env.demo, listGrants: async () => grants, listLogins: async () => logins };
  });
  afterEach(() => fixtureCleanup());
  after(() => env.cleanup());

  it('renders the Grants overview 100 rows at a time; the filter resets paging; the CSV has every grant', async () => {
    const el = await inlineDialog(backend, { tab: 'grant' });
    el.selectTab('grants');
    await until(() => el.grants.state === 'fresh', 20_000);
    await el.updateComplete;
    expect(rows(el)).to.equal(100);
    part<HTMLButtonElement>(el, 'more-button')!.click();
    await el.updateComplete;
    expect(rows(el)).to.equal(200);
    const radios = $$<HTMLButtonElement>(el, '[part="filter-radio"]');
    radios[1]!.click();
    await el.updateComplete;
    radios[0]!.click();
    await el.updateComplete;
    expect(rows(el)).to.equal(100);
    let csv = '';
    el.addEventListener('support-download', (e) => {
      e.preventDefault();
      csv = e.detail.csv;
    });
    part<HTMLButtonElement>(el, 'download-button')!.click();
    await until(() => csv !== '', 10_000);
    expect(csv.trimEnd().split('\r\n').length).to.equal(COUNT + 1);
  });

  it('renders the Logins overview 100 rows at a time; the CSV has every login', async () => {
    const el = await inlineDialog(backend, { tab: 'grant' });
    el.selectTab('logins');
    await until(() => el.logins.state === 'fresh' && el.grants.state === 'fresh', 20_000);
    await el.updateComplete;
    expect(rows(el)).to.equal(100);
    part<HTMLButtonElement>(el, 'more-button')!.click();
    await el.updateComplete;
    expect(rows(el)).to.equal(200);
    let csv = '';
    el.addEventListener('support-download', (e) => {
      e.preventDefault();
      csv = e.detail.csv;
    });
    part<HTMLButtonElement>(el, 'download-button')!.click();
    await until(() => csv !== '', 10_000);
    expect(csv.trimEnd().split('\r\n').length).to.equal(COUNT + 1);
  });
});
