import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import '../../../src/elements/callback-scheduler/define.js';
import { CallbackScheduler } from '../../../src/elements/callback-scheduler/callback-scheduler.js';
import { testBackends, textOf, until } from '../../helpers/backend.js';
import { hold, interceptContentsLoader } from '../../helpers/contents-loader.js';
import { ELEMENT_TEST_TIMEOUT, part, pick, q, ready } from './helpers.js';

// Tue 24 Nov 2026 10:00 Berlin: support is open, windows start at 11:00 (60 minutes notice).
const TUE_10_00 = '2026-11-24T09:00:00Z';


describe('<callback-scheduler> loads its panel (form, booking) when it first shows', function () {
  this.timeout(ELEMENT_TEST_TIMEOUT);
  let env: ReturnType<typeof testBackends>;
  let loader: ReturnType<typeof interceptContentsLoader<'loadPanel'>>;
  const now = () => new Date(TUE_10_00);


  beforeEach(() => {
    env = testBackends({ history: false, now });
    loader = interceptContentsLoader(CallbackScheduler, 'loadPanel');
  });
  afterEach(async () => {
    loader.restore();
    fixtureCleanup();
    await env.cleanup();
  });

  const render = (modal = false) =>
    fixture<CallbackScheduler>(html`<callback-scheduler
      lang="en"
      time-zone="Europe/Berlin"
      ?modal=${modal}
      .now=${now}
      .backend=${env.cached}
    ></callback-scheduler>`);

  /** Connects a scheduler without waiting for `updateComplete` (which waits for the panel's code). */
  function connect(): CallbackScheduler {
    const el = document.createElement('callback-scheduler') as CallbackScheduler;
    el.lang = 'en';
    el.timeZone = 'Europe/Berlin';
    el.now = now;
    el.backend = env.cached;
    document.body.append(el);
    return el;
  }

  it('starts loading the panel with its first update, while it reads its data, and loads it once', async () => {
    const held = hold();
    loader.before = () => held.promise;
    const el = connect();
    try {
      await until(() => loader.calls === 1, 2000, 'the panel load to start');
      // The data arrives while the code is held: the element shows its skeleton, not a half form.
      await until(() => el.view === 'form', 3000, 'the data');
      await new Promise((resolve) => requestAnimationFrame(resolve));
      expect(part(el, 'form')).to.equal(null);
      expect(part(el, 'skeleton')).to.exist;
      await expect(el).to.be.accessible();
      held.release();
      await ready(el);
      expect(part(el, 'form')).to.exist;
      el.requestUpdate();
      await el.updateComplete;
      expect(loader.calls).to.equal(1);
    } finally {
      el.remove();
    }
  });

  it('a closed popup loads nothing until it opens', async () => {
    const el = await render(true);
    await el.updateComplete;
    expect(loader.calls).to.equal(0);
    el.show();
    await el.updateComplete;
    await ready(el);
    expect(loader.calls).to.equal(1);
    expect(part(el, 'form')).to.exist;
  });

  it('shows a failed load as an accessible error with a retry that loads the panel; the data stays', async () => {
    let fail = true;
    loader.before = () => (fail ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : Promise.resolve());
    const el = await render();
    await until(() => el.view === 'form', 3000, 'the data');
    await el.updateComplete;
    const error = part(el, 'error');
    expect(error, 'error shown').to.exist;
    expect(textOf(error)).to.match(/network|connection/i);
    expect(part(el, 'form')).to.equal(null);
    await expect(el).to.be.accessible();
    fail = false;
    part<HTMLButtonElement>(el, 'retry-button')!.click();
    await ready(el);
    expect(part(el, 'form')).to.exist;
    expect(loader.calls).to.equal(2);
  });

  it('submit() before the panel is there waits for it, then validates and books', async () => {
    const held = hold();
    loader.before = () => held.promise;
    const el = connect();
    try {
      await until(() => loader.calls === 1 && el.view === 'form', 3000, 'the data and the load to start');
      const submitted = el.submit();
      held.release();
      // Nothing chosen yet: the panel's validation answers, through the promise submit() returned.
      expect(await submitted).to.equal(null);
      await ready(el);
      expect(part(el, 'field-error'), 'asks for a window').to.exist;
      const start = q<HTMLButtonElement>(el, 'button.window:not([aria-disabled="true"])')!.dataset['start']!;
      await pick(el, start);
      const input = part<HTMLInputElement>(el, 'phone-input')!;
      input.value = '+49 241 123456';
      input.dispatchEvent(new Event('input'));
      const booking = await el.submit();
      expect(booking?.window.start.toISOString()).to.equal(start);
    } finally {
      el.remove();
    }
  });

  it('as a popup: keeps the draft when closed, drops the panel, and tries a failed load again when it reopens', async () => {
    const el = await render(true);
    el.show();
    await ready(el);
    const start = q<HTMLButtonElement>(el, 'button.window:not([aria-disabled="true"])')!.dataset['start']!;
    await pick(el, start);
    const note = part<HTMLTextAreaElement>(el, 'note-input')!;
    note.value = 'Kept while closed';
    note.dispatchEvent(new Event('input'));
    el.close();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('callback-scheduler-panel'), 'the panel goes with the closed popup').to.equal(null);
    el.show();
    await ready(el);
    expect(part<HTMLTextAreaElement>(el, 'note-input')!.value).to.equal('Kept while closed');
    expect(q(el, 'button.window[aria-pressed="true"]')!.dataset['start']).to.equal(start);
    el.close();
    await el.updateComplete;
    // A load that fails shows Retry; closing and opening again tries once more.
    const second = await render(true);
    loader.before = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    const calls = loader.calls;
    second.show();
    await until(() => part(second, 'retry-button') !== null, 3000, 'the load error');
    await expect(second).to.be.accessible();
    loader.before = () => Promise.resolve();
    second.close();
    await second.updateComplete;
    second.show();
    await ready(second);
    expect(part(second, 'form')).to.exist;
    expect(loader.calls).to.equal(calls + 2);
  });

  it('exports the panel\'s parts, so the page styles them through the scheduler', async () => {
    const style = document.createElement('style');
    style.textContent = 'callback-scheduler::part(submit-button) { outline: 3px solid rgb(1, 2, 3); }';
    document.head.append(style);
    try {
      const el = await render();
      await ready(el);
      expect(getComputedStyle(part(el, 'submit-button')!).outlineColor).to.equal('rgb(1, 2, 3)');
    } finally {
      style.remove();
    }
  });

  it('German: the form\'s strings, loaded with the element\'s German chunk, are German', async () => {
    const el = await fixture<CallbackScheduler>(html`<callback-scheduler lang="de" .now=${now} .backend=${env.cached}></callback-scheduler>`);
    await ready(el);
    expect(textOf(part(el, 'title'))).to.equal('Rückruf vereinbaren');
    expect(textOf(part(el, 'submit-button'))).to.equal('Rückruf buchen');
    expect(textOf(part(el, 'intro'))).to.contain('Pro Kunde kann nur ein Zeitfenster belegt werden.');
  });
});
