import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../../src/elements/support-chat-panel/define.js';
import type { SupportChatPanel } from '../../../src/elements/support-chat-panel/support-chat-panel.js';
import { createCachingBackend, type SupportBackend } from '../../../src/backend/index.js';
import { testBackends, textOf, until } from '../../helpers/backend.js';

/**
 * Replies noticed while the page is hidden (issue 18 item 5): the unread event, the opt-in browser notification and
 * the opt-in title badge. The page's visibility is simulated by overriding `document.visibilityState` and
 * dispatching `visibilitychange`; `Notification` is replaced at the window level for the test only.
 */

const shadow = (el: SupportChatPanel) => el.shadowRoot!;
const part = <E extends Element = HTMLElement>(el: SupportChatPanel, name: string) => shadow(el).querySelector<E>(`[part~="${name}"]`);
const settle = async (el: SupportChatPanel) => {
  await el.updateComplete;
  await new Promise((r) => requestAnimationFrame(() => r(undefined)));
  await el.updateComplete;
};

function setPageVisibility(state: 'visible' | 'hidden'): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => state === 'hidden' });
  document.dispatchEvent(new Event('visibilitychange'));
}

function restorePageVisibility(): void {
  // The own properties shadow Document.prototype's getters; deleting them brings the real ones back.
  delete (document as { visibilityState?: unknown }).visibilityState;
  delete (document as { hidden?: unknown }).hidden;
  document.dispatchEvent(new Event('visibilitychange'));
}

/** A stand-in for the browser's `Notification`, installed on `window` by the tests below only. */
class FakeNotification {
  static permission: NotificationPermission = 'default';
  /** What the "user" answers when asked. */
  static answer: NotificationPermission = 'granted';
  static requests = 0;
  static shown: FakeNotification[] = [];
  static requestPermission(): Promise<NotificationPermission> {
    FakeNotification.requests += 1;
    FakeNotification.permission = FakeNotification.answer;
    return Promise.resolve(FakeNotification.answer);
  }
  onclick: ((event: Event) => void) | null = null;
  closed = false;
  constructor(
    readonly title: string,
    readonly options: NotificationOptions = {},
  ) {
    FakeNotification.shown.push(this);
  }
  close(): void {
    this.closed = true;
  }
}

