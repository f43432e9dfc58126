import type { SupportBackend, SupportEvent, SupportEventListener } from './backend.js';
import { SupportError, throwIfAborted } from './errors.js';

export interface FaultSettings {
  /** Added to every call, ms. */
  latencyMs: number;
  /** Random extra latency up to this many ms. */
  jitterMs: number;
  /** Share of calls that fail with `unavailable` (0–1). */
  errorRate: number;
  /**
   * Share of calls whose response is lost (0–1): the backend performs the call, the caller gets a `network` error.
   * This is the case idempotency keys exist for.
   */
  dropRate: number;
  /** Every call fails with `network`; live events stop (and `connection: closed` is announced). */
  offline: boolean;
  /** Only these methods are affected; default all. */
  methods: readonly (keyof SupportBackend)[] | null;
}

export const NO_FAULTS: FaultSettings = {
  latencyMs: 0,
  jitterMs: 0,
  errorRate: 0,
  dropRate: 0,
  offline: false,
  methods: null,
};

export interface FaultyBackend extends SupportBackend {
  /** Current settings; change them with `set()`. */
  readonly faults: Readonly<FaultSettings>;
  set(settings: Partial<FaultSettings>): void;
  /** Calls made through the wrapper, per method (tests count retries). */
  readonly calls: Readonly<Record<string, number>>;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (ms <= 0) return resolve();
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new SupportError('aborted', 'The request was aborted', { cause: signal.reason }));
      },
      { once: true },
    );
  });

/**
 * Wraps a backend to inject latency, errors, lost responses and offline periods: for tests, benchmarks and the
 * demo's fault switch. `random` may be replaced for reproducible runs.
 */
export function withFaults(
  inner: SupportBackend,
  initial: Partial<FaultSettings> = {},
  random: () => number = Math.random,
): FaultyBackend {
  let settings: FaultSettings = { ...NO_FAULTS, ...initial };
  const calls: Record<string, number> = {};
  const subscribers = new Set<{ listener: SupportEventListener; connected: boolean }>();

  const affects = (method: keyof SupportBackend) => settings.methods === null || settings.methods.includes(method);
  const delay = () => settings.latencyMs + (settings.jitterMs > 0 ? random() * settings.jitterMs : 0);

  const wrapper = {} as Record<string, unknown>;
  for (const method of Object.keys(inner) as (keyof SupportBackend)[]) {
    if (method === 'subscribe' || typeof inner[method] !== 'function') continue;
    // A caching backend's clock is no network call: it stays synchronous (elements read their time from it).
    if ((method as string) === 'now') {
      wrapper[method] = inner[method];
      continue;
    }
    wrapper[method] = async (...args: unknown[]) => {
      calls[method] = (calls[method] ?? 0) + 1;
      const signal = args.find((a): a is AbortSignal => a instanceof AbortSignal);
      if (!affects(method)) return (inner[method] as (...a: unknown[]) => Promise<unknown>)(...args);
      await sleep(delay() / 2, signal);
      if (settings.offline) throw new SupportError('network', 'The network is unreachable (simulated)');
      if (settings.errorRate > 0 && random() < settings.errorRate) {
        throw new SupportError('unavailable', 'The server failed (simulated)', { status: 503 });
      }
      const result = await (inner[method] as (...a: unknown[]) => Promise<unknown>)(...args);
      await sleep(delay() / 2, signal);
      throwIfAborted(signal);
      if (settings.offline || (settings.dropRate > 0 && random() < settings.dropRate)) {
        throw new SupportError('network', 'The response was lost (simulated)');
      }
      return result;
    };
  }

  wrapper['subscribe'] = (listener: SupportEventListener, signal: AbortSignal) => {
    const entry = { listener, connected: false };
    subscribers.add(entry);
    signal.addEventListener('abort', () => subscribers.delete(entry), { once: true });
    inner.subscribe((event: SupportEvent) => {
      if (event.type === 'connection') entry.connected = event.state === 'open';
      if (settings.offline) return; // lost while offline: subscribers catch up when back
      // A fixed delay keeps events in order.
      setTimeout(() => {
        if (!signal.aborted && !settings.offline) listener(event);
      }, settings.latencyMs / 2);
    }, signal);
  };

  function set(next: Partial<FaultSettings>): void {
    const wasOffline = settings.offline;
    settings = { ...settings, ...next };
    if (wasOffline === settings.offline) return;
    for (const entry of subscribers) {
      if (!entry.connected) continue;
      const state = settings.offline ? 'closed' : 'open';
      queueMicrotask(() => entry.listener({ type: 'connection', state }));
    }
  }

  wrapper['set'] = set;
  wrapper['calls'] = calls;
  Object.defineProperty(wrapper, 'faults', { get: () => settings, enumerable: true });
  return wrapper as unknown as FaultyBackend;
}
