// Generated from custom-elements.json by scripts/generate.mjs (`npm run analyze`). Do not edit.
// React components for every element: `import { AboutTenant } from 'support-widgets/react'`, or one at a time
// from 'support-widgets/react/<tag>'. Needs react and @lit/react.
export { AboutTenant } from './about-tenant.js';
export { CallbackScheduler } from './callback-scheduler.js';
export { SupportAccessIndicator } from './support-access-indicator.js';
export { SupportChatPanel } from './support-chat-panel.js';
export { SupportContact } from './support-contact.js';
export { SupportUnlockDialog } from './support-unlock-dialog.js';
