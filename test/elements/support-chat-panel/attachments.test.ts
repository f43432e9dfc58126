import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/support-chat-panel/define.js';
import type { SupportChatPanel } from '../../../src/elements/support-chat-panel/support-chat-panel.js';
import type { SupportBackend } from '../../../src/backend/index.js';
import type { AttachmentRef, ChatMessage } from '../../../src/core/index.js';
import { SAMPLE_FILES } from '../../../src/testing/sample-files.js';
import { testBackends, textOf, until } from '../../helpers/backend.js';
import { handlerAttributes, XSS_PAYLOADS, xssRan } from '../../helpers/xss.js';
import { captureDownloads } from '../../helpers/download.js';

/**
 * Attachments in the log (issue 18 item 1): support's and the user's files show as thumbnails (images, from blob
 * URLs of `downloadAttachment`) or as rows with a download; file names are text.
 */

const shadow = (el: SupportChatPanel) => el.shadowRoot!;
const $$ = <E extends Element = HTMLElement>(el: SupportChatPanel, selector: string) => [...shadow(el).querySelectorAll<E>(selector)];
const settle = async (el: SupportChatPanel) => {
  await el.updateComplete;
  await new Promise((r) => requestAnimationFrame(() => r(undefined)));
  await el.updateComplete;
};
const NOW = new Date('2026-11-25T10:00:00Z');

const ref = (id: string, name: string, type: AttachmentRef['type'], size: number): AttachmentRef => ({ id, name, type, size });

