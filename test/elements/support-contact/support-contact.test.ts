import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/support-contact/define.js';
import type { SupportContact } from '../../../src/elements/support-contact/support-contact.js';
import { createCachingBackend, createDemoBackend, withFaults } from '../../../src/backend/index.js';
import { provideBackend } from '../../../src/internal/context.js';
import { testBackends, textOf, until } from '../../helpers/backend.js';
import { ELEMENT_TEST_TIMEOUT } from '../callback-scheduler/helpers.js';
import { SEED_CONTACT } from '../../../src/backend/fixtures/seed.js';

// Europe/Berlin in November 2026 is CET (UTC+1): 07:30 Berlin = 06:30Z, 09:00 = 08:00Z, 18:00 = 17:00Z, 22:00 = 21:00Z.
const at = (iso: string) => () => new Date(iso);
const part = (el: SupportContact, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const partText = (el: SupportContact, name: string) => textOf(part(el, name));

describe('<support-contact>', function () {
  this.timeout(ELEMENT_TEST_TIMEOUT);
  let env: ReturnType<typeof testBackends>;
  beforeEach(() => {
    env = testBackends({ history: false });
  });
  afterEach(async () => {
    await env.cleanup();
    document.documentElement.lang = 'en';
  });

  async function render(now: () => Date, attrs: { lang?: string; timeZone?: string; sections?: string } = {}) {
    const el = await fixture<SupportContact>(html`<support-contact
      lang=${attrs.lang ?? 'en'}
      time-zone=${attrs.timeZone ?? 'Europe/Berlin'}
      sections=${attrs.sections ?? 'title status email lines hours hotline estimator'}
      .now=${now}
      .backend=${env.cached}
    ></support-contact>`);
    await until(() => el.contact.state === 'fresh');
    await el.updateComplete;
    return el;
  }


  it('shows e-mail, direct lines, hours and hotline from the backend as real links', async () => {
    const el = await render(at('2026-11-25T11:00:00Z'));
    const mail = part(el, 'email-link') as HTMLAnchorElement;
    expect(mail.getAttribute('href')).to.equal('mailto:support@onOffice.com');
    expect(mail.textContent).to.equal('support@onOffice.com');
    const direct = [...part(el, 'direct-lines')!.querySelectorAll<HTMLAnchorElement>('[part="phone-link"]')];
    expect(direct.map((a) => [a.getAttribute('href'), a.textContent])).to.deep.equal([
      ['tel:+4924144686122', '+49 241 446 86 122'],
      ['tel:+431361985760', '+43 (1) 3619857-60'],
    ]);
    expect(partText(el, 'direct-lines')).to.contain('Germany, Switzerland').and.to.contain('Austria');
    const hotline = [...part(el, 'hotline')!.querySelectorAll<HTMLAnchorElement>('[part="phone-link"]')];
    expect(hotline.map((a) => a.getAttribute('href'))).to.deep.equal(['tel:+4924144686112', 'tel:+431361985760', 'tel:+41315112792']);
    expect(partText(el, 'hours')).to.contain('Monday – Friday: 09:00–18:00');
    expect(partText(el, 'hours')).to.contain('Closed on public holidays. Next: 24 Dec, 25 Dec and 26 Dec.');
    expect(partText(el, 'tiers')).to.contain('07:30–22:00: response within 2 hours').and.to.contain('22:00–07:30: response within 10 hours');
    expect(partText(el, 'price')).to.equal('€5.95 per started 5-minute block. Applies to all calls from Germany, Austria and Switzerland.');
    await expect(el).to.be.accessible();
  });

  it('says whether support is open now, and otherwise when it opens', async () => {
    const cases: [now: string, open: string, text: string][] = [
      ['2026-11-25T11:00:00Z', 'true', 'Open now, until 18:00'], // Wed 12:00
      ['2026-11-25T08:00:00Z', 'true', 'Open now, until 18:00'], // Wed 09:00 sharp: opening is inclusive
      ['2026-11-25T06:29:00Z', 'false', 'Closed now, opens today at 09:00'], // Wed 07:29
      ['2026-11-25T17:00:00Z', 'false', 'Closed now, opens tomorrow at 09:00'], // Wed 18:00 sharp: closing is exclusive
      ['2026-11-27T18:00:00Z', 'false', 'Closed now, opens Mon 30 Nov at 09:00'], // Fri 19:00
      ['2026-12-23T18:00:00Z', 'false', 'Closed now, opens Mon 28 Dec at 09:00'], // Wed 23 Dec 19:00: Christmas holidays
    ];
    for (const [now, open, text] of cases) {
      const el = await render(at(now));
      expect(part(el, 'status')!.dataset['open'], now).to.equal(open);
      expect(partText(el, 'status'), now).to.equal(text);
      el.remove();
    }
  });

  it('shows the hotline tier and the price at 07:29, 07:30, 21:59 and 22:00 Berlin time', async () => {
    const cases: [now: string, label: string, tier: string, text: string][] = [
      ['2026-11-25T06:29:00Z', '07:29', 'night', 'In force now: response within 10 hours, until 07:30.'],
      ['2026-11-25T06:30:00Z', '07:30', 'day', 'In force now: response within 2 hours, until 22:00.'],
      ['2026-11-25T20:59:00Z', '21:59', 'day', 'In force now: response within 2 hours, until 22:00.'],
      ['2026-11-25T21:00:00Z', '22:00', 'night', 'In force now: response within 10 hours, until 07:30.'],
    ];
    for (const [now, label, tier, text] of cases) {
      const el = await render(at(now));
      expect(part(el, 'tier-now')!.dataset['tier'], label).to.equal(tier);
      expect(partText(el, 'tier-now'), label).to.equal(text);
      const current = part(el, 'tier-current')!;
      expect(current.dataset['tier'], label).to.equal(tier);
      expect(textOf(current), label).to.contain('now');
      expect(el.shadowRoot!.querySelectorAll('[part~="tier-current"]').length).to.equal(1);
      expect(partText(el, 'price'), label).to.contain('€5.95 per started 5-minute block');
      expect(el.tier!.tier.id).to.equal(tier);
      await expect(el).to.be.accessible();
      el.remove();
    }
  });

  it('estimates the price: minutes → started blocks → Intl currency', async () => {
    const el = await render(at('2026-11-25T11:00:00Z'));
    const input = part(el, 'minutes-input') as HTMLInputElement;
    const estimate = () => partText(el, 'estimate');
    const cases: [typed: string, expected: string][] = [
      ['12', '12 minutes = 3 blocks = €17.85'],
      ['5', '5 minutes = 1 block = €5.95'],
      ['5.5', '5.5 minutes = 2 blocks = €11.90'],
      ['0', '0 minutes = 0 blocks = €0.00'],
      ['60', '60 minutes = 12 blocks = €71.40'],
    ];
    for (const [typed, expected] of cases) {
      input.value = typed;
      input.dispatchEvent(new Event('input'));
      await el.updateComplete;
      expect(estimate(), typed).to.equal(expected);
      expect(input.getAttribute('aria-invalid')).to.equal('false');
    }
    // Typed with the keyboard.
    input.focus();
    input.select();
    await sendKeys({ type: '7' });
    await el.updateComplete;
    expect(estimate()).to.equal('7 minutes = 2 blocks = €11.90');
    // Nothing or a negative number: a message instead of a price.
    for (const typed of ['', '-3']) {
      input.value = typed;
      input.dispatchEvent(new Event('input'));
      await el.updateComplete;
      expect(estimate()).to.equal('Enter the length of the call in minutes (0 or more).');
      expect(input.getAttribute('aria-invalid')).to.equal('true');
    }
    await expect(el).to.be.accessible();
  });

  it('speaks German with German number and currency formats', async () => {
    const el = await render(at('2026-11-27T18:00:00Z'), { lang: 'de' });
    expect(partText(el, 'title')).to.equal('Support kontaktieren');
    expect(partText(el, 'status')).to.equal('Jetzt geschlossen, öffnet Mo., 30. Nov. um 09:00 Uhr');
    expect(partText(el, 'direct-lines')).to.contain('Deutschland, Schweiz').and.to.contain('Österreich');
    expect(partText(el, 'hours')).to.contain('Montag – Freitag: 09:00–18:00 Uhr');
    expect(partText(el, 'holidays')).to.equal('An Feiertagen geschlossen. Nächste: 24. Dez., 25. Dez. und 26. Dez.');
    expect(partText(el, 'tiers')).to.contain('07:30–22:00 Uhr: Reaktionszeit 2 Stunden');
    expect(partText(el, 'tier-now')).to.equal('Jetzt gilt: Reaktionszeit 2 Stunden, bis 22:00 Uhr.');
    expect(partText(el, 'price')).to.equal(
      '5,95 € pro angefangenem 5-Minuten-Block. Gilt für alle Anrufe aus Deutschland, Österreich und der Schweiz.',
    );
    const input = part(el, 'minutes-input') as HTMLInputElement;
    input.value = '12';
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(partText(el, 'estimate')).to.equal('12 Minuten = 3 Blöcke = 17,85 €');
    await expect(el).to.be.accessible();
  });

  it('shows times in the viewer\'s zone with Berlin time alongside (time-zone attribute)', async () => {
    // Wed 25 Nov 12:00 Berlin = 06:00 New York.
    const el = await render(at('2026-11-25T11:00:00Z'), { timeZone: 'America/New_York' });
    expect(partText(el, 'status')).to.equal('Open now, until 12:00 (Berlin: 18:00)');
    expect(partText(el, 'hours')).to.contain('Monday – Friday: 09:00–18:00 (Berlin)').and.to.contain('Your time (New York): 03:00–12:00');
    expect(partText(el, 'tier-now')).to.equal('In force now: response within 2 hours, until 16:00 (Berlin: 22:00).');
    expect(partText(el, 'tiers')).to.contain('07:30–22:00 (Berlin): response within 2 hours');
    el.remove();
    // Fri 27 Nov 19:00 Berlin = 13:00 New York; Monday 09:00 Berlin = 03:00 New York.
    const closed = await render(at('2026-11-27T18:00:00Z'), { timeZone: 'America/New_York' });
    expect(partText(closed, 'status')).to.equal('Closed now, opens Mon 30 Nov at 03:00 (Berlin: 09:00)');
    await expect(closed).to.be.accessible();
    closed.remove();
    const german = await render(at('2026-11-25T11:00:00Z'), { timeZone: 'America/New_York', lang: 'de' });
    expect(partText(german, 'status')).to.equal('Jetzt geöffnet, bis 12:00 Uhr (Berlin: 18:00 Uhr)');
    expect(partText(german, 'tier-now')).to.equal('Jetzt gilt: Reaktionszeit 2 Stunden, bis 16:00 Uhr (Berlin: 22:00 Uhr).');
    expect(partText(german, 'hours')).to.contain('Ihre Zeit (New York): 03:00–12:00 Uhr');
  });

  it('updates "open now" and the tier by itself, with one timer set to the next change', async () => {
    // A clock that runs from Wed 25 Nov 07:29:59.600 Berlin: the night tier ends 400 ms later.
    const start = performance.now();
    const now = () => new Date(Date.parse('2026-11-25T06:29:59.600Z') + (performance.now() - start));
    const el = await render(now);
    expect(part(el, 'tier-now')!.dataset['tier']).to.equal('night');
    expect(el.changeTimer.armedFor?.toISOString()).to.equal('2026-11-25T06:30:00.000Z');
    await until(() => part(el, 'tier-now')!.dataset['tier'] === 'day', 3000, 'the day tier');
    expect(partText(el, 'tier-now')).to.equal('In force now: response within 2 hours, until 22:00.');
    // Next: support opens at 09:00.
    expect(el.changeTimer.armedFor?.toISOString()).to.equal('2026-11-25T08:00:00.000Z');
    expect(partText(el, 'status')).to.equal('Closed now, opens today at 09:00');
  });

  it('arms a single timeout for hours ahead instead of polling', async () => {
    const delays: number[] = [];
    const original = window.setTimeout;
    const intervals: number[] = [];
    const originalInterval = window.setInterval;
    window.setTimeout = ((fn: TimerHandler, ms?: number, ...rest: unknown[]) => {
      delays.push(ms ?? 0);
      return original(fn, ms, ...rest);
    }) as typeof window.setTimeout;
    window.setInterval = ((fn: TimerHandler, ms?: number, ...rest: unknown[]) => {
      intervals.push(ms ?? 0);
      return originalInterval(fn, ms, ...rest);
    }) as typeof window.setInterval;
    try {
      // Wed 12:00 Berlin: the status changes at 18:00 (6 h), the tier at 22:00.
      const el = await render(at('2026-11-25T11:00:00Z'));
      expect(el.changeTimer.armedFor?.toISOString()).to.equal('2026-11-25T17:00:00.000Z');
      expect(delays).to.include(6 * 3600_000);
      expect(intervals).to.deep.equal([]);
      el.remove();
      // After disconnecting, the timer is gone.
      expect(el.changeTimer.armedFor).to.equal(null);
    } finally {
      window.setTimeout = original;
      window.setInterval = originalInterval;
    }
  });

  it('reads one clock: the cache\'s, or the one provided with the backend, or its own', async () => {
    // 11:00Z on a Wednesday: open (09:00–18:00 Berlin); 20:00Z: closed.
    const open = at('2026-11-25T11:00:00Z');
    const closed = at('2026-11-25T20:00:00Z');
    const cached = createCachingBackend(createDemoBackend({ locale: 'en', history: false, now: open }), { now: open });
    const host = await fixture<HTMLDivElement>(html`<div><support-contact lang="en"></support-contact></div>`);
    const el = host.querySelector('support-contact')!;
    provideBackend(host, cached);
    await until(() => el.status !== undefined);
    expect(el.status?.open, 'the cache\'s clock').to.equal(true);

    const inner = await fixture<HTMLDivElement>(html`<div><support-contact lang="en"></support-contact></div>`);
    const provided = inner.querySelector('support-contact')!;
    provideBackend(inner, cached, { now: closed });
    await until(() => provided.status !== undefined);
    expect(provided.status?.open, 'the provided clock wins over the cache\'s').to.equal(false);

    el.now = closed;
    await el.updateComplete;
    expect(el.status?.open, 'its own clock').to.equal(false);
    expect(el.tenantZone, 'the tenant\'s zone from the session').to.equal('Europe/Berlin');
    cached.close();
  });

  it('shows only the requested sections', async () => {
    const el = await render(at('2026-11-27T18:00:00Z'), { sections: 'status hotline' });
    expect(part(el, 'title')).to.equal(null);
    expect(part(el, 'email')).to.equal(null);
    expect(part(el, 'hours')).to.equal(null);
    expect(part(el, 'estimator')).to.equal(null);
    expect(part(el, 'status')).to.exist;
    expect(part(el, 'hotline')).to.exist;
    expect(part(el, 'base')!.getAttribute('aria-label')).to.equal('Contact support');
    await expect(el).to.be.accessible();
  });

  it('shows a skeleton while loading and an error with a working retry', async () => {
    const faulty = withFaults(createDemoBackend({ agentDelayMs: null, loginDelayMs: null }), { offline: true, latencyMs: 400 });
    const el = await fixture<SupportContact>(html`<support-contact lang="en" .backend=${faulty}></support-contact>`);
    await el.updateComplete;
    expect(part(el, 'skeleton')).to.exist;
    await expect(el).to.be.accessible();
    await until(() => el.contact.state === 'error');
    await el.updateComplete;
    expect(textOf(el.shadowRoot!.querySelector('[role="alert"]'))).to.contain('No connection to the server');
    await expect(el).to.be.accessible();
    faulty.set({ offline: false });
    part(el, 'retry-button')!.click();
    await until(() => el.contact.state === 'fresh');
    await el.updateComplete;
    expect(part(el, 'email-link')).to.exist;
  });

  it('paints saved contact data from IndexedDB when the network fails, and says so', async () => {
    const first = await render(at('2026-11-25T11:00:00Z'));
    first.remove();
    const faulty = withFaults(env.demo, { offline: true });
    const again = createCachingBackend(faulty, { scope: env.scope });
    const el = await fixture<SupportContact>(html`<support-contact lang="en" time-zone="Europe/Berlin" .now=${at('2026-11-25T11:00:00Z')} .backend=${again}></support-contact>`);
    await until(() => el.contact.state === 'stale' && !el.contact.refreshing);
    await el.updateComplete;
    expect(part(el, 'email-link')!.getAttribute('href')).to.equal('mailto:support@onOffice.com');
    expect(partText(el, 'status')).to.equal('Open now, until 18:00');
    expect(partText(el, 'freshness')).to.contain('Showing saved data from').and.to.contain('No connection');
    await expect(el).to.be.accessible();
    again.close();
  });

  it('works as a modal popup with focus returning to the opener', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <button id="opener">Contact</button>
      <support-contact lang="en" modal sections="hotline" .now=${at('2026-11-25T11:00:00Z')} .backend=${env.cached}></support-contact>
    </div>`);
    const el = wrapper.querySelector('support-contact')!;
    const opener = wrapper.querySelector<HTMLButtonElement>('#opener')!;
    opener.focus();
    const opened = oneEvent(el, 'support-open');
    el.show();
    await opened;
    await until(() => el.contact.state === 'fresh');
    await el.updateComplete;
    const dialog = el.shadowRoot!.querySelector('dialog')!;
    expect(dialog.open).to.be.true;
    // A popup always has its title, whatever `sections` says.
    expect(dialog.getAttribute('aria-labelledby')).to.equal(part(el, 'title')!.id);
    await expect(el).to.be.accessible();
    const closed = oneEvent(el, 'support-close');
    await sendKeys({ press: 'Escape' });
    await closed;
    expect(el.open).to.be.false;
    expect(document.activeElement).to.equal(opener);
  });

  describe('facts that survive a failure', () => {
    /** What a host might know itself: another address and one line, so the tests see whose facts are on screen. */
    const HOST_FACTS = {
      ...SEED_CONTACT,
      email: 'help@host.example',
      directLines: [{ countries: ['DE'], display: '+49 30 1234567', e164: '+49301234567' }],
    };
    /** An empty cache in front of a backend that cannot be reached. */
    const failing = () => createCachingBackend(withFaults(createDemoBackend({ agentDelayMs: null, loginDelayMs: null }), { offline: true }), {
      scope: { tenantId: `test-${crypto.randomUUID()}`, userId: 'user-abecker' },
    });
    const phones = (el: SupportContact) => [...el.shadowRoot!.querySelectorAll('[part~="phone-link"]')].map((a) => a.getAttribute('href'));

    it('backend failing, empty cache, no host facts: the error, and the chat and the callback still offered', async () => {
      const backend = failing();
      const el = await fixture<SupportContact>(html`<support-contact lang="en" .now=${at('2026-11-25T11:00:00Z')} .backend=${backend}></support-contact>`);
      await until(() => el.contact.state === 'error');
      await el.updateComplete;
      expect(el.facts).to.be.undefined;
      expect(partText(el, 'error')).to.contain('No connection to the server');
      expect([...el.shadowRoot!.querySelectorAll('[part~="channel-button"]')].map((b) => b.getAttribute('data-channel'))).to.deep.equal(['chat', 'callback']);
      await expect(el).to.be.accessible();
      await backend.clear();
    });

    it('backend failing, empty cache: the host-supplied facts with the error and a working retry beside them', async () => {
      const faulty = withFaults(createDemoBackend({ agentDelayMs: null, loginDelayMs: null }), { offline: true });
      const backend = createCachingBackend(faulty, { scope: { tenantId: `test-${crypto.randomUUID()}`, userId: 'user-abecker' } });
      const el = await fixture<SupportContact>(html`<support-contact
        lang="en"
        time-zone="Europe/Berlin"
        .now=${at('2026-11-25T11:00:00Z')}
        .fallbackContact=${HOST_FACTS}
        .backend=${backend}
      ></support-contact>`);
      await until(() => el.contact.state === 'error');
      await el.updateComplete;
      expect(el.facts?.source).to.equal('fallback');
      expect(part(el, 'email-link')!.getAttribute('href')).to.equal('mailto:help@host.example');
      expect(phones(el)).to.include('tel:+49301234567').and.to.include('tel:+4924144686112');
      expect(partText(el, 'status')).to.equal('Open now, until 18:00');
      const notice = part(el, 'freshness')!;
      expect(notice.dataset['state']).to.equal('fallback');
      expect(textOf(notice)).to.contain('contact details this page was set up with').and.to.contain('No connection to the server');
      expect(el.status?.open).to.be.true;
      await expect(el).to.be.accessible();

      el.lang = 'de';
      await until(() => partText(el, 'freshness').includes('hinterlegten Kontaktdaten'));
      await expect(el).to.be.accessible();
      el.lang = 'en';

      // Back online: the backend's facts replace the host's.
      faulty.set({ offline: false });
      part(el, 'retry-button')!.click();
      await until(() => el.contact.state === 'fresh');
      await el.updateComplete;
      expect(el.facts?.source).to.equal('fresh');
      expect(part(el, 'email-link')!.getAttribute('href')).to.equal('mailto:support@onOffice.com');
      expect(part(el, 'freshness')?.dataset['state']).not.to.equal('fallback');
      await backend.clear();
    });

    it('cached facts win over the host-supplied ones when the backend fails', async () => {
      const first = await render(at('2026-11-25T11:00:00Z'));
      first.remove();
      const again = createCachingBackend(withFaults(env.demo, { offline: true }), { scope: env.scope });
      const el = await fixture<SupportContact>(html`<support-contact
        lang="en"
        .now=${at('2026-11-25T11:00:00Z')}
        .fallbackContact=${HOST_FACTS}
        .backend=${again}
      ></support-contact>`);
      await until(() => el.contact.state === 'stale' && !el.contact.refreshing);
      await el.updateComplete;
      expect(el.facts?.source).to.equal('cached');
      expect(part(el, 'email-link')!.getAttribute('href')).to.equal('mailto:support@onOffice.com');
      expect(partText(el, 'freshness')).to.contain('Showing saved data from').and.to.contain('No connection');
      await expect(el).to.be.accessible();
      again.close();
    });

    it('fresh facts win over the host-supplied ones; host facts that break the contract are ignored with a warning', async () => {
      const warnings: unknown[][] = [];
      const warn = console.warn;
      console.warn = (...args: unknown[]) => warnings.push(args);
      try {
        const el = await fixture<SupportContact>(html`<support-contact
          lang="en"
          .now=${at('2026-11-25T11:00:00Z')}
          .fallbackContact=${HOST_FACTS}
          .backend=${env.cached}
        ></support-contact>`);
        await until(() => el.contact.state === 'fresh');
        await el.updateComplete;
        expect(el.facts?.source).to.equal('fresh');
        expect(part(el, 'email-link')!.getAttribute('href')).to.equal('mailto:support@onOffice.com');

        const backend = failing();
        const bad = { ...HOST_FACTS, directLines: [{ countries: ['DE'], display: '030 1234567', e164: '0301234567' }] };
        const broken = await fixture<SupportContact>(html`<support-contact lang="en" .fallbackContact=${bad} .backend=${backend}></support-contact>`);
        await until(() => broken.contact.state === 'error');
        await broken.updateComplete;
        expect(broken.facts).to.be.undefined;
        expect(partText(broken, 'error')).to.contain('No connection');
        expect(String(warnings.find((w) => String(w[0]).includes('fallbackContact'))?.[0])).to.contain(
          'fallbackContact.directLines[0].e164: expected an E.164 phone number',
        );
        await backend.clear();
      } finally {
        console.warn = warn;
      }
    });

    it('tells the host which channel the user picks: composed, bubbling, cancelable', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div>
        <support-contact lang="en" .now=${at('2026-11-25T11:00:00Z')} .backend=${env.cached}></support-contact>
      </div>`);
      const el = wrapper.querySelector('support-contact')!;
      await until(() => el.contact.state === 'fresh');
      await el.updateComplete;
      const picked: { channel: string; target: string | null; composed: boolean; cancelable: boolean }[] = [];
      wrapper.addEventListener('support-channel-select', (event) => {
        picked.push({ ...event.detail, composed: event.composed, cancelable: event.cancelable });
        // The host handles e-mail and phone itself: the browser must not follow mailto:/tel:.
        if (event.detail.channel !== 'chat' && event.detail.channel !== 'callback') event.preventDefault();
      });
      const button = (channel: string) => el.shadowRoot!.querySelector<HTMLButtonElement>(`[part~="channel-button"][data-channel="${channel}"]`)!;
      expect(textOf(button('chat'))).to.equal('Open the support chat');
      expect(textOf(button('callback'))).to.equal('Request a callback');
      button('chat').click();
      button('callback').focus();
      await sendKeys({ press: 'Enter' });
      const clicks: boolean[] = [];
      const links = el.shadowRoot!;
      links.addEventListener('click', (e) => clicks.push(e.defaultPrevented));
      part(el, 'email-link')!.click();
      part(el, 'direct-lines')!.querySelector<HTMLElement>('[part~="phone-link"]')!.click();
      part(el, 'hotline')!.querySelector<HTMLElement>('[part~="phone-link"]')!.click();
      expect(picked).to.deep.equal([
        { channel: 'chat', target: null, composed: true, cancelable: true },
        { channel: 'callback', target: null, composed: true, cancelable: true },
        { channel: 'email', target: 'support@onOffice.com', composed: true, cancelable: true },
        { channel: 'phone', target: '+4924144686122', composed: true, cancelable: true },
        { channel: 'hotline', target: '+4924144686112', composed: true, cancelable: true },
      ]);
      expect(clicks, 'the host prevented every link').to.deep.equal([true, true, true]);
      await expect(el).to.be.accessible();
    });
  });
});
