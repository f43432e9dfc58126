import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/support-chat-panel/define.js';
import type { SupportChatPanel } from '../../../src/elements/support-chat-panel/support-chat-panel.js';
import type { SupportBackend } from '../../../src/backend/index.js';
import type { AttachmentRef, ChatMessage } from '../../../src/core/index.js';
import { SAMPLE_FILES } from '../../../src/testing/sample-files.js';
import { testBackends, textOf, until } from '../../helpers/backend.js';
import { handlerAttributes, XSS_PAYLOADS, xssRan } from '../../helpers/xss.js';
import { captureDownloads } from '../../helpers/download.js';
import { countObjectUrls, imageBlob, naturalSize } from '../../helpers/images.js';
import { thumbnailBox } from '../../../src/core/image-fit.js';
import { thumbnailOf } from '../../../src/elements/support-chat-panel/thumbnails.js';

/**
 * Attachments in the log (issue 18 item 1): support's and the user's files show as thumbnails (images: small copies
 * made from the blob of `downloadAttachment`, linked to the original) or as rows with a download; file names are text.
 */

const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

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
    const png = await bytesOf(await imageBlob(1600, 900));
    const jpeg = await bytesOf(await imageBlob(200, 100, 'image/jpeg'));
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
        'a-png': { bytes: png, type: 'image/png' },
        'a-pdf': { bytes: SAMPLE_FILES.pdf.bytes, type: 'application/pdf' },
        'a-jpg': { bytes: jpeg, type: 'image/jpeg' },
      }),
    );
    await until(() => el.status === 'ready' && el.messages.length === 2);
    await until(() => $$(el, '[part~="attachment-thumbnail"]').length === 2, 3000, 'two thumbnails');
    await settle(el);
    const thumbs = $$<HTMLImageElement>(el, '[part~="attachment-thumbnail"]');
    expect(thumbs.map((img) => img.alt)).to.deep.equal(['Image screenshot.png', 'Image photo.jpg']);
    for (const img of thumbs) expect(img.getAttribute('src')).to.match(/^blob:/);
    // The large screenshot is shown from a small copy that fits the box, aspect kept; the small photo as it is.
    const box = thumbnailBox(devicePixelRatio);
    const [big, small] = thumbs as [HTMLImageElement, HTMLImageElement];
    await until(() => big.complete && small.complete, 3000, 'thumbnails decoded');
    expect(big.naturalWidth).to.equal(Math.min(box.width, 1600));
    expect(big.naturalWidth).to.be.at.most(box.width);
    expect(big.naturalHeight).to.be.at.most(box.height);
    expect(Math.abs(big.naturalHeight - (big.naturalWidth * 900) / 1600)).to.be.at.most(1);
    const bigThumbnail = await (await fetch(big.src)).blob();
    expect(bigThumbnail.size).to.be.lessThan(png.length);
    expect([small.naturalWidth, small.naturalHeight], 'never enlarged').to.deep.equal([200, 100]);
    // Opening an image gives the original file.
    const links = $$<HTMLAnchorElement>(el, '[part~="attachment-link"]');
    expect(links).to.have.length(2);
    expect(await bytesOf(await (await fetch(links[0]!.href)).blob())).to.deep.equal(png);
    expect(await bytesOf(await (await fetch(links[1]!.href)).blob())).to.deep.equal(jpeg);
    expect(await naturalSize(links[0]!.href)).to.deep.equal({ width: 1600, height: 900 });
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

  it('shows an image that cannot be decoded as a file row with a download, never as a broken image', async () => {
    // PNG magic bytes and a header, but no image data: accepted by content, undecodable.
    const messages: ChatMessage[] = [
      {
        id: 'm1', clientId: null, seq: 1, author: 'support', authorName: 'Lena Hoffmann', text: 'Hier', sentAt: new Date('2026-11-25T08:00:00Z'),
        attachments: [ref('a-bad', 'kaputt.png', 'image/png', SAMPLE_FILES.png.bytes.length)],
      },
    ];
    const el = await panel(backendWith(messages, { 'a-bad': { bytes: SAMPLE_FILES.png.bytes, type: 'image/png' } }));
    await until(() => el.status === 'ready' && el.messages.length === 1);
    await until(() => $$(el, '[part~="attachment-file"]').length === 1, 5000, 'a file row');
    await settle(el);
    expect(shadow(el).querySelector('img'), 'no broken image').to.equal(null);
    const row = $$(el, '[part~="attachment-file"]')[0]!;
    expect(textOf(row)).to.contain('kaputt.png').and.contain('Cannot be shown as an image');
    await expect(el).to.be.accessible();
    const capture = captureDownloads();
    try {
      row.querySelector<HTMLButtonElement>('[part="attachment-download"]')!.click();
      await until(() => capture.downloads.length === 1);
      expect(capture.downloads[0]!.name).to.equal('kaputt.png');
      expect(await bytesOf(capture.downloads[0]!.blob!)).to.deep.equal(SAMPLE_FILES.png.bytes);
    } finally {
      capture.restore();
    }
  });

  it('makes each thumbnail once per file, and revokes every object URL it made when the panel goes', async () => {
    const png = await bytesOf(await imageBlob(1200, 1200));
    const messages: ChatMessage[] = [1, 2, 3].map((i) => ({
      id: `m${i}`, clientId: null, seq: i, author: 'support' as const, authorName: 'Lena Hoffmann', text: `Bild ${i}`,
      sentAt: new Date(NOW.getTime() - (4 - i) * 60_000),
      attachments: [ref(`a${i}`, `bild-${i}.png`, 'image/png', png.length)],
    }));
    const blobs = new Map<string, Blob>();
    const backend: SupportBackend = {
      ...backendWith(messages, {}),
      // One Blob per file, as a cache or the demo backend hands out.
      downloadAttachment: async (id: string) => blobs.get(id) ?? blobs.set(id, new Blob([png as BlobPart], { type: 'image/png' })).get(id)!,
    };
    // Images go to the thumbnail worker (or, without one, to createImageBitmap here): count both.
    const decode = globalThis.createImageBitmap;
    const post = Worker.prototype.postMessage;
    let decoded = 0;
    globalThis.createImageBitmap = ((...args: Parameters<typeof createImageBitmap>) => {
      if (args[0] instanceof Blob) decoded += 1;
      return decode(...args);
    }) as typeof createImageBitmap;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: [StructuredSerializeOptions?]) {
      if ((message as { blob?: unknown } | null)?.blob instanceof Blob) decoded += 1;
      return post.call(this, message, ...rest);
    } as Worker['postMessage'];
    const urls = countObjectUrls();
    try {
      const el = await panel(backend);
      await until(() => el.status === 'ready' && $$(el, '[part~="attachment-thumbnail"]').length === 3, 5000, 'three thumbnails');
      await settle(el);
      expect(decoded, 'one decode per file').to.equal(3);
      // Each image: its original (to open) and its thumbnail (to show).
      expect(urls.created).to.equal(6);
      // Re-renders and a panel shown again make no new thumbnail (cached per Blob), only new URLs for it.
      el.requestUpdate();
      await settle(el);
      const parent = el.parentElement!;
      el.remove();
      expect(urls.live.size, 'all revoked when the panel leaves the page').to.equal(0);
      parent.append(el);
      await until(() => $$(el, '[part~="attachment-thumbnail"]').length === 3, 5000, 'three thumbnails again');
      expect(decoded, 'no decode again').to.equal(3);
      el.remove();
      expect(urls.live.size).to.equal(0);
      expect(urls.revoked).to.equal(urls.created);
    } finally {
      urls.restore();
      globalThis.createImageBitmap = decode;
      Worker.prototype.postMessage = post;
    }
  });

  it('thumbnailOf: a small copy within the box, aspect kept; the image itself when it fits or cannot be decoded', async () => {
    const box = { width: 320, height: 320 };
    const wide = await imageBlob(1000, 400);
    const thumbnail = await thumbnailOf(wide, box);
    expect(thumbnail).not.to.equal(wide);
    expect(thumbnail.size).to.be.lessThan(wide.size);
    const url = URL.createObjectURL(thumbnail);
    try {
      expect(await naturalSize(url)).to.deep.equal({ width: 320, height: 128 });
    } finally {
      URL.revokeObjectURL(url);
    }
    expect(await thumbnailOf(wide, box), 'cached per Blob').to.equal(thumbnail);
    const fits = await imageBlob(300, 200);
    expect(await thumbnailOf(fits, box)).to.equal(fits);
    const broken = new Blob([SAMPLE_FILES.png.bytes as BlobPart], { type: 'image/png' });
    expect(await thumbnailOf(broken, box)).to.equal(broken);
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
