import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/callback-scheduler/define.js';
import type { CallbackScheduler } from '../../../src/elements/callback-scheduler/callback-scheduler.js';
import { createCachingBackend, createDemoBackend, withFaults, type SupportBackend } from '../../../src/backend/index.js';
import { SEED_CONTACT } from '../../../src/backend/fixtures/seed.js';
import type { CallbackBooking } from '../../../src/core/index.js';
import { testBackends, textOf, until } from '../../helpers/backend.js';
import { DST_CASES, ELEMENT_TEST_TIMEOUT, active, dayTab, nameOf, pick, part, q, qa, ready, tabDays, windowButton } from './helpers.js';

// Europe/Berlin in Nov/Dec 2026 is CET (UTC+1): 09:00 Berlin = 08:00Z.
// Tue 24 Nov 2026 10:00 Berlin: support is open, windows start at 11:00 (60 minutes notice).
const TUE_10_00 = '2026-11-24T09:00:00Z';

type Env = ReturnType<typeof testBackends>;

describe('<callback-scheduler>', function () {
  this.timeout(ELEMENT_TEST_TIMEOUT);
  let env: Env;
  let clock: number;
  const now = () => new Date(clock);

  beforeEach(() => {
    clock = Date.parse(TUE_10_00);
    env = testBackends({ history: false, now });
  });
  afterEach(async () => {
    await env.cleanup();
    document.documentElement.lang = 'en';
  });

  async function render(
    options: { backend?: SupportBackend; lang?: string; timeZone?: string; modal?: boolean; wait?: boolean } = {},
  ): Promise<CallbackScheduler> {
    const el = await fixture<CallbackScheduler>(html`<callback-scheduler
      lang=${options.lang ?? 'en'}
      time-zone=${options.timeZone ?? 'Europe/Berlin'}
      ?modal=${options.modal ?? false}
      .now=${now}
      .backend=${options.backend ?? env.cached}
    ></callback-scheduler>`);
    if (!options.modal && options.wait !== false) await ready(el);
    return el;
  }

  const book = (backend: SupportBackend, start: string, note = '') =>
    backend.bookCallback({ topicId: 'short-question', start: new Date(start), phone: '+49 241 123456', note });

  // First in this file, before any test shows the closed notice: nothing has registered <support-contact> yet.
  it('loads <support-contact> only when the closed notice needs it', async () => {
    const el = await render();
    expect(part(el, 'closed-notice')).to.equal(null);
    expect(customElements.get('support-contact'), 'registered during support hours').to.equal(undefined);
    clock = Date.parse('2026-11-27T18:00:00Z'); // Fri 27 Nov 19:00 Berlin: closed
    el.requestUpdate();
    await el.updateComplete;
    const contact = part(el, 'closed-notice')!.querySelector('support-contact')!;
    expect(customElements.get('support-contact')).to.exist;
    expect(contact.shadowRoot, 'upgraded').to.exist;
    await until(() => contact.contact.state === 'fresh');
    await contact.updateComplete;
    expect(textOf(contact.shadowRoot!.querySelector('[part~="status"]'))).to.equal('Closed now, opens Mon 30 Nov at 09:00');
    await expect(el).to.be.accessible();
  });

  describe('the slot picker', () => {
    it('offers topics, days as tabs and windows whose names carry the full date and time', async () => {
      const el = await render();
      expect(el.view).to.equal('form');
      const topics = qa<HTMLInputElement>(el, '[part~="topic"] input');
      expect(topics.map((r) => [r.value, r.checked])).to.deep.equal([
        ['short-question', true],
        ['consultation', false],
      ]);
      expect(textOf(part(el, 'topics'))).to.contain('Short question').and.to.contain('30-minute window');
      // Ten working days from today (Tue 24 Nov) to Mon 7 Dec; today is the active tab.
      expect(tabDays(el)).to.deep.equal([
        '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-30',
        '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-07',
      ]);
      const first = dayTab(el, '2026-11-24')!;
      expect(first.getAttribute('aria-selected')).to.equal('true');
      expect(first.tabIndex).to.equal(0);
      expect(dayTab(el, '2026-11-25')!.tabIndex).to.equal(-1);
      expect(textOf(first)).to.contain('Tuesday 24 November 2026, 14 free windows');
      // Today from 11:00 (60 minutes notice) to 18:00.
      const today = qa<HTMLButtonElement>(el, 'button.window');
      expect(today).to.have.length(14);
      expect(nameOf(today[0]!)).to.equal('Tuesday 24 November 2026, 11:00–11:30');
      expect(nameOf(today[13]!)).to.equal('Tuesday 24 November 2026, 17:30–18:00');
      expect(part(el, 'windows')!.getAttribute('aria-labelledby')).to.equal(first.id);
      // The example.
      await pick(el, '2026-12-01T13:30:00.000Z');
      const chosen = windowButton(el, '2026-12-01T13:30:00.000Z')!;
      expect(nameOf(chosen)).to.equal('Tuesday 1 December 2026, 14:30–15:00');
      expect(chosen.getAttribute('aria-pressed')).to.equal('true');
      expect(textOf(part(el, 'selection'))).to.equal('Selected: Tuesday 1 December 2026, 14:30–15:00');
      expect(part(el, 'zone-note')).to.equal(null);
      expect(part(el, 'closed-notice')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('is operated by keyboard: arrows, Home and End on the days, Enter and Space on the windows', async () => {
      const el = await render();
      dayTab(el, '2026-11-24')!.focus();
      const focusedDay = () => (active(el) as HTMLElement | null)?.dataset['day'];
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      expect(focusedDay()).to.equal('2026-11-25');
      expect(dayTab(el, '2026-11-25')!.getAttribute('aria-selected')).to.equal('true');
      await sendKeys({ press: 'End' });
      expect(focusedDay()).to.equal('2026-12-07');
      await sendKeys({ press: 'ArrowRight' }); // wraps around
      expect(focusedDay()).to.equal('2026-11-24');
      await sendKeys({ press: 'ArrowLeft' });
      expect(focusedDay()).to.equal('2026-12-07');
      await sendKeys({ press: 'Home' });
      await sendKeys({ press: 'ArrowRight' });
      expect(focusedDay()).to.equal('2026-11-25');
      // Tab leads from the active tab into its windows (09:00 first on Wednesday).
      await sendKeys({ press: 'Tab' });
      const focused = () => active(el) as HTMLButtonElement;
      expect(nameOf(focused())).to.equal('Wednesday 25 November 2026, 09:00–09:30');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(focused().getAttribute('aria-pressed')).to.equal('true');
      await sendKeys({ press: 'ArrowDown' });
      expect(nameOf(focused())).to.equal('Wednesday 25 November 2026, 09:30–10:00');
      await sendKeys({ press: 'Space' });
      await el.updateComplete;
      expect(focused().getAttribute('aria-pressed')).to.equal('true');
      expect(qa(el, 'button.window[aria-pressed="true"]')).to.have.length(1);
      expect(textOf(part(el, 'selection'))).to.equal('Selected: Wednesday 25 November 2026, 09:30–10:00');
      await expect(el).to.be.accessible();
    });

    it('shows full windows as unavailable with the reason, and does not let them be chosen', async () => {
      env.demo.control.takeWindow('short-question', new Date('2026-11-24T13:30:00Z'));
      const el = await render();
      const full = windowButton(el, '2026-11-24T13:30:00.000Z')!;
      expect(full.getAttribute('aria-disabled')).to.equal('true');
      expect(nameOf(full)).to.equal('Tuesday 24 November 2026, 14:30–15:00, fully booked');
      expect(textOf(full.querySelector('.window-badge'))).to.equal('fully booked');
      expect(full.getAttribute('part')).to.contain('window-full');
      full.click();
      await el.updateComplete;
      expect(full.getAttribute('aria-pressed')).to.equal('false');
      expect(textOf(dayTab(el, '2026-11-24'))).to.contain('13 free windows');
      await expect(el).to.be.accessible();
    });

    it('switches the windows with the topic (60-minute consultation windows)', async () => {
      const el = await render();
      await pick(el, '2026-11-25T08:00:00.000Z');
      q<HTMLInputElement>(el, 'input[value="consultation"]')!.click();
      await ready(el);
      // The day stays; its windows are an hour long now.
      expect(dayTab(el, '2026-11-25')!.getAttribute('aria-selected')).to.equal('true');
      const windows = qa<HTMLButtonElement>(el, 'button.window');
      expect(windows).to.have.length(9);
      expect(nameOf(windows[0])).to.equal('Wednesday 25 November 2026, 09:00–10:00');
      expect(nameOf(windows[8])).to.equal('Wednesday 25 November 2026, 17:00–18:00');
      expect(qa(el, 'button.window[aria-pressed="true"]')).to.have.length(0);
      expect(textOf(part(el, 'selection'))).to.equal('No window selected yet.');
    });

    for (const c of DST_CASES) {
      it(`windows in a DST-change week for a viewer in Europe/Berlin — ${c.name}`, async () => {
        clock = Date.parse(c.now);
        const el = await render({ timeZone: 'Europe/Berlin' });
        for (const [start, berlin] of c.windows) {
          await pick(el, start);
          expect(nameOf(windowButton(el, start)), start).to.equal(berlin);
        }
        for (const day of c.absentDays) expect(tabDays(el), day).not.to.include(day);
        expect(part(el, 'zone-note')).to.equal(null);
        await expect(el).to.be.accessible();
      });

      it(`windows in a DST-change week for a viewer in America/New_York (time-zone attribute) — ${c.name}`, async () => {
        clock = Date.parse(c.now);
        const el = await render({ timeZone: 'America/New_York' });
        expect(el.viewerZone).to.equal('America/New_York');
        for (const [start, , newYork] of c.windows) {
          const button = await pick(el, start);
          expect(nameOf(button), start).to.equal(newYork);
          // Visible too: the viewer's time, Berlin's in brackets.
          expect(textOf(button.querySelector('.window-time')) + textOf(button.querySelector('.window-tenant'))).to.equal(
            newYork.split(', ').slice(-1)[0]!.replace(' (', '('),
          );
        }
        for (const day of c.absentDays) expect(tabDays(el), day).not.to.include(day);
        expect(textOf(part(el, 'zone-note'))).to.equal('Times in your time zone (New York), Berlin time in brackets.');
        await expect(el).to.be.accessible();
      });
    }

    it('Friday evening: says support is closed, offers the hotline and the next windows on Monday', async () => {
      clock = Date.parse('2026-11-27T18:00:00Z'); // Fri 27 Nov 19:00 Berlin
      const el = await render();
      expect(tabDays(el)[0]).to.equal('2026-11-30');
      expect(dayTab(el, '2026-11-30')!.getAttribute('aria-selected')).to.equal('true');
      expect(nameOf(qa(el, 'button.window')[0])).to.equal('Monday 30 November 2026, 09:00–09:30');
      const closed = part(el, 'closed-notice')!;
      expect(textOf(closed)).to.contain('Support is closed right now');
      const contact = closed.querySelector('support-contact')!;
      await until(() => contact.contact.state === 'fresh');
      await contact.updateComplete;
      expect(textOf(contact.shadowRoot!.querySelector('[part~="status"]'))).to.equal('Closed now, opens Mon 30 Nov at 09:00');
      expect(textOf(contact.shadowRoot!.querySelector('[part~="tier-now"]'))).to.contain('response within 2 hours');
      const hotline = [...contact.shadowRoot!.querySelectorAll<HTMLAnchorElement>('[part="phone-link"]')];
      expect(hotline.map((a) => a.getAttribute('href'))).to.deep.equal(['tel:+4924144686112', 'tel:+431361985760', 'tel:+41315112792']);
      expect(contact.shadowRoot!.querySelector('[part~="email"]')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    describe('with the host\'s fallbackContact', () => {
      const HOST_FACTS = {
        ...SEED_CONTACT,
        hotline: { ...SEED_CONTACT.hotline, lines: [{ countries: ['DE'], display: '+49 30 9876543', e164: '+49309876543' }] },
      };
      /** An empty cache in front of a backend that cannot be reached. */
      const unreachable = () =>
        createCachingBackend(withFaults(createDemoBackend({ agentDelayMs: null, loginDelayMs: null }), { offline: true }), {
          scope: { tenantId: `test-${crypto.randomUUID()}`, userId: 'user-abecker' },
        });
      const mount = (backend: SupportBackend) =>
        fixture<CallbackScheduler>(html`<callback-scheduler
          lang="en"
          time-zone="Europe/Berlin"
          .now=${now}
          .fallbackContact=${HOST_FACTS}
          .backend=${backend}
        ></callback-scheduler>`);
      const hotlineOf = (contact: Element) =>
        [...contact.shadowRoot!.querySelectorAll<HTMLAnchorElement>('[part="phone-link"]')].map((a) => a.getAttribute('href'));

      it('backend failing, nothing cached, support closed: the error with Retry, and the closed notice with the host\'s hotline', async () => {
        clock = Date.parse('2026-11-27T18:00:00Z'); // Fri 27 Nov 19:00 Berlin
        const backend = unreachable();
        const el = await mount(backend);
        await until(() => el.view === 'error', 5000, 'the error view');
        await el.updateComplete;
        expect(textOf(part(el, 'error'))).to.contain('No connection to the server');
        expect(part(el, 'retry-button')).to.exist;
        const closed = part(el, 'closed-notice')!;
        expect(closed, 'the closed notice beside the error').to.exist;
        const contact = closed.querySelector('support-contact')!;
        expect(contact.fallbackContact, 'passed on to the nested card').to.deep.equal(HOST_FACTS);
        await until(() => contact.contact.state === 'error', 5000, 'the card to give up on the backend');
        await contact.updateComplete;
        expect(textOf(contact.shadowRoot!.querySelector('[part~="status"]'))).to.equal('Closed now, opens Mon 30 Nov at 09:00');
        expect(hotlineOf(contact)).to.deep.equal(['tel:+49309876543']);
        await expect(el).to.be.accessible();
        // During support hours nothing is closed: the error alone.
        clock = Date.parse(TUE_10_00);
        el.requestUpdate();
        await el.updateComplete;
        expect(part(el, 'closed-notice')).to.equal(null);
        expect(part(el, 'error')).to.exist;
        await expect(el).to.be.accessible();
        await backend.clear();
      });

      it('only the contact facts failing: the form, and the closed notice from the host\'s facts', async () => {
        clock = Date.parse('2026-11-27T18:00:00Z');
        const backend: SupportBackend = {
          ...env.demo,
          getContactInfo: () => Promise.reject(new TypeError('Failed to fetch')),
        };
        const el = await mount(backend);
        await ready(el);
        expect(el.view).to.equal('form');
        const contact = part(el, 'closed-notice')!.querySelector('support-contact')!;
        expect(contact.fallbackContact).to.deep.equal(HOST_FACTS);
        await until(() => contact.contact.state === 'error', 5000, 'the card to give up on the backend');
        await contact.updateComplete;
        expect(hotlineOf(contact)).to.deep.equal(['tel:+49309876543']);
        await expect(el).to.be.accessible();
      });
    });

    it('skips holidays: on Wed 23 Dec evening the next windows are on Mon 28 Dec', async () => {
      clock = Date.parse('2026-12-23T18:00:00Z'); // Wed 23 Dec 19:00 Berlin
      const el = await render();
      expect(tabDays(el)).to.deep.equal([
        '2026-12-28', '2026-12-29', '2026-12-30', '2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08', '2027-01-11',
      ]);
      expect(nameOf(qa(el, 'button.window')[0])).to.equal('Monday 28 December 2026, 09:00–09:30');
      await expect(el).to.be.accessible();
    });

    it('drops windows that have started by the time they are shown (saved lists)', async () => {
      const el = await render();
      expect(windowButton(el, '2026-11-24T10:00:00.000Z')).to.exist; // 11:00
      clock = Date.parse('2026-11-24T10:00:00Z'); // 11:00 Berlin: the 11:00 window has started
      el.requestUpdate();
      await el.updateComplete;
      expect(windowButton(el, '2026-11-24T10:00:00.000Z')).to.equal(null);
      expect(windowButton(el, '2026-11-24T10:30:00.000Z')).to.exist;
    });
  });

  describe('the phone number', () => {
    it('is prefilled from the session and editable', async () => {
      const el = await render();
      const input = part<HTMLInputElement>(el, 'phone-input')!;
      expect(input.value).to.equal('+49 241 123456');
      expect(input.getAttribute('autocomplete')).to.equal('tel');
      input.focus();
      input.select();
      await sendKeys({ type: '0241 446 86 122' });
      await el.updateComplete;
      expect(input.value).to.equal('0241 446 86 122');
    });

    it('refuses bad numbers with a clear message, without calling the backend', async () => {
      const counted = withFaults(env.cached);
      const el = await render({ backend: counted });
      await pick(el, '2026-11-25T08:00:00.000Z');
      const input = part<HTMLInputElement>(el, 'phone-input')!;
      const cases: [typed: string, message: string][] = [
        ['', 'Please enter the number we should call.'],
        ['call me maybe', 'Use only digits, spaces and + ( ) / . -, with + only at the start.'],
        ['49+241 123456', 'Use only digits, spaces and + ( ) / . -, with + only at the start.'],
        ['241 446 86 122', 'Start the number with its country code, e.g. +49, +43 or +41.'],
        ['+49 0241 446 86 122', 'Leave out the 0 after the country code: +49 241 …, not +49 0241 ….'],
        ['+49 241', 'This number is too short. Please check it.'],
        ['+41 31 511 27', 'This number is too short. Please check it.'],
        ['+43 1 3619857 60 12345 6', 'This number is too long. Please check it.'],
        ['+49 241 446 86 122 99 99 9', 'This number is too long. Please check it.'],
      ];
      for (const [typed, message] of cases) {
        input.value = typed;
        input.dispatchEvent(new Event('input'));
        part<HTMLButtonElement>(el, 'submit-button')!.click();
        await until(() => active(el) === input, 1000, `focus on the phone field for ${typed}`);
        const error = part(el, 'field-error')!;
        expect(textOf(error), typed).to.equal(message);
        expect(input.getAttribute('aria-invalid')).to.equal('true');
        expect(input.getAttribute('aria-describedby')).to.contain(error.id);
      }
      await expect(el).to.be.accessible();
      expect(counted.calls['bookCallback'] ?? 0).to.equal(0);
      // Fixing the number clears the message while typing.
      input.value = '+43 (1) 3619857-60';
      input.dispatchEvent(new Event('input'));
      await el.updateComplete;
      expect(part(el, 'field-error')).to.equal(null);
      expect(input.getAttribute('aria-invalid')).to.equal('false');
    });

    it('accepts international and national numbers and books them in E.164', async () => {
      const el = await render({ backend: env.cached });
      const input = part<HTMLInputElement>(el, 'phone-input')!;
      for (const good of ['+49 241 446 86 122', '0049 (0)241 44686-122', '+43 (1) 3619857-60', '+41 31 511 27 92', '+1 212 555 0100']) {
        input.value = good;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        input.dispatchEvent(new Event('blur'));
        await el.updateComplete;
        expect(part(el, 'field-error'), good).to.equal(null);
      }
      input.value = '0241  446 86 122 ';
      input.dispatchEvent(new Event('input'));
      await pick(el, '2026-11-25T08:00:00.000Z');
      const booked = await el.submit();
      expect(booked!.phone).to.equal('+4924144686122');
      // The confirmation shows the number as typed (spaces tidied), not the E.164 the backend got.
      await el.updateComplete;
      const shown = [...(part(el, 'booking')?.querySelectorAll('dd') ?? [])].map((dd) => textOf(dd));
      expect(shown[0]).to.equal('0241 446 86 122');
    });
  });

  describe('booking', () => {
    it('books a window and confirms it, with an event', async () => {
      const el = await render();
      await pick(el, '2026-12-01T13:30:00.000Z');
      const note = part<HTMLTextAreaElement>(el, 'note-input')!;
      note.value = 'Export template prints empty PDFs';
      note.dispatchEvent(new Event('input'));
      const event = oneEvent(el, 'support-callback-booked');
      part<HTMLButtonElement>(el, 'submit-button')!.click();
      const { detail } = await event;
      expect(detail.booking.window.start.toISOString()).to.equal('2026-12-01T13:30:00.000Z');
      expect(detail.booking.note).to.equal('Export template prints empty PDFs');
      expect(detail.booking.phone).to.equal('+49241123456');
      await el.updateComplete;
      expect(el.view).to.equal('booking');
      expect(textOf(part(el, 'booking-title'))).to.equal('✓Your callback is booked');
      expect(textOf(part(el, 'booking-text'))).to.equal('We will call you on Tue 1 Dec, 14:30–15:00 about “Short question”.');
      // The backend gets E.164; the confirmation shows the number as the user typed it (here: the session's number).
      expect(textOf(part(el, 'booking'))).to.contain('Export template prints empty PDFs').and.to.contain('Number +49 241 123456');
      expect(part(el, 'form')).to.equal(null);
      await until(() => active(el) === part(el, 'booking-title'), 1000, 'focus on the confirmation');
      expect((await env.demo.getCallbackBooking())!.id).to.equal(detail.booking.id);
      await expect(el).to.be.accessible();
    });

    it('asks for a window before booking', async () => {
      const el = await render();
      part<HTMLButtonElement>(el, 'submit-button')!.click();
      await until(() => part(el, 'field-error') !== null);
      expect(textOf(part(el, 'field-error'))).to.equal('Please choose a time window.');
      expect(active(el)).to.equal(dayTab(el, '2026-11-24'));
      expect(await env.demo.getCallbackBooking()).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('shows an existing booking with Change and Cancel instead of a new form', async () => {
      await book(env.demo, '2026-12-01T13:30:00.000Z', 'About the portal export');
      const el = await render();
      expect(el.view).to.equal('booking');
      expect(textOf(part(el, 'booking-title'))).to.equal('Your booked callback');
      expect(textOf(part(el, 'booking-text'))).to.equal('We will call you on Tue 1 Dec, 14:30–15:00 about “Short question”.');
      expect(textOf(part(el, 'booking'))).to.contain('Only one window can be booked per customer.');
      expect(part(el, 'change-button')).to.exist;
      expect(part(el, 'cancel-button')).to.exist;
      expect(part(el, 'form')).to.equal(null);
      expect(part(el, 'submit-button')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('two concurrent booking attempts: exactly one succeeds, the other explains the one-window rule', async () => {
      // Two tabs of the same customer, each with its own cache over the same server.
      const second = createCachingBackend(env.demo, { scope: { ...env.scope, tenantId: `${env.scope.tenantId}-b` } });
      const a = await render({ backend: env.cached });
      const b = await render({ backend: second });
      await pick(a, '2026-11-25T08:00:00.000Z');
      await pick(b, '2026-11-26T12:00:00.000Z');
      const note = part<HTMLTextAreaElement>(b, 'note-input')!;
      note.value = 'Second tab';
      note.dispatchEvent(new Event('input'));
      const booked: CallbackBooking[] = [];
      document.addEventListener('support-callback-booked', (e) => booked.push(e.detail.booking));
      // Both clicks in the same task: both requests are in flight at once.
      part<HTMLButtonElement>(a, 'submit-button')!.click();
      part<HTMLButtonElement>(b, 'submit-button')!.click();
      await until(() => a.view === 'booking' && b.view === 'booking' && !b.booking.refreshing && !a.booking.refreshing, 3000);
      await a.updateComplete;
      await b.updateComplete;
      expect(booked).to.have.length(1);
      const winner = booked[0]!;
      const [won, lost] = winner.window.start.toISOString() === '2026-11-25T08:00:00.000Z' ? [a, b] : [b, a];
      expect(textOf(part(won, 'booking-title'))).to.equal('✓Your callback is booked');
      expect(part(won, 'notice')).to.equal(null);
      expect(textOf(part(lost, 'notice'))).to.equal(
        'You already have a callback booked, and only one window can be booked per customer. Change this booking to the window you chose, or cancel it first.',
      );
      expect(textOf(part(lost, 'booking-title'))).to.equal('Your booked callback');
      expect(lost.booking.value!.id).to.equal(winner.id);
      expect((await env.demo.getCallbackBooking())!.id).to.equal(winner.id);
      await expect(lost).to.be.accessible();
      // Nothing the loser entered is lost: Change offers its own choice.
      part<HTMLButtonElement>(lost, 'change-button')!.click();
      await ready(lost);
      const lostStart = lost === b ? '2026-11-26T12:00:00.000Z' : '2026-11-25T08:00:00.000Z';
      expect(q(lost, 'button.window[aria-pressed="true"]')!.dataset['start']).to.equal(lostStart);
      if (lost === b) expect(part<HTMLTextAreaElement>(b, 'note-input')!.value).to.equal('Second tab');
      second.close();
      await second.clear();
    });

    it('explains a window taken meanwhile, refreshes the windows and keeps what was entered', async () => {
      const el = await render();
      q<HTMLInputElement>(el, 'input[value="short-question"]')!.click();
      await pick(el, '2026-11-26T13:30:00.000Z');
      const phone = part<HTMLInputElement>(el, 'phone-input')!;
      phone.value = '+43 1 3619857';
      phone.dispatchEvent(new Event('input'));
      const note = part<HTMLTextAreaElement>(el, 'note-input')!;
      note.value = 'Please call my mobile';
      note.dispatchEvent(new Event('input'));
      // Another customer takes the window between showing and booking.
      env.demo.control.takeWindow('short-question', new Date('2026-11-26T13:30:00Z'));
      const result = await el.submit();
      expect(result).to.equal(null);
      await ready(el);
      expect(el.view).to.equal('form');
      expect(textOf(part(el, 'notice'))).to.equal(
        'Someone else booked Thu 26 Nov, 14:30–15:00 a moment ago. The windows are up to date again: please choose another one. Everything else you entered is kept.',
      );
      expect(part(el, 'notice')!.closest('[role="alert"]')).to.exist;
      const taken = windowButton(el, '2026-11-26T13:30:00.000Z')!;
      expect(taken.getAttribute('aria-disabled')).to.equal('true');
      expect(taken.getAttribute('aria-pressed')).to.equal('false');
      expect(dayTab(el, '2026-11-26')!.getAttribute('aria-selected')).to.equal('true');
      expect(part<HTMLInputElement>(el, 'phone-input')!.value).to.equal('+43 1 3619857');
      expect(part<HTMLTextAreaElement>(el, 'note-input')!.value).to.equal('Please call my mobile');
      expect(q<HTMLInputElement>(el, 'input[value="short-question"]')!.checked).to.be.true;
      await expect(el).to.be.accessible();
      // The next free window books.
      await pick(el, '2026-11-26T14:00:00.000Z');
      const booking = await el.submit();
      expect(booking!.phone).to.equal('+4313619857');
      expect(booking!.note).to.equal('Please call my mobile');
    });

    it('explains a window that became too soon while the form was open', async () => {
      const el = await render();
      await pick(el, '2026-11-24T10:00:00.000Z'); // Tue 11:00, 60 minutes ahead
      clock += 10 * 60_000; // 10:10: 11:00 is now inside the 60-minute notice
      await el.submit();
      await ready(el);
      expect(textOf(part(el, 'notice'))).to.contain('Tue 24 Nov, 11:00–11:30 can no longer be booked');
      expect(windowButton(el, '2026-11-24T10:00:00.000Z')).to.equal(null);
      expect(nameOf(qa(el, 'button.window')[0])).to.equal('Tuesday 24 November 2026, 11:30–12:00');
    });

    it('changes the booking to another window, with an event', async () => {
      const original = await book(env.demo, '2026-12-01T13:30:00.000Z', 'Portal export');
      const el = await render();
      part<HTMLButtonElement>(el, 'change-button')!.click();
      await ready(el);
      expect(el.view).to.equal('change');
      expect(textOf(part(el, 'form-title'))).to.equal('Change your callback');
      await until(() => active(el) === part(el, 'form-title'), 1000, 'focus on the change form');
      const current = windowButton(el, '2026-12-01T13:30:00.000Z')!;
      expect(current.getAttribute('aria-pressed')).to.equal('true');
      expect(nameOf(current)).to.equal('Tuesday 1 December 2026, 14:30–15:00, your booking');
      expect(part<HTMLTextAreaElement>(el, 'note-input')!.value).to.equal('Portal export');
      await expect(el).to.be.accessible();
      await pick(el, '2026-12-02T09:00:00.000Z');
      const event = oneEvent(el, 'support-callback-changed');
      part<HTMLButtonElement>(el, 'submit-button')!.click();
      const { detail } = await event;
      expect(detail.previous.id).to.equal(original.id);
      expect(detail.previous.window.start.toISOString()).to.equal('2026-12-01T13:30:00.000Z');
      expect(detail.booking.window.start.toISOString()).to.equal('2026-12-02T09:00:00.000Z');
      await el.updateComplete;
      expect(textOf(part(el, 'booking-title'))).to.equal('✓Your callback has been changed');
      expect(textOf(part(el, 'booking-text'))).to.equal('We will call you on Wed 2 Dec, 10:00–10:30 about “Short question”.');
      expect((await env.demo.getCallbackBooking())!.window.start.toISOString()).to.equal('2026-12-02T09:00:00.000Z');
      await expect(el).to.be.accessible();
    });

    it('keeps the booking when the change is abandoned', async () => {
      await book(env.demo, '2026-12-01T13:30:00.000Z');
      const el = await render();
      part<HTMLButtonElement>(el, 'change-button')!.click();
      await ready(el);
      await pick(el, '2026-12-02T09:00:00.000Z');
      part<HTMLButtonElement>(el, 'keep-button')!.click();
      await el.updateComplete;
      expect(el.view).to.equal('booking');
      expect(textOf(part(el, 'booking-text'))).to.contain('Tue 1 Dec, 14:30–15:00');
      expect((await env.demo.getCallbackBooking())!.window.start.toISOString()).to.equal('2026-12-01T13:30:00.000Z');
    });

    it('cancels the booking after asking, with an event, and offers the form again', async () => {
      const original = await book(env.demo, '2026-12-01T13:30:00.000Z');
      const el = await render();
      part<HTMLButtonElement>(el, 'cancel-button')!.click();
      await el.updateComplete;
      const confirm = part(el, 'cancel-confirm')!;
      expect(textOf(confirm)).to.contain('Cancel the callback on Tue 1 Dec, 14:30–15:00?');
      await until(() => active(el) === part(el, 'confirm-cancel-button'));
      await expect(el).to.be.accessible();
      // "No" keeps it.
      part<HTMLButtonElement>(el, 'keep-booking-button')!.click();
      await el.updateComplete;
      expect(part(el, 'cancel-confirm')).to.equal(null);
      expect(await env.demo.getCallbackBooking()).not.to.equal(null);
      // "Yes" cancels it.
      part<HTMLButtonElement>(el, 'cancel-button')!.click();
      await el.updateComplete;
      const event = oneEvent(el, 'support-callback-cancelled');
      part<HTMLButtonElement>(el, 'confirm-cancel-button')!.click();
      const { detail } = await event;
      expect(detail.booking.id).to.equal(original.id);
      await ready(el);
      expect(el.view).to.equal('form');
      expect(textOf(part(el, 'status-message'))).to.equal('Your callback has been cancelled. You can book a new window.');
      expect(await env.demo.getCallbackBooking()).to.equal(null);
      // The window is free again.
      expect(windowButton(el, '2026-12-01T13:30:00.000Z')?.getAttribute('aria-disabled') ?? null).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('keeps the form when the network fails and says why', async () => {
      const faulty = withFaults(env.cached);
      const el = await render({ backend: faulty });
      await pick(el, '2026-11-25T08:00:00.000Z');
      faulty.set({ offline: true, methods: ['bookCallback'] });
      expect(await el.submit()).to.equal(null);
      await el.updateComplete;
      expect(textOf(part(el, 'notice'))).to.contain('No connection to the server');
      expect(windowButton(el, '2026-11-25T08:00:00.000Z')!.getAttribute('aria-pressed')).to.equal('true');
      await expect(el).to.be.accessible();
      faulty.set({ offline: false });
      expect(await el.submit()).not.to.equal(null);
    });
  });

  describe('states and languages', () => {

    it('shows a skeleton while loading, then an error with a retry that works', async () => {
      const faulty = withFaults(createDemoBackend({ agentDelayMs: null, loginDelayMs: null, history: false, now }), {
        offline: true,
        latencyMs: 400,
      });
      const el = await render({ backend: faulty, wait: false });
      expect(el.view).to.equal('loading');
      expect(part(el, 'skeleton')).to.exist;
      await expect(el).to.be.accessible();
      await until(() => el.view === 'error');
      await el.updateComplete;
      expect(textOf(q(el, '[part="error"]'))).to.contain('No connection to the server');
      await expect(el).to.be.accessible();
      faulty.set({ offline: false, latencyMs: 0 });
      part<HTMLButtonElement>(el, 'retry-button')!.click();
      await ready(el);
      expect(el.view).to.equal('form');
    });

    it('paints the saved booking from IndexedDB when the network fails, and says so', async () => {
      await book(env.cached, '2026-12-01T13:30:00.000Z');
      const first = await render();
      expect(first.view).to.equal('booking');
      first.remove();
      const faulty = withFaults(env.demo, { offline: true });
      const again = createCachingBackend(faulty, { scope: env.scope });
      const el = await render({ backend: again, wait: false });
      await until(() => el.booking.state === 'stale' && !el.booking.refreshing);
      await el.updateComplete;
      expect(el.view).to.equal('booking');
      expect(textOf(part(el, 'booking-text'))).to.contain('Tue 1 Dec, 14:30–15:00');
      const freshness = part(el, 'freshness')!;
      expect(freshness.dataset['state']).to.equal('stale');
      expect(textOf(freshness)).to.contain('Showing saved data from').and.to.contain('No connection');
      await expect(el).to.be.accessible();
      again.close();
    });

    it('speaks German', async () => {
      const el = await render({ lang: 'de' });
      expect(textOf(part(el, 'title'))).to.equal('Rückruf vereinbaren');
      expect(textOf(part(el, 'intro'))).to.contain('Pro Kunde kann nur ein Zeitfenster belegt werden.');
      await pick(el, '2026-12-01T13:30:00.000Z');
      expect(nameOf(windowButton(el, '2026-12-01T13:30:00.000Z'))).to.equal('Dienstag, 1. Dezember 2026, 14:30–15:00');
      expect(textOf(dayTab(el, '2026-12-01'))).to.contain('Dienstag, 1. Dezember 2026, 18 freie Zeitfenster');
      const input = part<HTMLInputElement>(el, 'phone-input')!;
      input.value = '+49 0241 123456';
      input.dispatchEvent(new Event('input'));
      await el.submit();
      await el.updateComplete;
      expect(textOf(part(el, 'field-error'))).to.equal('Bitte lassen Sie die 0 nach der Ländervorwahl weg: +49 241 …, nicht +49 0241 ….');
      input.value = '+49 241 123456';
      input.dispatchEvent(new Event('input'));
      await el.submit();
      await el.updateComplete;
      expect(textOf(part(el, 'booking-title'))).to.equal('✓Ihr Rückruf ist gebucht');
      expect(textOf(part(el, 'booking-text'))).to.equal('Wir rufen Sie am Di., 1. Dez., 14:30–15:00 an, Thema: „Kurze Frage“.');
      await expect(el).to.be.accessible();
    });

    it('works as a popup: re-reads the booking when opened, Done closes it, focus returns', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div>
        <button id="opener">Callback</button>
        <callback-scheduler lang="en" time-zone="Europe/Berlin" modal .now=${now} .backend=${env.cached}></callback-scheduler>
      </div>`);
      const el = wrapper.querySelector('callback-scheduler')!;
      const opener = wrapper.querySelector<HTMLButtonElement>('#opener')!;
      opener.focus();
      const opened = oneEvent(el, 'support-open');
      el.show();
      await opened;
      await ready(el);
      const dialog = q<HTMLDialogElement>(el, 'dialog')!;
      expect(dialog.open).to.be.true;
      expect(dialog.getAttribute('aria-labelledby')).to.equal(part(el, 'title')!.id);
      expect(el.view).to.equal('form');
      await expect(el).to.be.accessible();
      let closed = oneEvent(el, 'support-close');
      await sendKeys({ press: 'Escape' });
      await closed;
      expect(document.activeElement).to.equal(opener);
      // Booked elsewhere (another tab) while the popup was closed.
      await book(env.cached, '2026-12-01T13:30:00.000Z');
      el.show();
      await until(() => el.view === 'booking');
      await el.updateComplete;
      expect(textOf(part(el, 'booking-title'))).to.equal('Your booked callback');
      // Cancel, book again here: the confirmation offers Done.
      part<HTMLButtonElement>(el, 'cancel-button')!.click();
      await el.updateComplete;
      await el.cancelBooking();
      await ready(el);
      await pick(el, '2026-12-02T09:00:00.000Z');
      await el.submit();
      await el.updateComplete;
      await expect(el).to.be.accessible();
      closed = oneEvent(el, 'support-close');
      part<HTMLButtonElement>(el, 'done-button')!.click();
      await closed;
      expect(el.open).to.be.false;
      expect(document.activeElement).to.equal(opener);
    });
  });
});