describe('<support-chat-panel> attachments in the log', function () {
  this.timeout(20_000);
  let env: ReturnType<typeof testBackends>;

  /** A backend whose chat holds `messages`, and whose files are `files` (id → bytes and claimed type). */
  const backendWith = (messages: ChatMessage[], files: Record<string, { bytes: Uint8Array; type: string }>): SupportBackend => ({
    ...env.demo,
    listChatMessages: async () => messages,
    uploadAttachment: async () => {
      throw new Error('not used here');
    },
    downloadAttachment: async (id: string) => {
      const file = files[id];
      if (!file) throw Object.assign(new Error('not found'), { status: 404 });
      return new Blob([file.bytes as BlobPart], { type: file.type });
    },
  });

  const panel = (backend: SupportBackend) =>
    fixture<SupportChatPanel>(html`<support-chat-panel lang="en" time-zone="Europe/Berlin" style="height: 520px" .now=${() => NOW} .backend=${backend}></support-chat-panel>`);

  beforeEach(() => {
    env = testBackends({ now: () => NOW });
  });
  afterEach(async () => {
    document.querySelectorAll('support-chat-panel').forEach((el) => el.remove());
    await env.cleanup();
  });

  it("shows support's and own images as thumbnails from blob URLs and other files as rows with a download", async () => {
    const messages: ChatMessage[] = [
      {
        id: 'm1', clientId: 'c1', seq: 1, author: 'customer', authorName: '', text: 'Der Export ist leer', sentAt: new Date('2026-11-25T08:00:00Z'),
        attachments: [ref('a-png', 'screenshot.png', 'image/png', 24_500)],
      },
      {
        id: 'm2', clientId: null, seq: 2, author: 'support', authorName: 'Lena Hoffmann', text: '', sentAt: new Date('2026-11-25T08:05:00Z'),
        attachments: [ref('a-pdf', 'Anleitung Export.pdf', 'application/pdf', 1_250_000), ref('a-jpg', 'photo.jpg', 'image/jpeg', 900)],
      },
    ];
    const el = await panel(
      backendWith(messages, {
        'a-png': { bytes: SAMPLE_FILES.png.bytes, type: 'image/png' },
        'a-pdf': { bytes: SAMPLE_FILES.pdf.bytes, type: 'application/pdf' },
        'a-jpg': { bytes: SAMPLE_FILES.jpeg.bytes, type: 'image/jpeg' },
      }),
    );
    await until(() => el.status === 'ready' && el.messages.length === 2);
    await until(() => $$(el, '[part~="attachment-thumbnail"]').length === 2, 3000, 'two thumbnails');
    await settle(el);
    const thumbs = $$<HTMLImageElement>(el, '[part~="attachment-thumbnail"]');
    expect(thumbs.map((img) => img.alt)).to.deep.equal(['Image screenshot.png', 'Image photo.jpg']);
    for (const img of thumbs) expect(img.getAttribute('src')).to.match(/^blob:/);
    const own = $$(el, '[part~="message-own"]')[0]!;
    expect(own.querySelector('[part~="attachment-image"] [part="file-name"]')!.textContent).to.equal('screenshot.png');
    const support = $$(el, '[part~="message-support"]')[0]!;
    const row = support.querySelector('[part~="attachment-file"]')!;
    expect(textOf(row)).to.contain('Anleitung Export.pdf').and.contain('1.2 MB');
    expect(support.querySelector('[part="text"]'), 'no empty text paragraph').to.equal(null);
    await expect(el).to.be.accessible();

    // The download: the backend's bytes, saved under the file's name.
    const capture = captureDownloads();
    try {
      const button = row.querySelector<HTMLButtonElement>('[part="attachment-download"]')!;
      expect(button.getAttribute('aria-label')).to.equal('Download Anleitung Export.pdf');
      button.click();
      await until(() => capture.downloads.length === 1);
      expect(capture.downloads[0]!.name).to.equal('Anleitung Export.pdf');
      const blob = capture.downloads[0]!.blob!;
      expect(blob.type).to.equal('application/pdf');
      expect(new Uint8Array(await blob.arrayBuffer())).to.deep.equal(SAMPLE_FILES.pdf.bytes);
    } finally {
      capture.restore();
    }
  });

  it('keeps XSS payloads as file names inert, and never renders SVG or HTML content claimed to be an image', async () => {
    const names = [...XSS_PAYLOADS];
    const messages: ChatMessage[] = names.map((name, i) => ({
      id: `m${i}`, clientId: null, seq: i + 1, author: 'support', authorName: 'Lena Hoffmann', text: `Datei ${i}`,
      sentAt: new Date(NOW.getTime() - (names.length - i) * 60_000),
      attachments: [ref(`a${i}`, name, i % 2 ? 'image/png' : 'text/plain', 100)],
    }));
    const files: Record<string, { bytes: Uint8Array; type: string }> = {};
    // What the backend delivers is markup, whatever the ref claims: an SVG with a handler, an HTML page.
    names.forEach((_, i) => (files[`a${i}`] = i % 2 ? { bytes: SAMPLE_FILES.svg.bytes, type: 'image/svg+xml' } : { bytes: SAMPLE_FILES.html.bytes, type: 'text/html' }));
    const el = await panel(backendWith(messages, files));
    await until(() => el.status === 'ready' && el.messages.length === names.length);
    await until(() => $$(el, '[part~="attachment-image"]').every((li) => !li.querySelector('[part="attachment-loading"]')), 3000, 'images loaded');
    await settle(el);
    const shown = $$(el, '[part~="attachment"] [part="file-name"]').map((n) => n.textContent);
    for (const name of names.filter((_, i) => shown.length > 0 && i >= names.length - shown.length)) expect(shown).to.include(name);
    expect(shown.length).to.be.greaterThan(3);
    const root = shadow(el);
    // Nothing active came from a file (the attach button's own paperclip icon is the panel's).
    expect([...root.querySelectorAll('script, iframe, svg, object, embed')].filter((n) => !n.closest('[part~="attach-button"]'))).to.have.length(0);
    expect(handlerAttributes(root)).to.deep.equal([]);
    // An image whose bytes are not an image is never shown as one: the blob the panel got was re-typed by content.
    for (const img of root.querySelectorAll('img')) {
      const blob = await (await fetch(img.src)).blob();
      expect(blob.type, img.alt).to.equal('application/octet-stream');
    }
    expect(xssRan()).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('names the attachments in the transcript', async () => {
    const messages: ChatMessage[] = [
      {
        id: 'm1', clientId: 'c1', seq: 1, author: 'customer', authorName: '', text: 'Hier der Screenshot', sentAt: new Date('2026-11-25T08:00:00Z'),
        attachments: [ref('a-png', 'screenshot.png', 'image/png', 24_500), ref('a-csv', 'kontakte\nLena (Support): klicken.csv', 'text/csv', 812)],
      },
    ];
    const el = await panel(backendWith(messages, {}));
    await until(() => el.status === 'ready' && el.messages.length === 1);
    let text = '';
    el.addEventListener('support-transcript-download', (e) => {
      e.preventDefault();
      text = e.detail.text;
    });
    el.downloadTranscript();
    expect(text.split('\n').slice(-4)).to.deep.equal([
      '09:00  You: Hier der Screenshot',
      '       Attachment: screenshot.png (24 kB)',
      '       Attachment: kontakte Lena (Support): klicken.csv (812 bytes)',
      '',
    ]);
  });
});
