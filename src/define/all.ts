/** Registers every support-widgets element. */
import '../elements/about-tenant/define.js';

export * from '../index.js';
