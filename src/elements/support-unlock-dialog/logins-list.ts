import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { isoDayIn } from '../../core/zone.js';
import type { Grant, SupportLogin } from '../../core/types.js';
import { type CsvCell, downloadText, toCsv } from '../../internal/csv.js';
import { formatDate, formatNumber } from '../../internal/format.js';
import { renderFreshness } from '../../internal/freshness.js';
import { renderError, renderSkeleton } from '../../internal/templates.js';
import { listStyles } from './list-styles.js';
import type { DialogBridge, DialogTranslator } from './shared.js';
import { csvTimestamp, granteeLabel, renderTime } from './view-helpers.js';

/** "Support (whole department), granted 23 Nov 2026" for the grant a login used. */
function grantReference(grant: Grant | undefined, context: { t: DialogTranslator; locale: string; timeZone: string }): string {
  const { t, locale, timeZone } = context;
  if (!grant) return t('grantUnknown');
  return t('grantRef', granteeLabel(grant.grantee, t), formatDate(grant.grantedAt, locale, timeZone, 'date'));
}

/** Styles of the overviews, adopted by the dialog when this module loads. */
/** The views' English strings (German in the dialog's German chunk), registered by the dialog when this loads. */
export { unlockViewTranslations as strings } from './views.i18n.js';

export const styles = listStyles;

/** The rows of the logins CSV (header first): times in `timeZone` with seconds. */
export function loginsCsvRows(
  logins: readonly SupportLogin[],
  grants: ReadonlyMap<string, Grant>,
  context: { t: DialogTranslator; locale: string; timeZone: string },
): CsvCell[][] {
  const { t, timeZone } = context;
  const header = [
    t('csvZone', t('colLoginAt'), timeZone),
    t('csvZone', t('colLoggedOut'), timeZone),
    t('colEmployee'),
    t('colDepartment'),
    t('colReason'),
    t('colGrant'),
  ];
  const rows = logins.map((l) => [
    csvTimestamp(l.startedAt, timeZone),
    l.endedAt ? csvTimestamp(l.endedAt, timeZone) : t('stillLoggedIn'),
    l.employee.name,
    l.employee.department.name,
    l.reason,
    grantReference(grants.get(l.grantId), context),
  ]);
  return [header, ...rows];
}

/**
 * The Logins overview: every support login of the last 6 months, newest first, to the second, with employee,
 * department, the stated reason and the grant it used; live while somebody is logged in. CSV download; pages of
 * `pageSize` rows.
 */
export class LoginsList {
  /** Pages on screen ("Show 100 more" adds one). */
  pages = 1;
  readonly #bridge: DialogBridge;
  #grantsSource: readonly Grant[] | undefined;
  #grantsById = new Map<string, Grant>();

  constructor(bridge: DialogBridge) {
    this.#bridge = bridge;
  }

  reset(): void {
    this.pages = 1;
  }

  get #grants(): ReadonlyMap<string, Grant> {
    const source = this.#bridge.grants.value;
    if (source !== this.#grantsSource) {
      this.#grantsSource = source;
      this.#grantsById = new Map((source ?? []).map((g) => [g.id, g]));
    }
    return this.#grantsById;
  }

  download(): void {
    const bridge = this.#bridge;
    const logins = bridge.logins.value;
    if (!logins) return;
    const csv = toCsv(loginsCsvRows(logins, this.#grants, { t: bridge.t, locale: bridge.locale, timeZone: bridge.viewerZone }), {
      separator: bridge.locale.startsWith('de') ? ';' : ',',
    });
    const filename = `${bridge.t('csvLoginsFile')}-${isoDayIn(bridge.now(), bridge.viewerZone)}.csv`;
    const event = bridge.emit('support-download', { kind: 'logins', filename, csv, rows: logins.length }, { cancelable: true });
    if (!event.defaultPrevented) downloadText(filename, csv);
    bridge.announce(bridge.t('downloaded', formatNumber(logins.length, bridge.locale)));
  }

  render(): TemplateResult {
    const bridge = this.#bridge;
    const { t } = bridge;
    const logins = bridge.logins;
    return html`<div class="toolbar" part="toolbar">
        <span></span>
        <button class="button" part="download-button" type="button" ?disabled=${!logins.value} @click=${() => this.download()}>
          ${t('download')}
        </button>
      </div>
      ${logins.render({
        idle: () => renderSkeleton(6, t),
        loading: () => renderSkeleton(6, t),
        error: (error, retry) => renderError(error, retry, t),
        value: (value) => this.#renderTable(value),
      })}`;
  }

  #renderTable(logins: readonly SupportLogin[]): TemplateResult {
    const bridge = this.#bridge;
    const { t, id, locale } = bridge;
    const freshness = renderFreshness(bridge.logins, { t, locale, timeZone: bridge.viewerZone });
    if (!logins.length) return html`${freshness}<p class="empty notice" part="empty">${t('loginsEmpty')}</p>`;
    const page = logins.slice(0, this.pages * bridge.pageSize);
    const more = logins.length - page.length;
    const grants = this.#grants;
    const context = { t, locale, timeZone: bridge.viewerZone };
    return html`${freshness}
      <div class="table-wrap" part="table-wrap" role="region" tabindex="0" aria-labelledby=${id('logins-caption')}>
        <table class="table" part="table">
          <caption id=${id('logins-caption')}>${t('loginsCaption')}</caption>
          <thead>
            <tr part="header-row">
              <th scope="col">${t('colLoginAt')}</th>
              <th scope="col">${t('colLoggedOut')}</th>
              <th scope="col">${t('colEmployee')}</th>
              <th scope="col">${t('colDepartment')}</th>
              <th scope="col">${t('colReason')}</th>
              <th scope="col">${t('colGrant')}</th>
            </tr>
          </thead>
          <tbody>
            ${repeat(
              page,
              (l) => l.id,
              (l) => html`<tr part=${l.endedAt ? 'row' : 'row row-live'} data-id=${l.id} data-live=${l.endedAt ? 'false' : 'true'}>
                <td>${renderTime(l.startedAt, bridge, 'date-time-seconds')}</td>
                <td>
                  ${l.endedAt
                    ? renderTime(l.endedAt, bridge, 'date-time-seconds')
                    : html`<strong class="live" part="live-badge">${t('stillLoggedIn')}</strong>`}
                </td>
                <th scope="row">${l.employee.name}</th>
                <td>${l.employee.department.name}</td>
                <td class="reason">${l.reason.trim() ? l.reason : html`<span class="muted">${t('noReason')}</span>`}</td>
                <td>${grantReference(grants.get(l.grantId), context)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${more > 0
        ? html`<div class="more" part="more">
            <span class="muted">${t('shownOf', formatNumber(page.length, locale), formatNumber(logins.length, locale))}</span>
            <button
              class="button"
              part="more-button"
              type="button"
              @click=${() => {
                this.pages += 1;
                bridge.host.requestUpdate();
              }}
            >
              ${t('showMore', formatNumber(Math.min(more, bridge.pageSize), locale))}
            </button>
          </div>`
        : nothing}`;
  }
}
