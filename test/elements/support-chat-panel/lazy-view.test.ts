import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/support-chat-panel/define.js';
import { SupportChatPanel } from '../../../src/elements/support-chat-panel/support-chat-panel.js';
import { testBackends, textOf, until } from '../../helpers/backend.js';
import { gate, stubLoadView } from '../../helpers/lazy-view.js';

/** Wed 25 Nov 2026, 11:00 in Berlin: support is open. */
const WEDNESDAY = new Date('2026-11-25T10:00:00Z');


const part = (el: SupportChatPanel, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

describe('<support-chat-panel> loads its log and composer beside its session', function () {
  this.timeout(30_000);
  let env: ReturnType<typeof testBackends>;
  let loader: ReturnType<typeof stubLoadView>;
  const now = () => WEDNESDAY;


  /** Connects a panel without waiting for `updateComplete` (which waits for the view's code). */
  function connect(lang = 'en'): SupportChatPanel {
    const el = document.createElement('support-chat-panel') as SupportChatPanel;
    el.lang = lang;
    el.timeZone = 'Europe/Berlin';
    el.style.height = '480px';
    el.now = now;
    el.backend = env.cached;
    document.body.append(el);
    return el;
  }

  beforeEach(() => {
    env = testBackends({ now });
    loader = stubLoadView(SupportChatPanel);
  });
  afterEach(async () => {
    loader.restore();
    document.querySelectorAll('support-chat-panel').forEach((el) => el.remove());
    await env.cleanup();
  });

  it('reads its messages while the view loads, shows a skeleton meanwhile, then the history; loads once', async () => {
    const held = gate();
    loader.before = () => held.promise;
    const el = connect();
    await until(() => loader.calls === 1, 2000, 'the view load to start');
    // The session does not wait for the code: the history is read while it is held.
    await until(() => el.status === 'ready' && el.messages.length > 0, 5000, 'the history');
    await frame();
    expect(part(el, 'skeleton'), 'skeleton').to.exist;
    expect(part(el, 'log')).to.equal(null);
    expect(textOf(part(el, 'title'))).to.equal('Support chat');
    expect(el.contact, 'no contact read before the view').to.equal(undefined);
    await expect(el).to.be.accessible();
    held.open();
    await el.updateComplete;
    expect(part(el, 'log')).to.exist;
    expect(el.shadowRoot!.querySelectorAll('[part~="message"]').length).to.be.greaterThan(0);
    await until(() => el.contact?.state === 'fresh', 3000, 'the contact data');
    await el.updateComplete;
    expect(part(el, 'availability')).to.exist;
    el.requestUpdate();
    await el.updateComplete;
    expect(loader.calls).to.equal(1);
  });

  it('send() before the view is there is delivered by the session and shows once the view loads', async () => {
    const held = gate();
    loader.before = () => held.promise;
    const el = connect();
    await until(() => el.status === 'ready', 5000, 'the session');
    const clientId = await el.send('Sent before the log was there');
    await until(() => el.messages.some((m) => m.clientId === clientId), 5000, 'the message to be confirmed');
    held.open();
    await el.updateComplete;
    const texts = [...el.shadowRoot!.querySelectorAll('[part~="message"] [part="text"]')].map((p) => p.textContent);
    expect(texts).to.include('Sent before the log was there');
  });

  it('focus() before the view is there focuses the composer once it is', async () => {
    const held = gate();
    loader.before = () => held.promise;
    const el = connect();
    el.focus();
    held.open();
    await el.updateComplete;
    await until(() => el.shadowRoot!.activeElement?.localName === 'textarea', 2000, 'the composer to get focus');
  });

  it('shows a failed load as an accessible error with a retry; the session keeps running', async () => {
    let fail = true;
    loader.before = () => (fail ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : Promise.resolve());
    const el = connect();
    await el.updateComplete;
    await until(() => el.status === 'ready', 5000, 'the session');
    const error = part(el, 'error');
    expect(error, 'error shown').to.exist;
    expect(textOf(error)).to.match(/connection/i);
    await expect(el).to.be.accessible();
    fail = false;
    part(el, 'retry-button')!.click();
    await el.updateComplete;
    expect(part(el, 'log')).to.exist;
    expect(part(el, 'input')).to.exist;
    expect(loader.calls).to.equal(2);
  });

  describe('the session', () => {
    let sessionLoader: ReturnType<typeof stubLoadView<'loadSession'>>;
    beforeEach(() => {
      sessionLoader = stubLoadView(SupportChatPanel, 'loadSession');
    });
    afterEach(() => sessionLoader.restore());

    /** Counts the cache reads of the panel's backend, by method and arguments. */
    function countPeeks(): Map<string, number> {
      const counts = new Map<string, number>();
      const peek = env.cached.peek.bind(env.cached);
      env.cached.peek = ((method: string, ...args: unknown[]) => {
        const key = `${method}${args.length ? JSON.stringify(args) : ''}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
        return (peek as (...a: unknown[]) => unknown)(method, ...args);
      }) as typeof env.cached.peek;
      return counts;
    }

    it('reads the cache while its code loads (skeleton meanwhile); send() waits for it; the reads are not repeated', async () => {
      const peeks = countPeeks();
      const held = gate();
      sessionLoader.before = () => held.promise;
      const el = connect();
      await until(() => sessionLoader.calls === 1, 2000, 'the session load to start');
      await until(() => peeks.get('listChatMessages[{"last":100}]') === 1, 3000, 'the cached messages to be read');
      expect(peeks.get('getSession'), 'the tenant zone is read too').to.equal(1);
      await until(() => !!part(el, 'skeleton') && loader.calls === 1, 2000, 'the view');
      expect(el.status).to.equal('loading');
      expect(el.messages).to.deep.equal([]);
      await expect(el).to.be.accessible();
      let sent: string | undefined;
      const sending = el.send('Written while the session loaded').then((id) => (sent = id));
      await frame();
      expect(sent, 'send() waits for the session').to.equal(undefined);
      held.open();
      const clientId = await sending;
      await until(() => el.messages.some((m) => m.clientId === clientId), 5000, 'the message to be confirmed');
      await el.updateComplete;
      expect(part(el, 'log')).to.exist;
      expect(peeks.get('listChatMessages[{"last":100}]'), 'the session took the reads over').to.equal(1);
      expect(sessionLoader.calls).to.equal(1);
    });

    it('shows a failed load as an accessible error (status `error`) with a retry that starts the session', async () => {
      let fail = true;
      sessionLoader.before = () => (fail ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : Promise.resolve());
      const el = connect();
      await el.updateComplete;
      await until(() => el.status === 'error', 3000, 'the failure');
      await el.updateComplete;
      expect(textOf(part(el, 'error'))).to.match(/connection/i);
      expect(part(el, 'input'), 'no composer without a session').to.equal(null);
      await expect(el).to.be.accessible();
      fail = false;
      part(el, 'retry-button')!.click();
      await el.updateComplete;
      await until(() => el.status === 'ready' && el.messages.length > 0, 5000, 'the history');
      await el.updateComplete;
      expect(part(el, 'log')).to.exist;
      expect(sessionLoader.calls).to.equal(2);
    });

    it('send() after a failed load tries the load again', async () => {
      let fail = true;
      sessionLoader.before = () => (fail ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : Promise.resolve());
      const el = connect();
      await until(() => el.status === 'error', 3000, 'the failure');
      fail = false;
      const clientId = await el.send('After the network came back');
      await until(() => el.messages.some((m) => m.clientId === clientId), 5000, 'the message to be confirmed');
      expect(sessionLoader.calls).to.equal(2);
    });

    it('send() rejects with a network SupportError while the code cannot be loaded', async () => {
      sessionLoader.before = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
      const el = connect();
      await until(() => el.status === 'error', 3000, 'the failure');
      let error: unknown;
      await el.send('Cannot go out').catch((e: unknown) => (error = e));
      expect((error as { kind?: string }).kind).to.equal('network');
    });
  });

  it('German: the log and composer come up in German (one German chunk for the element)', async () => {
    const el = await fixture<SupportChatPanel>(html`<support-chat-panel lang="de" time-zone="Europe/Berlin" style="height: 480px" .now=${now} .backend=${env.cached}></support-chat-panel>`);
    await until(() => el.status === 'ready', 5000, 'the session');
    await el.updateComplete;
    expect(textOf(part(el, 'title'))).to.equal('Support-Chat');
    expect(textOf(part(el, 'send-button'))).to.equal('Senden');
    expect(part(el, 'log')!.getAttribute('aria-label')).to.equal('Nachrichten mit dem Support');
  });
});
