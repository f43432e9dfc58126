/**
 * `dist/cdn/testing.js`: the conformance suite (`runConformance`, `CONFORMANCE_CHECKS` …) for a page without a
 * bundler, e.g. to check an own adapter in the browser. Shares `support-widgets.js`.
 *
 *   import { runConformance } from './dist/cdn/testing.js';
 */
import './support-widgets.js';

export * from '../testing/index.js';
