import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { isoDayIn } from '../../core/zone.js';
import type { Grant, SupportLogin } from '../../core/types.js';
import { type CsvCell, downloadText, toCsv } from '../../internal/csv.js';
import { formatDate, formatNumber } from '../../internal/format.js';
import { renderFreshness } from '../../internal/freshness.js';
import { renderError, renderSkeleton } from '../../internal/templates.js';
import { listStyles } from './list-styles.js';
import { type DataStatus, DialogPart, type DialogTranslator, NO_DATA } from './dialog-part.js';
import { csvTimestamp, granteeLabel, renderTime } from './view-helpers.js';

/** "Support (whole department), granted 23 Nov 2026" for the grant a login used. */
function grantReference(grant: Grant | undefined, context: { t: DialogTranslator; locale: string; timeZone: string }): string {
  const { t, locale, timeZone } = context;
  if (!grant) return t('grantUnknown');
  return t('grantRef', granteeLabel(grant.grantee, t), formatDate(grant.grantedAt, locale, timeZone, 'date'));
}


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
export class UnlockLoginsList extends DialogPart {
  static override styles = [...DialogPart.styles, listStyles];

  /** The logins (`undefined` until read) and where they come from. */
  @property({ attribute: false }) logins: readonly SupportLogin[] | undefined = undefined;
  @property({ attribute: false }) status: DataStatus = NO_DATA;
  /** The grants, to name the one each login used (may be `undefined` while they load). */
  @property({ attribute: false }) grants: readonly Grant[] | undefined = undefined;
  /** Rows per page. */
  @property({ attribute: false }) pageSize = 100;

  /** Pages on screen ("Show 100 more" adds one). */
  @state() pages = 1;
  #grantsSource: readonly Grant[] | undefined;
  #grantsById = new Map<string, Grant>();

  get #grants(): ReadonlyMap<string, Grant> {
    const source = this.grants;
    if (source !== this.#grantsSource) {
      this.#grantsSource = source;
      this.#grantsById = new Map((source ?? []).map((g) => [g.id, g]));
    }
    return this.#grantsById;
  }

  download(): void {
    const logins = this.logins;
    if (!logins) return;
    const csv = toCsv(loginsCsvRows(logins, this.#grants, { t: this.t, locale: this.locale, timeZone: this.viewerZone }), {
      separator: this.locale.startsWith('de') ? ';' : ',',
    });
    const filename = `${this.t('csvLoginsFile')}-${isoDayIn(this.currentTime(), this.viewerZone)}.csv`;
    const event = this.emit('support-download', { kind: 'logins', filename, csv, rows: logins.length }, { cancelable: true });
    if (!event.defaultPrevented) downloadText(filename, csv);
    this.announce(this.t('downloaded', formatNumber(logins.length, this.locale)));
  }

  protected override render(): TemplateResult {
    const t = this.t;
    const logins = this.logins;
    return html`<div class="toolbar" part="toolbar">
        <span></span>
        <button class="button" part="download-button" type="button" ?disabled=${!logins} @click=${() => this.download()}>
          ${t('download')}
        </button>
      </div>
      ${logins
        ? this.#renderTable(logins)
        : this.status.error
          ? renderError(this.status.error, () => this.report('unlock-refresh', { data: 'logins' }), t)
          : renderSkeleton(6, t)}`;
  }

  #renderTable(logins: readonly SupportLogin[]): TemplateResult {
    const { t, locale, ctx } = this;
    const id = (name: string) => name;
    const pageSize = Math.max(1, this.pageSize);
    const freshness = renderFreshness(
      { ...this.status, retry: () => Promise.resolve(this.report('unlock-refresh', { data: 'logins' })) },
      { t, locale, timeZone: this.viewerZone, now: this.currentTime() },
    );
    if (!logins.length) return html`${freshness}<p class="empty notice" part="empty">${t('loginsEmpty')}</p>`;
    const page = logins.slice(0, this.pages * pageSize);
    const more = logins.length - page.length;
    const grants = this.#grants;
    const context = { t, locale, timeZone: this.viewerZone };
    return html`${freshness}
      <div class="table-wrap" part="table-wrap" role="group" tabindex="0" aria-labelledby=${id('logins-caption')}>
        <table class="table" part="table" role="table" aria-labelledby=${id('logins-caption')}>
          <caption id=${id('logins-caption')}>${t('loginsCaption')}</caption>
          <thead role="rowgroup">
            <tr part="header-row" role="row">
              <th scope="col" role="columnheader">${t('colLoginAt')}</th>
              <th scope="col" role="columnheader">${t('colLoggedOut')}</th>
              <th scope="col" role="columnheader">${t('colEmployee')}</th>
              <th scope="col" role="columnheader">${t('colDepartment')}</th>
              <th scope="col" role="columnheader">${t('colReason')}</th>
              <th scope="col" role="columnheader">${t('colGrant')}</th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            ${repeat(
              page,
              (l) => l.id,
              // Each cell names its column in data-label: as a card (narrow container, list-styles.ts) the label shows.
              (l) => html`<tr part=${l.endedAt ? 'row' : 'row row-live'} role="row" data-id=${l.id} data-live=${l.endedAt ? 'false' : 'true'}>
                <td role="cell" data-label=${t('colLoginAt')}>${renderTime(l.startedAt, ctx, 'date-time-seconds')}</td>
                <td role="cell" data-label=${t('colLoggedOut')}>
                  ${l.endedAt
                    ? renderTime(l.endedAt, ctx, 'date-time-seconds')
                    : html`<strong class="live" part="live-badge">${t('stillLoggedIn')}</strong>`}
                </td>
                <th scope="row" role="rowheader" data-label=${t('colEmployee')}>${l.employee.name}</th>
                <td role="cell" data-label=${t('colDepartment')}>${l.employee.department.name}</td>
                <td role="cell" data-label=${t('colReason')} class="reason">${l.reason.trim() ? l.reason : html`<span class="muted">${t('noReason')}</span>`}</td>
                <td role="cell" data-label=${t('colGrant')}>${grantReference(grants.get(l.grantId), context)}</td>
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
              }}
            >
              ${t('showMore', formatNumber(Math.min(more, pageSize), locale))}
            </button>
          </div>`
        : nothing}`;
  }
}
