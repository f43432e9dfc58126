/** Registers every support-widgets element. */
import '../elements/about-tenant/define.js';
import '../elements/support-unlock-dialog/define.js';
import '../elements/support-access-indicator/define.js';

export * from '../index.js';
