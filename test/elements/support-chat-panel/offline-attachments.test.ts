import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/support-chat-panel/define.js';
import type { SupportChatPanel } from '../../../src/elements/support-chat-panel/support-chat-panel.js';
import { createCachingBackend, withFaults, type CachedBackend, type FaultyBackend } from '../../../src/backend/index.js';
import type { AttachmentRef } from '../../../src/core/index.js';
import { sampleFile, SAMPLE_FILES } from '../../../src/testing/sample-files.js';
import { testBackends, textOf, until } from '../../helpers/backend.js';
import { captureDownloads, type DownloadCapture } from '../../helpers/download.js';
import { imageBlob } from '../../helpers/images.js';

/**
 * Attachments in the log through network faults (issue 18, offline files): with a caching backend, a thumbnail or
 * file seen once is there after a reload while offline, without a backend call; one neither cached nor reachable
 * says "Not available offline" with a Retry button (never a broken image) and loads when the connection returns.
 */

const shadow = (el: SupportChatPanel) => el.shadowRoot!;
const $ = <E extends Element = HTMLElement>(el: SupportChatPanel, selector: string) => shadow(el).querySelector<E>(selector);
const settle = async (el: SupportChatPanel) => {
  await el.updateComplete;
  await new Promise((r) => requestAnimationFrame(() => r(undefined)));
  await el.updateComplete;
};
const thumbnail = (el: SupportChatPanel) => $<HTMLImageElement>(el, '[part~="attachment-thumbnail"]');

