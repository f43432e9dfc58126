/**
 * `dist/cdn/core.js`: the domain core for a page without a bundler — the support time rules (`grantEndsAt`,
 * `retentionStart`, support hours, callback windows, the hotline tiers …), pure functions without DOM. It shares
 * `support-widgets.js` (one copy of date-fns and of the rules on the page):
 *
 *   import { grantEndsAt, retentionStart } from './dist/cdn/core.js';
 */
import './support-widgets.js';

export * from '../core/index.js';
