/**
 * The CDN bundle, `dist/cdn/support-widgets.js`: one self-contained file (Lit, idb and date-fns included) for a page
 * without a bundler. Loading it registers every element; it exports what such a page needs to wire them up — the
 * domain core, errors and response validation, the IndexedDB caching backend, the fault wrapper and the context
 * helpers. The demo backend is not in it: load `dist/cdn/demo-backend.js` for that.
 *
 * A module that pages without a bundler need (an HTTP backend, say) is added here; `npm run size` keeps the budget.
 */
import '../define/all.js';

export * from '../core/index.js';
export type * from '../backend/backend.js';
export * from '../backend/errors.js';
export * from '../backend/validate.js';
export * from '../backend/faults.js';
export * from '../backend/cache/caching-backend.js';
export { backendContext, provideBackend } from '../internal/context.js';
export type { SupportEventDetails, SupportEventName, SupportCustomEvent } from '../internal/events.js';
