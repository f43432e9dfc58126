import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/support-chat-panel/define.js';
import type { SupportChatPanel } from '../../../src/elements/support-chat-panel/support-chat-panel.js';
import { createCachingBackend, withFaults, type SupportBackend } from '../../../src/backend/index.js';
import { ATTACHMENT_MAX_BYTES, attachmentFileName } from '../../../src/core/attachments.js';
import { pngOfSize, SAMPLE_FILES } from '../../../src/testing/sample-files.js';
import { testBackends, textOf, until } from '../../helpers/backend.js';
import { handlerAttributes, XSS_PAYLOADS, xssRan } from '../../helpers/xss.js';
import { countObjectUrls, imageFile } from '../../helpers/images.js';
import { thumbnailBox } from '../../../src/core/image-fit.js';

const shadow = (el: SupportChatPanel) => el.shadowRoot!;
const $$ = <E extends Element = HTMLElement>(el: SupportChatPanel, selector: string) => [...shadow(el).querySelectorAll<E>(selector)];

/**
 * Attaching files in the composer (issue 18 item 1): pick, paste, drop; preview and remove; refusal by size, content
 * and count; sending through the outbox with upload progress; XSS payloads as file names stay text.
 */

describe('<support-chat-panel> attaching files', function () {
  this.timeout(30_000);
  let env: ReturnType<typeof testBackends>;
  const part = <E extends Element = HTMLElement>(el: SupportChatPanel, name: string) => shadow(el).querySelector<E>(`[part~="${name}"]`);
  const fileOf = (which: keyof typeof SAMPLE_FILES, name?: string) => {
    const sample = SAMPLE_FILES[which];
    return new File([sample.bytes as BlobPart], name ?? sample.name, { type: sample.type });
  };
  const transfer = (...files: File[]) => {
    const data = new DataTransfer();
    for (const file of files) data.items.add(file);
    return data;
  };
  const pick = (el: SupportChatPanel, ...files: File[]) => {
    const input = part<HTMLInputElement>(el, 'file-input')!;
    input.files = transfer(...files).files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  };
  const trayNames = (el: SupportChatPanel) => $$(el, '[part="attach-draft"] [part="file-name"]').map((n) => n.textContent);
  const panel = (backend: SupportBackend) =>
    fixture<SupportChatPanel>(html`<support-chat-panel lang="en" style="height: 560px" .backend=${backend} .retryPolicy=${{ baseMs: 5, maxMs: 40, factor: 2, jitter: 0.5 }}></support-chat-panel>`);

  beforeEach(() => {
    env = testBackends();
  });
  afterEach(async () => {
    document.querySelectorAll('support-chat-panel').forEach((el) => el.remove());
    await env.cleanup();
  });

  it('picks files with the button: states the limits, previews images (blob URL) and files, removes before sending', async () => {
    const urls = countObjectUrls();
    try {
      await picksAndRemoves(urls);
    } finally {
      urls.restore();
    }
  });

  const picksAndRemoves = async (urls: ReturnType<typeof countObjectUrls>) => {
    /** The tray's preview, once it shows from a URL that is not revoked. */
    const livePreview = () => {
      const img = part<HTMLImageElement>(el, 'attach-preview');
      return img?.complete && urls.live.has(img.getAttribute('src')!) ? img : null;
    };
    const el = await panel(env.cached);
    await until(() => el.status === 'ready' && !!part(el, 'attach-button'), 5000, 'the attach button');
    const button = part<HTMLButtonElement>(el, 'attach-button')!;
    expect(textOf(button)).to.match(/Attach files$/);
    const description = shadow(el).getElementById(button.getAttribute('aria-describedby')!)!;
    expect(description.textContent!.trim()).to.equal('Images, PDF, office documents, CSV and text files; up to 10 MB each, 5 per message.');
    const input = part<HTMLInputElement>(el, 'file-input')!;
    expect(input.accept).to.contain('image/png').and.contain('.pdf').and.contain('.docx');
    expect(input.accept).not.to.contain('svg');
    await expect(el).to.be.accessible();

    const screenshot = await imageFile('screenshot.png', 2400, 1200);
    pick(el, screenshot, fileOf('pdf'));
    await until(() => trayNames(el).length === 2);
    await el.updateComplete;
    expect(trayNames(el)).to.deep.equal(['screenshot.png', 'export.pdf']);
    await until(livePreview, 5000, 'the preview');
    const preview = part<HTMLImageElement>(el, 'attach-preview')!;
    expect(preview.getAttribute('src')).to.match(/^blob:/);
    // A small copy, not the 2400 × 1200 file: within the box, aspect kept.
    const box = thumbnailBox(devicePixelRatio);
    expect([preview.naturalWidth, preview.naturalHeight]).to.deep.equal([box.width, box.width / 2]);
    const shown = await (await fetch(preview.src)).blob();
    expect(shown.size).to.be.lessThan(screenshot.size);
    expect(urls.live.size, 'one URL: the preview').to.equal(1);
    expect(textOf(part(el, 'attach-tray'))).to.contain(`${SAMPLE_FILES.pdf.bytes.length} bytes`);
    expect(textOf(part(el, 'attach-limits'))).to.contain('up to 10 MB each, 5 per message');
    expect(textOf(part(el, 'announcer'))).to.contain('2 files attached.');
    await expect(el).to.be.accessible();

    const remove = $$<HTMLButtonElement>(el, '[part="attach-remove"]');
    expect(remove.map((b) => b.getAttribute('aria-label'))).to.deep.equal(['Remove screenshot.png', 'Remove export.pdf']);
    remove[0]!.click();
    await el.updateComplete;
    expect(trayNames(el)).to.deep.equal(['export.pdf']);
    expect(part(el, 'attach-preview')).to.equal(null);
    expect(urls.live.size, 'the preview URL is revoked with its file').to.equal(0);

    // Picked again, the preview comes from the cache; a panel leaving the page revokes it, coming back makes it again.
    pick(el, screenshot);
    await until(livePreview, 5000, 'the preview again');
    expect(urls.live.size).to.equal(1);
    const parent = el.parentElement!;
    el.remove();
    expect(urls.live.size, 'revoked when the panel leaves').to.equal(0);
    parent.append(el);
    await until(livePreview, 5000, 'the preview after moving');
    expect(trayNames(el)).to.deep.equal(['export.pdf', 'screenshot.png']);
    expect(urls.live.size).to.equal(1);
    el.remove();
    expect(urls.live.size).to.equal(0);
    expect(urls.revoked).to.equal(urls.created);
  };

  it('shows an image it cannot decode as a file in the tray, not as a broken image', async () => {
    const el = await panel(env.cached);
    await until(() => el.status === 'ready' && !!part(el, 'attach-button'), 5000, 'the attach button');
    // PNG magic bytes and a header, no image data: accepted by content, but nothing to show.
    pick(el, fileOf('png', 'kaputt.png'));
    await until(() => trayNames(el).length === 1);
    await until(() => !!shadow(el).querySelector('[part="attach-draft"] .file-icon'), 5000, 'a file icon');
    await el.updateComplete;
    expect(part(el, 'attach-preview')).to.equal(null);
    expect(shadow(el).querySelector('img')).to.equal(null);
    expect(textOf(part(el, 'attach-tray'))).to.contain('kaputt.png').and.contain('IMG');
    await expect(el).to.be.accessible();
  });

  it('attaches a pasted screenshot; pasted text stays text', async () => {
    const el = await panel(env.cached);
    await until(() => el.status === 'ready' && !!part(el, 'attach-button'), 5000, 'the attach button');
    const textarea = shadow(el).querySelector('textarea')!;
    const screenshot = new File([SAMPLE_FILES.png.bytes as BlobPart], 'image.png', { type: 'image/png' });
    const paste = new ClipboardEvent('paste', { clipboardData: transfer(screenshot), bubbles: true, cancelable: true, composed: true });
    textarea.dispatchEvent(paste);
    expect(paste.defaultPrevented).to.equal(true);
    await until(() => trayNames(el).length === 1);
    expect(trayNames(el)).to.deep.equal(['image.png']);
    // An office program's copy: text and a picture of it. The text is what is meant.
    const both = transfer(screenshot);
    both.setData('text/plain', 'A1;B1');
    const textPaste = new ClipboardEvent('paste', { clipboardData: both, bubbles: true, cancelable: true, composed: true });
    textarea.dispatchEvent(textPaste);
    expect(textPaste.defaultPrevented).to.equal(false);
    await el.updateComplete;
    expect(trayNames(el)).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('attaches files dropped onto the panel, showing a drop zone with the limits while dragging', async () => {
    const el = await panel(env.cached);
    await until(() => el.status === 'ready' && !!part(el, 'attach-button'), 5000, 'the attach button');
    const base = part(el, 'base')!;
    const data = transfer(fileOf('docx'), fileOf('csv'));
    const over = new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true, composed: true });
    base.dispatchEvent(over);
    expect(over.defaultPrevented, 'the panel accepts the drop').to.equal(true);
    await el.updateComplete;
    const zone = part(el, 'drop-zone')!;
    expect(textOf(zone)).to.contain('Drop files here to attach them').and.contain('up to 10 MB each');
    await expect(el).to.be.accessible();
    base.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true, composed: true }));
    await until(() => trayNames(el).length === 2);
    expect(trayNames(el)).to.deep.equal(['letter.docx', 'contacts.csv']);
    expect(part(el, 'drop-zone')).to.equal(null);
  });

  it('refuses a too-large file, a wrong type (by content, whatever the name) and a sixth file, saying why', async () => {
    const el = await panel(env.cached);
    await until(() => el.status === 'ready' && !!part(el, 'attach-button'), 5000, 'the attach button');
    const huge = new File([pngOfSize(ATTACHMENT_MAX_BYTES + 1)], 'huge.png', { type: 'image/png' });
    pick(el, huge, fileOf('svg'), fileOf('htmlAsPng'), fileOf('exe'), fileOf('txt'));
    await until(() => !!part(el, 'attach-error'));
    await el.updateComplete;
    expect(trayNames(el)).to.deep.equal(['notes.txt']);
    const lines = $$(el, '[part="attach-error"] p').map((p) => p.textContent!.replace(/\s+/g, ' ').trim());
    expect(lines).to.deep.equal([
      'huge.png: too large (at most 10 MB per file).',
      'logo.svg: this type of file cannot be sent. Images, PDF, office documents, CSV and text files can.',
      'innocent.png: this type of file cannot be sent. Images, PDF, office documents, CSV and text files can.',
      'setup.exe: this type of file cannot be sent. Images, PDF, office documents, CSV and text files can.',
    ]);
    expect(part(el, 'attach-error')!.getAttribute('role')).to.equal('status');
    await expect(el).to.be.accessible();
    pick(el, fileOf('png'), fileOf('jpeg'), fileOf('gif'), fileOf('webp'), fileOf('pdf'));
    await until(() => trayNames(el).length === 5);
    await until(() => $$(el, '[part="attach-error"] p').length === 1);
    expect(textOf(part(el, 'attach-error'))).to.equal('export.pdf: at most 5 files per message.');
  });

  it('sends text with files through the outbox: progress while uploading, then thumbnails and rows, stored once', async () => {
    const slow = withFaults(env.demo, { latencyMs: 600 });
    const backend = createCachingBackend(slow, { scope: env.scope });
    try {
      const el = await panel(backend);
      await until(() => el.status === 'ready' && !!part(el, 'attach-button'), 8000, 'the attach button');
      pick(el, await imageFile('screenshot.png', 800, 600), fileOf('pdf'));
      await until(() => trayNames(el).length === 2);
      const textarea = shadow(el).querySelector('textarea')!;
      textarea.value = 'Der Export ist leer, siehe Anhang';
      textarea.dispatchEvent(new Event('input'));
      await el.updateComplete;
      part<HTMLButtonElement>(el, 'send-button')!.click();
      await until(() => el.pending.length === 1);
      await el.updateComplete;
      expect(trayNames(el), 'the composer is empty again').to.deep.equal([]);
      const row = shadow(el).querySelector('[part~="message-own"][data-state="sending"]')!;
      const bars = [...row.querySelectorAll<HTMLProgressElement>('[part="upload-progress"]')];
      expect(bars.map((b) => b.getAttribute('aria-label'))).to.deep.equal(['screenshot.png: 0 % uploaded', 'export.pdf: 0 % uploaded']);
      await expect(el).to.be.accessible();
      await until(() => el.pending.length === 0 && el.messages.at(-1)?.text === 'Der Export ist leer, siehe Anhang', 15_000, 'the message');
      const sent = el.messages.at(-1)!;
      expect(sent.attachments!.map((a) => a.name)).to.deep.equal(['screenshot.png', 'export.pdf']);
      expect(env.demo.control.chatMessageCount(sent.clientId!)).to.equal(1);
      await until(() => !!part(el, 'attachment-thumbnail'), 5000, 'the thumbnail');
      await el.updateComplete;
      expect(textOf(part(el, 'attachment-file'))).to.contain('export.pdf');
      await expect(el).to.be.accessible();
    } finally {
      backend.close();
    }
  });

  it('sends files alone (no text), and keeps XSS payloads as file names inert', async () => {
    const el = await panel(env.cached);
    await until(() => el.status === 'ready' && !!part(el, 'attach-button'), 5000, 'the attach button');
    const names = XSS_PAYLOADS.slice(0, 5);
    pick(el, ...names.map((name) => fileOf('txt', name)));
    await until(() => trayNames(el).length === names.length);
    expect(trayNames(el)).to.deep.equal(names.map((n) => attachmentFileName(n)));
    expect(handlerAttributes(shadow(el))).to.deep.equal([]);
    part<HTMLButtonElement>(el, 'send-button')!.click();
    await until(() => el.pending.length === 0 && (el.messages.at(-1)?.attachments?.length ?? 0) === names.length, 10_000, 'the message');
    await el.updateComplete;
    const shown = $$(el, '[part~="message-own"] [part~="attachment"] [part="file-name"]').map((n) => n.textContent);
    expect(shown).to.deep.equal(names.map((n) => attachmentFileName(n)));
    const root = shadow(el);
    // Nothing active came from a file (the attach button's own paperclip icon is the panel's).
    expect([...root.querySelectorAll('script, iframe, svg, object, embed')].filter((n) => !n.closest('[part~="attach-button"]'))).to.have.length(0);
    expect(handlerAttributes(root)).to.deep.equal([]);
    expect(xssRan()).to.equal(undefined);
    await expect(el).to.be.accessible();
  });
});
