import type { Localized } from '../../internal/localize.js';
import type { AboutTenantMessages } from './about-tenant.i18n.js';

/** The German strings of <about-tenant>, loaded on demand (`about-tenant.i18n.ts` declares the loader). */
export const de: Localized<AboutTenantMessages> = {
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
};
