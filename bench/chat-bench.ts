/**
 * The page `scripts/bench.mjs` loads (bundled and minified, as a site would ship it). Query parameters:
 * - `n`: chat messages over the last 21 days;
 * - `phase=warm`: empty the cache, load everything from the backend into IndexedDB, report when stored;
 * - `phase=network&latency=300`: no cache; a backend holding the n messages answers after `latency` ms; reports the
 *   time from the element's connection to the first frame showing rows (the cold, uncached case);
 * - `phase=first&latency=300`: the first visit with the cache: an empty IndexedDB cache in front of the same backend as
 *   `network`; reports the same interval (issue 14: ≤ 1.2× `network`, measured in the same run);
 * - `phase=measure`: a backend that takes 60 s to answer, so whatever appears comes from the cache; reports the time
 *   from the element's connection (and from navigation start) to the first frame showing message rows, then scrolls
 *   through the whole chat and reports frame times;
 * - `phase=floor`: what a warm first paint cannot go below, measured alone on the cache `warm` filled: open the same
 *   database, read the newest 100 messages (one key-cursor jump on the `seq` index, one read) and render the rows a
 *   panel shows with Lit; reports the same interval as `measure` (issue 14: `measure` ≤ 1.3× this);
 * - `phase=growth`: a panel over a backend without cache; `window.__incoming(k)` delivers k support messages one by
 *   one (each rendered), `window.__scroll(frames)` scrolls up and back down to the bottom over `frames` frames, and
 *   `window.__nodes()` counts the nodes of the panel's shadow tree (comments included, nested shadow roots too);
 *   scripts/bench.mjs reads the heap between the steps;
 * - `phase=attach&mb=5` (and `mb=0.05`, the same flow with a small image as the control): a panel over an (emptied) IndexedDB cache in front of the demo backend; the user picks a
 *   PNG of about `mb` MB (real image data, encoded off the main thread before measuring), sees its preview and sends
 *   it; reports every long task (PerformanceObserver `longtask`, > 50 ms) and the longest gap between animation frames
 *   from the pick until the sent message shows its thumbnail (issue 18: no more than one frame blocked at a time).
 */
// The backend entry, as a site using this one element would import it (the root entry also names every element).
import { createCachingBackend, createDemoBackend, withFaults } from '../src/backend/index.js';
import { SupportChatPanel } from '../src/elements/support-chat-panel/support-chat-panel.js';
import { cacheDatabaseName, openCacheDatabase } from '../src/backend/cache/db.js';
import { html, render } from 'lit';

// Registered here, not through define.ts: bundlers honour package.json `sideEffects`, which names dist/ files only.
SupportChatPanel.define('support-chat-panel');

interface BenchResult {
  phase: string;
  n: number;
  fileBytes?: number;
  longTasks?: number[];
  maxFrameGapMs?: number;
  frameGapsOver17?: number;
  pickToPreviewMs?: number;
  sendToSentMs?: number;
  stored?: number;
  connectedToPaintMs?: number;
  navigationToPaintMs?: number;
  rowsRendered?: number;
  messagesLoaded?: number;
  frames?: number[];
  error?: string;
}

const params = new URLSearchParams(location.search);
const n = Number(params.get('n') ?? 2000);
const phase = params.get('phase') ?? 'measure';
const scope = { tenantId: `bench-${n}`, userId: 'user-bench' };
const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
const report = (result: BenchResult) => Object.assign(window, { __bench: result });

async function warm(): Promise<void> {
  const demo = createDemoBackend({ history: false, chatMessages: n, agentDelayMs: null, loginDelayMs: null, locale: 'en' });
  const cached = createCachingBackend(demo, { scope });
  await cached.clear();
  const fresh = createCachingBackend(demo, { scope });
  await fresh.listChatMessages(); // stores every message in IndexedDB
  const stored = (await fresh.peek('listChatMessages'))?.value.length ?? 0;
  fresh.close();
  report({ phase, n, stored });
}

async function measure(): Promise<void> {
  const demo = createDemoBackend({ history: false, chatMessages: 0, agentDelayMs: null, loginDelayMs: null, locale: 'en' });
  const slow = withFaults(demo, { latencyMs: 120_000 });
  const panel = document.createElement('support-chat-panel') as SupportChatPanel;
  panel.lang = 'en';
  panel.backend = createCachingBackend(slow, { scope });
  // Marks for a trace of this page (DevTools, or scripts/bench.mjs --trace): element connected, rows on screen.
  performance.mark('bench:connect');
  const start = performance.now();
  document.body.append(panel);
  const rows = () => panel.shadowRoot?.querySelectorAll('[part~="message"]').length ?? 0;
  // The first animation frame whose callback finds rows: the frame produced right after it shows them; a task
  // queued from it runs once that frame is out.
  for (;;) {
    await frame();
    if (rows() > 0) break;
  }
  const painted = await new Promise<number>((resolve) => setTimeout(() => resolve(performance.now())));
  performance.mark('bench:painted');
  const result: BenchResult = {
    phase,
    n,
    connectedToPaintMs: painted - start,
    navigationToPaintMs: painted,
    rowsRendered: rows(),
  };
  // Wait for the whole cached chat (the newest messages paint first), then scroll from the newest to the oldest in
  // 120 frames and record each frame's duration.
  const log = panel.shadowRoot!.querySelector<HTMLElement>('[part="log"]')!;
  for (let i = 0; i < 600 && panel.messages.length < n * 0.95; i += 1) await frame();
  result.messagesLoaded = panel.messages.length;
  await frame();
  const frames: number[] = [];
  let last = await frame();
  const steps = 120;
  const top = log.scrollTop;
  for (let i = 1; i <= steps; i += 1) {
    log.scrollTop = top - (top * i) / steps;
    const now = await frame();
    frames.push(now - last);
    last = now;
  }
  result.frames = frames;
  report(result);
}

