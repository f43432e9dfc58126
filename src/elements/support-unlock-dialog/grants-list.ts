import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
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
import { type DataStatus, DialogPart, type DialogTranslator, NO_DATA } from './dialog-part.js';
import { csvTimestamp, formatInZones, granteeLabel, renderTime, writeErrorMessage } from './view-helpers.js';

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

const FILTERS: readonly GrantsFilter[] = ['all', 'active'];

/**
 * The Grants overview (internal element of `<support-unlock-dialog>`): grants of the last 6 months (and all still
 * active), newest first, with who granted them, their end and status; active ones can be revoked after a
 * confirmation (reported with the public `support-grant-revoked`). Filter active/all, CSV download, and pages of
 * `pageSize` rows ("Show 100 more"), so thousands of grants render without jank.
 */
export class UnlockGrantsList extends DialogPart {
  static override styles = [...DialogPart.styles, listStyles];

  /** The grants (`undefined` until read) and where they come from. */
  @property({ attribute: false }) grants: readonly Grant[] | undefined = undefined;
  @property({ attribute: false }) status: DataStatus = NO_DATA;
  /** Rows per page. */
  @property({ attribute: false }) pageSize = 100;
  /** The user may revoke (the right "may unlock the support user"). */
  @property({ attribute: false }) mayUnlock = false;
  /** A grant just created: marked "New" (and the filter shows all). */
  @property({ attribute: false }) highlight: string | null = null;

  @state() filter: GrantsFilter = 'all';
  /** Pages on screen ("Show 100 more" adds one). */
  @state() pages = 1;
  @state() confirming: string | null = null;
  @state() revoking: string | null = null;
  @state() rowError: { id: string; error: SupportError } | null = null;

