import { defineTranslations } from '../../internal/localize.js';

/** The English strings of <about-tenant>; the German ones are in `about-tenant.de.ts`, loaded on demand. */
const en = {
  title: (product: string) => `About ${product}`,
  titleFallback: 'About',
  tenantName: 'Tenant name',
  tenantNameHint: 'Enter it in the "Customer" field when you sign in, and quote it when you contact support.',
  tenantLabel: 'Label',
  version: 'Version',
  build: 'Build',
  releasedAt: 'Released',
  edition: 'Edition',
  customerNumber: 'Customer number',
  copyTenantName: 'Copy tenant name',
  tenantNameCopied: (name: string) => `Tenant name "${name}" copied to the clipboard.`,
};

export type AboutTenantMessages = typeof en;

export const aboutTenantTranslations = defineTranslations({
  en,
  de: () => import('./about-tenant.de.js').then((m) => m.de),
});
