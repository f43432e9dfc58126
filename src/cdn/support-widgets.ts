/**
 * The CDN bundle, `dist/cdn/support-widgets.js`: one self-contained file (Lit and date-fns included) for a page
 * without a bundler. Loading it registers every element; it exports what such a page needs to wire them up: the
 * IndexedDB caching backend, the context helpers, and the error type and response validation an adapter uses. The
 * demo backend (with the fault switch) is `dist/cdn/demo-backend.js`; the domain core is for bundler users
 * (`support-widgets/core`).
 *
 * Everything exported here counts against the size budget of all elements (`npm run size`): add a module only when
 * pages without a bundler need it. The cache (with idb) and the response validator are not in it: they are chunks
 * beside it, loaded with import() on first use — `createCachingBackend` and `validateBackend` here have the same
 * signatures and behaviour as those of `support-widgets/backend` but load their code when called (a failed load
 * rejects with a transient `SupportError('network')`, and the next call tries again).
 */
import '../define/all.js';
import { lazyCachingBackend } from '../backend/cache/lazy-caching-backend.js';

export type * from '../backend/backend.js';
export * from '../backend/errors.js';
export type { CachingOptions } from '../backend/cache/caching-backend.js';
export type { CacheAware, CacheEntry, CacheMeta, CacheStorage, CachedBackend, CachedMethod, CachedReads, ChatOutbox, ReadResult } from '../backend/cache/cache-aware.js';
export { isCacheAware } from '../backend/cache/cache-aware.js';
export { backendContext, provideBackend } from '../internal/context.js';
export type { SupportEventDetails, SupportEventName, SupportCustomEvent } from '../internal/events.js';

/**
 * Wraps any backend with the IndexedDB cache, as `createCachingBackend` of `support-widgets/backend` does (see there).
 * The backend is returned at once; the cache code (a file beside this one) starts loading now and every call waits
 * for it (src/backend/cache/lazy-caching-backend.ts).
 */
export const createCachingBackend = lazyCachingBackend(() =>
  // The validator is a chunk of its own that the cache imports (the HTTP backend uses it too): fetched in parallel.
  Promise.all([import('../backend/cache/caching-backend.js'), import('../backend/validate.js')]).then(([cache]) => cache),
);

/**
 * `validateBackend(backend)` of `support-widgets/backend`, with the validator (a file beside this one) loaded on the
 * first call (src/backend/validate-lazily.ts).
 */
export { validateLazily as validateBackend } from '../backend/validate-lazily.js';
