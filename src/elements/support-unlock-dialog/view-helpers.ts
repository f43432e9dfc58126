import { html, nothing, type TemplateResult } from 'lit';
import type { SupportError } from '../../backend/errors.js';
import type { GrantDuration, Grantee } from '../../core/types.js';
import { isoDayIn } from '../../core/zone.js';
import { formatDate, formatTimestamp, formatZoneName, zonesDiffer, type DateStyle } from '../../internal/format.js';
import type { DialogContext, DialogTranslator } from './dialog-part.js';

// Formatting helpers of the dialog and its parts (Grant form, overviews, link view).

/** A time in the viewer's zone and, where that shows a different wall time, in the tenant's. */
export function formatInZones(
  date: Date,
  ctx: Pick<DialogContext, 'locale' | 'viewerZone' | 'tenantZone'>,
  style: DateStyle,
  withZoneName = false,
): { viewer: string; tenant: string | null } {
  const { locale, viewerZone, tenantZone } = ctx;
  const differ = zonesDiffer(date, viewerZone, tenantZone);
  const named = (zone: string) => {
    const text = formatDate(date, locale, zone, style);
    return withZoneName || differ ? `${text} ${formatZoneName(date, locale, zone)}` : text;
  };
  return { viewer: named(viewerZone), tenant: differ ? named(tenantZone) : null };
}

/** "Lena Hoffmann (Support)" / "Support (whole department)". */
export function granteeLabel(grantee: Grantee, t: DialogTranslator): string {
  return grantee.kind === 'employee' ? `${grantee.name} (${grantee.department.name})` : t('departmentGrantee', grantee.name);
}

/** "until Wed 25 Nov 2026, 18:42 CET" or "without an end, until you revoke it" (viewer's zone). */
export function untilText(endsAt: Date | null, ctx: DialogContext): string {
  if (!endsAt) return ctx.t('untilRevoked');
  return ctx.t('until', formatInZones(endsAt, ctx, 'date-time', true).viewer);
}

/**
 * A table cell's time: the viewer's, and — where the tenant's zone shows another wall time — the tenant's below it,
 * compact (the time only when it is the same calendar day there).
 */
export function renderTime(date: Date, ctx: DialogContext, style: DateStyle): TemplateResult {
  const { locale, viewerZone, tenantZone } = ctx;
  const { viewer } = formatInZones(date, ctx, style);
  let tenant: string | null = null;
  if (zonesDiffer(date, viewerZone, tenantZone)) {
    const sameDay = isoDayIn(date, viewerZone) === isoDayIn(date, tenantZone);
    tenant = `${formatDate(date, locale, tenantZone, sameDay ? 'time' : 'weekday-date-time')} ${formatZoneName(date, locale, tenantZone)}`;
  }
  return html`<time datetime=${date.toISOString()}>${viewer}</time>${tenant
      ? html`<br /><span class="muted small">${ctx.t('companyTime', tenant)}</span>`
      : nothing}`;
}

export const durationLabel = (duration: GrantDuration, t: DialogTranslator): string =>
  t(`duration.${duration}` as 'duration.1h');

/** The sentence for an error of a write, worded for this dialog's reasons; `brand` names the right (`tenantBrand`). */
export function writeErrorMessage(error: SupportError, t: DialogTranslator, brand: string): string {
  switch (error.reason) {
    case 'right-missing':
      return t('error.right-missing', t('rightName', brand));
    case 'grant-inactive':
      return t('revokeInactive');
    case 'token-unknown':
      return t('linkUnknown');
    case 'token-expired':
      return t('linkExpired');
    case 'token-used':
      return t('linkUsed');
    default:
      return t(`error.${error.kind}` as 'error.network');
  }
}

/** `2026-11-25 14:02:13` in `timeZone`: sortable, unambiguous with the zone named in the column header (CSV). */
export const csvTimestamp = formatTimestamp;
