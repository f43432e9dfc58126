import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { withFaults } from '../../../src/backend/index.js';
import { extractUnlockToken, takeUnlockToken, UNLOCK_LINK_PARAM } from '../../../src/elements/support-unlock-dialog/unlock-link.js';
import type { SupportUnlockDialog } from '../../../src/elements/support-unlock-dialog/support-unlock-dialog.js';
import { testBackends, textOf, until } from '../../helpers/backend.js';
import { $$, helpButton, part } from './helpers.js';

describe('unlock link URL convention', function () {
  this.timeout(30_000); // axe on a large dialog is slow on a loaded, shared machine
  const cases: { name: string; href: string; token: string | null; found: boolean; url: string }[] = [
    { name: 'fragment', href: 'https://crm.example/app#support-unlock=abc123', token: 'abc123', found: true, url: 'https://crm.example/app' },
    { name: 'query', href: 'https://crm.example/app?support-unlock=abc123', token: 'abc123', found: true, url: 'https://crm.example/app' },
    { name: 'keeps other query parameters', href: 'https://crm.example/app?lang=de&support-unlock=abc&x=1', token: 'abc', found: true, url: 'https://crm.example/app?lang=de&x=1' },
    { name: 'keeps other fragment parameters', href: 'https://crm.example/app#view=2&support-unlock=abc', token: 'abc', found: true, url: 'https://crm.example/app#view=2' },
    { name: 'both: the fragment wins, both are removed', href: 'https://crm.example/?support-unlock=q#support-unlock=f', token: 'f', found: true, url: 'https://crm.example/' },
    { name: 'percent-encoded', href: 'https://crm.example/#support-unlock=a%2Bb%3D', token: 'a+b=', found: true, url: 'https://crm.example/' },
    { name: 'empty value: removed, no token', href: 'https://crm.example/?support-unlock=', token: null, found: true, url: 'https://crm.example/' },
    { name: 'oversized value: removed, no token', href: `https://crm.example/#support-unlock=${'x'.repeat(2000)}`, token: null, found: true, url: 'https://crm.example/' },
    { name: 'no token', href: 'https://crm.example/app?lang=de#top', token: null, found: false, url: 'https://crm.example/app?lang=de#top' },
    { name: 'a plain fragment is left alone', href: 'https://crm.example/app#support', token: null, found: false, url: 'https://crm.example/app#support' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(extractUnlockToken(c.href)).to.deep.equal({ token: c.token, found: c.found, url: c.url });
    });
  }

  it('takeUnlockToken() reads the token from the address bar and removes it (history.replaceState)', () => {
    const before = location.href;
    const length = history.length;
    history.replaceState(history.state, '', `${location.pathname}${location.search}#${UNLOCK_LINK_PARAM}=tok-1234`);
    try {
      expect(takeUnlockToken()).to.equal('tok-1234');
      expect(location.href).not.to.contain('tok-1234');
      expect(location.hash).to.equal('');
      expect(history.length).to.equal(length); // replaced, not pushed: Back does not bring it back
      expect(takeUnlockToken()).to.be.null;
    } finally {
      history.replaceState(history.state, '', before);
    }
  });
});

/** Every value in every IndexedDB database of this origin, as text. */
async function allIndexedDbText(): Promise<string> {
  const out: string[] = [];
  for (const { name } of await indexedDB.databases()) {
    if (!name) continue;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    for (const store of db.objectStoreNames) {
      const tx = db.transaction(store, 'readonly');
      const [keys, values] = await Promise.all(
        ['getAllKeys', 'getAll'].map(
          (method) =>
            new Promise<unknown>((resolve) => {
              const request = (tx.objectStore(store) as unknown as Record<string, () => IDBRequest>)[method]!();
              request.onsuccess = () => resolve(request.result);
            }),
        ),
      );
      out.push(name, store, JSON.stringify(keys), JSON.stringify(values));
    }
    db.close();
  }
  return out.join('\n');
}

