import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/support-chat-panel/define.js';
import type { SupportChatPanel } from '../../../src/elements/support-chat-panel/support-chat-panel.js';
import { chatTranslations } from '../../../src/elements/support-chat-panel/support-chat-panel.i18n.js';
import {
  createCachingBackend,
  createDemoBackend,
  withFaults,
  type DemoBackendOptions,
  type SupportBackend,
} from '../../../src/backend/index.js';
import { createRandom } from '../../../src/backend/fixtures/random.js';
import { SEED_CONTACT } from '../../../src/backend/fixtures/seed.js';
import type { ChatMessage } from '../../../src/core/index.js';
import { testBackends, textOf, until } from '../../helpers/backend.js';
import { handlerAttributes, XSS_PAYLOADS, xssRan } from '../../helpers/xss.js';

const FAST = { baseMs: 5, maxMs: 40, factor: 2, jitter: 0.5 };
/** Wed 25 Nov 2026, 11:00 in Berlin: support is open. */
const WEDNESDAY = new Date('2026-11-25T10:00:00Z');

const shadow = (el: SupportChatPanel) => el.shadowRoot!;
const $ = <E extends Element = HTMLElement>(el: SupportChatPanel, selector: string) => shadow(el).querySelector<E>(selector);
const $$ = <E extends Element = HTMLElement>(el: SupportChatPanel, selector: string) => [...shadow(el).querySelectorAll<E>(selector)];
const input = (el: SupportChatPanel) => $<HTMLTextAreaElement>(el, 'textarea')!;
const rowTexts = (el: SupportChatPanel) => $$(el, '[part~="message"] [part="text"]').map((p) => p.textContent);
const settle = async (el: SupportChatPanel) => {
  await el.updateComplete;
  await new Promise((r) => requestAnimationFrame(() => r(undefined)));
  await el.updateComplete;
};
const typeAndSend = async (el: SupportChatPanel, text: string) => {
  input(el).focus();
  await sendKeys({ type: text });
  await sendKeys({ press: 'Enter' });
};

