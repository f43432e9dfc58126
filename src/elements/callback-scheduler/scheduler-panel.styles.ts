import { css } from 'lit';

/** The styles of the scheduler's panel (form, booking, closed notice), loaded with it (scheduler-panel.ts). */
export const schedulerPanelStyles = css`
  :host {
    display: grid;
    gap: calc(var(--_space) * 0.75);
  }
  p {
    margin: 0;
  }
  .notice-region:empty,
  .status-region:empty {
    display: none;
  }
  .status-region:focus {
    outline: none;
  }
  .closed {
    display: grid;
    gap: 0.5em;
  }
  .closed support-contact::part(base) {
    padding: 0;
    border: 0;
    background: transparent;
  }
  .form {
    display: grid;
    gap: var(--_space);
  }
  .form-title,
  .booking-title {
    margin: 0;
    font-size: 1.05em;
    font-weight: 650;
  }
  .form-title:focus,
  .booking-title:focus {
    outline: none;
  }
  fieldset {
    min-width: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  legend {
    padding: 0;
    margin-bottom: 0.4em;
    font-weight: 650;
  }
  .topics {
    display: grid;
    gap: 0.5em;
  }
  .topic {
    display: flex;
    align-items: flex-start;
    gap: 0.6em;
    padding: 0.55em 0.75em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    cursor: pointer;
  }
  .topic:has(input:checked) {
    border-color: var(--_accent);
    box-shadow: inset 0 0 0 1px var(--_accent);
  }
  .topic input {
    margin: 0.2em 0 0;
    accent-color: var(--_accent);
  }
  .topic-text {
    display: grid;
  }
  .topic-title {
    font-weight: 600;
  }
  .topic-meta {
    font-size: 0.9em;
  }
  .zone-note {
    margin-bottom: 0.5em;
    font-size: 0.9em;
  }
  .days {
    /* Contains the tabs' visually hidden labels: unpositioned, they escaped the scrolling strip and widened the page. */
    position: relative;
    /* A scroll-strip (shared base styles): faded edge and chevron where days hide; room for the focus outline. */
    gap: 0.4em;
    padding: 5px 5px 0.5em;
    margin: -5px -5px 0;
  }
  .day {
    position: relative;
    flex: none;
    display: grid;
    justify-items: center;
    min-width: 5.5em;
    padding: 0.4em 0.6em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_surface-alt);
    cursor: pointer;
  }
  .day[aria-selected='true'] {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-text);
  }
  .day-name {
    font-weight: 600;
    white-space: nowrap;
  }
  .day-free {
    font-size: 0.8em;
  }
  .day[data-full] .day-free {
    text-decoration: line-through;
  }
  .windows {
    margin-top: 0.25em;
  }
  .window-list {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(8.5em, 1fr));
    gap: 0.4em;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .window {
    display: grid;
    justify-items: center;
    width: 100%;
    min-height: 2.75rem;
    padding: 0.35em 0.5em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_surface);
    cursor: pointer;
    font-variant-numeric: tabular-nums;
  }
  .window:hover {
    background: var(--_surface-alt);
  }
  .window[aria-pressed='true'] {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-text);
  }
  .window[aria-disabled='true'] {
    background: var(--_surface-alt);
    color: var(--_muted);
    border-style: dashed;
    cursor: not-allowed;
  }
  .window[aria-disabled='true'] .window-time {
    text-decoration: line-through;
  }
  .window-time {
    font-weight: 600;
  }
  .window-tenant,
  .window-badge {
    font-size: 0.78em;
  }
  .window-badge {
    text-transform: uppercase;
    letter-spacing: 0.03em;
  }
  .selection {
    margin-top: 0.5em;
    font-size: 0.92em;
  }
  .field {
    display: grid;
    gap: 0.3em;
  }
  .field label {
    font-weight: 650;
  }
  .field input,
  .field textarea {
    width: 100%;
    min-height: 2.25rem;
    padding: 0.35em 0.6em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_surface);
  }
  .field textarea {
    resize: vertical;
  }
  .field input[aria-invalid='true'] {
    border-color: var(--_danger);
    box-shadow: inset 0 0 0 1px var(--_danger);
  }
  .hint {
    font-size: 0.88em;
  }
  .field-error {
    color: var(--_danger);
    font-size: 0.92em;
    font-weight: 600;
  }
  .field-error::before {
    content: '⚠ ';
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }
  /* In a popup on a phone (a full-screen sheet) the submit button stays in reach at the bottom while the form scrolls. */
  @container support-popup (max-width: 480px) {
    .form > .actions {
      position: sticky;
      bottom: 0;
      z-index: 2;
      margin-inline: -0.5em;
      padding: 0.6em 0.5em;
      border-top: 1px solid var(--_border);
      background: var(--_surface);
    }
  }
  .button[aria-disabled='true'] {
    opacity: 0.7;
    cursor: progress;
  }
  .booking {
    display: grid;
    gap: 0.6em;
    padding: calc(var(--_space) * 0.75);
    border-inline-start: 4px solid var(--_accent);
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_surface-alt);
  }
  .booking[data-done='booked'],
  .booking[data-done='changed'] {
    border-inline-start-color: var(--_success);
  }
  .check {
    margin-inline-end: 0.35em;
    color: var(--_success);
  }
  .booking-text {
    font-size: 1.05em;
  }
  .booking-facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.2em 1em;
    margin: 0;
  }
  .booking-facts dt {
    color: var(--_muted);
  }
  .booking-facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .note-text {
    white-space: pre-line;
  }
  .cancel-confirm {
    display: grid;
    gap: 0.5em;
  }
  .freshness {
    margin: 0;
    font-size: 0.85em;
  }
  @media (forced-colors: active) {
    .day[aria-selected='true'],
    .window[aria-pressed='true'] {
      forced-color-adjust: none;
      background: Highlight;
      color: HighlightText;
      border-color: Highlight;
    }
    .window[aria-disabled='true'] {
      color: GrayText;
      border-color: GrayText;
    }
    .topic:has(input:checked) {
      border: 2px solid Highlight;
    }
  }
`;