describe('<support-unlock-dialog> e-mailed unlock link', function () {
  this.timeout(30_000); // axe on a large dialog is slow on a loaded, shared machine
  let env: ReturnType<typeof testBackends>;
  let now: Date;
  beforeEach(() => {
    now = new Date();
    env = testBackends({ now: () => now, locale: 'en' });
  });
  afterEach(async () => {
    fixtureCleanup();
    await env.cleanup();
  });

  async function openLink(token: string, backend = env.cached as Parameters<typeof fixtureFor>[0]): Promise<SupportUnlockDialog> {
    const el = await fixtureFor(backend);
    el.openUnlockLink(token);
    await el.updateComplete;
    return el;
  }
  const fixtureFor = (backend: unknown) =>
    fixture<SupportUnlockDialog>(html`<support-unlock-dialog lang="en" time-zone="Europe/Berlin" .backend=${backend}></support-unlock-dialog>`);

  const settled = (el: SupportUnlockDialog) =>
    until(() => part(el, 'link-asks') !== null || part(el, 'link-error') !== null, 3000, 'the link resolved');

  it('shows what the link asks for; confirming creates the grant, announces it and fires an event', async () => {
    const token = env.demo.control.createUnlockLink({ granteeId: 'emp-02', duration: '4h', dataExport: false, reason: 'Ticket #4711: export template' });
    const el = await openLink(token);
    expect(el.open).to.be.true;
    expect(el.unlockToken).to.be.null; // taken over, not kept in a public property
    expect(textOf(part(el, 'link-status'))).to.contain('Checking the unlock link');
    await expect(el).to.be.accessible();
    await settled(el);
    await el.updateComplete;
    expect(part(el, 'tablist')).to.be.null;
    expect(textOf(part(el, 'link-asks'))).to.equal('Jonas Schmitz (Support) asks for access to your system.');
    const facts = textOf(part(el, 'link-facts'));
    expect(facts).to.contain('Access for Jonas Schmitz (Support)');
    expect(facts).to.contain('Duration 4 hours');
    expect(facts).to.contain('If you confirm now: until');
    expect(facts).to.contain('Data export No');
    expect(facts).to.contain('Reason Ticket #4711: export template');
    expect(facts).to.contain('Link valid until');
    await until(() => el.shadowRoot!.activeElement === part(el, 'link-title'));
    await expect(el).to.be.accessible();
    // The token is nowhere in the DOM.
    expect(el.shadowRoot!.innerHTML).not.to.contain(token);
    expect(el.outerHTML).not.to.contain(token);

    const confirmed = oneEvent(el, 'support-link-confirmed');
    part<HTMLButtonElement>(el, 'link-confirm-button')!.click();
    const { detail } = await confirmed;
    expect(detail.accepted).to.be.true;
    expect(detail.grant!.source).to.equal('unlock-link');
    expect(detail.grant!.grantee.id).to.equal('emp-02');
    expect(detail.grant!.endsAt!.getTime()).to.equal(now.getTime() + 4 * 3600_000);
    await el.updateComplete;
    const outcome = part(el, 'link-outcome')!;
    expect(outcome.dataset['outcome']).to.equal('accepted');
    expect(textOf(outcome)).to.match(/^Confirmed: Jonas Schmitz \(Support\) now has access until .+\.$/);
    await until(() => el.shadowRoot!.activeElement === outcome);
    await expect(el).to.be.accessible();

    // On to the overview: the grant is there, marked as coming from a link.
    part<HTMLButtonElement>(el, 'link-grants-button')!.click();
    await until(() => el.tab === 'grants' && el.grants.state === 'fresh');
    await el.updateComplete;
    const row = $$(el, 'tbody tr').find((r) => r.dataset['id'] === detail.grant!.id)!;
    expect(row.textContent).to.contain('via e-mailed link');
  });

  it('declines: no grant, a clear message, an event; the link cannot be used again', async () => {
    const token = env.demo.control.createUnlockLink({ granteeId: 'dep-dev' });
    const el = await openLink(token);
    await settled(el);
    const count = (await env.demo.listGrants()).length;
    const answered = oneEvent(el, 'support-link-confirmed');
    part<HTMLButtonElement>(el, 'link-decline-button')!.click();
    const { detail } = await answered;
    expect(detail).to.deep.equal({ accepted: false, grant: null });
    await el.updateComplete;
    expect(part(el, 'link-outcome')!.dataset['outcome']).to.equal('declined');
    expect(textOf(part(el, 'link-outcome'))).to.contain('You declined the request');
    expect((await env.demo.listGrants()).length).to.equal(count);
    await expect(el).to.be.accessible();

    el.close();
    await el.updateComplete;
    el.openUnlockLink(token);
    await settled(el);
    expect(part(el, 'link-error')!.dataset['reason']).to.equal('token-used');
  });

  const failures: { name: string; reason: string; says: string; make: (e: typeof env, advance: (ms: number) => void) => string }[] = [
    { name: 'an unknown link', reason: 'token-unknown', says: 'This unlock link is not valid', make: () => 'not-a-real-token' },
    {
      name: 'an expired link',
      reason: 'token-expired',
      says: 'This unlock link has expired. Ask support to send a new one.',
      make: (e, advance) => {
        const token = e.demo.control.createUnlockLink({ granteeId: 'emp-01', validForMs: 60_000 });
        advance(61_000);
        return token;
      },
    },
    {
      name: 'a link already used',
      reason: 'token-used',
      says: 'This unlock link has already been used',
      make: (e) => {
        const token = e.demo.control.createUnlockLink({ granteeId: 'emp-01' });
        void e.demo.confirmUnlockToken(token, true);
        return token;
      },
    },
    {
      name: 'a user without the right',
      reason: 'right-missing',
      says: 'You cannot confirm this unlock link: it needs the administrative right',
      make: (e) => {
        e.demo.control.setUnlockRight(false);
        return e.demo.control.createUnlockLink({ granteeId: 'emp-01' });
      },
    },
  ];
  for (const f of failures) {
    it(`gives ${f.name} its own message`, async () => {
      const token = f.make(env, (ms) => (now = new Date(now.getTime() + ms)));
      await Promise.resolve();
      const el = await openLink(token);
      await settled(el);
      await el.updateComplete;
      const notice = part(el, 'link-error')!;
      expect(notice.dataset['reason']).to.equal(f.reason);
      expect(notice.getAttribute('role')).to.equal('alert');
      expect(textOf(notice)).to.contain(f.says);
      // The other messages are not shown: each case is distinct.
      for (const other of failures.filter((o) => o !== f)) expect(textOf(notice)).not.to.contain(other.says);
      expect(part(el, 'retry-button')).to.be.null; // the token is useless: dropped
      await expect(el).to.be.accessible();
      part<HTMLButtonElement>(el, 'link-dismiss-button')!.click();
      await el.updateComplete;
      expect(part(el, 'tablist')).to.exist;
    });
  }

  it('tells a user without the right at once: no confirm is offered and the backend gets no call for the token', async () => {
    const token = env.demo.control.createUnlockLink({ granteeId: 'emp-01', reason: 'Ticket #4712' });
    const request = await env.demo.resolveUnlockToken(token);
    env.demo.control.setUnlockRight(false);
    // An adapter as a host may write it: it checks the right only when a link is confirmed, not when it is read.
    const calls: string[] = [];
    const adapter = new Proxy(env.demo, {
      get(target, key, receiver) {
        if (key === 'resolveUnlockToken') {
          return async () => {
            calls.push('resolveUnlockToken');
            return request;
          };
        }
        if (key === 'confirmUnlockToken') {
          return (...args: Parameters<typeof target.confirmUnlockToken>) => {
            calls.push('confirmUnlockToken');
            return target.confirmUnlockToken(...args);
          };
        }
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const el = await openLink(token, adapter);
    expect(await el.canUnlock()).to.be.false;
    await settled(el);
    await el.updateComplete;
    const notice = part(el, 'link-error')!;
    expect(notice.dataset['reason']).to.equal('right-missing');
    expect(textOf(notice)).to.contain('You cannot confirm this unlock link: it needs the administrative right');
    expect(part(el, 'link-asks')).to.be.null;
    expect(part(el, 'link-confirm-button')).to.be.null;
    expect(part(el, 'retry-button')).to.be.null;
    await expect(el).to.be.accessible();
    // Nothing later offers it either: the session stays as it is, and dismissing leads back to the tabs.
    el.requestUpdate();
    await el.updateComplete;
    expect(part(el, 'link-confirm-button')).to.be.null;
    part<HTMLButtonElement>(el, 'link-dismiss-button')!.click();
    await el.updateComplete;
    expect(part(el, 'tablist')).to.exist;
    expect(calls, 'adapter calls for the token').to.deep.equal([]);
  });

  it('retries after a network error; then a confirmation that fails keeps the request on screen', async () => {
    const faulty = withFaults(env.cached, { offline: true, methods: ['resolveUnlockToken', 'confirmUnlockToken'] });
    const token = env.demo.control.createUnlockLink({ granteeId: 'emp-03' });
    const el = await openLink(token, faulty);
    await settled(el);
    await el.updateComplete;
    expect(textOf(part(el, 'link-error'))).to.contain('No connection');
    await expect(el).to.be.accessible();
    faulty.set({ offline: false });
    part<HTMLButtonElement>(el, 'retry-button')!.click();
    await until(() => part(el, 'link-asks') !== null);
    faulty.set({ offline: true });
    part<HTMLButtonElement>(el, 'link-confirm-button')!.click();
    await until(() => part(el, 'form-error') !== null);
    expect(textOf(part(el, 'form-error'))).to.contain('No connection');
    expect(part(el, 'link-asks')).to.exist;
    faulty.set({ offline: false });
    part<HTMLButtonElement>(el, 'link-confirm-button')!.click();
    await until(() => part(el, 'link-outcome') !== null);
  });

  it('asks a second time before confirming a permanent link, or a department-wide link with data export', async () => {
    const token = env.demo.control.createUnlockLink({ granteeId: 'dep-support', duration: 'permanent', dataExport: true });
    const el = await openLink(token);
    await settled(el);
    await el.updateComplete;
    let answered = 0;
    el.addEventListener('support-link-confirmed', () => (answered += 1));
    part<HTMLButtonElement>(el, 'link-confirm-button')!.click();
    await el.updateComplete;
    const confirm = part(el, 'confirm')!;
    expect(textOf(confirm)).to.contain('Permanent access never ends by itself');
    expect(textOf(confirm)).to.contain('Every employee of the Support department could export data');
    expect(answered).to.equal(0);
    await until(() => el.shadowRoot!.activeElement === part(el, 'link-confirm-button'));
    await expect(el).to.be.accessible();
    part<HTMLButtonElement>(el, 'link-confirm-button')!.click();
    await until(() => answered === 1);
  });

  it('never writes the token to IndexedDB or to the console', async () => {
    const logged: string[] = [];
    const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
    const originals = methods.map((m) => console[m]);
    methods.forEach((m, i) => {
      console[m] = (...args: unknown[]) => {
        logged.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : String(a))).join(' '));
        originals[i]!.apply(console, args);
      };
    });
    try {
      const token = env.demo.control.createUnlockLink({ granteeId: 'emp-04', duration: '2h' });
      const used = env.demo.control.createUnlockLink({ granteeId: 'emp-05' });
      await env.demo.confirmUnlockToken(used, false);
      const el = await openLink(token);
      await settled(el);
      // Warm the cache with everything the dialog reads.
      el.close();
      await el.updateComplete;
      el.openUnlockLink(token);
      await settled(el);
      part<HTMLButtonElement>(el, 'link-confirm-button')!.click();
      await until(() => part(el, 'link-outcome') !== null);
      part<HTMLButtonElement>(el, 'link-grants-button')!.click();
      await until(() => el.grants.state === 'fresh');
      // A failing one too (errors are where tokens leak most often).
      el.openUnlockLink(used);
      await settled(el);
      await new Promise((r) => setTimeout(r, 50));
      const stored = await allIndexedDbText();
      expect(stored).to.contain('listGrants'); // the cache is in use…
      expect(stored).not.to.contain(token); // …but holds no token
      expect(stored).not.to.contain(used);
      expect(logged.join('\n')).not.to.contain(token);
      expect(logged.join('\n')).not.to.contain(used);
    } finally {
      methods.forEach((m, i) => (console[m] = originals[i]!));
    }
  });

  it('opens on the link from a Help-menu style button, and the link view replaces the tabs until dismissed', async () => {
    const token = env.demo.control.createUnlockLink({ granteeId: 'emp-01' });
    const el = await fixtureFor(env.cached);
    const button = helpButton(el);
    button.addEventListener('click', () => el.openUnlockLink(token));
    button.click();
    await settled(el);
    expect(el.open).to.be.true;
    el.close();
    await el.updateComplete;
    // Reopened normally: the tabs again (the link view was for that visit).
    el.show();
    await el.updateComplete;
    expect(part(el, 'link')).to.be.null;
    expect(part(el, 'tablist')).to.exist;
  });
});
