import { createCachingBackend, createDemoBackend, type DemoBackendOptions } from '../../src/backend/index.js';
import type { CacheDatabase } from '../../src/backend/cache/db.js';
import { openCacheDatabase } from '../../src/backend/cache/db.js';

/**
 * A demo backend with quiet defaults for tests (no agent replies, no simulated logins) and a fresh IndexedDB
 * database per call (unique tenant scope), so tests never see each other's cache.
 */
/**
 * Today 11:00 UTC (12:00 or 13:00 in Berlin) as a fixed clock, for tests whose texts leave out the date on the same
 * day: the demo seeds a support login that started an hour before `now`, so a run in the first hour after midnight in
 * Berlin would otherwise see "since yesterday, 23:48" instead of "since 23:48".
 */
export function middayToday(): () => Date {
  const midday = new Date();
  midday.setUTCHours(11, 0, 0, 0);
  return () => new Date(midday);
}

export function testBackends(options: DemoBackendOptions = {}) {
  const demo = createDemoBackend({ agentDelayMs: null, loginDelayMs: null, ...options });
  // Unique across test files running in parallel pages of the same browser (they share IndexedDB).
  const scope = { tenantId: `test-${crypto.randomUUID()}`, userId: 'user-abecker' };
  const opened: CacheDatabase[] = [];
  const openDatabase = async (name: string) => {
    const db = await openCacheDatabase(name);
    opened.push(db);
    return db;
  };
  const cached = createCachingBackend(demo, { scope, openDatabase });
  return {
    demo,
    cached,
    scope,
    /** Closes and deletes the test database. */
    async cleanup() {
      demo.control.dispose();
      await cached.clear();
      opened.forEach((db) => db.close());
    },
  };
}

/**
 * Waits until `predicate` is true (polling each animation frame, or every 20 ms where the page gets no frames), or
 * fails after `timeout` ms. The timer matters: the runner shows two test pages at once and only the one in front gets
 * animation frames, so a poll on `requestAnimationFrame` alone stalls the other page.
 */
export async function until(predicate: () => unknown, timeout = 3000, message = 'condition'): Promise<void> {
  const start = performance.now();
  while (!predicate()) {
    if (performance.now() - start > timeout) throw new Error(`Timed out waiting for ${message}`);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        cancelAnimationFrame(frame);
        resolve();
      }, 20);
      const frame = requestAnimationFrame(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

/** Text content of a node and its shadow root, whitespace folded. */
export function textOf(node: Element | ShadowRoot | null | undefined): string {
  if (!node) return '';
  const walk = (n: Node): string => {
    if (n.nodeType === Node.TEXT_NODE) return n.textContent ?? '';
    let out = '';
    const el = n as Element;
    if (el.shadowRoot) out += walk(el.shadowRoot);
    for (const child of n.childNodes) out += walk(child);
    return out;
  };
  return walk(node).replace(/\s+/g, ' ').trim();
}
