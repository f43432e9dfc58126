import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { type SupportError, toSupportError } from '../../backend/errors.js';
import { grantStatus } from '../../core/durations.js';
import { isoDayIn } from '../../core/zone.js';
import type { Grant, GrantStatus } from '../../core/types.js';
import { type CsvCell, downloadText, toCsv } from '../../internal/csv.js';
import { formatDuration, formatNumber } from '../../internal/format.js';
import { renderFreshness } from '../../internal/freshness.js';
import { renderError, renderSkeleton } from '../../internal/templates.js';
import { listStyles } from './list-styles.js';
import type { DialogBridge, DialogTranslator } from './shared.js';
import { csvTimestamp, formatInZones, granteeLabel, renderTime, writeErrorMessage } from './view-helpers.js';

/** Styles of the overviews, adopted by the dialog when this module loads. */
/** The views' English strings (German in the dialog's German chunk), registered by the dialog when this loads. */
export { unlockViewTranslations as strings } from './views.i18n.js';

export const styles = listStyles;

export type GrantsFilter = 'all' | 'active';

/** The rows of the grants CSV (header first): plain values, times in `timeZone` as `yyyy-MM-dd HH:mm:ss`. */
export function grantsCsvRows(
  grants: readonly Grant[],
  context: { t: DialogTranslator; timeZone: string; now: Date },
): CsvCell[][] {
  const { t, timeZone, now } = context;
  const zoned = (label: string) => t('csvZone', label, timeZone);
  const header = [
    t('colGrantee'),
    t('csvGranteeKind'),
    t('colDepartment'),
    t('colExport'),
    t('colGrantedBy'),
    t('csvSource'),
    zoned(t('colGrantedAt')),
    zoned(t('colEndsAt')),
    t('colStatus'),
    t('csvRevokedBy'),
    zoned(t('csvRevokedAt')),
  ];
  const rows = grants.map((g) => {
    const status = grantStatus(g, now);
    return [
      g.grantee.name,
      g.grantee.kind === 'employee' ? t('csvEmployee') : t('csvDepartment'),
      g.grantee.kind === 'employee' ? g.grantee.department.name : g.grantee.name,
      g.dataExport ? t('yes') : t('no'),
      g.grantedBy.name,
      g.source === 'unlock-link' ? t('csvSourceLink') : t('csvSourceDialog'),
      csvTimestamp(g.grantedAt, timeZone),
      g.endsAt ? csvTimestamp(g.endsAt, timeZone) : t('permanent'),
      status.kind === 'active' ? t('csvActive') : status.kind === 'expired' ? t('csvExpired') : t('csvRevoked'),
      status.kind === 'revoked' ? (status.by?.name ?? '') : '',
      status.kind === 'revoked' ? csvTimestamp(status.at, timeZone) : '',
    ];
  });
  return [header, ...rows];
}

/**
 * The Grants overview: grants of the last 6 months (and all still active), newest first, with who granted them, their
 * end and status; active ones can be revoked after a confirmation. Filter active/all, CSV download, and pages of
 * `pageSize` rows ("Show 100 more"), so thousands of grants render without jank.
 */
const FILTERS: readonly GrantsFilter[] = ['all', 'active'];

export class GrantsList {
  filter: GrantsFilter = 'all';
  /** Pages on screen ("Show 100 more" adds one). */
  pages = 1;
  confirming: string | null = null;
  revoking: string | null = null;
  rowError: { id: string; error: SupportError } | null = null;
  /** A grant just created: marked "New" at the top. */
  highlight: string | null = null;

  readonly #bridge: DialogBridge;
  #revoke: AbortController | null = null;

  constructor(bridge: DialogBridge) {
    this.#bridge = bridge;
  }

  reset(): void {
    this.#revoke?.abort();
    this.filter = 'all';
    this.pages = 1;
    this.confirming = null;
    this.revoking = null;
    this.rowError = null;
    this.highlight = null;
  }

