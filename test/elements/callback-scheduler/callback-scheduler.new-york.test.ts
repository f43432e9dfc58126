import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/callback-scheduler/define.js';
import '../../../src/elements/support-contact/define.js';
import type { CallbackScheduler } from '../../../src/elements/callback-scheduler/callback-scheduler.js';
import type { SupportContact } from '../../../src/elements/support-contact/support-contact.js';
import { testBackends, textOf, until } from '../../helpers/backend.js';
import { DST_CASES, ELEMENT_TEST_TIMEOUT, nameOf, pick, part, ready, tabDays } from './helpers.js';

// This file runs in a Chromium whose own zone is America/New_York: no `time-zone` attribute, the browser's zone counts.
describe('<callback-scheduler> and <support-contact> in a browser in America/New_York', function () {
  this.timeout(ELEMENT_TEST_TIMEOUT);
  let env: ReturnType<typeof testBackends>;
  let clock = 0;
  const now = () => new Date(clock);
  beforeEach(() => {
    env = testBackends({ history: false, now });
  });
  afterEach(() => env.cleanup());

  it('really runs in New York', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).to.equal('America/New_York');
  });

  for (const c of DST_CASES) {
    it(`shows the windows of a DST-change week in New York time, Berlin alongside — ${c.name}`, async () => {
      clock = Date.parse(c.now);
      const el = await fixture<CallbackScheduler>(html`<callback-scheduler lang="en" .now=${now} .backend=${env.cached}></callback-scheduler>`);
      await ready(el);
      expect(el.viewerZone).to.equal('America/New_York');
      for (const [start, , newYork] of c.windows) {
        expect(nameOf(await pick(el, start)), start).to.equal(newYork);
      }
      for (const day of c.absentDays) expect(tabDays(el), day).not.to.include(day);
      expect(textOf(part(el, 'zone-note'))).to.equal('Times in your time zone (New York), Berlin time in brackets.');
      await expect(el).to.be.accessible();
    });
  }

  it('books in Berlin time and confirms in New York time with Berlin alongside', async () => {
    clock = Date.parse('2026-11-24T09:00:00Z'); // Tue 24 Nov 04:00 New York, 10:00 Berlin
    const el = await fixture<CallbackScheduler>(html`<callback-scheduler lang="en" .now=${now} .backend=${env.cached}></callback-scheduler>`);
    await ready(el);
    await pick(el, '2026-12-01T13:30:00.000Z');
    const booking = await el.submit();
    expect(booking!.window.start.toISOString()).to.equal('2026-12-01T13:30:00.000Z');
    await el.updateComplete;
    expect(textOf(part(el, 'booking-text'))).to.equal(
      'We will call you on Tue 1 Dec, 08:30–09:00 (Berlin: 14:30–15:00) about “Short question”.',
    );
  });

  it('says when support opens in New York time', async () => {
    clock = Date.parse('2026-11-27T18:00:00Z'); // Fri 27 Nov 13:00 New York, 19:00 Berlin
    const el = await fixture<SupportContact>(html`<support-contact lang="en" .now=${now} .backend=${env.cached}></support-contact>`);
    await until(() => el.contact.state === 'fresh');
    await el.updateComplete;
    expect(textOf(el.shadowRoot!.querySelector('[part~="status"]'))).to.equal('Closed now, opens Mon 30 Nov at 03:00 (Berlin: 09:00)');
    expect(textOf(el.shadowRoot!.querySelector('[part~="tier-now"]'))).to.equal(
      'In force now: response within 2 hours, until 16:00 (Berlin: 22:00).',
    );
    await expect(el).to.be.accessible();
  });
});
