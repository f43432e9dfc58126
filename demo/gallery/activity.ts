/**
 * Watches the calls the elements of one gallery state make on its backend, so that the gallery knows when the state
 * has settled from what is actually running — not from a quiet period, which a loaded machine outlasts (a call that
 * waits for IndexedDB made no new call for a while, and the state was taken as settled before its cache was written).
 *
 * Every call through the returned backend is counted while it runs: the contract's methods (for a caching backend they
 * answer only after the answer was stored), the cache's `peek`, and the methods of its `outbox` and `meta` objects.
 */

/** What is running on one state's backend. */
export interface CallTracker {
  /** Calls started so far. */
  readonly started: number;
  /** Names of the calls still running that are expected to answer (`peek`, `outbox.list`, `getSession` …). */
  pending(): string[];
  /** Resolves when every call running now that is expected to answer has answered or failed. */
  idle(): Promise<void>;
}

export interface TrackOptions {
  /**
   * Calls that never answer by design (the "loading" state holds every call of the contract forever): they are not
   * waited for; the state has settled when no new call starts.
   */
  readonly neverAnswers?: (name: string) => boolean;
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';

const isPlainObject = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/**
 * Wraps `backend` (kept otherwise as is: its symbols, such as the validated and deadline marks, pass through) and
 * returns the wrapper with its tracker. The wrapper and its methods are stable objects, so elements that compare their
 * backend by identity see one backend.
 */
export function trackCalls<B extends object>(backend: B, options: TrackOptions = {}): { backend: B; tracker: CallTracker } {
  const running = new Map<object, { name: string; done: Promise<void> }>();
  let started = 0;
  const neverAnswers = options.neverAnswers ?? (() => false);

  const track = (name: string, result: PromiseLike<unknown>) => {
    started += 1;
    const token = {};
    const done = Promise.resolve(result).then(
      () => void running.delete(token),
      () => void running.delete(token),
    );
    running.set(token, { name, done });
  };

  const proxies = new WeakMap<object, object>();
  const wrap = <T extends object>(target: T, prefix: string): T => {
    const known = proxies.get(target);
    if (known) return known as T;
    const methods = new Map<PropertyKey, unknown>();
    const proxy = new Proxy(target, {
      get(object, property) {
        const value = Reflect.get(object, property, object) as unknown;
        if (typeof property === 'symbol') return value;
        const name = `${prefix}${property}`;
        if (typeof value === 'function') {
          let method = methods.get(property) as { fn: unknown; wrapped: unknown } | undefined;
          if (method?.fn !== value) {
            const fn = value as (...args: unknown[]) => unknown;
            method = {
              fn,
              wrapped: (...args: unknown[]) => {
                const result = Reflect.apply(fn, object, args);
                if (isThenable(result)) track(name, result);
                return result;
              },
            };
            methods.set(property, method);
          }
          return method.wrapped;
        }
        // The cache's `outbox` and `meta`: their calls are storage work of the state too.
        return isPlainObject(value) ? wrap(value, `${name}.`) : value;
      },
    });
    proxies.set(target, proxy);
    return proxy as T;
  };

  const answering = () => [...running.values()].filter((call) => !neverAnswers(call.name));
  return {
    backend: wrap(backend, ''),
    tracker: {
      get started() {
        return started;
      },
      pending: () => answering().map((call) => call.name),
      idle: async () => void (await Promise.all(answering().map((call) => call.done))),
    },
  };
}