  dispose(): void {
    this.#revoke?.abort();
  }

  /** The grants the filter lets through, newest first. */
  visible(grants: readonly Grant[], now: Date): Grant[] {
    return this.filter === 'active' ? grants.filter((g) => grantStatus(g, now).kind === 'active') : [...grants];
  }

  #update(): void {
    this.#bridge.host.requestUpdate();
  }

  #setFilter(value: GrantsFilter): void {
    if (this.filter === value) return;
    this.filter = value;
    this.pages = 1;
    this.#update();
  }

  /**
   * The ARIA radio-group keys: arrows move and select, wrapping. (Buttons with role="radio", not native radios: a
   * named native radio in a shadow root stays in the root's radio group after removal and keeps the whole old table
   * alive through its listener — 6,000 DOM nodes per tab switch in Chromium.)
   */
  #filterKey(event: KeyboardEvent, current: GrantsFilter): void {
    const forward = event.key === 'ArrowRight' || event.key === 'ArrowDown';
    const backward = event.key === 'ArrowLeft' || event.key === 'ArrowUp';
    if (!forward && !backward) return;
    event.preventDefault();
    const rtl = getComputedStyle(event.currentTarget as Element).direction === 'rtl';
    const step = (forward ? 1 : -1) * (rtl && (event.key === 'ArrowRight' || event.key === 'ArrowLeft') ? -1 : 1);
    const next = FILTERS[(FILTERS.indexOf(current) + step + FILTERS.length) % FILTERS.length]!;
    this.#setFilter(next);
    void this.#bridge.host.updateComplete.then(() =>
      (this.#bridge.host.shadowRoot?.querySelector(`[part="filter-radio"][data-value="${next}"]`) as HTMLElement | null)?.focus(),
    );
  }

  /** Focuses `name` once the pending render is done. */
  #focus(name: string): void {
    this.#bridge.host.requestUpdate();
    void this.#bridge.host.updateComplete.then(() =>
      (this.#bridge.host.shadowRoot?.getElementById(this.#bridge.id(name)) as HTMLElement | null)?.focus(),
    );
  }

  /** Builds the CSV of what the filter shows (all pages) and offers it for download. */
  download(): void {
    const bridge = this.#bridge;
    const grants = bridge.grants.value;
    if (!grants) return;
    const now = bridge.now();
    const rows = this.visible(grants, now);
    const csv = toCsv(grantsCsvRows(rows, { t: bridge.t, timeZone: bridge.viewerZone, now }), {
      separator: bridge.locale.startsWith('de') ? ';' : ',',
    });
    const filename = `${bridge.t('csvGrantsFile')}-${isoDayIn(now, bridge.viewerZone)}.csv`;
    const event = bridge.emit('support-download', { kind: 'grants', filename, csv, rows: rows.length }, { cancelable: true });
    if (!event.defaultPrevented) downloadText(filename, csv);
    bridge.announce(bridge.t('downloaded', formatNumber(rows.length, bridge.locale)));
  }

  async #revokeGrant(grant: Grant): Promise<void> {
    const bridge = this.#bridge;
    const api = bridge.api;
    if (!api || this.revoking) return;
    this.revoking = grant.id;
    this.rowError = null;
    this.#update();
    const controller = new AbortController();
    this.#revoke = controller;
    try {
      const revoked = await api.revokeGrant(grant.id, controller.signal);
      this.confirming = null;
      bridge.grantChanged(revoked);
      bridge.announce(bridge.t('revoked', granteeLabel(revoked.grantee, bridge.t)));
      bridge.emit('support-grant-revoked', { grant: revoked });
      this.#focus(`status-${grant.id}`);
    } catch (thrown) {
      const error = toSupportError(thrown);
      if (error.kind === 'aborted') return;
      this.rowError = { id: grant.id, error };
      this.confirming = null;
      if (error.reason === 'right-missing') bridge.rightMissing();
      // The grant ended meanwhile: show the truth.
      if (error.reason === 'grant-inactive') void bridge.grants.retry();
      this.#focus(`revoke-${grant.id}`);
    } finally {
      if (this.#revoke === controller) this.#revoke = null;
      this.revoking = null;
      this.#update();
    }
  }

  // ------------------------------------------------------------------------------------------------ render
  render(): TemplateResult {
    const bridge = this.#bridge;
    const { t } = bridge;
    const grants = bridge.grants;
    return html`<div class="toolbar" part="toolbar">
        <div class="filter" part="filter" role="radiogroup" aria-labelledby=${bridge.id('grants-filter-label')}>
          <span class="filter-label" id=${bridge.id('grants-filter-label')}>${t('filterLabel')}</span>
          ${FILTERS.map(
            (value) => html`<button
              class="filter-choice"
              type="button"
              role="radio"
              part="filter-radio"
              data-value=${value}
              aria-checked=${this.filter === value ? 'true' : 'false'}
              tabindex=${this.filter === value ? '0' : '-1'}
              @click=${() => this.#setFilter(value)}
              @keydown=${(event: KeyboardEvent) => this.#filterKey(event, value)}
            >
              <span class="filter-dot" aria-hidden="true"></span>${value === 'all' ? t('filterAll') : t('filterActive')}
            </button>`,
          )}
        </div>
        <button
          class="button"
          part="download-button"
          type="button"
          ?disabled=${!grants.value}
          @click=${() => this.download()}
        >
          ${t('download')}
        </button>
      </div>
      ${grants.render({
        idle: () => renderSkeleton(6, t),
        loading: () => renderSkeleton(6, t),
        error: (error, retry) => renderError(error, retry, t),
        value: (value) => this.#renderTable(value),
      })}`;
  }

  #renderTable(grants: readonly Grant[]): TemplateResult {
    const bridge = this.#bridge;
    const { t, id, locale } = bridge;
    const now = bridge.now();
    const rows = this.visible(grants, now);
    const page = rows.slice(0, this.pages * bridge.pageSize);
    const freshness = renderFreshness(bridge.grants, { t, locale, timeZone: bridge.viewerZone });
    if (!rows.length) {
      return html`${freshness}
        <p class="empty notice" part="empty">${this.filter === 'active' ? t('grantsEmptyActive') : t('grantsEmpty')}</p>`;
    }
    const actions = bridge.mayUnlock;
    const more = rows.length - page.length;
    return html`${freshness}
      <div class="table-wrap" part="table-wrap" role="region" tabindex="0" aria-labelledby=${id('grants-caption')}>
        <table class="table" part="table">
          <caption id=${id('grants-caption')}>${t('grantsCaption')}</caption>
          <thead>
            <tr part="header-row">
              <th scope="col">${t('colGrantee')}</th>
              <th scope="col">${t('colExport')}</th>
              <th scope="col">${t('colGranted')}</th>
              <th scope="col">${t('colEndsAt')}</th>
              <th scope="col">${t('colStatus')}</th>
              ${actions ? html`<th scope="col">${t('colActions')}</th>` : nothing}
            </tr>
          </thead>
          <tbody>
            ${repeat(
              page,
              (g) => g.id,
              (g) => this.#renderRow(g, grantStatus(g, now), actions),
            )}
          </tbody>
        </table>
      </div>
      ${more > 0
        ? html`<div class="more" part="more">
            <span class="muted">${t('shownOf', formatNumber(page.length, locale), formatNumber(rows.length, locale))}</span>
            <button
              class="button"
              part="more-button"
              type="button"
              @click=${() => {
                this.pages += 1;
                this.#update();
              }}
            >
              ${t('showMore', formatNumber(Math.min(more, bridge.pageSize), locale))}
            </button>
          </div>`
        : nothing}`;
  }

  #renderRow(grant: Grant, status: GrantStatus, actions: boolean): TemplateResult {
    const bridge = this.#bridge;
    const { t, id } = bridge;
    const isNew = grant.id === this.highlight;
    const rowError = this.rowError?.id === grant.id ? this.rowError.error : null;
    return html`<tr part=${isNew ? 'row row-new' : 'row'} data-id=${grant.id} data-status=${status.kind}>
      <th scope="row">
        ${granteeLabel(grant.grantee, t)}
        ${isNew ? html`<span class="badge" part="badge">${t('newBadge')}</span>` : nothing}
      </th>
      <td>${grant.dataExport ? t('yes') : t('no')}</td>
      <td>
        <span class="granted-by">${grant.grantedBy.name}</span>${grant.source === 'unlock-link'
          ? html` <span class="muted small">(${t('viaLink')})</span>`
          : nothing}<br />${renderTime(grant.grantedAt, bridge, 'date-time')}
      </td>
      <td>${grant.endsAt ? renderTime(grant.endsAt, bridge, 'date-time') : t('permanent')}</td>
      <td id=${id(`status-${grant.id}`)} tabindex="-1" class="status" data-status=${status.kind}>
        <span class="status-dot" aria-hidden="true"></span>${this.#statusText(status)}
      </td>
      ${actions ? html`<td class="row-actions">${this.#renderActions(grant, status, rowError)}</td>` : nothing}
    </tr>`;
  }

  #statusText(status: GrantStatus): string {
    const bridge = this.#bridge;
    const { t } = bridge;
    switch (status.kind) {
      case 'active':
        return status.remainingMs === null
          ? t('statusActivePermanent')
          : t('statusActive', formatDuration(status.remainingMs, bridge.locale));
      case 'expired':
        return t('statusExpired');
      case 'revoked': {
        const at = formatInZones(status.at, bridge, 'date-time').viewer;
        return status.by ? t('statusRevoked', status.by.name, at) : t('statusRevokedAnonymous', at);
      }
    }
  }

  #renderActions(grant: Grant, status: GrantStatus, error: SupportError | null): TemplateResult | typeof nothing {
    const { t, id } = this.#bridge;
    const who = granteeLabel(grant.grantee, t);
    const errorNotice = error
      ? html`<p class="row-error" part="row-error" role="alert">${writeErrorMessage(error, t)}</p>`
      : nothing;
    if (status.kind !== 'active') return errorNotice;
    if (this.confirming === grant.id || this.revoking === grant.id) {
      const busy = this.revoking === grant.id;
      return html`<div
        class="revoke-confirm"
        part="revoke-confirm"
        role="group"
        aria-labelledby=${id(`revoke-q-${grant.id}`)}
        @keydown=${(e: KeyboardEvent) => {
          if (e.key !== 'Escape' || busy) return;
          e.preventDefault();
          e.stopPropagation();
          this.confirming = null;
          this.#update();
          this.#focus(`revoke-${grant.id}`);
        }}
      >
        <p id=${id(`revoke-q-${grant.id}`)}>${t('revokeQuestion', who)}</p>
        <button
          class="button danger"
          part="revoke-confirm-button"
          type="button"
          aria-disabled=${busy ? 'true' : 'false'}
          @click=${() => void this.#revokeGrant(grant)}
        >
          ${busy ? t('revoking') : t('revokeYes')}
        </button>
        <button
          class="button"
          part="revoke-cancel-button"
          id=${id(`revoke-no-${grant.id}`)}
          type="button"
          ?disabled=${busy}
          @click=${() => {
            this.confirming = null;
            this.#update();
            this.#focus(`revoke-${grant.id}`);
          }}
        >
          ${t('revokeNo')}
        </button>
      </div>`;
    }
    return html`${errorNotice}<button
        class="button danger"
        part="revoke-button"
        id=${id(`revoke-${grant.id}`)}
        type="button"
        aria-label=${t('revokeLabel', who)}
        @click=${() => {
          this.confirming = grant.id;
          this.rowError = null;
          this.#update();
          this.#focus(`revoke-no-${grant.id}`);
        }}
      >
        ${t('revoke')}
      </button>`;
  }
}
