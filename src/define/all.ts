/** Registers every support-widgets element. */
import '../elements/about-tenant/define.js';
import '../elements/callback-scheduler/define.js';
import '../elements/support-contact/define.js';

export * from '../index.js';
