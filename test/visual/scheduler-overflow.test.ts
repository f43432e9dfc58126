import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/elements/callback-scheduler/define.js';
import type { CallbackScheduler } from '../../src/elements/callback-scheduler/callback-scheduler.js';
import { testBackends } from '../helpers/backend.js';
import { ELEMENT_TEST_TIMEOUT, ready } from '../elements/callback-scheduler/helpers.js';

// Tue 24 Nov 2026 10:00 Berlin: support is open, the day strip shows several days.
const TUE_10_00 = '2026-11-24T09:00:00Z';

describe('<callback-scheduler> does not widen its page (issue 15.2)', function () {
  this.timeout(ELEMENT_TEST_TIMEOUT);
  let env: ReturnType<typeof testBackends>;
  const now = () => new Date(TUE_10_00);

  beforeEach(() => {
    env = testBackends({ history: false, now });
  });
  afterEach(async () => {
    await env.cleanup();
    await setViewport({ width: 800, height: 600 });
  });

  for (const width of [390, 1280]) {
    it(`keeps the page free of sideways scrolling at ${width} px`, async () => {
      await setViewport({ width, height: 800 });
      const el = await fixture<CallbackScheduler>(html`<callback-scheduler
        lang="en"
        time-zone="Europe/Berlin"
        .now=${now}
        .backend=${env.cached}
      ></callback-scheduler>`);
      await ready(el);
      const root = document.documentElement;
      expect(root.scrollWidth, 'page scroll width').to.be.at.most(root.clientWidth);
      const host = el.getBoundingClientRect();
      expect(host.right).to.be.at.most(root.clientWidth);
      await expect(el).to.be.accessible();
    });
  }
});
