import { css } from 'lit';

/** The styles of <support-contact>'s card (the frame's come from `cardStyles`). */
export const supportContactStyles = css`
  p {
    margin: 0;
  }
  a {
    color: var(--_accent);
    text-underline-offset: 0.15em;
    overflow-wrap: anywhere;
  }
  .status {
    display: flex;
    align-items: baseline;
    gap: 0.5em;
  }
  .dot {
    flex: none;
    width: 0.7em;
    height: 0.7em;
    border-radius: 50%;
    background: var(--_warning);
  }
  .status[data-open='true'] .dot {
    background: var(--_success);
  }
  .channels {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 13rem), 1fr));
    gap: calc(var(--_space) * 0.75) var(--_space);
  }
  .section {
    display: grid;
    gap: 0.25em;
    align-content: start;
  }
  .section-title {
    margin: 0;
    font-size: 0.8em;
    font-weight: 650;
    letter-spacing: 0.04em;
    text-transform: uppercase;
    color: var(--_muted);
  }
  .phones,
  .tiers {
    display: grid;
    gap: 0.2em;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .phones li {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0 0.75em;
  }
  .country {
    color: var(--_muted);
  }
  .hotline {
    padding: calc(var(--_space) * 0.75);
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_surface-alt);
  }
  .tiers li[data-current] {
    font-weight: 600;
  }
  .badge {
    display: inline-block;
    margin-inline-start: 0.4em;
    padding: 0 0.45em;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_accent-text);
    font-size: 0.8em;
    font-weight: 600;
  }
  .estimator {
    display: grid;
    gap: 0.35em;
    margin-top: 0.35em;
    padding-top: 0.6em;
    border-top: 1px solid var(--_border);
  }
  .estimator-title {
    margin: 0;
    font-size: 0.95em;
    font-weight: 650;
  }
  .estimator-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4em 0.75em;
  }
  .estimator input {
    width: 6em;
    min-height: 2.25rem;
    padding: 0.3em 0.5em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_surface);
  }
  .estimator input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  output {
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  output[data-valid='false'] {
    color: var(--_danger);
    font-weight: 400;
  }
  .freshness {
    margin: 0;
    font-size: 0.85em;
  }
  @media (forced-colors: active) {
    .dot,
    .badge {
      forced-color-adjust: none;
      background: CanvasText;
      color: Canvas;
    }
    .hotline {
      border: 1px solid CanvasText;
    }
  }
`;