/** The cold visit: no cache (`network`), or an empty cache in front of the same backend (`first`). */
async function network(): Promise<void> {
  const latencyMs = Number(params.get('latency') ?? 300);
  const demo = createDemoBackend({ history: false, chatMessages: n, agentDelayMs: null, loginDelayMs: null, locale: 'en' });
  const slow = withFaults(demo, { latencyMs });
  let backend: SupportChatPanel['backend'] = slow;
  if (phase === 'first') {
    const firstScope = { tenantId: `bench-first-${n}`, userId: 'user-bench' };
    await createCachingBackend(demo, { scope: firstScope }).clear();
    backend = createCachingBackend(slow, { scope: firstScope });
  }
  const panel = document.createElement('support-chat-panel') as SupportChatPanel;
  panel.lang = 'en';
  panel.backend = backend;
  const start = performance.now();
  document.body.append(panel);
  for (;;) {
    await frame();
    if ((panel.shadowRoot?.querySelectorAll('[part~="message"]').length ?? 0) > 0) break;
  }
  const painted = await new Promise<number>((resolve) => setTimeout(() => resolve(performance.now())));
  report({ phase, n, connectedToPaintMs: painted - start, navigationToPaintMs: painted });
}
const first = network;

/** The floor of a warm paint: open the database, read the newest 100 messages, render the rows a panel shows. */
async function floor(): Promise<void> {
  const host = document.createElement('div');
  host.style.cssText = 'height: 100vh; overflow: auto; display: flex; flex-direction: column; justify-content: flex-end;';
  performance.mark('bench:connect');
  const start = performance.now();
  document.body.append(host);
  const database = await openCacheDatabase(cacheDatabaseName(scope.tenantId, scope.userId));
  const index = database.transaction('chat').store.index('seq');
  const newest = await index.openKeyCursor(null, 'prev');
  const nth = newest ? await newest.advance(99) : null;
  const messages = await (nth ? index.getAll(IDBKeyRange.lowerBound(nth.key)) : index.getAll());
  const time = new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit' });
  // As many rows as the panel renders at first paint (its window: the visible rows and some overscan).
  const rows = messages.slice(-Number(params.get('rows') ?? 11));
  render(
    html`${rows.map(
      (m) => html`<div class="row" data-row=${m.id}>
        <p>${m.authorName}</p>
        <p>${m.text}</p>
        <p><time datetime=${m.sentAt.toISOString()}>${time.format(m.sentAt)}</time></p>
      </div>`,
    )}`,
    host,
  );
  for (;;) {
    await frame();
    if (host.querySelector('[data-row]')) break;
  }
  const painted = await new Promise<number>((resolve) => setTimeout(() => resolve(performance.now())));
  database.close();
  report({ phase, n, connectedToPaintMs: painted - start, navigationToPaintMs: painted, rowsRendered: rows.length });
}

/** Nodes of a shadow tree, nested shadow roots included (comment nodes too: that is where lit's markers would leak). */
function countNodes(root: Node): number {
  let count = 0;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ALL);
  for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) {
    count += 1;
    const shadow = (node as Element).shadowRoot;
    if (shadow) count += countNodes(shadow);
  }
  return count;
}

