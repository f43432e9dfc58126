/**
 * A `subscribe()` that throws or rejects costs live updates only: `containSubscribe` catches the failure, tells the
 * listener `connection: closed` (live updates paused) and subscribes again with exponential backoff until the caller's
 * signal aborts. No failure of `subscribe` reaches the caller or becomes an unhandled rejection.
 */
import type { SupportBackend, SupportEventListener } from './backend.js';

/** Backoff of the re-subscription: the first wait, the growth and the cap, ms. */
export const RESUBSCRIBE_BACKOFF = { firstMs: 1000, factor: 2, maxMs: 60_000 } as const;

const CONTAINED = Symbol.for('support-widgets/contained-subscribe');

type Subscribe = SupportBackend['subscribe'];

/** `backend.subscribe`, contained: it never throws, and a failed subscription is retried with backoff. */
export function containSubscribe(backend: SupportBackend): Subscribe {
  const inner = backend.subscribe;
  if ((inner as unknown as Record<symbol, unknown>)[CONTAINED]) return inner.bind(backend);
  const contained: Subscribe = (listener: SupportEventListener, signal: AbortSignal) => {
    let failures = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
    const failed = (error: unknown) => {
      if (signal.aborted) return;
      failures += 1;
      if (failures === 1) console.warn('support-widgets: subscribe() failed; live updates are paused and retried', error);
      listener({ type: 'connection', state: 'closed' });
      const wait = Math.min(RESUBSCRIBE_BACKOFF.maxMs, RESUBSCRIBE_BACKOFF.firstMs * RESUBSCRIBE_BACKOFF.factor ** (failures - 1));
      timer = setTimeout(attempt, wait);
    };
    const attempt = () => {
      if (signal.aborted) return;
      let result: unknown;
      try {
        result = inner.call(
          backend,
          (event) => {
            failures = 0; // the subscription works
            if (!signal.aborted) listener(event);
          },
          signal,
        );
      } catch (error) {
        // Not synchronously: the caller is still inside its own subscribe() call.
        queueMicrotask(() => failed(error));
        return;
      }
      if (result && typeof (result as PromiseLike<unknown>).then === 'function') {
        (result as PromiseLike<unknown>).then(undefined, failed);
      }
    };
    attempt();
  };
  (contained as unknown as Record<symbol, unknown>)[CONTAINED] = true;
  return contained;
}