describe('<support-chat-panel> replies while the page is hidden', function () {
  this.timeout(20_000);
  let env: ReturnType<typeof testBackends>;
  const extra: ReturnType<typeof createCachingBackend>[] = [];
  const realNotification = Object.getOwnPropertyDescriptor(window, 'Notification');
  const realFocus = window.focus;
  let focusCalls = 0;
  const originalTitle = document.title;

  const panel = (backend: SupportBackend, notify = '') =>
    fixture<SupportChatPanel>(html`<support-chat-panel lang="en" notify=${notify} style="height: 420px" .backend=${backend}></support-chat-panel>`);

  beforeEach(() => {
    env = testBackends();
    FakeNotification.permission = 'default';
    FakeNotification.answer = 'granted';
    FakeNotification.requests = 0;
    FakeNotification.shown = [];
    Object.defineProperty(window, 'Notification', { configurable: true, writable: true, value: FakeNotification });
    focusCalls = 0;
    window.focus = () => {
      focusCalls += 1;
    };
    document.title = 'CRM – Contacts';
  });

  afterEach(async () => {
    document.querySelectorAll('support-chat-panel').forEach((el) => el.remove());
    restorePageVisibility();
    if (realNotification) Object.defineProperty(window, 'Notification', realNotification);
    else delete (window as { Notification?: unknown }).Notification;
    window.focus = realFocus;
    extra.splice(0).forEach((b) => b.close());
    await env.cleanup();
    document.title = originalTitle;
  });

  it('tells the host about replies while the page is hidden: count and pageHidden, no notification without opt-in', async () => {
    FakeNotification.permission = 'granted';
    const el = await panel(env.cached);
    await until(() => el.status === 'ready');
    await settle(el);
    expect(part(el, 'notify-button')).to.equal(null);
    setPageVisibility('hidden');
    const changed = oneEvent(el, 'support-unread-change');
    env.demo.control.pushSupportMessage('Die Vorlage ist korrigiert.');
    const { detail } = await changed;
    expect(detail).to.deep.equal({ count: 1, pageHidden: true });
    await new Promise((r) => setTimeout(r, 900)); // longer than the notification's settle time
    expect(FakeNotification.shown).to.have.length(0);
    expect(document.title).to.equal('CRM – Contacts');
    const read = oneEvent(el, 'support-unread-change');
    setPageVisibility('visible');
    expect((await read).detail).to.deep.equal({ count: 0, pageHidden: false });
  });

  it('asks for permission only when the button is clicked, then notifies once; a click focuses the message', async () => {
    const el = await panel(env.cached, 'browser');
    await until(() => el.status === 'ready');
    await settle(el);
    expect(FakeNotification.requests, 'never asked on load').to.equal(0);
    const button = part<HTMLButtonElement>(el, 'notify-button')!;
    expect(button.textContent!.trim()).to.equal('Notify me of replies');
    await expect(el).to.be.accessible();
    button.click();
    await until(() => !part(el, 'notify-button'));
    expect(FakeNotification.requests).to.equal(1);
    expect(textOf(part(el, 'notify-status'))).to.contain('You will be notified of replies');
    await expect(el).to.be.accessible();

    // Visible page: no notification.
    env.demo.control.pushSupportMessage('Sichtbar gelesen');
    await until(() => el.messages.at(-1)?.text === 'Sichtbar gelesen');
    await new Promise((r) => setTimeout(r, 900));
    expect(FakeNotification.shown).to.have.length(0);

    setPageVisibility('hidden');
    env.demo.control.pushSupportMessage('Erste Antwort');
    const reply = env.demo.control.pushSupportMessage('Bitte prüfen Sie den Export erneut.', 'Lena Hoffmann');
    await until(() => FakeNotification.shown.length > 0, 3000, 'a notification');
    await new Promise((r) => setTimeout(r, 900));
    expect(FakeNotification.shown).to.have.length(1);
    const shown = FakeNotification.shown[0]!;
    expect(shown.title).to.equal('New reply from support');
    expect(shown.options.body).to.equal('2 new messages from support. Lena Hoffmann: Bitte prüfen Sie den Export erneut.');
    expect(shown.options.tag).to.equal('support-widgets-chat');

    // The user clicks it: the host hears of it, the window gets focus, the message is scrolled to and focused.
    setPageVisibility('visible');
    const clicked = oneEvent(el, 'support-notification-click');
    shown.onclick!(new Event('click', { cancelable: true }));
    expect((await clicked).detail.messageId).to.equal(reply.id);
    expect(shown.closed).to.equal(true);
    expect(focusCalls).to.equal(1);
    const key = `m:${reply.id}`;
    await until(() => (shadow(el).activeElement as HTMLElement | null)?.dataset['row'] === key, 3000, 'the message focused');
    await expect(el).to.be.accessible();
  });

  it('revealMessage scrolls an old message into view and focuses it', async () => {
    await env.cleanup();
    env = testBackends({ history: false, chatMessages: 400 });
    const el = await panel(env.cached);
    await until(() => el.status === 'ready' && el.messages.length >= 400, 5000);
    await settle(el);
    const old = el.messages[2]!;
    expect(await el.revealMessage(old.id)).to.equal(true);
    const row = shadow(el).activeElement as HTMLElement;
    expect(row.dataset['row']).to.equal(`m:${old.clientId ?? old.id}`);
    expect(row.querySelector('[part="text"]')!.textContent).to.equal(old.text);
    const log = part(el, 'log')!.getBoundingClientRect();
    const box = row.getBoundingClientRect();
    expect(box.top).to.be.at.least(log.top - 1);
    expect(box.bottom).to.be.at.most(log.bottom + 1);
    expect(await el.revealMessage('no-such-message')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('respects a denied permission: no button, no request, no notification, a pointer to the settings', async () => {
    FakeNotification.permission = 'denied';
    const el = await panel(env.cached, 'browser');
    await until(() => el.status === 'ready');
    await settle(el);
    expect(part(el, 'notify-button')).to.equal(null);
    expect(textOf(part(el, 'notify-status'))).to.contain('Notifications are blocked in this browser');
    await expect(el).to.be.accessible();
    setPageVisibility('hidden');
    env.demo.control.pushSupportMessage('Niemand sieht das');
    await until(() => el.unreadCount === 1);
    await new Promise((r) => setTimeout(r, 900));
    expect(FakeNotification.shown).to.have.length(0);
    expect(FakeNotification.requests).to.equal(0);
  });

  it('a user who declines is not asked again', async () => {
    FakeNotification.answer = 'denied';
    const el = await panel(env.cached, 'browser');
    await until(() => el.status === 'ready');
    await settle(el);
    part<HTMLButtonElement>(el, 'notify-button')!.click();
    await until(() => !!part(el, 'notify-status'));
    expect(part(el, 'notify-button')).to.equal(null);
    expect(FakeNotification.requests).to.equal(1);
  });

  it('badges the title while hidden (opt-in), restores it when visible; two panels and two tabs show one notification', async () => {
    FakeNotification.permission = 'granted';
    // Two panels over the same user's cache: as two tabs (or two panels) of one user.
    const second = createCachingBackend(env.demo, { scope: env.scope });
    extra.push(second);
    const a = await panel(env.cached, 'browser title');
    const b = await panel(second, 'title browser');
    await until(() => a.status === 'ready' && b.status === 'ready');
    await settle(a);
    await settle(b);
    expect(document.title).to.equal('CRM – Contacts');
    setPageVisibility('hidden');
    env.demo.control.pushSupportMessage('eins');
    env.demo.control.pushSupportMessage('zwei');
    await until(() => a.unreadCount === 2 && b.unreadCount === 2);
    await until(() => document.title === '(2) CRM – Contacts', 3000, 'the badge');
    await new Promise((r) => setTimeout(r, 900));
    expect(FakeNotification.shown, 'one notification for the burst, from the sending tab only').to.have.length(1);
    // The host changes its title meanwhile: the badge stays in front of the new one.
    document.title = 'CRM – Deals';
    env.demo.control.pushSupportMessage('drei', 'Jonas Weber');
    await until(() => document.title === '(3) CRM – Deals', 3000, 'the badge on the new title');
    await new Promise((r) => setTimeout(r, 900));
    expect(FakeNotification.shown, 'the next reply replaces it (same tag)').to.have.length(2);
    expect(FakeNotification.shown[0]!.closed).to.equal(true);
    expect(FakeNotification.shown[1]!.options.body).to.equal('3 new messages from support. Jonas Weber: drei');
    setPageVisibility('visible');
    await until(() => document.title === 'CRM – Deals', 3000, 'the title restored');
    await until(() => a.unreadCount === 0 && b.unreadCount === 0);
    await settle(a);
    expect(FakeNotification.shown.every((n) => n.closed), 'read notifications are closed').to.equal(true);
    await expect(a).to.be.accessible();
  });
});
