import type { activeLoginEn } from './active-logins.js';
import type { Localized } from './localize.js';

/** German strings for "Support (…) has been in your system since …", spread into the German tables that need them. */
export const activeLoginDe: Localized<typeof activeLoginEn> = {
  activeLogin: (name: string, since: string) => `Der Support (${name}) ist seit ${since} in Ihrem System`,
  activeLoginReason: (reason: string) => `Grund: ${reason}`,
  activeLoginNoReason: 'kein Grund angegeben',
  activeLoginMore: (count: number) => (count === 1 ? 'und 1 weiterer Support-Login' : `und ${count} weitere Support-Logins`),
};