/** A panel that stays open while messages arrive and the reader scrolls (see the header). */
async function growth(): Promise<void> {
  const demo = createDemoBackend({ history: false, chatMessages: n, agentDelayMs: null, loginDelayMs: null, locale: 'en' });
  const panel = document.createElement('support-chat-panel') as SupportChatPanel;
  panel.lang = 'en';
  panel.backend = demo;
  document.body.append(panel);
  while ((panel.shadowRoot?.querySelectorAll('[part~="message"]').length ?? 0) === 0 || panel.messages.length < n) await frame();
  const log = () => panel.shadowRoot!.querySelector<HTMLElement>('[part="log"]')!;
  let pushed = 0;
  const settle = async () => {
    await panel.updateComplete;
    await frame();
    await frame();
    await panel.updateComplete;
  };
  Object.assign(window, {
    __nodes: () => countNodes(panel.shadowRoot!),
    __rows: () => panel.shadowRoot!.querySelectorAll('[data-row]').length,
    // One message at a time, each rendered (a live chat; a frame every 20 messages lets the log measure and scroll).
    __incoming: async (count: number) => {
      for (let i = 0; i < count; i += 1) {
        pushed += 1;
        demo.control.pushSupportMessage(`Incoming message number ${pushed}: the same length every time.`, 'Bench Agent');
        await new Promise((resolve) => setTimeout(resolve));
        await panel.updateComplete;
        if (i % 20 === 19) await frame();
      }
      await settle();
    },
    // Up through the history and back to the bottom, a step per frame, so the same rows are rendered at the end.
    __scroll: async (frames: number) => {
      const half = Math.floor(frames / 2);
      const step = Math.max(20, Math.floor(log().scrollHeight / 2 / half));
      for (let i = 0; i < half; i += 1) {
        log().scrollTop -= step;
        await frame();
      }
      for (let i = 0; i < frames - half; i += 1) {
        log().scrollTop += step;
        await frame();
      }
      // Back at the newest message the way the panel's "jump to latest" gets there, which picks the window afresh:
      // the windowing re-picks its range only when the rendered rows stop covering the view (or exceed it by far),
      // so after scrolling by hand the window's size depends on the way there (12 or 16 rows) — not growth.
      log().scrollTop = log().scrollHeight;
      panel.scrollToLatest();
      await settle();
    },
  });
  await settle();
  report({ phase, n, rowsRendered: panel.shadowRoot!.querySelectorAll('[data-row]').length, messagesLoaded: panel.messages.length });
}

/** A PNG of about `bytes`: noise (it does not compress), encoded by the browser off the main thread. */
async function noisePng(bytes: number): Promise<File> {
  // Noise with an opaque alpha channel encodes to about 3.4 bytes per pixel.
  const side = Math.ceil(Math.sqrt(bytes / 3.3));
  const canvas = document.createElement('canvas');
  canvas.width = side;
  canvas.height = side;
  const context = canvas.getContext('2d')!;
  const image = context.createImageData(side, side);
  crypto.getRandomValues(image.data.subarray(0, Math.min(image.data.length, 65_536)));
  for (let i = 65_536; i < image.data.length; i += 65_536) crypto.getRandomValues(image.data.subarray(i, Math.min(image.data.length, i + 65_536)));
  for (let i = 3; i < image.data.length; i += 4) image.data[i] = 255; // opaque
  context.putImageData(image, 0, 0);
  const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob'))), 'image/png'));
  return new File([blob], 'screenshot.png', { type: 'image/png' });
}

/** Sending a large screenshot (see the header): long tasks and frame gaps from the pick to the thumbnail in the log. */
async function attach(): Promise<void> {
  const mb = Number(params.get('mb') ?? 5);
  const attachScope = { tenantId: 'bench-attach', userId: 'user-bench' };
  const demo = createDemoBackend({ history: false, chatMessages: 20, agentDelayMs: null, loginDelayMs: null, locale: 'en' });
  await createCachingBackend(demo, { scope: attachScope }).clear();
  const panel = document.createElement('support-chat-panel') as SupportChatPanel;
  panel.lang = 'en';
  panel.backend = createCachingBackend(demo, { scope: attachScope });
  document.body.append(panel);
  const $ = <E extends Element>(selector: string) => panel.shadowRoot?.querySelector<E>(selector) ?? null;
  for (let i = 0; panel.status !== 'ready' || !$('[part~="attach-button"]'); i += 1) {
    // Until the attachment outbox is merged the session cannot send files and the composer offers none.
    if (i > 600) throw new Error('the composer offers no attachments (does the chat session send files?)');
    await frame();
  }
  const file = await noisePng(mb * 1024 * 1024);
  for (let i = 0; i < 10; i += 1) await frame();

  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  });
  observer.observe({ type: 'longtask' });
  let measuring = true;
  const gaps: number[] = [];
  void (async () => {
    let last = await frame();
    while (measuring) {
      const now = await frame();
      gaps.push(now - last);
      last = now;
    }
  })();

  performance.mark('attach-pick');
  const start = performance.now();
  const input = $<HTMLInputElement>('[part~="file-input"]')!;
  const data = new DataTransfer();
  data.items.add(file);
  input.files = data.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  while (!$('[part~="attach-preview"]')) await frame();
  const previewed = performance.now();
  $<HTMLButtonElement>('[part~="send-button"]')!.click();
  const before = panel.messages.length;
  for (;;) {
    await frame();
    const img = $<HTMLImageElement>('[part~="attachment-thumbnail"]');
    if (panel.messages.length > before && panel.pending.length === 0 && img?.complete) break;
  }
  const sent = performance.now();
  performance.mark('attach-sent');
  for (let i = 0; i < 5; i += 1) await frame();
  measuring = false;
  await frame();
  observer.disconnect();
  report({
    phase,
    n: 0,
    fileBytes: file.size,
    longTasks,
    maxFrameGapMs: Math.max(...gaps),
    frameGapsOver17: gaps.filter((g) => g > 17.5).length,
    pickToPreviewMs: previewed - start,
    sendToSentMs: sent - previewed,
  });
}

const phases: Record<string, () => Promise<void>> = { warm, network, first, measure, floor, growth, attach };
(phases[phase] ?? measure)().catch((error: unknown) => report({ phase, n, error: String(error) }));
