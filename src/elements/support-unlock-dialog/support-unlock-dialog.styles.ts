import { css } from 'lit';

export const supportUnlockDialogStyles = css`
  dialog {
    max-width: min(var(--support-dialog-width, 64rem), calc(100vw - 2rem));
  }
  .base {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    padding: var(--_space);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    min-width: 0;
  }
  dialog .base {
    border: 0;
  }
  .header {
    display: flex;
    align-items: flex-start;
    gap: 0.6em;
  }
  .heading {
    flex: 1;
    min-width: 0;
  }
  .title {
    margin: 0;
    font-size: 1.2em;
    font-weight: 650;
  }
  .intro {
    margin: 0.2em 0 0;
    font-size: 0.9em;
  }
  .small {
    font-size: 0.85em;
  }
  [hidden] {
    display: none !important;
  }
  /* Focus moved there by the dialog (a heading, a notice, a status cell): no ring, it is not a control. */
  [tabindex='-1']:focus,
  [tabindex='-1']:focus-visible {
    outline: none;
    box-shadow: none;
  }

  /* live logins */
  .active-logins {
    display: grid;
    gap: 0.35em;
  }
  .active-login {
    display: flex;
    align-items: baseline;
    gap: 0.6em;
    margin: 0;
    padding: 0.55em 0.8em;
    border-radius: calc(var(--_radius) - 2px);
    border: 1px solid var(--_warning);
    background: color-mix(in srgb, var(--_warning) 12%, var(--_surface));
  }
  .dot,
  .status-dot {
    flex: none;
    display: inline-block;
    width: 0.6em;
    height: 0.6em;
    border-radius: 50%;
    background: var(--_danger);
  }
  .dot {
    align-self: center;
    animation: pulse 1.6s ease-in-out infinite;
  }
  @media (prefers-reduced-motion: reduce) {
    .dot {
      animation: none;
    }
  }

  /* tabs */
  .tablist {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em;
    border-bottom: 1px solid var(--_border);
  }
  .tab {
    position: relative;
    padding: 0.55em 0.9em;
    border: 0;
    border-radius: calc(var(--_radius) - 2px) calc(var(--_radius) - 2px) 0 0;
    background: transparent;
    color: var(--_muted);
    font-weight: 550;
    cursor: pointer;
  }
  .tab:hover {
    background: var(--_surface-alt);
  }
  .tab[aria-selected='true'] {
    color: var(--_accent);
  }
  .tab[aria-selected='true']::after {
    content: '';
    position: absolute;
    inset: auto 0.4em -1px;
    height: 3px;
    border-radius: 3px 3px 0 0;
    background: var(--_accent);
  }
  .panel {
    display: grid;
    gap: 0.85em;
    min-width: 0;
    padding-block: 0.25em;
    border-radius: 4px;
  }

  /* grant form */
  .grant-form {
    display: grid;
    gap: 1em;
    max-width: 40rem;
  }
  .field {
    display: grid;
    gap: 0.3em;
  }
  .field > label {
    font-weight: 600;
  }
  .checkbox-field {
    grid-template-columns: auto 1fr;
    align-items: center;
    column-gap: 0.5em;
  }
  .checkbox-field .hint {
    grid-column: 2;
  }
  .hint {
    margin: 0;
    font-size: 0.88em;
  }
  .field-error {
    margin: 0;
    color: var(--_danger);
    font-weight: 550;
  }
  input[type='text'],
  select {
    min-height: 2.4rem;
    padding: 0.35em 0.6em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_surface);
    width: 100%;
  }
  input[type='checkbox'],
  input[type='radio'] {
    width: 1.1rem;
    height: 1.1rem;
    margin: 0;
    accent-color: var(--_accent);
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .combobox {
    position: relative;
  }
  .listbox {
    position: absolute;
    z-index: 2;
    inset-inline: 0;
    top: calc(100% + 2px);
    max-height: 16rem;
    overflow: auto;
    padding: 0.25em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_surface);
    box-shadow: var(--_shadow);
  }
  .group-label {
    padding: 0.35em 0.6em 0.15em;
    font-size: 0.8em;
    font-weight: 650;
    text-transform: uppercase;
    letter-spacing: 0.03em;
    color: var(--_muted);
  }
  .option {
    display: flex;
    justify-content: space-between;
    gap: 1em;
    padding: 0.4em 0.6em;
    border-radius: 4px;
    cursor: pointer;
  }
  .option:hover,
  .option[aria-selected='true'] {
    background: color-mix(in srgb, var(--_accent) 14%, var(--_surface));
  }
  .option[aria-selected='true'] {
    outline: 2px solid var(--_accent);
    outline-offset: -2px;
  }
  .option-detail {
    font-size: 0.88em;
  }
  .search-status {
    display: flex;
    align-items: center;
    gap: 0.75em;
    min-height: 1.2em;
    font-size: 0.88em;
    color: var(--_muted);
  }
  .preview {
    padding: 0.75em 0.9em;
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_surface-alt);
    border-inline-start: 4px solid var(--_accent);
  }
  .preview > * {
    margin: 0;
  }
  .preview-title {
    font-size: 0.8em;
    text-transform: uppercase;
    letter-spacing: 0.03em;
    color: var(--_muted);
  }
  .preview-text {
    font-weight: 600;
    margin-block: 0.2em;
  }
  .preview-tenant,
  .preview-note {
    font-size: 0.88em;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }
  .confirm {
    display: grid;
    gap: 0.5em;
  }
  .confirm p {
    margin: 0;
  }
  .no-right p {
    margin: 0.3em 0 0;
  }
  .no-right {
    display: block;
  }

  /* lists */
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

  /* unlock link */
  .link {
    display: grid;
    gap: 0.75em;
  }
  .link-title {
    margin: 0;
    font-size: 1.05em;
  }
  .link-asks {
    margin: 0;
    font-weight: 600;
  }
  .facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.45em 1.25em;
    margin: 0;
  }
  .facts dt {
    color: var(--_muted);
  }
  .facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }

  @media (max-width: 480px) {
    .base {
      padding: calc(var(--_space) * 0.75);
    }
    /* One row of tabs that scrolls sideways, rather than three rows of tabs. */
    .tablist {
      flex-wrap: nowrap;
      overflow-x: auto;
      scrollbar-width: thin;
    }
    .tab {
      flex: none;
      white-space: nowrap;
      padding: 0.5em 0.6em;
    }
    .facts {
      grid-template-columns: 1fr;
      gap: 0.1em;
    }
    .facts dd {
      margin-block-end: 0.5em;
    }
  }
  @media (forced-colors: active) {
    .tab[aria-selected='true']::after,
    .dot,
    .status-dot,
    .badge {
      background: Highlight;
      forced-color-adjust: none;
    }
    .option[aria-selected='true'] {
      outline: 2px solid Highlight;
    }
    .active-login,
    .table-wrap,
    .listbox,
    .preview {
      border: 1px solid CanvasText;
    }
  }
`;
