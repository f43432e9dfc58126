import { defineTranslations } from '../../internal/localize.js';

export const aboutTenantTranslations = defineTranslations({
  en: {
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
  },
  de: {
    title: (product: string) => `Über ${product}`,
    titleFallback: 'Über',
    tenantName: 'Mandantenname',
    tenantNameHint: 'Geben Sie ihn bei der Anmeldung im Feld „Kunde“ an und nennen Sie ihn, wenn Sie den Support kontaktieren.',
    tenantLabel: 'Bezeichnung',
    version: 'Version',
    build: 'Build',
    releasedAt: 'Veröffentlicht',
    edition: 'Edition',
    customerNumber: 'Kundennummer',
    copyTenantName: 'Mandantennamen kopieren',
    tenantNameCopied: (name: string) => `Mandantenname „${name}“ in die Zwischenablage kopiert.`,
  },
});
