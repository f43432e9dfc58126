/**
 * The page `scripts/bench.mjs` loads (bundled and minified, as a site would ship it). Query parameters:
 * - `n`: chat messages over the last 21 days;
 * - `phase=warm`: empty the cache, load everything from the backend into IndexedDB, report when stored;
 * - `phase=network&latency=300`: no cache; a backend holding the n messages answers after `latency` ms; reports the
 *   time from the element's connection to the first frame showing rows (the cold, uncached case);
 * - `phase=measure`: a backend that takes 60 s to answer, so whatever appears comes from the cache; reports the time
 *   from the element's connection (and from navigation start) to the first frame showing message rows, then scrolls
 *   through the whole chat and reports frame times.
 */
// The backend entry, as a site using this one element would import it (the root entry also names every element).
import { createCachingBackend, createDemoBackend, withFaults } from '../src/backend/index.js';
import { SupportChatPanel } from '../src/elements/support-chat-panel/support-chat-panel.js';

// Registered here, not through define.ts: bundlers honour package.json `sideEffects`, which names dist/ files only.
SupportChatPanel.define('support-chat-panel');

interface BenchResult {
  phase: string;
  n: number;
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

async function network(): Promise<void> {
  const latencyMs = Number(params.get('latency') ?? 300);
  const demo = createDemoBackend({ history: false, chatMessages: n, agentDelayMs: null, loginDelayMs: null, locale: 'en' });
  const panel = document.createElement('support-chat-panel') as SupportChatPanel;
  panel.lang = 'en';
  panel.backend = withFaults(demo, { latencyMs });
  const start = performance.now();
  document.body.append(panel);
  for (;;) {
    await frame();
    if ((panel.shadowRoot?.querySelectorAll('[part~="message"]').length ?? 0) > 0) break;
  }
  const painted = await new Promise<number>((resolve) => setTimeout(() => resolve(performance.now())));
  report({ phase, n, connectedToPaintMs: painted - start, navigationToPaintMs: painted });
}

(phase === 'warm' ? warm() : phase === 'network' ? network() : measure()).catch((error: unknown) => report({ phase, n, error: String(error) }));
