// Generated from custom-elements.json by scripts/generate.mjs (`npm run analyze`). Do not edit.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { AboutTenant as AboutTenantElement } from '../elements/about-tenant/about-tenant.js';
import '../elements/about-tenant/define.js';
import type { SupportCustomEvent } from '../internal/events.js';

/**
 * React component for `<about-tenant>`: The tenant name, its label and the version facts (Help → About).
 * Props are the element's properties; events are `onSupportCopy`-style props.
 */
export const AboutTenant = createComponent({
  tagName: 'about-tenant',
  elementClass: AboutTenantElement,
  react: React,
  events: {
    onSupportCopy: 'support-copy' as EventName<SupportCustomEvent<'support-copy'>>,
    onSupportRequestClose: 'support-request-close' as EventName<SupportCustomEvent<'support-request-close'>>,
    onSupportOpen: 'support-open' as EventName<SupportCustomEvent<'support-open'>>,
    onSupportClose: 'support-close' as EventName<SupportCustomEvent<'support-close'>>,
  },
  displayName: 'AboutTenant',
});