describe('<support-chat-panel>', function () {
  // Several tests wait for retries with backoff (up to 15 s under a loaded machine): a limit, not a speed assertion.
  this.timeout(30_000);
  let env: ReturnType<typeof testBackends>;
  const extra: ReturnType<typeof createCachingBackend>[] = [];
  /** Another caching backend on this test's database: a reload or a second tab. */
  const cacheOver = (inner: SupportBackend, now?: () => Date) => {
    const backend = createCachingBackend(inner, { scope: env.scope, ...(now ? { now } : {}) });
    extra.push(backend);
    return backend;
  };
  const setup = (options: DemoBackendOptions = {}) => {
    env = testBackends(options);
    return env;
  };
  const panel = (backend: SupportBackend, options: { lang?: string; now?: () => Date; maxLength?: number; zone?: string } = {}) =>
    fixture<SupportChatPanel>(html`<support-chat-panel
      lang=${options.lang ?? 'en'}
      time-zone=${options.zone ?? 'Europe/Berlin'}
      max-length=${options.maxLength ?? 4000}
      style="height: 480px"
      .backend=${backend}
      .now=${options.now}
      .retryPolicy=${FAST}
    ></support-chat-panel>`);

  beforeEach(() => setup());
  afterEach(async () => {
    document.querySelectorAll('support-chat-panel').forEach((el) => el.remove());
    extra.splice(0).forEach((b) => b.close());
    await env.cleanup();
    document.documentElement.lang = 'en';
  });

  it('shows 21 days of history by day, oldest at the top, the newest in view, the retention note above all', async () => {
    setup({ now: () => WEDNESDAY });
    const el = await panel(env.cached, { now: () => WEDNESDAY });
    await until(() => el.status === 'ready' && el.messages.length > 0);
    await settle(el);
    const all = await env.demo.listChatMessages();
    expect(el.messages.map((m) => m.id)).to.deep.equal(all.map((m) => m.id));
    const log = $(el, '[part="log"]')!;
    expect(log.getAttribute('role')).to.equal('log');
    // Scrolled to the newest message.
    expect(log.scrollHeight - log.scrollTop - log.clientHeight).to.be.below(3);
    const last = $$(el, '[part~="message"]').at(-1)!;
    expect(last.querySelector('[part="text"]')!.textContent).to.equal(all.at(-1)!.text);
    expect(textOf(shadow(el))).to.contain('Yesterday');
    // Scroll to the top: the note that older messages are not kept, then the first day.
    log.scrollTop = 0;
    await until(() => !!$(el, '[part="retention-note"]'));
    await settle(el);
    expect($(el, '[part="retention-note"]')!.textContent).to.contain('older than 21 days are not kept');
    expect(rowTexts(el)[0]).to.equal(all[0]!.text);
    const firstLabel = $(el, '[part="day-label"]')!.textContent!.trim();
    expect(firstLabel).to.match(/^[A-Z][a-z]+day \d+ [A-Z][a-z]+ 2026$/);
    await expect(el).to.be.accessible();
  });

  it('cuts the history at exactly 21 days: the boundary message shows, 1 ms older neither shows nor stays cached', async () => {
    const message = (id: string, seq: number, sentAt: string): ChatMessage => ({
      id, clientId: null, seq, author: 'support', authorName: 'Lena Hoffmann', text: `message ${id}`, sentAt: new Date(sentAt),
    });
    const inner: SupportBackend = {
      ...env.demo,
      listChatMessages: async () => [
        message('too-old', 1, '2026-11-04T09:59:59.999Z'),
        message('boundary', 2, '2026-11-04T10:00:00.000Z'),
        message('recent', 3, '2026-11-24T09:00:00.000Z'),
      ],
    };
    const cached = cacheOver(inner, () => WEDNESDAY);
    const el = await panel(cached, { now: () => WEDNESDAY });
    await until(() => el.status === 'ready' && !!el.messages.length);
    await settle(el);
    expect(el.messages.map((m) => m.id)).to.deep.equal(['boundary', 'recent']);
    $(el, '[part="log"]')!.scrollTop = 0;
    await settle(el);
    expect(textOf(shadow(el))).not.to.contain('message too-old');
    expect(textOf(shadow(el))).to.contain('message boundary');
    expect(textOf(shadow(el))).to.contain('Wednesday 4 November 2026');
    await until(async () => (await cached.peek('listChatMessages'))?.value.length === 2);
    expect((await cached.peek('listChatMessages'))!.value.map((m) => m.id)).to.deep.equal(['boundary', 'recent']);
  });

  it('Enter sends, Shift+Enter adds a line, blank messages cannot be sent, focus stays in the composer', async () => {
    const el = await panel(env.cached);
    await until(() => el.status === 'ready');
    const before = el.messages.length;
    input(el).focus();
    await sendKeys({ type: 'Hallo' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'zweite Zeile' });
    await sendKeys({ press: 'Enter' });
    await until(() => el.messages.length === before + 1);
    await settle(el);
    expect(el.messages.at(-1)!.text).to.equal('Hallo\nzweite Zeile');
    const text = $$(el, '[part~="message-own"] [part="text"]').at(-1)!;
    expect(text.textContent).to.equal('Hallo\nzweite Zeile');
    expect(getComputedStyle(text).whiteSpace).to.equal('pre-wrap');
    expect(input(el).value).to.equal('');
    expect(shadow(el).activeElement).to.equal(input(el));

    // Blank: nothing happens, the button is disabled.
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: '   ' });
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(el.pending).to.have.length(0);
    expect(el.messages.length).to.equal(before + 1);
    expect($<HTMLButtonElement>(el, '[part="send-button"]')!.disabled).to.equal(true);

    // Clicking Send keeps the focus in the composer too.
    await sendKeys({ type: 'per Knopf' });
    $<HTMLButtonElement>(el, '[part="send-button"]')!.click();
    await until(() => el.messages.at(-1)?.text === 'per Knopf');
    expect(shadow(el).activeElement).to.equal(input(el));
    await expect(el).to.be.accessible();
  });

  it('counts characters against the limit and refuses a message over it', async () => {
    const el = await panel(env.cached, { maxLength: 8 });
    await until(() => el.status === 'ready');
    input(el).focus();
    await sendKeys({ type: 'x'.repeat(8) });
    await settle(el);
    expect($(el, '[part="counter"]')!.textContent).to.contain('8 / 8');
    expect($<HTMLButtonElement>(el, '[part="send-button"]')!.disabled).to.equal(false);
    await sendKeys({ type: 'xxx' });
    await settle(el);
    expect($(el, '[part="counter"]')!.classList.contains('over')).to.equal(true);
    expect($(el, '[part="counter"]')!.textContent).to.contain('11 / 8');
    expect(textOf(shadow(el))).to.contain('Too long by 3 characters.');
    expect(input(el).getAttribute('aria-invalid')).to.equal('true');
    expect($<HTMLButtonElement>(el, '[part="send-button"]')!.disabled).to.equal(true);
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(el.pending).to.have.length(0);
    expect(input(el).value).to.have.length(11); // nothing typed is lost
    await expect(el).to.be.accessible();
  });

  it('shows an own message at once as sending, then as sent', async () => {
    const slow = withFaults(env.demo, { latencyMs: 300, methods: ['sendChatMessage'] });
    const el = await panel(cacheOver(slow));
    await until(() => el.status === 'ready');
    await typeAndSend(el, 'optimistisch');
    await settle(el);
    const row = () => $$(el, '[part~="message-own"]').at(-1)!;
    expect(row().dataset['state']).to.equal('sending');
    expect(row().textContent).to.contain('Sending');
    await expect(el).to.be.accessible();
    await until(() => row().dataset['state'] === 'sent');
    expect(row().textContent).to.contain('Sent');
  });

  it('keeps a message written offline in the outbox across a reload and delivers it exactly once when online', async () => {
    const offline = withFaults(env.demo, { offline: true });
    const first = cacheOver(offline);
    const el = await panel(first);
    await typeAndSend(el, 'offline geschrieben');
    await until(() => el.pending[0]?.state === 'failed');
    await settle(el);
    expect($(el, '[part="offline-banner"]')!.textContent).to.contain('You are offline');
    const row = $$(el, '[part~="message-own"]').at(-1)!;
    expect(row.dataset['state']).to.equal('failed');
    expect(row.textContent).to.contain('Not sent');
    expect(row.textContent).to.contain('sent automatically');
    await expect(el).to.be.accessible();
    const clientId = el.pending[0]!.clientId;

    // Reload: element and caching backend go, new ones come over the same database, now online.
    el.remove();
    first.close();
    expect((await env.cached.outbox.list()).map((r) => r.clientId)).to.deep.equal([clientId]);
    const again = await panel(cacheOver(env.demo));
    await until(() => again.pending.length === 0 && again.messages.some((m) => m.clientId === clientId));
    await settle(again);
    expect(env.demo.control.chatMessageCount(clientId)).to.equal(1);
    expect(rowTexts(again).filter((t) => t === 'offline geschrieben')).to.have.length(1);
    expect(await env.cached.outbox.list()).to.deep.equal([]);
    expect($(again, '[part="offline-banner"]')).to.equal(null);
  });

  it('delivers every message exactly once while the backend fails 30 % of sends at random', async () => {
    const faulty = withFaults(env.demo, { errorRate: 0.3, dropRate: 0.1, methods: ['sendChatMessage'] }, createRandom(42).next);
    const el = await panel(cacheOver(faulty));
    await until(() => el.status === 'ready');
    const texts = Array.from({ length: 12 }, (_, i) => `Nachricht ${i + 1}`);
    for (const text of texts) await typeAndSend(el, text);
    await until(() => el.pending.length === 0, 15_000, 'every message delivered');
    await settle(el);
    const mine = el.messages.filter((m) => texts.includes(m.text));
    expect(mine.map((m) => m.text)).to.deep.equal(texts); // once each, in order
    for (const m of mine) expect(env.demo.control.chatMessageCount(m.clientId!)).to.equal(1);
    expect(faulty.calls['sendChatMessage']).to.be.greaterThan(texts.length);
    expect(rowTexts(el).filter((t) => texts.includes(t!))).to.have.length(texts.length);
    expect($$(el, '[data-state="failed"], [data-state="sending"]')).to.have.length(0);
  });

  it('catches up completely after a reconnect: 500 missed messages, no duplicates, announced once', async () => {
    const faulty = withFaults(env.demo);
    const el = await panel(cacheOver(faulty));
    await until(() => el.status === 'ready');
    const before = el.messages.length;
    faulty.set({ offline: true });
    await until(() => !!$(el, '[part="offline-banner"]'));
    await expect(el).to.be.accessible();
    for (let i = 0; i < 500; i += 1) env.demo.control.pushSupportMessage(`missed ${i + 1}`);
    faulty.set({ offline: false });
    await until(() => el.messages.length === before + 500);
    await settle(el);
    expect(new Set(el.messages.map((m) => m.id)).size).to.equal(before + 500);
    expect(el.messages.at(-1)!.text).to.equal('missed 500');
    expect(rowTexts(el).at(-1)).to.equal('missed 500');
    expect($$(el, '[part~="message"]').length, 'only the visible rows are rendered').to.be.below(60);
    expect($(el, '[part="announcer"]')!.textContent).to.contain('500 new messages from support.');
    expect($(el, '[part="offline-banner"]')).to.equal(null);
  });

  it('two tabs stay consistent, and exactly one of them sends the outbox', async () => {
    const faultyA = withFaults(env.demo);
    const faultyB = withFaults(env.demo);
    const wrapper = await fixture<HTMLDivElement>(html`<div style="display:flex;gap:8px">
      <support-chat-panel id="a" lang="en" style="height:400px;flex:1" .backend=${cacheOver(faultyA)} .retryPolicy=${FAST}></support-chat-panel>
      <support-chat-panel id="b" lang="en" style="height:400px;flex:1" .backend=${cacheOver(faultyB)} .retryPolicy=${FAST}></support-chat-panel>
    </div>`);
    const a = wrapper.querySelector<SupportChatPanel>('#a')!;
    const b = wrapper.querySelector<SupportChatPanel>('#b')!;
    await until(() => a.status === 'ready' && b.status === 'ready');
    await typeAndSend(a, 'aus Tab A');
    await until(() => b.messages.some((m) => m.text === 'aus Tab A'));

    faultyA.set({ offline: true });
    faultyB.set({ offline: true });
    await typeAndSend(b, 'aus Tab B, offline');
    await typeAndSend(a, 'aus Tab A, offline');
    await until(() => a.pending.length === 2 && b.pending.length === 2, 3000, 'both tabs show both unsent messages');
    faultyA.set({ offline: false });
    faultyB.set({ offline: false });
    await until(() => a.pending.length === 0 && b.pending.length === 0);
    for (const text of ['aus Tab A', 'aus Tab B, offline', 'aus Tab A, offline']) {
      const inA = a.messages.filter((m) => m.text === text);
      expect(inA, text).to.have.length(1);
      expect(b.messages.filter((m) => m.text === text), text).to.have.length(1);
      expect(env.demo.control.chatMessageCount(inA[0]!.clientId!)).to.equal(1);
    }
    const sendsA = faultyA.calls['sendChatMessage'] ?? 0;
    const sendsB = faultyB.calls['sendChatMessage'] ?? 0;
    expect([sendsA, sendsB].filter((n) => n > 0), `A sent ${sendsA}, B sent ${sendsB}`).to.have.length(1);
  });

  it('renders XSS payloads as inert text and only http(s)/mailto links, with noopener and a new tab', async () => {
    const payloads = [...XSS_PAYLOADS, 'Hilfe: https://example.com/hilfe?a=1&b=2 oder support@onOffice.com'];
    const el = await panel(env.cached);
    await until(() => el.status === 'ready');
    for (const text of payloads.slice(0, 5)) env.demo.control.pushSupportMessage(text);
    for (const text of payloads.slice(5)) await el.send(text);
    await until(() => el.pending.length === 0 && payloads.every((p) => el.messages.some((m) => m.text === p)));
    await settle(el);
    const root = shadow(el);
    // Nothing active came from a message (the attach button's own paperclip icon is the panel's).
    expect([...root.querySelectorAll('script, img, iframe, svg, object, embed')].filter((n) => !n.closest('[part~="attach-button"]'))).to.have.length(0);
    expect(handlerAttributes(root), 'no event handler attributes').to.deep.equal([]);
    const texts = rowTexts(el);
    for (const p of payloads) expect(texts, p).to.include(p);
    const links = $$<HTMLAnchorElement>(el, '[part="text"] a');
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal([
      'https://example.com/',
      'https://example.com/hilfe?a=1&b=2',
      'mailto:support@onOffice.com',
    ]);
    for (const a of links) {
      expect(a.getAttribute('rel')).to.equal('noopener noreferrer');
      expect(a.getAttribute('target')).to.equal('_blank');
    }
    expect(xssRan()).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('announces support messages politely (not the own ones) and shows support typing', async () => {
    setup({ agentDelayMs: 10, agentTypingMs: 400 });
    const el = await panel(env.cached);
    await until(() => el.status === 'ready');
    const announcer = $(el, '[part="announcer"]')!;
    expect(announcer.getAttribute('aria-live')).to.equal('polite');
    expect($(el, '[part="log"]')!.getAttribute('aria-live')).to.equal('off');
    await typeAndSend(el, 'Ich brauche Hilfe beim Export');
    await until(() => !!$(el, '[part="typing"] .dots'));
    expect($(el, '[part="typing"]')!.textContent).to.match(/\p{L}+ \p{L}+ is typing…/u);
    await expect(el).to.be.accessible();
    await until(() => el.messages.at(-1)?.author === 'support', 3000, 'the reply');
    await settle(el);
    expect($(el, '[part="typing"]')!.textContent!.trim()).to.equal('');
    const reply = el.messages.at(-1)!;
    expect(announcer.textContent).to.contain(`${reply.authorName}: ${reply.text}`);
    expect(announcer.textContent).not.to.contain('Ich brauche Hilfe');
  });

  it('counts unread support messages while hidden (property and event), and reads them when visible', async () => {
    const el = await panel(env.cached);
    await until(() => el.status === 'ready');
    expect(el.unreadCount).to.equal(0);
    el.hidden = true;
    await settle(el);
    const counts: number[] = [];
    el.addEventListener('support-unread-change', (e) => counts.push(e.detail.count));
    env.demo.control.pushSupportMessage('eins');
    env.demo.control.pushSupportMessage('zwei');
    await until(() => el.unreadCount === 2);
    await until(() => counts.at(-1) === 2);
    el.hidden = false;
    await until(() => el.unreadCount === 0);
    await until(() => counts.at(-1) === 0);
  });

  it('says until when support is available, in the viewer zone and the tenant zone', async () => {
    const el = await panel(env.cached, { now: () => WEDNESDAY });
    await until(() => el.contact?.state === 'fresh');
    await settle(el);
    const availability = $(el, '[part="availability"]')!;
    expect(availability.textContent).to.contain('Support is available until 18:00');
    expect(availability.hasAttribute('data-open')).to.equal(true);
    expect($(el, '[part="after-hours"]')).to.equal(null);
    el.timeZone = 'America/New_York';
    await settle(el);
    expect(availability.textContent).to.contain('until 12:00 (18:00 CET)');
    await expect(el).to.be.accessible();
  });

  it('outside support hours says when support is back and points to a callback and the emergency hotline', async () => {
    const friday = new Date('2026-11-27T18:30:00Z'); // Fri 19:30 Berlin
    const el = await panel(env.cached, { now: () => friday });
    await until(() => el.contact?.state === 'fresh');
    await settle(el);
    expect($(el, '[part="availability"]')!.textContent).to.contain('Support is away, back on Mon 30 Nov at 09:00');
    const request = oneEvent(el, 'support-request-callback');
    $<HTMLButtonElement>(el, '[part="callback-button"]')!.click();
    expect((await request).detail.source).to.equal('support-chat-panel');
    const hotline = $<HTMLDetailsElement>(el, '[part="hotline"]')!;
    hotline.querySelector('summary')!.click();
    await settle(el);
    expect(hotline.open).to.equal(true);
    const numbers = [...hotline.querySelectorAll<HTMLAnchorElement>('[part="hotline-number"]')];
    expect(numbers.map((a) => a.getAttribute('href'))).to.deep.equal(['tel:+4924144686112', 'tel:+431361985760', 'tel:+41315112792']);
    expect(hotline.textContent).to.contain('€5.95 per started 5-minute block');
    await expect(el).to.be.accessible();
  });

  it('after hours with the contact data failing and nothing cached: the host-supplied hotline, with the error beside it', async () => {
    const friday = new Date('2026-11-27T18:30:00Z'); // Fri 19:30 Berlin
    const failing = withFaults(env.demo, { errorRate: 1, methods: ['getContactInfo'] });
    const hostFacts = { ...SEED_CONTACT, hotline: { ...SEED_CONTACT.hotline, lines: [{ countries: ['DE'], display: '+49 30 999', e164: '+4930999000' }] } };
    const el = await fixture<SupportChatPanel>(html`<support-chat-panel
      lang="en"
      time-zone="Europe/Berlin"
      style="height: 480px"
      .backend=${failing}
      .now=${() => friday}
      .fallbackContact=${hostFacts}
    ></support-chat-panel>`);
    await until(() => el.contact.state === 'error');
    await settle(el);
    expect($(el, '[part="availability"]')!.textContent).to.contain('Support is away, back');
    const numbers = [...el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('[part="hotline-number"]')].map((a) => a.getAttribute('href'));
    expect(numbers).to.deep.equal(['tel:+4930999000']);
    expect($(el, '[part="hotline"] li')!.textContent).to.contain('Germany').and.to.contain('+49 30 999');
    expect($(el, '[part="callback-button"]')).to.exist;
    expect($(el, '[part="availability-note"]')!.textContent)
      .to.contain('contact details this page was set up with')
      .and.to.contain('not available right now');
    await expect(el).to.be.accessible();

    // Without host facts nothing is invented: no availability line at all.
    el.fallbackContact = undefined;
    await settle(el);
    expect($(el, '[part="availability"]')).to.be.null;

    // The backend's facts, once they come, replace the host's and the note goes.
    el.fallbackContact = hostFacts;
    failing.set({ errorRate: 0 });
    await el.contact.retry();
    await settle(el);
    expect([...el.shadowRoot!.querySelectorAll('[part="hotline-number"]')].map((a) => a.getAttribute('href'))).to.have.length(3);
    expect($(el, '[part="availability-note"]')).to.be.null;
  });

  it('asks to sign in when nobody is signed in', async () => {
    env.demo.control.signOut();
    const el = await panel(env.cached);
    await until(() => el.status === 'signed-out');
    await settle(el);
    expect($(el, '[part="signed-out"]')!.textContent).to.contain('Please sign in to chat with support.');
    expect($(el, 'textarea')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows a skeleton while loading', async () => {
    const slow = withFaults(env.demo, { latencyMs: 10_000 });
    const el = await panel(slow);
    await settle(el);
    expect(el.status).to.equal('loading');
    expect($(el, '[part="skeleton"]')).to.exist;
    expect(textOf(shadow(el))).to.contain('Loading');
    await expect(el).to.be.accessible();
  });

  it('says when the chat is empty', async () => {
    setup({ history: false });
    const el = await panel(env.cached);
    await until(() => el.status === 'ready');
    await settle(el);
    expect($(el, '[part="empty"]')!.textContent).to.contain('No messages in the last 21 days');
    expect($(el, '[part="retention-note"]')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('shows a backend error with a retry that works', async () => {
    const failing = withFaults(env.demo, { errorRate: 1, methods: ['listChatMessages'] });
    const el = await panel(failing);
    await until(() => el.status === 'error');
    await settle(el);
    expect($(el, '[part="error"]')!.textContent).to.contain('not available right now');
    expect($(el, 'textarea'), 'writing still works').to.exist;
    await expect(el).to.be.accessible();
    failing.set({ errorRate: 0 });
    $<HTMLButtonElement>(el, '[part="retry-button"]')!.click();
    await until(() => el.status === 'ready' && el.messages.length > 0);
  });

  it('keeps the saved messages on screen when refreshing fails, with a retry', async () => {
    const first = await panel(env.cached);
    await until(() => first.status === 'ready' && first.messages.length > 0);
    await until(async () => (await env.cached.peek('listChatMessages'))?.value.length === first.messages.length);
    const count = first.messages.length;
    first.remove();
    const failing = withFaults(env.demo, { errorRate: 1, methods: ['listChatMessages'] });
    const el = await panel(cacheOver(failing));
    await until(() => el.status === 'ready' && !!el.messages.length && !!$(el, '[part="error"]'));
    await settle(el);
    expect(el.messages).to.have.length(count);
    expect($(el, '[part="error"]')!.textContent).to.contain('The chat could not be updated.');
    await expect(el).to.be.accessible();
    failing.set({ errorRate: 0 });
    $<HTMLButtonElement>(el, '[part="error"] [part="retry-button"]')!.click();
    await until(() => !$(el, '[part="error"]'));
  });

  it('lets the user resend or delete an unsent message with the keyboard', async () => {
    const refusing: SupportBackend = {
      ...env.demo,
      sendChatMessage: async () => {
        const { SupportError } = await import('../../../src/backend/index.js');
        throw new SupportError('invalid-request', 'refused');
      },
    };
    const el = await panel(cacheOver(refusing));
    await until(() => el.status === 'ready');
    await typeAndSend(el, 'wird abgelehnt');
    await until(() => el.pending[0]?.state === 'failed');
    await settle(el);
    const row = $$(el, '[data-state="failed"]')[0]!;
    expect(row.textContent).to.contain('The server did not accept this message.');
    expect(row.textContent).not.to.contain('automatically');
    await expect(el).to.be.accessible();
    const attempts = el.pending[0]!.attempts;
    row.querySelector<HTMLButtonElement>('[part="resend-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => el.pending[0]!.attempts === attempts + 1);
    await settle(el);
    $$(el, '[data-state="failed"]')[0]!.querySelector<HTMLButtonElement>('[part="delete-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => el.pending.length === 0);
    expect(await env.cached.outbox.list()).to.deep.equal([]);
    expect(shadow(el).activeElement).to.equal(input(el));
  });

  it('keeps working when moved in the DOM or given another backend, and does not reload for an equal retry policy', async () => {
    const counting = withFaults(env.demo);
    const el = await panel(cacheOver(counting));
    await until(() => el.status === 'ready');
    const listings = counting.calls['listChatMessages'];
    el.retryPolicy = { ...FAST };
    await settle(el);
    expect(counting.calls['listChatMessages']).to.equal(listings);
    const parent = el.parentElement!;
    el.remove();
    parent.append(el);
    await until(() => el.status === 'ready' && counting.calls['listChatMessages'] === listings + 1);
    await el.send('nach dem Umzug');
    await until(() => el.messages.some((m) => m.text === 'nach dem Umzug'));
    // Another backend (sign-out and in, the demo's "clear cache"): a new session over it.
    const next = withFaults(env.demo);
    el.backend = cacheOver(next);
    // The new session may paint from the cache first ("ready" with what IndexedDB held) while its one listing is
    // still in flight: wait for the message, which the listing (or the cache) brings, then count the listings.
    await until(
      () => el.status === 'ready' && el.messages.some((m) => m.text === 'nach dem Umzug'),
      10_000,
      'the message sent before the switch, shown by the new session',
    );
    await settle(el);
    expect(next.calls['listChatMessages']).to.equal(1);
  });

  it('is one piece: contact, send() and focus() work from the moment it connects, before any update', async () => {
    const { cached } = setup({ now: () => WEDNESDAY });
    const el = document.createElement('support-chat-panel') as SupportChatPanel;
    el.lang = 'en';
    el.style.height = '480px';
    el.now = () => WEDNESDAY;
    el.backend = cached;
    document.body.append(el);
    try {
      expect(el.contact.state, 'the contact resource exists at once').to.be.oneOf(['idle', 'loading']);
      el.focus();
      const clientId = await el.send('Sent right after connecting');
      await until(() => el.messages.some((m) => m.clientId === clientId), 5000, 'the message to be confirmed');
      await settle(el);
      expect(rowTexts(el)).to.include('Sent right after connecting');
      expect(shadow(el).activeElement?.localName, 'focus() before the first render reaches the composer').to.equal('textarea');
      await until(() => el.contact.state === 'fresh', 5000, 'the contact data');
    } finally {
      el.remove();
    }
  });

  it('speaks German', async () => {
    document.documentElement.lang = 'de';
    const el = await fixture<SupportChatPanel>(html`<support-chat-panel style="height:480px" .backend=${env.cached} .now=${() => WEDNESDAY} time-zone="Europe/Berlin"></support-chat-panel>`);
    await until(() => el.status === 'ready' && el.contact?.state === 'fresh');
    await settle(el);
    const text = textOf(shadow(el));
    expect(text).to.contain('Support-Chat');
    expect(text).to.contain('Der Support ist bis 18:00 Uhr erreichbar');
    expect(text).to.contain('Enter sendet, Umschalt+Enter fügt eine Zeile ein.');
    expect($<HTMLButtonElement>(el, '[part="send-button"]')!.textContent!.trim()).to.equal('Senden');
    await expect(el).to.be.accessible();
    el.now = () => new Date('2026-11-27T18:30:00Z'); // Fri 19:30
    await until(() => el.status === 'ready');
    await settle(el);
    expect(textOf(shadow(el))).to.contain('Der Support ist gerade nicht besetzt, wieder erreichbar am Mo., 30. Nov. um 09:00 Uhr');
    expect(textOf(shadow(el))).to.contain('Rückruf anfordern');
    expect(textOf(shadow(el))).to.contain('Notfallhotline');
  });

  it('has every string in English and German', async () => {
    expect(Object.keys(await chatTranslations.de()).sort()).to.deep.equal(Object.keys(chatTranslations.en).sort());
  });

  it('stays light with 20,000 messages: only visible rows render, day labels stick, the top is reachable', async () => {
    setup({ history: false, chatMessages: 20_000 });
    const el = await panel(env.demo); // the windowing does not depend on the cache (the benchmark covers that)
    await until(() => el.status === 'ready' && el.messages.length > 19_000, 8000);
    await settle(el);
    const rendered = () => $$(el, '[part~="message"]').length;
    expect(rendered()).to.be.within(1, 60);
    const log = $(el, '[part="log"]')!;
    expect(log.scrollHeight).to.be.greaterThan(100_000);
    // Somewhere in the middle: a day label sticks to the top of the log.
    log.scrollTop = log.scrollHeight / 2;
    await settle(el);
    await settle(el);
    expect(rendered()).to.be.within(1, 60);
    const top = log.getBoundingClientRect().top;
    const stuck = $$(el, '[part="day-label"]').some((label) => Math.abs(label.getBoundingClientRect().top - top) < 2);
    expect(stuck, 'a day label at the top edge').to.equal(true);
    // The very top: the retention note and the first message.
    log.scrollTop = 0;
    await until(() => !!$(el, '[part="retention-note"]'));
    await settle(el);
    expect(rowTexts(el)[0]).to.equal(el.messages[0]!.text);
    await expect(el).to.be.accessible();
    // And back to the newest.
    $<HTMLButtonElement>(el, '[part="jump-button"]')!.click();
    await until(() => rowTexts(el).at(-1) === el.messages.at(-1)!.text);
  });
});

describe('<support-chat-panel> without a cache', () => {
  it('works over a plain backend (in-memory outbox)', async () => {
    const demo = createDemoBackend({ agentDelayMs: null, loginDelayMs: null });
    const faulty = withFaults(demo, { offline: true });
    const el = await fixture<SupportChatPanel>(html`<support-chat-panel lang="en" style="height:400px" .backend=${faulty} .retryPolicy=${FAST}></support-chat-panel>`);
    await el.send('ohne Cache');
    await until(() => el.pending[0]?.state === 'failed');
    faulty.set({ offline: false });
    await until(() => el.pending.length === 0 && el.messages.some((m) => m.text === 'ohne Cache'));
    demo.control.dispose();
    el.remove();
  });
});
