import { css } from 'lit';

/**
 * Styles of the Grants and Logins overviews (toolbar, filter, tables, statuses, paging). Loaded with the lists' modules
 * and adopted by the dialog when the first of them loads.
 */
export const listStyles = css`
  :host {
    container: support-list / inline-size;
  }
  .small {
    font-size: 0.85em;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5em 1em;
  }
  .filter {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4em 1em;
    margin: 0;
    padding: 0;
    border: 0;
  }
  .filter-label {
    margin-inline-end: 0.25em;
    font-weight: 600;
  }
  .filter-choice {
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
    min-height: 2rem;
    padding: 0.2em 0.5em;
    border: 0;
    border-radius: calc(var(--_radius) - 2px);
    background: transparent;
    color: inherit;
    cursor: pointer;
  }
  .filter-choice:hover {
    background: var(--_surface-alt);
  }
  .filter-dot {
    display: inline-block;
    width: 1em;
    height: 1em;
    border: 2px solid var(--_muted);
    border-radius: 50%;
  }
  .filter-choice[aria-checked='true'] .filter-dot {
    border-color: var(--_accent);
    background: radial-gradient(circle, var(--_accent) 0 40%, transparent 45%);
  }
  @media (forced-colors: active) {
    .filter-choice[aria-checked='true'] .filter-dot {
      background: CanvasText;
      forced-color-adjust: none;
    }
  }
  .freshness {
    margin: 0;
    font-size: 0.85em;
  }
  .table-wrap {
    overflow: auto;
    max-height: var(--support-table-max-height, 28rem);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
  }
  .table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.9em;
  }
  caption {
    padding: 0.45em 0.7em;
    text-align: start;
    font-size: 0.9em;
    color: var(--_muted);
    caption-side: top;
  }
  th,
  td {
    padding: 0.45em 0.7em;
    text-align: start;
    vertical-align: top;
    border-top: 1px solid var(--_border);
  }
  thead th {
    position: sticky;
    top: 0;
    z-index: 1;
    background: var(--_surface-alt);
    font-weight: 650;
    white-space: nowrap;
  }
  tbody th {
    font-weight: 600;
  }
  tbody tr:hover {
    background: color-mix(in srgb, var(--_surface-alt) 70%, transparent);
  }
  tr[part~='row-new'] {
    background: color-mix(in srgb, var(--_success) 12%, var(--_surface));
  }
  tr[part~='row-live'] {
    background: color-mix(in srgb, var(--_warning) 10%, var(--_surface));
  }
  .badge {
    display: inline-block;
    margin-inline-start: 0.35em;
    padding: 0 0.45em;
    border-radius: 999px;
    background: var(--_success);
    color: var(--_surface);
    font-size: 0.8em;
    font-weight: 650;
  }
  .live {
    color: var(--_warning);
  }
  .status {
    white-space: nowrap;
  }
  .status-dot {
    flex: none;
    display: inline-block;
    width: 0.6em;
    height: 0.6em;
    border-radius: 50%;
    margin-inline-end: 0.4em;
    background: var(--_muted);
  }
  .status[data-status='active'] .status-dot {
    background: var(--_success);
  }
  .status[data-status='revoked'] .status-dot {
    background: var(--_danger);
  }
  .status[data-status='revoked'] {
    white-space: normal;
    min-width: 12em;
  }
  .row-actions {
    min-width: 7em;
  }
  .revoke-confirm {
    display: grid;
    gap: 0.4em;
    min-width: 14em;
  }
  .revoke-confirm p,
  .row-error {
    margin: 0;
  }
  .row-error {
    color: var(--_danger);
    margin-bottom: 0.3em;
  }
  .reason {
    min-width: 14em;
  }
  .more {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5em;
  }
  .empty {
    margin: 0;
  }
  /*
   * Narrow (a phone, a sidebar): each row becomes a card — the row header as its title, every other cell with its
   * column's name (data-label) above it, the row's actions at the bottom. The table keeps its roles (explicit
   * role="table"/"row"/"cell" on the elements, because display: block would drop the implied ones), and the column
   * headers stay in the accessibility tree, visually hidden.
   */
  @container support-list (max-width: 58rem) {
    .table-wrap {
      overflow: visible;
      max-height: none;
      border: 0;
    }
    .table,
    .table tbody,
    .table tr,
    .table th,
    .table td {
      display: block;
    }
    .table caption {
      display: block;
      padding: 0 0 0.4em;
    }
    .table thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    .table tbody tr {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr));
      gap: 0.5em 1em;
      margin-block-end: 0.6em;
      padding: 0.7em 0.8em;
      border: 1px solid var(--_border);
      border-radius: calc(var(--_radius) - 2px);
      background: var(--_surface);
    }
    .table tbody tr[part~='row-new'] {
      background: color-mix(in srgb, var(--_success) 12%, var(--_surface));
    }
    .table tbody tr[part~='row-live'] {
      background: color-mix(in srgb, var(--_warning) 10%, var(--_surface));
    }
    .table tbody :is(th, td) {
      min-width: 0;
      padding: 0;
      border: 0;
    }
    .table tbody :is(th, td)::before {
      content: attr(data-label) / '';
      display: block;
      font-size: 0.8em;
      font-weight: 600;
      color: var(--_muted);
    }
    /* The row header is the card's title; the reason, a revoked status and the actions take the whole width. */
    .table tbody th,
    .table tbody .reason,
    .table tbody .status[data-status='revoked'],
    .table tbody .row-actions {
      grid-column: 1 / -1;
      min-width: 0;
    }
    .table tbody th {
      order: -1;
      font-size: 1.05em;
    }
    .table tbody th::before,
    .table tbody .row-actions::before {
      display: none;
    }
    .table tbody .row-actions:empty {
      display: none;
    }
    .revoke-confirm {
      min-width: 0;
    }
  }
  @media (forced-colors: active) {
    .table tbody tr {
      border: 1px solid CanvasText;
    }
    .status-dot,
    .badge {
      background: Highlight;
      forced-color-adjust: none;
    }
    .table-wrap {
      border: 1px solid CanvasText;
    }
  }
`;
