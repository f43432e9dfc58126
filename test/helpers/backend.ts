import { createCachingBackend, createDemoBackend, type DemoBackendOptions } from '../../src/backend/index.js';
import type { CacheDatabase } from '../../src/backend/cache/db.js';
import { openCacheDatabase } from '../../src/backend/cache/db.js';

let counter = 0;

/**
 * A demo backend with quiet defaults for tests (no agent replies, no simulated logins) and a fresh IndexedDB
 * database per call (unique tenant scope), so tests never see each other's cache.
 */
export function testBackends(options: DemoBackendOptions = {}) {
  const demo = createDemoBackend({ agentDelayMs: null, loginDelayMs: null, ...options });
  // Random too: test files run in parallel pages of one browser, which share IndexedDB, Web Locks and BroadcastChannel.
  const scope = { tenantId: `test-${Date.now()}-${++counter}-${Math.random().toString(36).slice(2, 8)}`, userId: 'user-abecker' };
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

/** Waits until `predicate` is true (polling each animation frame), or fails after `timeout` ms. */
export async function until(predicate: () => unknown, timeout = 3000, message = 'condition'): Promise<void> {
  const start = performance.now();
  while (!predicate()) {
    if (performance.now() - start > timeout) throw new Error(`Timed out waiting for ${message}`);
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
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
