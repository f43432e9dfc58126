import { expect, fixtureCleanup, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  SupportError,
  createCachingBackend,
  withFaults,
  type SupportBackend,
} from '../../../src/backend/index.js';
import { retentionStart, type Grant } from '../../../src/core/index.js';
import { middayToday, testBackends, textOf, until } from '../../helpers/backend.js';
import { $$, active, inlineDialog, manyGrants, part, text } from './helpers.js';
import { captureDownloads } from '../../helpers/download.js';

const rows = (el: HTMLElement) => $$<HTMLTableRowElement>(el, 'tbody tr');

describe('<support-unlock-dialog> Grants overview', function () {
  this.timeout(30_000); // axe on a large dialog is slow on a loaded, shared machine
  let env: ReturnType<typeof testBackends>;
  beforeEach(() => {
    env = testBackends();
  });
  afterEach(async () => {
    fixtureCleanup(); // disconnect the elements before their database goes
    await env.cleanup();
  });

  it('lists the grants of the last 6 months newest first: grantee, export, granted by, at, end, status', async () => {
    const el = await inlineDialog(env.cached, { tab: 'grants' });
    await until(() => el.grants.state === 'fresh');
    await el.updateComplete;
    const grants = el.grants.value!;
    const oldest = retentionStart('grants', new Date());
    expect(grants.every((g) => g.grantedAt >= oldest || g.revokedAt === null)).to.be.true;
    const times = grants.map((g) => g.grantedAt.getTime());
    expect(times).to.deep.equal([...times].sort((a, b) => b - a));
    const headers = $$(el, 'thead th').map((th) => th.textContent!.trim());
    expect(headers).to.deep.equal(['Employee / department', 'Data export', 'Granted by, at', 'Ends', 'Status', 'Actions']);
    expect(rows(el).length).to.equal(grants.length);
    // The seeded active one-week department grant, with the time left.
    const active = rows(el).find((r) => r.dataset['status'] === 'active')!;
    expect(active.textContent).to.contain('Support (whole department)');
    expect(active.textContent).to.contain('Anna Becker');
    expect(textOf(active.querySelector('.status'))).to.match(/^Active, .+ left$/);
    expect(part(el, 'revoke-button')).to.exist;
    // Revoked ones say by whom and when; expired ones say so.
    const revoked = rows(el).find((r) => r.dataset['status'] === 'revoked');
    if (revoked) expect(textOf(revoked.querySelector('.status'))).to.match(/^Revoked by Anna Becker, .+\d\d:\d\d$/);
    expect(rows(el).some((r) => textOf(r.querySelector('.status')) === 'Expired')).to.be.true;
    // Grants from an e-mailed link say so.
    if (grants.some((g) => g.source === 'unlock-link')) expect(text(el)).to.contain('via e-mailed link');
    expect(textOf(part(el, 'freshness'))).to.equal('Updated just now');
    await expect(el).to.be.accessible();
  });

  it('filters active only / all, with an empty state that says what it means', async () => {
    const el = await inlineDialog(env.cached, { tab: 'grants' });
    await until(() => el.grants.state === 'fresh');
    await el.updateComplete;
    const all = rows(el).length;
    const radios = $$<HTMLButtonElement>(el, '[part="filter-radio"]');
    expect(radios.map((r) => r.getAttribute('aria-checked'))).to.deep.equal(['true', 'false']);
    expect(radios.map((r) => r.tabIndex)).to.deep.equal([0, -1]);
    // The radio-group keys: an arrow moves the choice and the focus.
    radios[0]!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(radios.map((r) => r.getAttribute('aria-checked'))).to.deep.equal(['false', 'true']);
    await until(() => active(el) === radios[1]);
    expect(rows(el).length).to.be.lessThan(all);
    expect(rows(el).every((r) => r.dataset['status'] === 'active')).to.be.true;
    await expect(el).to.be.accessible();

    // Revoke the only active one: the filtered list becomes empty.
    for (const g of el.grants.value!.filter((g) => g.endsAt === null || g.endsAt > new Date())) {
      if (!g.revokedAt) await env.demo.revokeGrant(g.id);
    }
    await until(() => rows(el).length === 0);
    expect(part(el, 'empty')!.textContent).to.contain('No grant is active right now: support cannot enter your system.');
    await expect(el).to.be.accessible();
  });

  it('shows an empty overview', async () => {
    const empty = testBackends({ history: false });
    try {
      const el = await inlineDialog(empty.cached, { tab: 'grants' });
      await until(() => el.grants.state === 'fresh');
      await el.updateComplete;
      expect(part(el, 'empty')!.textContent).to.contain('No grants in the last 6 months.');
      expect(part<HTMLButtonElement>(el, 'download-button')!.disabled).to.be.false;
      await expect(el).to.be.accessible();
    } finally {
      await empty.cleanup();
    }
  });

  it('revokes an active grant after asking: Keep leaves it, Revoke now revokes it, announced, with an event', async () => {
    const el = await inlineDialog(env.cached, { tab: 'grants' });
    await until(() => el.grants.state === 'fresh');
    await el.updateComplete;
    const button = part<HTMLButtonElement>(el, 'revoke-button')!;
    expect(button.getAttribute('aria-label')).to.equal('Revoke access for Support (whole department)');
    const row = button.closest('tr')!;
    const id = row.dataset['id']!;
    button.click();
    await el.updateComplete;
    const question = part(el, 'revoke-confirm')!;
    expect(question.textContent).to.contain('Revoke access for Support (whole department) now?');
    await until(() => active(el) === part(el, 'revoke-cancel-button'));
    await expect(el).to.be.accessible();
    // Escape (or Keep) backs out, focus back on the Revoke button.
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(part(el, 'revoke-confirm')).to.be.null;
    await until(() => active(el) === part(el, 'revoke-button'));

    part<HTMLButtonElement>(el, 'revoke-button')!.click();
    await el.updateComplete;
    const revokedEvent = oneEvent(el, 'support-grant-revoked');
    part<HTMLButtonElement>(el, 'revoke-confirm-button')!.click();
    const { detail } = await revokedEvent;
    expect(detail.grant.id).to.equal(id);
    expect(detail.grant.revokedBy!.name).to.equal('Anna Becker');
    await el.updateComplete;
    const updated = rows(el).find((r) => r.dataset['id'] === id)!;
    expect(updated.dataset['status']).to.equal('revoked');
    expect(textOf(updated.querySelector('.status'))).to.match(/^Revoked by Anna Becker/);
    expect(textOf(part(el, 'announcer'))).to.equal('Access for Support (whole department) revoked.');
    await until(() => active(el) === updated.querySelector('.status'));
    // The support employee who was logged in with it is logged out.
    expect((await env.demo.listLogins({ activeOnly: true })).length).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('says so in the row when the grant ended before the revocation arrived, and refreshes', async () => {
    let now = new Date();
    const timed = testBackends({ now: () => now });
    try {
      const el = await inlineDialog(timed.cached, { tab: 'grants', clock: () => new Date() });
      await until(() => el.grants.state === 'fresh');
      await el.updateComplete;
      part<HTMLButtonElement>(el, 'revoke-button')!.click();
      await el.updateComplete;
      now = new Date(now.getTime() + 8 * 24 * 3600_000); // the one-week grant has ended meanwhile
      part<HTMLButtonElement>(el, 'revoke-confirm-button')!.click();
      await until(() => part(el, 'row-error') !== null);
      expect(part(el, 'row-error')!.textContent).to.equal('This grant had already ended.');
      expect(part(el, 'row-error')!.getAttribute('role')).to.equal('alert');
      await expect(el).to.be.accessible();
    } finally {
      await timed.cleanup();
    }
  });

  it('shows a network error of a revocation in the row', async () => {
    const faulty = withFaults(env.demo, { methods: ['revokeGrant'] });
    const el = await inlineDialog(faulty, { tab: 'grants' });
    await until(() => el.grants.state === 'fresh');
    await el.updateComplete;
    faulty.set({ offline: true });
    part<HTMLButtonElement>(el, 'revoke-button')!.click();
    await el.updateComplete;
    part<HTMLButtonElement>(el, 'revoke-confirm-button')!.click();
    await until(() => part(el, 'row-error') !== null);
    expect(part(el, 'row-error')!.textContent).to.contain('No connection');
    await expect(el).to.be.accessible();
  });

  it('shows the missing right in the row when it was taken away meanwhile, and tells the host', async () => {
    const el = await inlineDialog(env.demo, { tab: 'grants' });
    await until(() => el.grants.state === 'fresh');
    await el.updateComplete;
    env.demo.control.setUnlockRight(false);
    const rights: boolean[] = [];
    el.addEventListener('support-rights-change', (e) => rights.push(e.detail.canUnlock));
    part<HTMLButtonElement>(el, 'revoke-button')!.click();
    await el.updateComplete;
    part<HTMLButtonElement>(el, 'revoke-confirm-button')!.click();
    await until(() => part(el, 'row-error')?.textContent?.includes('may unlock the onOffice support user'));
    expect(rights).to.deep.equal([false]);
  });

  it('paints saved grants when the network fails and says so; retry brings fresh data', async () => {
    const first = await inlineDialog(env.cached, { tab: 'grants' });
    await until(() => first.grants.state === 'fresh');
    first.remove();
    const faulty = withFaults(env.demo, { offline: true });
    const again = createCachingBackend(faulty, { scope: env.scope });
    try {
      const el = await inlineDialog(again, { tab: 'grants' });
      await until(() => el.grants.state === 'stale' && !el.grants.refreshing);
      await el.updateComplete;
      expect(rows(el).length).to.be.greaterThan(5);
      const freshness = part(el, 'freshness')!;
      expect(freshness.dataset['state']).to.equal('stale');
      expect(freshness.textContent).to.contain('Showing saved data from');
      await expect(el).to.be.accessible();
      faulty.set({ offline: false });
      (freshness.querySelector('[part="retry-button"]') as HTMLButtonElement).click();
      await until(() => el.grants.state === 'fresh');
    } finally {
      again.close();
    }
  });

  it('shows a skeleton while loading and an error with retry', async () => {
    const slow = withFaults(env.demo, { latencyMs: 10_000, methods: ['listGrants'] });
    const el = await inlineDialog(slow, { tab: 'grants' });
    expect(part(el, 'skeleton')).to.exist;
    expect(part<HTMLButtonElement>(el, 'download-button')!.disabled).to.be.true;
    await expect(el).to.be.accessible();

    const offline = withFaults(env.demo, { offline: true, methods: ['listGrants'] });
    const broken = await inlineDialog(offline, { tab: 'grants' });
    await until(() => broken.grants.state === 'error');
    await broken.updateComplete;
    expect(part(broken, 'error')!.textContent).to.contain('No connection');
    await expect(broken).to.be.accessible();
    offline.set({ offline: false });
    part<HTMLButtonElement>(broken, 'retry-button')!.click();
    await until(() => broken.grants.state === 'fresh');
  });

  it('follows grants created or revoked elsewhere (another tab, an unlock link) live', async () => {
    const el = await inlineDialog(env.cached, { tab: 'grants' });
    await until(() => el.grants.state === 'fresh');
    const count = el.grants.value!.length;
    const grant = await env.demo.createGrant({ grantee: { kind: 'employee', id: 'emp-06' }, dataExport: false, duration: '2h' });
    await until(() => rows(el).length === count + 1);
    expect(rows(el)[0]!.dataset['id']).to.equal(grant.id);
    await env.demo.revokeGrant(grant.id);
    await until(() => rows(el)[0]!.dataset['status'] === 'revoked');
  });

  it('pages long lists: "Show 20 more" until all are shown', async () => {
    const many = manyGrants(50);
    const backend: SupportBackend = { ...env.demo, listGrants: async () => many };
    const el = await inlineDialog(backend, { tab: 'grants', pageSize: 20 });
    await until(() => el.grants.state === 'fresh');
    await el.updateComplete;
    expect(rows(el).length).to.equal(20);
    expect(textOf(part(el, 'more'))).to.contain('Showing 20 of 50');
    expect(part(el, 'more-button')!.textContent).to.contain('Show 20 more');
    await expect(el).to.be.accessible();
    part<HTMLButtonElement>(el, 'more-button')!.click();
    await el.updateComplete;
    expect(rows(el).length).to.equal(40);
    expect(part(el, 'more-button')!.textContent).to.contain('Show 10 more');
    part<HTMLButtonElement>(el, 'more-button')!.click();
    await el.updateComplete;
    expect(rows(el).length).to.equal(50);
    expect(part(el, 'more')).to.be.null;
  });

  it('downloads the grants as CSV (Blob + object URL), neutralising formula cells', async () => {
    const evil: Grant = {
      ...manyGrants(1)[0]!,
      grantee: { kind: 'department', id: 'dep-x', name: '=HYPERLINK("http://evil.example","Support")' },
      grantedBy: { id: 'u', name: 'Becker; Anna "AB"' },
    };
    const backend: SupportBackend = { ...env.demo, listGrants: async () => [evil] };
    const el = await inlineDialog(backend, { tab: 'grants', lang: 'de' });
    await until(() => el.grants.state === 'fresh');
    await el.updateComplete;
    const capture = captureDownloads();
    try {
      const event = oneEvent(el, 'support-download');
      part<HTMLButtonElement>(el, 'download-button')!.click();
      const { detail } = await event;
      expect(detail.kind).to.equal('grants');
      expect(detail.rows).to.equal(1);
      expect(detail.filename).to.match(/^support-freischaltungen-\d{4}-\d{2}-\d{2}\.csv$/);
      expect(capture.downloads.map((d) => d.name)).to.deep.equal([detail.filename]);
      const blob = capture.downloads[0]!.blob!;
      expect(blob.type).to.equal('text/csv;charset=utf-8');
      const bytes = new Uint8Array(await blob.arrayBuffer());
      expect([...bytes.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]); // UTF-8 byte order mark for spreadsheets
      const lines = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes).split('\r\n');
      expect(lines[0]).to.equal(
        'Mitarbeiter/Abteilung;Art;Abteilung;Datenexport;Freigeschaltet von;Quelle;Freigeschaltet am (Europe/Berlin);Endet (Europe/Berlin);Status;Widerrufen von;Widerrufen am (Europe/Berlin)',
      );
      expect(lines[1]).to.equal(
        `"'=HYPERLINK(""http://evil.example"",""Support"")";Abteilung;"'=HYPERLINK(""http://evil.example"",""Support"")";Ja;"Becker; Anna ""AB""";Dialog;2026-11-20 10:00:00;2026-11-20 11:00:00;Abgelaufen;;`,
      );
      expect(textOf(part(el, 'announcer'))).to.equal('Download gestartet: 1 Zeilen.');
    } finally {
      capture.restore();
    }
  });

  it('lets the host take over a download (cancelable event)', async () => {
    const el = await inlineDialog(env.cached, { tab: 'grants' });
    await until(() => el.grants.state === 'fresh');
    await el.updateComplete;
    const capture = captureDownloads();
    try {
      let csv = '';
      el.addEventListener('support-download', (e) => {
        e.preventDefault();
        csv = e.detail.csv;
      }, { once: true });
      part<HTMLButtonElement>(el, 'download-button')!.click();
      expect(capture.downloads, 'no download of its own').to.deep.equal([]);
      expect(capture.objectUrls).to.equal(0);
      expect(csv.split('\r\n')[0]).to.match(/^Employee \/ department,Kind,Department,Data export,Granted by,Source,/);
      expect(csv.trimEnd().split('\r\n').length).to.equal(el.grants.value!.length + 1);
    } finally {
      capture.restore();
    }
  });

  it('surfaces a backend error instead of a broken list', async () => {
    const backend: SupportBackend = {
      ...env.demo,
      listGrants: async () => {
        throw new SupportError('unavailable', 'down', { status: 503 });
      },
    };
    const el = await inlineDialog(backend, { tab: 'grants' });
    await until(() => el.grants.state === 'error');
    await el.updateComplete;
    expect(part(el, 'error')!.textContent).to.contain('not available right now');
  });
});

describe('<support-unlock-dialog> Logins overview', function () {
  this.timeout(30_000); // axe on a large dialog is slow on a loaded, shared machine
  let env: ReturnType<typeof testBackends>;
  beforeEach(() => {
    env = testBackends();
  });
  afterEach(async () => {
    fixtureCleanup(); // disconnect the elements before their database goes
    await env.cleanup();
  });

  it('lists every login of the last 6 months to the second: employee, department, reason, grant used', async () => {
    const el = await inlineDialog(env.cached, { tab: 'logins' });
    await until(() => el.logins.state === 'fresh' && el.grants.state === 'fresh');
    await el.updateComplete;
    const headers = $$(el, 'thead th').map((th) => th.textContent!.trim());
    expect(headers).to.deep.equal(['Logged in', 'Logged out', 'Support employee', 'Department', 'Reason', 'Grant used']);
    const logins = el.logins.value!;
    expect(rows(el).length).to.equal(logins.length);
    const times = logins.map((l) => l.startedAt.getTime());
    expect(times).to.deep.equal([...times].sort((a, b) => b - a));
    // The one in progress is first, marked live; times have seconds.
    const first = rows(el)[0]!;
    expect(first.dataset['live']).to.equal('true');
    expect(first.textContent).to.contain('Still logged in');
    expect(first.textContent).to.contain('Lena Hoffmann');
    expect(textOf(first.querySelector('td'))).to.match(/\d\d:\d\d:\d\d/);
    expect(first.textContent).to.contain('Support (whole department), granted');
    const second = rows(el)[1]!;
    expect(textOf(second.querySelectorAll('td')[1]!)).to.match(/\d\d:\d\d:\d\d/);
    expect(textOf(part(el, 'freshness'))).to.equal('Updated just now');
    await expect(el).to.be.accessible();
  });

  it('writes the grants and the logins in one date style per locale (en-GB, en-US, de-AT, de-CH)', async () => {
    const shapes: Record<string, RegExp> = {
      'en-GB': /^[A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d/,
      'en-US': /^[A-Z][a-z]{2}, [A-Z][a-z]{2} \d{1,2}, \d{4}, \d\d:\d\d/,
      'de-AT': /^[A-Z][a-z]\., \d{1,2}\. [A-ZÄ][a-zä]{2,3}\.? \d{4}, \d\d:\d\d/,
      'de-CH': /^[A-Z][a-z]\., \d{1,2}\. [A-ZÄ][a-zä]{2,3}\.? \d{4}, \d\d:\d\d/,
    };
    for (const [lang, shape] of Object.entries(shapes)) {
      const el = await inlineDialog(env.cached, { lang, tab: 'grants' });
      await until(() => el.grants.state === 'fresh');
      await el.updateComplete;
      const granted = textOf(rows(el)[0]!.querySelector('time'));
      el.selectTab('logins');
      await until(() => el.logins.state === 'fresh' && rows(el)[0]?.dataset['live'] !== undefined);
      await el.updateComplete;
      const loggedIn = textOf(rows(el)[0]!.querySelector('time'));
      expect(granted, `${lang} grants`).to.match(new RegExp(`${shape.source}$`));
      // The logins add the seconds, nothing else.
      expect(loggedIn, `${lang} logins`).to.match(new RegExp(`${shape.source}:\\d\\d$`));
      fixtureCleanup();
    }
  });

  it('shows who is in the system right now, live, in the dialog and in the list', async () => {
    // The seeded login started an hour before the clock: at midday its time shows without a date at any hour of a run.
    await env.cleanup();
    const clock = middayToday();
    env = testBackends({ now: clock });
    const el = await inlineDialog(env.cached, { tab: 'logins', clock });
    await until(() => el.logins.state === 'fresh' && el.activeLogins.known);
    await el.updateComplete;
    const banner = part(el, 'active-logins')!;
    expect(banner.hidden).to.be.false;
    expect(textOf(banner)).to.match(/^Support \(Lena Hoffmann\) has been in your system since \d\d:\d\d — reason: Ticket #48213-112/);
    const [live] = await env.demo.listLogins({ activeOnly: true });
    env.demo.control.endSupportLogin(live!.id);
    await until(() => part(el, 'active-logins')!.hidden);
    await until(() => rows(el)[0]!.dataset['live'] === 'false');
    const started = env.demo.control.startSupportLogin('Checking the export template')!;
    await until(() => rows(el)[0]!.dataset['id'] === started.id);
    expect(rows(el)[0]!.textContent).to.contain('Checking the export template');
    expect(textOf(part(el, 'active-logins'))).to.contain('reason: Checking the export template');
    await expect(el).to.be.accessible();
  });

  it('catches up after a lost connection', async () => {
    const faulty = withFaults(env.demo);
    const el = await inlineDialog(faulty, { tab: 'logins' });
    await until(() => el.logins.state === 'fresh' && el.activeLogins.known);
    const count = el.logins.value!.length;
    faulty.set({ offline: true });
    env.demo.control.startSupportLogin('While you were offline');
    await new Promise((r) => setTimeout(r, 30));
    expect(el.logins.value!.length).to.equal(count);
    faulty.set({ offline: false });
    await until(() => el.logins.value!.length === count + 1 && el.logins.state === 'fresh');
    await until(() => el.activeLogins.logins.length === 2);
    await el.updateComplete;
    expect(textOf(part(el, 'active-logins'))).to.contain('While you were offline');
  });

  it('shows an empty list and no banner without history', async () => {
    const empty = testBackends({ history: false });
    try {
      const el = await inlineDialog(empty.cached, { tab: 'logins' });
      await until(() => el.logins.state === 'fresh' && el.activeLogins.known);
      await el.updateComplete;
      expect(part(el, 'empty')!.textContent).to.contain('No support logins in the last 6 months.');
      expect(part(el, 'active-logins')!.hidden).to.be.true;
      await expect(el).to.be.accessible();
    } finally {
      await empty.cleanup();
    }
  });

  it('shows an error with a retry, and saved logins when offline', async () => {
    const offline = withFaults(env.demo, { offline: true });
    const el = await inlineDialog(offline, { tab: 'logins' });
    await until(() => el.logins.state === 'error');
    await el.updateComplete;
    expect(part(el, 'error')!.textContent).to.contain('No connection');
    await expect(el).to.be.accessible();
    offline.set({ offline: false });
    part<HTMLButtonElement>(el, 'retry-button')!.click();
    await until(() => el.logins.state === 'fresh');
  });

  it('downloads the logins as CSV with seconds and the grant used', async () => {
    const el = await inlineDialog(env.cached, { tab: 'logins' });
    await until(() => el.logins.state === 'fresh' && el.grants.state === 'fresh');
    await el.updateComplete;
    let csv = '';
    el.addEventListener('support-download', (e) => {
      e.preventDefault();
      csv = e.detail.csv;
      expect(e.detail.kind).to.equal('logins');
      expect(e.detail.filename).to.match(/^support-logins-\d{4}-\d{2}-\d{2}\.csv$/);
    }, { once: true });
    part<HTMLButtonElement>(el, 'download-button')!.click();
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).to.equal('Logged in (Europe/Berlin),Logged out (Europe/Berlin),Support employee,Department,Reason,Grant used');
    expect(lines.length).to.equal(el.logins.value!.length + 1);
    expect(lines[1]).to.match(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,Still logged in,Lena Hoffmann,Support,/);
    expect(lines[1]).to.contain('"Support (whole department), granted');
  });
});
