import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import '../../../src/elements/support-access-indicator/define.js';
import type { SupportAccessIndicator } from '../../../src/elements/support-access-indicator/support-access-indicator.js';
import { supportAccessIndicatorTranslations } from '../../../src/elements/support-access-indicator/support-access-indicator.i18n.js';
import { withFaults, type SupportBackend } from '../../../src/backend/index.js';
import { middayToday, testBackends, textOf, until } from '../../helpers/backend.js';

const base = (el: SupportAccessIndicator) => el.shadowRoot!.querySelector<HTMLElement>('[part="base"]')!;
const say = (el: SupportAccessIndicator) => textOf(base(el));

// The demo seeds a login that started an hour before its clock: every backend and element here runs on a clock pinned
// to midday, so "since 12:00" is today at any hour of a test run.
const clock = middayToday();

async function indicator(backend: SupportBackend, attrs: { lang?: string; timeZone?: string; clock?: () => Date } = {}) {
  const el = await fixture<SupportAccessIndicator>(html`<support-access-indicator
    lang=${attrs.lang ?? 'en'}
    time-zone=${attrs.timeZone ?? 'Europe/Berlin'}
    .clock=${attrs.clock ?? clock}
    .backend=${backend}
  ></support-access-indicator>`);
  await until(() => el.activeLogins.known, 3000, 'the logins in progress');
  await el.updateComplete;
  return el;
}

describe('<support-access-indicator>', function () {
  this.timeout(30_000); // axe on a large dialog is slow on a loaded, shared machine
  let env: ReturnType<typeof testBackends>;
  beforeEach(() => {
    env = testBackends({ locale: 'en', now: clock });
  });
  afterEach(async () => {
    fixtureCleanup();
    await env.cleanup();
  });

  it('has every string in English and German', async () => {
    const { en } = supportAccessIndicatorTranslations;
    const de = await supportAccessIndicatorTranslations.de();
    expect(Object.keys(de).sort()).to.deep.equal(Object.keys(en).sort());
  });

  it('says who from support is in the system since when and why', async () => {
    const el = await indicator(env.cached);
    const [login] = await env.demo.listLogins({ activeOnly: true });
    const since = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(login!.startedAt);
    expect(el.active).to.be.true;
    expect(el.hasAttribute('active')).to.be.true;
    expect(base(el).getAttribute('role')).to.equal('status');
    expect(say(el)).to.equal(
      `Support (Lena Hoffmann) has been in your system since ${since} — reason: Ticket #48213-112: export template produces an empty PDF`,
    );
    expect(el.getBoundingClientRect().width).to.be.greaterThan(100);
    await expect(el).to.be.accessible();
  });

  it('is silent and takes no space when nobody is logged in, and follows logins live', async () => {
    const quiet = testBackends({ history: false, locale: 'en', now: clock });
    try {
      const el = await indicator(quiet.cached);
      expect(el.active).to.be.false;
      expect(say(el)).to.equal('');
      expect(el.getBoundingClientRect().width).to.be.at.most(1);
      expect(base(el).getAttribute('role')).to.equal('status'); // the live region stays, so a login is announced
      await expect(el).to.be.accessible();

      await quiet.demo.createGrant({ grantee: { kind: 'department', id: 'dep-support' }, dataExport: false, duration: '1h' });
      const started = oneEvent(el, 'support-access-change');
      const login = quiet.demo.control.startSupportLogin('Checking your export template')!;
      const { detail } = await started;
      expect(detail.active).to.be.true;
      expect(detail.logins.map((l: { id: string }) => l.id)).to.deep.equal([login.id]);
      await el.updateComplete;
      expect(say(el)).to.match(/^Support \(.+\) has been in your system since \d\d:\d\d — reason: Checking your export template$/);
      expect(el.getBoundingClientRect().width).to.be.greaterThan(100);

      const ended = oneEvent(el, 'support-access-change');
      quiet.demo.control.endSupportLogin(login.id);
      expect((await ended).detail.active).to.be.false;
      await el.updateComplete;
      expect(say(el)).to.equal('');
      expect(el.hasAttribute('active')).to.be.false;
    } finally {
      await quiet.cleanup();
    }
  });

  it('counts further logins, and names the day of a login that began before today', async () => {
    const el = await indicator(env.cached);
    env.demo.control.startSupportLogin('Second look');
    await until(() => el.activeLogins.logins.length === 2);
    await el.updateComplete;
    expect(say(el)).to.contain('reason: Second look');
    expect(say(el)).to.contain('and 1 more support login');
    el.clock = () => new Date(clock().getTime() + 2 * 24 * 3600_000);
    await el.updateComplete;
    expect(say(el)).to.match(/since [A-Z][a-z]{2} \d+ [A-Z][a-z]{2}, \d\d:\d\d/);
  });

  it('shows the viewer\'s time with its zone name when the company is elsewhere', async () => {
    const el = await indicator(env.cached, { timeZone: 'America/New_York' });
    expect(say(el)).to.match(/since \d\d:\d\d EST — reason/);
  });

  it('catches up after the connection was lost (events missed meanwhile)', async () => {
    const faulty = withFaults(env.demo);
    const el = await indicator(faulty);
    const [login] = await env.demo.listLogins({ activeOnly: true });
    faulty.set({ offline: true });
    env.demo.control.endSupportLogin(login!.id);
    await new Promise((r) => setTimeout(r, 30));
    expect(el.active).to.be.true; // it cannot know yet
    faulty.set({ offline: false });
    await until(() => !el.active);
    expect(say(el)).to.equal('');
  });

  it('keeps what it knew when the listing fails, and never paints a saved "nobody" from the cache', async () => {
    const faulty = withFaults(env.cached, { offline: true });
    const el = await fixture<SupportAccessIndicator>(html`<support-access-indicator lang="en" .backend=${faulty}></support-access-indicator>`);
    await new Promise((r) => setTimeout(r, 50));
    expect(el.activeLogins.known).to.be.false;
    expect(el.active).to.be.false;
    await expect(el).to.be.accessible();
  });

  it('speaks German', async () => {
    const de = testBackends({ locale: 'de', now: clock });
    try {
      const el = await indicator(de.cached, { lang: 'de' });
      expect(say(el)).to.match(/^Der Support \(Lena Hoffmann\) ist seit \d\d:\d\d in Ihrem System — Grund: Ticket #48213-112/);
      await expect(el).to.be.accessible();
    } finally {
      await de.cleanup();
    }
  });
});
