import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/elements/support-access-indicator/define.js';
import type { SupportAccessIndicator } from '../../src/elements/support-access-indicator/support-access-indicator.js';
import { middayToday, testBackends, until } from '../helpers/backend.js';

const clock = middayToday();
const LONG = 'x'.repeat(300);

describe('long unbroken backend text wraps (issue 15.2)', function () {
  this.timeout(30_000);
  let env: ReturnType<typeof testBackends>;
  beforeEach(() => {
    env = testBackends({ locale: 'en', now: clock });
  });
  afterEach(async () => {
    fixtureCleanup();
    await env.cleanup();
    await setViewport({ width: 800, height: 600 });
  });

  for (const width of [390, 1280]) {
    it(`keeps <support-access-indicator> with a 300-character login reason inside a ${width} px page`, async () => {
      await setViewport({ width, height: 800 });
      env.demo.control.startSupportLogin(LONG);
      const el = await fixture<SupportAccessIndicator>(html`<support-access-indicator
        lang="en"
        time-zone="Europe/Berlin"
        .clock=${clock}
        .backend=${env.cached}
      ></support-access-indicator>`);
      await until(() => el.activeLogins.logins.some((l) => l.reason === LONG), 3000, 'the long login');
      await el.updateComplete;
      const root = document.documentElement;
      expect(el.getBoundingClientRect().width, 'indicator width').to.be.at.most(root.clientWidth);
      expect(root.scrollWidth, 'page scroll width').to.be.at.most(root.clientWidth);
      await expect(el).to.be.accessible();
    });
  }
});
