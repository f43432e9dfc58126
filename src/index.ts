/**
 * support-widgets: embeddable Lit web components for a CRM's support experience.
 *
 * This entry point has no side effects: it exports the element classes, the domain core and the backend layer.
 * Register elements with their own entry (`support-widgets/about-tenant`) or all at once (`support-widgets/all`).
 */
export * from './core/index.js';
export * from './backend/index.js';
export { backendContext, clockContext, provideBackend } from './internal/context.js';
export type { Clock, ProvideBackendOptions, ProvideOptions } from './internal/context.js';
export type { SupportEventDetails, SupportEventName, SupportCustomEvent } from './internal/events.js';
export { SupportElement } from './internal/support-element.js';
export { ModalSupportElement } from './internal/modal-element.js';
export { AboutTenant } from './elements/about-tenant/about-tenant.js';
export { CallbackScheduler, type CallbackSchedulerView } from './elements/callback-scheduler/callback-scheduler.js';
export {
  SupportContact,
  CONTACT_SECTIONS,
  type ContactSection,
  type SupportChannel,
  type SupportChannelSelectDetail,
} from './elements/support-contact/support-contact.js';
export type { ContactFacts, ContactSource } from './internal/contact-facts.js';
export { SupportUnlockDialog, type UnlockDialogTab } from './elements/support-unlock-dialog/support-unlock-dialog.js';
export {
  takeUnlockToken,
  extractUnlockToken,
  UNLOCK_LINK_PARAM,
  type ExtractedUnlockToken,
} from './elements/support-unlock-dialog/unlock-link.js';
export { SupportAccessIndicator } from './elements/support-access-indicator/support-access-indicator.js';
export { toCsv, csvCell, neutraliseFormula, type CsvCell, type CsvOptions } from './internal/csv.js';
export { SupportChatPanel } from './elements/support-chat-panel/support-chat-panel.js';
