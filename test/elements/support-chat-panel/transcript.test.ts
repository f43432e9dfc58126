import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../../src/elements/support-chat-panel/define.js';
import type { SupportChatPanel } from '../../../src/elements/support-chat-panel/support-chat-panel.js';
import { createCachingBackend, withFaults, type SupportBackend } from '../../../src/backend/index.js';
import type { ChatMessage } from '../../../src/core/index.js';
import { testBackends, textOf, until } from '../../helpers/backend.js';
import { captureDownloads } from '../../helpers/download.js';

/** The transcript download (issue 18 item 6): a UTF-8 text file of the conversation shown, in the tenant's zone. */

const part = <E extends Element = HTMLElement>(el: SupportChatPanel, name: string) => el.shadowRoot!.querySelector<E>(`[part~="${name}"]`);
/** Wed 25 Nov 2026, 10:00 UTC: 05:00 in New York, 11:00 in Berlin. */
const NOW = new Date('2026-11-25T10:00:00Z');

const message = (id: string, seq: number, author: 'support' | 'customer', text: string, sentAt: string, authorName = ''): ChatMessage => ({
  id,
  clientId: author === 'customer' ? `c-${id}` : null,
  seq,
  author,
  authorName,
  text,
  sentAt: new Date(sentAt),
});

describe('<support-chat-panel> transcript', function () {
  this.timeout(20_000);
  let env: ReturnType<typeof testBackends>;
  const extra: ReturnType<typeof createCachingBackend>[] = [];

  /** A tenant in New York, messages on both sides of its midnight (already the next day in Berlin). */
  const newYorkBackend = (): SupportBackend => {
    const inner: SupportBackend = {
      ...env.demo,
      getSession: async (signal) => {
        const session = await env.demo.getSession(signal);
        return { ...session, tenant: { ...session.tenant, timeZone: 'America/New_York' } };
      },
      listChatMessages: async () => [
        message('m1', 1, 'support', 'Guten Tag!\nWie kann ich helfen?', '2026-11-24T14:05:00Z', 'Lena Hoffmann'),
        message('m2', 2, 'customer', 'Der Export ist leer – Umlaute: äöü, €', '2026-11-25T04:30:00Z'),
        message('m3', 3, 'support', '<script>alert(1)</script> bleibt Text', '2026-11-25T09:15:00Z'),
      ],
    };
    const backend = createCachingBackend(inner, {
      scope: env.scope,
      now: () => NOW,
    });
    extra.push(backend);
    return backend;
  };

  const panel = (backend: SupportBackend, lang = 'en') =>
    fixture<SupportChatPanel>(html`<support-chat-panel
      lang=${lang}
      time-zone="Europe/Berlin"
      style="height: 420px"
      .now=${() => NOW}
      .backend=${backend}
    ></support-chat-panel>`);

  beforeEach(() => {
    env = testBackends({ now: () => NOW });
  });
  afterEach(async () => {
    document.querySelectorAll('support-chat-panel').forEach((el) => el.remove());
    extra.splice(0).forEach((b) => b.close());
    await env.cleanup();
  });

  it('downloads the conversation as a UTF-8 text file: days and times in the tenant zone, senders, texts', async () => {
    const el = await panel(newYorkBackend());
    await until(() => el.status === 'ready' && el.messages.length === 3 && el.tenantZone === 'America/New_York');
    await el.updateComplete;
    const capture = captureDownloads();
    try {
      const event = oneEvent(el, 'support-transcript-download');
      const button = part<HTMLButtonElement>(el, 'transcript-button')!;
      expect(button.textContent!.trim()).to.equal('Download transcript');
      button.click();
      const { detail } = await event;
      expect(detail.filename).to.equal('support-chat-2026-11-25.txt');
      expect(detail.messages).to.equal(3);
      expect(capture.downloads.map((d) => d.name)).to.deep.equal(['support-chat-2026-11-25.txt']);
      const blob = capture.downloads[0]!.blob!;
      expect(blob.type).to.equal('text/plain;charset=utf-8');
      const bytes = new Uint8Array(await blob.arrayBuffer());
      expect([...bytes.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder('utf-8').decode(bytes);
      expect(text).to.equal(detail.text);
      expect(text.split('\n')).to.deep.equal([
        'Support chat – transcript',
        'All times in America/New_York.',
        'Downloaded Wed 25 Nov 2026, 05:00.',
        'Messages older than 21 days are not kept.',
        '',
        '— Tuesday 24 November 2026 —',
        '',
        '09:05  Lena Hoffmann (Support): Guten Tag!',
        '       Wie kann ich helfen?',
        '23:30  You: Der Export ist leer – Umlaute: äöü, €',
        '',
        '— Wednesday 25 November 2026 —',
        '',
        '04:15  Support: <script>alert(1)</script> bleibt Text',
        '',
      ]);
      expect(textOf(part(el, 'announcer'))).to.contain('Transcript download started.');
      await expect(el).to.be.accessible();
    } finally {
      capture.restore();
    }
  });

  it('lets the host take over the download (cancelable event), in German, with unsent messages marked', async () => {
    const el = await panel(newYorkBackend(), 'de');
    await until(() => el.status === 'ready' && el.messages.length === 3 && el.tenantZone === 'America/New_York');
    const capture = captureDownloads();
    try {
      let text = '';
      el.addEventListener('support-transcript-download', (e) => {
        e.preventDefault();
        text = e.detail.text;
      });
      el.downloadTranscript();
      expect(capture.downloads, 'no download of its own').to.deep.equal([]);
      expect(capture.objectUrls).to.equal(0);
      const lines = text.split('\n');
      expect(lines.slice(0, 3)).to.deep.equal(['Support-Chat – Verlauf', 'Alle Zeiten in America/New_York.', 'Heruntergeladen am Mi., 25. Nov. 2026, 05:00.']);
      expect(lines).to.include('— Dienstag, 24. November 2026 —');
      expect(lines).to.include('23:30  Sie: Der Export ist leer – Umlaute: äöü, €');
    } finally {
      capture.restore();
    }
  });

  it('includes messages not sent yet, marked as such', async () => {
    const faulty = withFaults(env.demo, { offline: true });
    const backend = createCachingBackend(faulty, { scope: env.scope, now: () => NOW });
    extra.push(backend);
    const el = await panel(backend);
    await el.send('Noch nicht gesendet');
    await until(() => el.pending.length === 1);
    let text = '';
    el.addEventListener('support-transcript-download', (e) => {
      e.preventDefault();
      text = e.detail.text;
    });
    el.downloadTranscript();
    expect(text).to.match(/\n\d\d:\d\d {2}You \(Not sent\): Noch nicht gesendet\n$/);
  });
});
