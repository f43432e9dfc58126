/**
 * support-widgets: embeddable Lit web components for a CRM's support experience.
 *
 * This entry point has no side effects: it exports the element classes, the domain core and the backend layer.
 * Register elements with their own entry (`support-widgets/about-tenant`) or all at once (`support-widgets/all`).
 */
export * from './core/index.js';
export * from './backend/index.js';
export { backendContext, provideBackend } from './internal/context.js';
export type { SupportEventDetails, SupportEventName, SupportCustomEvent } from './internal/events.js';
export { SupportElement } from './internal/support-element.js';
export { ModalSupportElement } from './internal/modal-element.js';
export { AboutTenant } from './elements/about-tenant/about-tenant.js';
export { SupportChatPanel } from './elements/support-chat-panel/support-chat-panel.js';
