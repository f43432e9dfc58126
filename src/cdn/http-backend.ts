/**
 * `dist/cdn/http-backend.js`: `createHttpBackend` for pages without a bundler that connect the elements to a server
 * speaking docs/openapi.yaml. Like the demo backend beside it, it imports `./support-widgets.js` (one copy of the
 * shared code, one `SupportError` class; loading it also registers the elements) and adds only the HTTP client.
 *
 * ```html
 * <script type="module">
 *   import { createCachingBackend, provideBackend } from './support-widgets.js';
 *   import { createHttpBackend } from './http-backend.js';
 *   const api = createHttpBackend({ baseUrl: 'https://crm.example/support-api/v1', token: () => session.token });
 *   provideBackend(document.body, createCachingBackend(api, { scope: { tenantId, userId } }));
 * </script>
 * ```
 */
import './support-widgets.js';

export * from '../backend/http/index.js';
