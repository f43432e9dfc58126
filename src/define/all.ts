/** Registers every support-widgets element. */
import '../elements/about-tenant/define.js';
import '../elements/support-chat-panel/define.js';

export * from '../index.js';