describe('<support-chat-panel> attachments offline', function () {
  this.timeout(30_000);
  let env: ReturnType<typeof testBackends>;
  let faulty: FaultyBackend;
  let png: AttachmentRef;
  /** The screenshot's bytes (a real, decodable image). */
  let pngBytes: Uint8Array;
  let pdf: AttachmentRef;
  const caches: CachedBackend[] = [];
  /** A caching backend on the test's scope: each one is a page (re)load. */
  const reload = () => {
    const backend = createCachingBackend(faulty, { scope: env.scope });
    caches.push(backend);
    return backend;
  };
  const panel = (backend: CachedBackend) =>
    fixture<SupportChatPanel>(html`<support-chat-panel lang="en" time-zone="Europe/Berlin" style="height: 520px" .backend=${backend}></support-chat-panel>`);

  /** Downloads the panel starts (nothing is saved). */
  let capture: DownloadCapture;
  const saved = () => capture.downloads.map((d) => `${d.name} ${d.blob?.type}`);

  beforeEach(async () => {
    env = testBackends({ history: false });
    faulty = withFaults(env.demo);
    // A message with a screenshot and a PDF, sent from another device: this browser has seen neither.
    const screenshot = await imageBlob(900, 600);
    pngBytes = new Uint8Array(await screenshot.arrayBuffer());
    png = await env.demo.uploadAttachment!(screenshot, { clientId: 'u1', name: 'screenshot.png', type: 'image/png' });
    pdf = await env.demo.uploadAttachment!(sampleFile('pdf'), { clientId: 'u2', name: 'export.pdf', type: 'application/pdf' });
    await env.demo.sendChatMessage({ clientId: 'c1', text: 'Der Export ist leer', attachmentIds: [png.id, pdf.id] });
    capture = captureDownloads();
  });
  afterEach(async () => {
    capture.restore();
    document.querySelectorAll('support-chat-panel').forEach((el) => el.remove());
    caches.splice(0).forEach((c) => c.close());
    await env.cleanup();
  });

  it('shows a thumbnail and downloads a file seen once online after an offline reload, with no backend call', async () => {
    const online = reload();
    const first = await panel(online);
    await until(() => thumbnail(first)?.src.startsWith('blob:'), 5000, 'thumbnail online');
    $<HTMLButtonElement>(first, '[part="attachment-download"]')!.click();
    await until(() => saved().length === 1, 3000, 'download online');
    expect(saved()).to.deep.equal(['export.pdf application/pdf']);
    // What the page stored is stored (a second read waits for the cache's writes and needs no network).
    await online.downloadAttachment!(png.id);
    await online.downloadAttachment!(pdf.id);
    expect(faulty.calls['downloadAttachment']).to.equal(2);
    first.remove();
    online.close();

    faulty.set({ offline: true });
    const el = await panel(reload());
    await until(() => el.messages.length === 1, 5000, 'cached message');
    await until(() => thumbnail(el)?.src.startsWith('blob:'), 5000, 'thumbnail offline');
    await settle(el);
    expect(thumbnail(el)!.alt).to.equal('Image screenshot.png');
    // Shown from a small copy; the link opens the original, from the cache.
    const original = await (await fetch($<HTMLAnchorElement>(el, '[part~="attachment-link"]')!.href)).blob();
    expect(original.type).to.equal('image/png');
    expect(new Uint8Array(await original.arrayBuffer())).to.deep.equal(pngBytes);
    await until(() => thumbnail(el)!.complete, 3000, 'thumbnail decoded');
    expect(thumbnail(el)!.naturalWidth).to.be.greaterThan(0).and.lessThan(900);
    expect($(el, '[part~="attachment-offline"]')).to.equal(null);
    $<HTMLButtonElement>(el, '[part="attachment-download"]')!.click();
    await until(() => saved().length === 2, 3000, 'download offline');
    expect(saved()[1]).to.equal('export.pdf application/pdf');
    expect(new Uint8Array(await capture.downloads[1]!.blob!.arrayBuffer())).to.deep.equal(SAMPLE_FILES.pdf.bytes);
    expect(faulty.calls['downloadAttachment'], 'no backend call').to.equal(2);
    await expect(el).to.be.accessible();
  });

  it('says "not available offline" with a Retry for what is not cached, and loads it when the connection returns', async () => {
    // The listing is cached, the files are not.
    const online = reload();
    await online.listChatMessages();
    await online.peek('listChatMessages');
    online.close();

    faulty.set({ offline: true });
    const el = await panel(reload());
    await until(() => el.messages.length === 1, 5000, 'cached message');
    await until(() => $(el, '[part~="attachment-image"] [part="attachment-offline"]'), 5000, 'image unreachable');
    await settle(el);
    const image = $(el, '[part~="attachment-image"]')!;
    expect(image.querySelector('img'), 'no broken image').to.equal(null);
    expect(textOf(image)).to.contain('Not available offline').and.contain('screenshot.png');
    const retryImage = image.querySelector<HTMLButtonElement>('[part="attachment-retry"]')!;
    expect(retryImage.getAttribute('aria-label')).to.equal('Retry loading image screenshot.png');
    expect(retryImage.textContent!.trim()).to.equal('Retry');

    // The file row: its download finds no connection, so the row says so and offers a Retry.
    $<HTMLButtonElement>(el, '[part="attachment-download"]')!.click();
    await until(() => $(el, '[part~="attachment-file"] [part="attachment-offline"]'), 3000, 'file unreachable');
    await settle(el);
    expect(saved()).to.deep.equal([]);
    const row = $(el, '[part~="attachment-file"]')!;
    expect(textOf(row)).to.contain('export.pdf').and.contain('Not available offline');
    expect(row.querySelector('[part="attachment-retry"]')!.getAttribute('aria-label')).to.equal('Retry downloading export.pdf');
    expect(textOf($(el, '[part="announcer"]'))).to.contain('export.pdf is not available offline');
    await expect(el).to.be.accessible();

    // Retry while still offline: tried again, still out of reach.
    const calls = faulty.calls['downloadAttachment']!;
    retryImage.click();
    await until(() => faulty.calls['downloadAttachment']! > calls, 3000, 'retried');
    await until(() => $(el, '[part~="attachment-image"] [part="attachment-offline"]'), 3000, 'still unreachable');

    // The connection returns: the image loads by itself, the file row offers its download again.
    faulty.set({ offline: false });
    await until(() => thumbnail(el)?.src.startsWith('blob:'), 5000, 'thumbnail after reconnect');
    await until(() => $(el, '[part="attachment-download"]'), 3000, 'download offered again');
    expect($(el, '[part~="attachment-offline"]')).to.equal(null);
    $<HTMLButtonElement>(el, '[part="attachment-download"]')!.click();
    await until(() => saved().length === 1, 3000, 'download after reconnect');
    expect(saved()).to.deep.equal(['export.pdf application/pdf']);
    await settle(el);
    await expect(el).to.be.accessible();
  });

  it('a retry by hand loads it once reachable, also without a connection event', async () => {
    const online = reload();
    await online.listChatMessages();
    await online.peek('listChatMessages');
    online.close();
    // Only downloads fail: the chat itself stays connected, so no reconnect is announced.
    faulty.set({ offline: false, errorRate: 1, methods: ['downloadAttachment'] });
    const el = await panel(reload());
    await until(() => $(el, '[part~="attachment-image"] [part="attachment-offline"]'), 5000, 'image unreachable');
    faulty.set({ errorRate: 0 });
    $<HTMLButtonElement>(el, '[part~="attachment-image"] [part="attachment-retry"]')!.click();
    await until(() => thumbnail(el)?.src.startsWith('blob:'), 5000, 'thumbnail after retry');
    await settle(el);
    await expect(el).to.be.accessible();
  });
});
