import { css } from 'lit';

export const aboutTenantStyles = css`
  .icon {
    font-weight: 700;
    font-family: Georgia, serif;
    font-style: italic;
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
  .tenant {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4em 0.75em;
  }
  .tenant-name {
    font-family: var(--support-font-family-mono, ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace);
    font-size: 1.1em;
    font-weight: 650;
    padding: 0.1em 0.45em;
    border-radius: 4px;
    background: var(--_surface-alt);
  }
  .hint {
    grid-column: 1 / -1;
    margin: -0.2em 0 0.3em;
    font-size: 0.88em;
  }
  .copied {
    color: var(--_success);
    font-size: 0.9em;
  }
  .freshness {
    margin: 0;
    font-size: 0.85em;
  }
  /* In a narrow container (a popup on a phone, or any container the host page declares): one column. */
  @container (max-width: 420px) {
    .facts {
      grid-template-columns: 1fr;
      gap: 0.1em;
    }
    .facts dd {
      margin-block-end: 0.5em;
    }
  }
`;
