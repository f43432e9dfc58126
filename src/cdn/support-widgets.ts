/**
 * The CDN bundle, `dist/cdn/support-widgets.js`: one self-contained file (Lit and date-fns included) for a page
 * without a bundler. Loading it registers every element; it exports what such a page needs to wire them up: the
 * IndexedDB caching backend, the context helpers, and the error type and response validation an adapter uses. The
 * demo backend (with the fault switch) is `dist/cdn/demo-backend.js`, the HTTP backend `dist/cdn/http-backend.js`,
 * the domain core (time rules such as `grantEndsAt`, `retentionStart`) `dist/cdn/core.js`, the chat engine without
 * the element (`ChatSession`, `prefetchChat`) `dist/cdn/chat.js` and the conformance suite `dist/cdn/testing.js`; all
 * of them share this file.
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
export { backendContext, clockContext, provideBackend } from '../internal/context.js';
export type { Clock, ProvideOptions } from '../internal/context.js';
export type { SupportEventDetails, SupportEventName, SupportCustomEvent } from '../internal/events.js';

export { createCachingBackend } from '../backend/cache/caching-backend.js';
export { validateBackend, validateEvent, backendForElements, markValidated, isValidated } from '../backend/validate-backend.js';
export { withDeadlines, deadlinesOf, DEFAULT_DEADLINES, type Deadlines } from '../backend/deadlines.js';
export { containSubscribe } from '../backend/contain.js';
export { takeUnlockToken, extractUnlockToken, UNLOCK_LINK_PARAM, type ExtractedUnlockToken } from '../elements/support-unlock-dialog/unlock-link.js';
export type { ProvideBackendOptions } from '../internal/context.js';
export { sniffBlob, checkAttachmentFile, retypeByContent, type AttachmentCheck } from '../backend/attachment-blob.js';
