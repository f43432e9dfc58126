import type { SupportBackend, SupportEventListener } from '../backend.js';
import { codeNotLoaded } from '../validate-lazily.js';
import { markValidated } from '../validated.js';
import type { CacheMeta, CachedBackend, ChatOutbox } from './cache-aware.js';
import type { CachingOptions } from './caching-backend.js';

// `createCachingBackend` for the CDN bundle (src/cdn/support-widgets.ts): the cache (caching-backend.ts with idb, the
// IndexedDB schema and the response validator it uses) is a chunk beside the bundle, loaded with import() when a page
// creates its caching backend, in parallel with the elements' own lazy chunks. Bundler users import the real one.

/** What the CDN bundle loads on demand: src/backend/cache/caching-backend.ts. */
export type CachingModule = Pick<typeof import('./caching-backend.js'), 'createCachingBackend'>;

/** Keys of `T` whose value is a method returning a promise: those can wait for the code. */
type AsyncMethods<T> = { [K in keyof T]-?: T[K] extends (...args: any) => Promise<unknown> ? K : never }[keyof T];

// The forwarded methods, one list per object. Typed as complete records, so the compiler fails here when
// `SupportBackend` or `CacheAware` gains a method; the sync ones (`subscribe`, `close`) are written out below.
const BACKEND: Record<AsyncMethods<CachedBackend>, 0> = {
  getSession: 0,
  getTenantInfo: 0,
  getContactInfo: 0,
  searchStaff: 0,
  listGrants: 0,
  createGrant: 0,
  revokeGrant: 0,
  listLogins: 0,
  resolveUnlockToken: 0,
  confirmUnlockToken: 0,
  listChatMessages: 0,
  sendChatMessage: 0,
  getCallbackTopics: 0,
  listCallbackWindows: 0,
  getCallbackBooking: 0,
  bookCallback: 0,
  changeCallback: 0,
  cancelCallback: 0,
  peek: 0,
  clear: 0,
  storage: 0,
  storageName: 0,
};
const OUTBOX: Record<AsyncMethods<ChatOutbox>, 0> = { list: 0, put: 0, update: 0, delete: 0 };
const META: Record<AsyncMethods<CacheMeta>, 0> = { get: 0, set: 0 };

type Methods = Record<string, (...args: unknown[]) => Promise<unknown>>;

/**
 * A `createCachingBackend(inner, options)` that loads its implementation with `load` (a dynamic import) — the CDN
 * bundle's. The backend it returns is there at once and behaves like the real one:
 * - the load starts when the backend is created; every async method (reads, writes, `peek`, `clear`, `storage`,
 *   `storageName`, `outbox.*`, `meta.*`) waits for it, then calls the real caching backend, created once with the
 *   same `inner` and `options`;
 * - `subscribe(listener, signal)` subscribes once the code is there, unless `signal` aborted meanwhile;
 * - `close()` before the code is there is remembered: the real backend closes once created, after the calls made
 *   before `close()` and before those made after it, in the order the real one would see them;
 * - it counts as validated (`markValidated`) and cache-aware (`isCacheAware`): elements neither wrap it in the response
 *   validator nor load that a second time (the cache validates `inner`'s responses itself);
 * - a failed load rejects the call with `SupportError('network')` (transient: elements offer Retry) and is not kept:
 *   the next call loads again. A subscription made meanwhile waits for the next successful load (with a console
 *   warning now).
 */
export function lazyCachingBackend(load: () => Promise<CachingModule>): (inner: SupportBackend, options?: CachingOptions) => CachedBackend {
  return (inner, options) => {
    let real: CachedBackend | undefined;
    let loading: Promise<CachedBackend> | undefined;
    /** Subscriptions made before the code was there. */
    const waiting = new Set<readonly [SupportEventListener, AbortSignal]>();
    const ready = (): Promise<CachedBackend> =>
      real
        ? Promise.resolve(real)
        : (loading ??= load().then(
            (module) => {
              const backend = (real = module.createCachingBackend(inner, options));
              for (const [listener, signal] of waiting) if (!signal.aborted) backend.subscribe(listener, signal);
              waiting.clear();
              return backend;
            },
            (error: unknown) => {
              loading = undefined;
              throw codeNotLoaded(error);
            },
          ));
    // Start loading now: the elements' first reads follow.
    void ready().catch(() => undefined);

    /** `names` of `target(real backend)`, each waiting for the code first. */
    const forward = (names: object, target: (backend: CachedBackend) => object): Methods => {
      const methods: Methods = {};
      for (const name in names) methods[name] = async (...args) => (target(await ready()) as Methods)[name]!(...args);
      return methods;
    };
    const lazy = {
      ...forward(BACKEND, (backend) => backend),
      outbox: forward(OUTBOX, (backend) => backend.outbox),
      meta: forward(META, (backend) => backend.meta),
      subscribe(listener: SupportEventListener, signal: AbortSignal): void {
        if (real) return real.subscribe(listener, signal);
        if (signal.aborted) return;
        const subscription = [listener, signal] as const;
        waiting.add(subscription);
        signal.addEventListener('abort', () => waiting.delete(subscription), { once: true });
        ready().catch((error: unknown) => console.warn('support-widgets: live events wait for the cache code to load', error));
      },
      close(): void {
        if (real) real.close();
        else void loading?.then((backend) => backend.close(), () => undefined);
      },
    };
    return markValidated(lazy) as unknown as CachedBackend;
  };
}
