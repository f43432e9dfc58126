/**
 * `dist/cdn/demo-backend.js`: the in-memory demo backend and the fault switch, for pages without a bundler. It
 * imports `./support-widgets.js` (so both files share one copy of the shared code — one `SupportError` class; loading
 * it also registers the elements) and adds only what the demo needs beyond it.
 *
 * ```html
 * <script type="module">
 *   import { createCachingBackend, provideBackend } from './support-widgets.js';
 *   import { createDemoBackend } from './demo-backend.js';
 *   provideBackend(document.body, createCachingBackend(createDemoBackend()));
 * </script>
 * ```
 */
import './support-widgets.js';

export * from '../backend/demo/demo-backend.js';
export type { DemoLocale } from '../backend/fixtures/seed.js';
export * from '../backend/faults.js';
