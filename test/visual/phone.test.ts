import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { createCachingBackend, withFaults } from '../../src/backend/index.js';
import type { CallbackScheduler } from '../../src/elements/callback-scheduler/callback-scheduler.js';
import type { SupportChatPanel } from '../../src/elements/support-chat-panel/support-chat-panel.js';
import type { SupportUnlockDialog } from '../../src/elements/support-unlock-dialog/support-unlock-dialog.js';
import { testBackends, until } from '../helpers/backend.js';
import { deepElements, deepQuery, OPEN_HOURS } from './scenes.js';

// Phones (issue 15.1 and 15.3): at 390 × 844 px popups are full-screen sheets with their main action in reach, tab
// strips show that they scroll, the overviews are cards, the callback form comes before the closed notice, and the
// chat's banners and day labels leave the messages readable.

const PHONE = { width: 390, height: 844 };
/** Fri 27 Nov 2026 19:00 Berlin: support is closed. */
const CLOSED = new Date('2026-11-27T18:00:00Z');

const rect = (el: Element) => el.getBoundingClientRect();

describe('phones (issue 15.1, 15.3)', function () {
  this.timeout(60_000);
  let env: ReturnType<typeof testBackends>;

  beforeEach(async () => {
    await setViewport(PHONE);
  });
  afterEach(async () => {
    fixtureCleanup();
    await env?.cleanup();
    await setViewport({ width: 800, height: 600 });
  });

  it('shows the unlock dialog as a sheet: tabs that say they scroll, grants as cards with Revoke inside', async () => {
    const now = () => new Date(OPEN_HOURS);
    env = testBackends({ locale: 'de', now });
    const el = await fixture<SupportUnlockDialog>(html`<support-unlock-dialog lang="de" tab="grants" time-zone="Europe/Berlin" page-size="3" .now=${now} .backend=${env.cached}></support-unlock-dialog>`);
    el.show();
    await until(() => !!deepQuery(el, '[part~="revoke-button"]'), 5000, 'the grants');
    await el.updateComplete;

    const dialog = deepQuery(el, 'dialog')!;
    expect([rect(dialog).width, rect(dialog).height], 'a full-screen sheet').to.deep.equal([PHONE.width, PHONE.height]);

    const strip = deepQuery(el, '[role="tablist"]')!;
    expect(strip.scrollWidth, 'the tabs overflow').to.be.greaterThan(strip.clientWidth);
    strip.scrollLeft = 0;
    await until(() => Number(getComputedStyle(strip, '::after').opacity) > 0.9, 2000, 'the end edge to show');
    await until(() => Number(getComputedStyle(strip, '::before').opacity) < 0.1, 2000, 'no start edge at the start');
    const logins = deepQuery(el, '[role="tab"][id$="tab-logins"]') ?? deepElements(el).filter((n) => n.getAttribute('role') === 'tab').at(-1)!;
    expect((logins.textContent ?? '').trim()).to.equal('Übersicht Logins');
    logins.scrollIntoView({ inline: 'nearest', block: 'nearest' });
    await until(() => rect(logins).right <= rect(strip).right + 1, 2000, 'the logins tab in view');

    const rows = deepElements(el).filter((n) => n.localName === 'tr' && n.closest('tbody'));
    expect(rows.length).to.be.greaterThan(0);
    for (const row of rows) {
      expect(getComputedStyle(row).display, 'a row is a card').to.equal('grid');
      expect(row.getAttribute('role')).to.equal('row');
      const revoke = row.querySelector('[part~="revoke-button"]');
      if (revoke) {
        expect(rect(revoke).left).to.be.at.least(rect(row).left);
        expect(rect(revoke).right).to.be.at.most(rect(row).right);
      }
      expect(rect(row).right, 'the card fits the sheet').to.be.at.most(PHONE.width);
    }
    const wrap = deepQuery(el, '[part~="table-wrap"]')!;
    expect(wrap.scrollWidth, 'no sideways scrolling').to.be.at.most(wrap.clientWidth + 1);
    await expect(el).to.be.accessible();
  });

  it('keeps the Grant button in reach at the bottom of the sheet', async () => {
    const now = () => new Date(OPEN_HOURS);
    env = testBackends({ locale: 'de', now });
    const el = await fixture<SupportUnlockDialog>(html`<support-unlock-dialog lang="de" time-zone="Europe/Berlin" .now=${now} .backend=${env.cached}></support-unlock-dialog>`);
    el.show();
    await until(() => !!deepQuery(el, '[part~="submit-button"]'), 5000, 'the grant form');
    await el.updateComplete;
    const submit = deepQuery(el, '[part~="submit-button"]')!;
    expect(rect(submit).bottom, 'on the first screen').to.be.at.most(PHONE.height);
    expect(rect(submit).top).to.be.at.least(0);
    await expect(el).to.be.accessible();
  });

  it('opens the callback popup outside support hours with the form first, the hotline after it', async () => {
    const now = () => new Date(CLOSED);
    env = testBackends({ locale: 'de', now });
    const el = await fixture<CallbackScheduler>(html`<callback-scheduler modal lang="de" time-zone="Europe/Berlin" .now=${now} .backend=${env.cached}></callback-scheduler>`);
    el.show();
    await until(() => el.view === 'form' && el.windows.state === 'fresh', 5000, 'the form');
    await until(() => !!deepQuery(el, '[part~="closed-notice"]'), 5000, 'the closed notice');
    await el.updateComplete;
    const topic = deepQuery(el, '[part~="topic"] input')!;
    const notice = deepQuery(el, '[part~="closed-notice"]')!;
    expect(rect(topic).bottom, 'a form control on the first screen').to.be.below(PHONE.height);
    const form = deepQuery(el, 'form')!;
    expect(form.compareDocumentPosition(notice) & Node.DOCUMENT_POSITION_FOLLOWING, 'the notice after the form').to.not.equal(0);
    const submit = deepQuery(el, '[part~="submit-button"]')!;
    expect(rect(submit).bottom, 'Book in reach').to.be.at.most(PHONE.height);
    const days = deepQuery(el, '.days')!;
    if (days.scrollWidth > days.clientWidth) {
      days.scrollLeft = 0;
      await until(() => Number(getComputedStyle(days, '::after').opacity) > 0.9, 2000, 'the days strip shows that it scrolls');
    }
    await expect(el).to.be.accessible();
  });

  it('keeps the offline banner above the chat log and the day labels on their own band', async () => {
    const now = () => new Date(OPEN_HOURS);
    env = testBackends({ locale: 'de', now });
    const offline = createCachingBackend(withFaults(env.demo, { offline: true }), {
      scope: { tenantId: `test-${crypto.randomUUID()}`, userId: 'user-abecker' },
      now,
    });
    try {
      // First online, so the log has messages; then the same cache offline.
      const el = await fixture<SupportChatPanel>(html`<support-chat-panel lang="de" time-zone="Europe/Berlin" style="height: 600px" .now=${now} .backend=${env.cached}></support-chat-panel>`);
      await until(() => el.status === 'ready' && el.messages.length > 0, 5000, 'messages');
      el.backend = offline;
      await until(() => !!deepQuery(el, '[part~="offline-banner"]') || el.status === 'error', 8000, 'the offline banner');
      const banner = deepQuery(el, '[part~="offline-banner"]');
      if (banner) {
        const log = deepQuery(el, '[part~="log"]')!;
        expect(rect(banner).bottom, 'the banner above the log, not over it').to.be.at.most(rect(log).top + 0.5);
      }
      for (const label of deepElements(el).filter((n) => n.getAttribute('part') === 'day-label')) {
        const style = getComputedStyle(label);
        const band = label.classList.contains('continued') ? getComputedStyle(label, '::before') : style;
        expect(band.backgroundColor, 'an opaque band under the label').to.match(/^rgb\(|^color\(srgb [\d.]+ [\d.]+ [\d.]+\)$/);
        expect(rect(label).width, 'the band spans the log').to.be.at.least(rect(deepQuery(el, '[part~="log"]')!).width - 20);
      }
      await expect(el).to.be.accessible();
    } finally {
      await offline.clear();
    }
  });
});
