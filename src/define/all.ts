/**
 * Registers every support-widgets element: `import 'support-widgets/all'`. It exports nothing — the classes, the
 * backend layer and the helpers come from `support-widgets` — so that a bundle of all elements does not carry the
 * demo backend.
 */
import '../elements/about-tenant/define.js';
import '../elements/callback-scheduler/define.js';
import '../elements/support-contact/define.js';
import '../elements/support-unlock-dialog/define.js';
import '../elements/support-access-indicator/define.js';
import '../elements/support-chat-panel/define.js';
