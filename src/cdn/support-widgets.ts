/**
 * The CDN bundle, `dist/cdn/support-widgets.js`: one self-contained file (Lit and date-fns included) for a page
 * without a bundler. Loading it registers every element; it exports what such a page needs to wire them up: the
 * IndexedDB caching backend, the context helpers, and the error type and response validation an adapter uses. The
 * demo backend (with the fault switch) is `dist/cdn/demo-backend.js`; the domain core is for bundler users
 * (`support-widgets/core`).
 *
 * Everything a page needs before its first content is in this file or its static imports: no `import()` on the way
 * to the data (one round trip to the backend; see docs/performance.md).
 */
import '../define/all.js';

export type * from '../backend/backend.js';
export * from '../backend/errors.js';
export type { CachingOptions } from '../backend/cache/caching-backend.js';
export type { CacheAware, CacheEntry, CacheMeta, CacheStorage, CachedBackend, CachedMethod, CachedReads, ChatOutbox, ReadResult } from '../backend/cache/cache-aware.js';
export { isCacheAware } from '../backend/cache/cache-aware.js';
export { backendContext, provideBackend } from '../internal/context.js';
export type { SupportEventDetails, SupportEventName, SupportCustomEvent } from '../internal/events.js';

export { createCachingBackend } from '../backend/cache/caching-backend.js';
export { validateBackend } from '../backend/validate-backend.js';