  #revoke: AbortController | null = null;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (changed.has('highlight') && this.highlight) this.filter = 'all';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#revoke?.abort();
  }

  /** The grants the filter lets through, newest first. */
  visible(grants: readonly Grant[], now: Date): Grant[] {
    return this.filter === 'active' ? grants.filter((g) => grantStatus(g, now).kind === 'active') : [...grants];
  }

  #update(): void {
    this.requestUpdate();
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
    void this.updateComplete.then(() =>
      (this.renderRoot.querySelector(`[part="filter-radio"][data-value="${next}"]`) as HTMLElement | null)?.focus(),
    );
  }

  /** Focuses `name` once the pending render is done. */
  #focus(name: string): void {
    this.focusById(name);
  }

  /** Builds the CSV of what the filter shows (all pages) and offers it for download. */
  download(): void {
    const grants = this.grants;
    if (!grants) return;
    const now = this.currentTime();
    const rows = this.visible(grants, now);
    const csv = toCsv(grantsCsvRows(rows, { t: this.t, timeZone: this.viewerZone, now }), {
      separator: this.locale.startsWith('de') ? ';' : ',',
    });
    const filename = `${this.t('csvGrantsFile')}-${isoDayIn(now, this.viewerZone)}.csv`;
    const event = this.emit('support-download', { kind: 'grants', filename, csv, rows: rows.length }, { cancelable: true });
    if (!event.defaultPrevented) downloadText(filename, csv);
    this.announce(this.t('downloaded', formatNumber(rows.length, this.locale)));
  }

  async #revokeGrant(grant: Grant): Promise<void> {
    const api = this.api;
    if (!api || this.revoking) return;
    this.revoking = grant.id;
    this.rowError = null;
    this.#update();
    const controller = new AbortController();
    this.#revoke = controller;
    try {
      const revoked = await api.revokeGrant(grant.id, controller.signal);
      this.confirming = null;
      this.announce(this.t('revoked', granteeLabel(revoked.grantee, this.t)));
      // The dialog patches its list on this event (and so may the page).
      this.emit('support-grant-revoked', { grant: revoked });
      this.#focus(`status-${grant.id}`);
    } catch (thrown) {
      const error = toSupportError(thrown);
      if (error.kind === 'aborted') return;
      this.rowError = { id: grant.id, error };
      this.confirming = null;
      if (error.reason === 'right-missing') this.rightMissing();
      // The grant ended meanwhile: show the truth.
      if (error.reason === 'grant-inactive') this.report('unlock-refresh', { data: 'grants' });
      this.#focus(`revoke-${grant.id}`);
    } finally {
      if (this.#revoke === controller) this.#revoke = null;
      this.revoking = null;
      this.#update();
    }
  }

  // ------------------------------------------------------------------------------------------------ render
  protected override render(): TemplateResult {
    const t = this.t;
    const id = (name: string) => name;
    const grants = this.grants;
    return html`<div class="toolbar" part="toolbar">
        <div class="filter" part="filter" role="radiogroup" aria-labelledby=${id('grants-filter-label')}>
          <span class="filter-label" id=${id('grants-filter-label')}>${t('filterLabel')}</span>
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
          ?disabled=${!grants}
          @click=${() => this.download()}
        >
          ${t('download')}
        </button>
      </div>
      ${grants
        ? this.#renderTable(grants)
        : this.status.error
          ? renderError(this.status.error, () => this.report('unlock-refresh', { data: 'grants' }), t)
          : renderSkeleton(6, t)}`;
  }

  #renderTable(grants: readonly Grant[]): TemplateResult {
    const { t, locale } = this;
    const id = (name: string) => name;
    const pageSize = Math.max(1, this.pageSize);
    const now = this.currentTime();
    const rows = this.visible(grants, now);
    const page = rows.slice(0, this.pages * pageSize);
    const freshness = renderFreshness(
      { ...this.status, retry: () => Promise.resolve(this.report('unlock-refresh', { data: 'grants' })) },
      { t, locale, timeZone: this.viewerZone, now },
    );
    if (!rows.length) {
      return html`${freshness}
        <p class="empty notice" part="empty">${this.filter === 'active' ? t('grantsEmptyActive') : t('grantsEmpty')}</p>`;
    }
    const actions = this.mayUnlock;
    const more = rows.length - page.length;
    return html`${freshness}
      <div class="table-wrap" part="table-wrap" role="group" tabindex="0" aria-labelledby=${id('grants-caption')}>
        <table class="table" part="table" role="table" aria-labelledby=${id('grants-caption')}>
          <caption id=${id('grants-caption')}>${t('grantsCaption')}</caption>
          <thead role="rowgroup">
            <tr part="header-row" role="row">
              <th scope="col" role="columnheader">${t('colGrantee')}</th>
              <th scope="col" role="columnheader">${t('colExport')}</th>
              <th scope="col" role="columnheader">${t('colGranted')}</th>
              <th scope="col" role="columnheader">${t('colEndsAt')}</th>
              <th scope="col" role="columnheader">${t('colStatus')}</th>
              ${actions ? html`<th scope="col" role="columnheader">${t('colActions')}</th>` : nothing}
            </tr>
          </thead>
          <tbody role="rowgroup">
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
              ${t('showMore', formatNumber(Math.min(more, pageSize), locale))}
            </button>
          </div>`
        : nothing}`;
  }

  #renderRow(grant: Grant, status: GrantStatus, actions: boolean): TemplateResult {
    const { t, ctx } = this;
    const id = (name: string) => name;
    const isNew = grant.id === this.highlight;
    const rowError = this.rowError?.id === grant.id ? this.rowError.error : null;
    // Each cell names its column in data-label: as a card (narrow container, list-styles.ts) the label shows beside it.
    return html`<tr part=${isNew ? 'row row-new' : 'row'} role="row" data-id=${grant.id} data-status=${status.kind}>
      <th scope="row" role="rowheader" data-label=${t('colGrantee')}>
        ${granteeLabel(grant.grantee, t)}
        ${isNew ? html`<span class="badge" part="badge">${t('newBadge')}</span>` : nothing}
      </th>
      <td role="cell" data-label=${t('colExport')}>${grant.dataExport ? t('yes') : t('no')}</td>
      <td role="cell" data-label=${t('colGranted')}>
        <span class="granted-by">${grant.grantedBy.name}</span>${grant.source === 'unlock-link'
          ? html` <span class="muted small">(${t('viaLink')})</span>`
          : nothing}<br />${renderTime(grant.grantedAt, ctx, 'date-time')}
      </td>
      <td role="cell" data-label=${t('colEndsAt')}>${grant.endsAt ? renderTime(grant.endsAt, ctx, 'date-time') : t('permanent')}</td>
      <td role="cell" data-label=${t('colStatus')} id=${id(`status-${grant.id}`)} tabindex="-1" class="status" data-status=${status.kind}>
        <span class="status-dot" aria-hidden="true"></span>${this.#statusText(status)}
      </td>
      ${actions ? html`<td role="cell" data-label=${t('colActions')} class="row-actions">${this.#renderActions(grant, status, rowError)}</td>` : nothing}
    </tr>`;
  }

  #statusText(status: GrantStatus): string {
    const t = this.t;
    switch (status.kind) {
      case 'active':
        return status.remainingMs === null
          ? t('statusActivePermanent')
          : t('statusActive', formatDuration(status.remainingMs, this.locale));
      case 'expired':
        return t('statusExpired');
      case 'revoked': {
        const at = formatInZones(status.at, this.ctx, 'date-time').viewer;
        return status.by ? t('statusRevoked', status.by.name, at) : t('statusRevokedAnonymous', at);
      }
    }
  }

  #renderActions(grant: Grant, status: GrantStatus, error: SupportError | null): TemplateResult | typeof nothing {
    const t = this.t;
    const id = (name: string) => name;
    const who = granteeLabel(grant.grantee, t);
    const errorNotice = error
      ? html`<p class="row-error" part="row-error" role="alert">${writeErrorMessage(error, t, this.tenantBrand)}</p>`
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
