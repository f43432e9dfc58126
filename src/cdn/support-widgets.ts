/**
 * The CDN bundle, `dist/cdn/support-widgets.js`: one self-contained file (Lit, idb and date-fns included) for a page
 * without a bundler. Loading it registers every element; it exports what such a page needs to wire them up: the
 * IndexedDB caching backend, the context helpers, and the error type and response validation an adapter uses. The
 * demo backend (with the fault switch) is `dist/cdn/demo-backend.js`; the domain core is for bundler users
 * (`support-widgets/core`).
 *
 * Everything exported here counts against the size budget of all elements (`npm run size`): add a module only when
 * pages without a bundler need it.
 */
import '../define/all.js';

export type * from '../backend/backend.js';
export * from '../backend/errors.js';
export { validateBackend } from '../backend/validate.js';
export * from '../backend/cache/caching-backend.js';
export { backendContext, provideBackend } from '../internal/context.js';
export type { SupportEventDetails, SupportEventName, SupportCustomEvent } from '../internal/events.js';
