// Generated from custom-elements.json by scripts/generate.mjs (`npm run analyze`). Do not edit.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { SupportUnlockDialog as SupportUnlockDialogElement } from '../elements/support-unlock-dialog/support-unlock-dialog.js';
import '../elements/support-unlock-dialog/define.js';
import type { SupportCustomEvent } from '../internal/events.js';

/**
 * React component for `<support-unlock-dialog>`: Grant support access, confirm unlock links, and see every grant and support login.
 * Props are the element's properties; events are `onSupportGrantCreated`-style props.
 */
export const SupportUnlockDialog = createComponent({
  tagName: 'support-unlock-dialog',
  elementClass: SupportUnlockDialogElement,
  react: React,
  events: {
    onSupportGrantCreated: 'support-grant-created' as EventName<SupportCustomEvent<'support-grant-created'>>,
    onSupportGrantRevoked: 'support-grant-revoked' as EventName<SupportCustomEvent<'support-grant-revoked'>>,
    onSupportLinkConfirmed: 'support-link-confirmed' as EventName<SupportCustomEvent<'support-link-confirmed'>>,
    onSupportRightsChange: 'support-rights-change' as EventName<SupportCustomEvent<'support-rights-change'>>,
    onSupportDownload: 'support-download' as EventName<SupportCustomEvent<'support-download'>>,
    onSupportRequestClose: 'support-request-close' as EventName<SupportCustomEvent<'support-request-close'>>,
    onSupportOpen: 'support-open' as EventName<SupportCustomEvent<'support-open'>>,
    onSupportClose: 'support-close' as EventName<SupportCustomEvent<'support-close'>>,
  },
  displayName: 'SupportUnlockDialog',
});
