import { css } from 'lit';

/**
 * Styles of the frame (dialog-frame.ts), loaded with it: live logins, tabs and panels, the actions row and
 * confirmations the views share, the no-right notice, the unlock link's frame.
 */
export const dialogFrameStyles = css`
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
  .dot {
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
  /* One row of tabs (class scroll-strip: it scrolls sideways, with a faded edge and a chevron where tabs hide). */
  .tablist {
    gap: 0.25em;
    padding: 4px 4px 0;
    margin: -4px -4px 0;
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

  /* the unlock link's frame (its body is in unlock-link-view.ts) */
  .link {
    display: grid;
    gap: 0.75em;
  }
  .link-title {
    margin: 0;
    font-size: 1.05em;
  }

  .tab {
    white-space: nowrap;
  }
  @container (max-width: 480px) {
    .tab {
      padding: 0.5em 0.6em;
    }
  }
  @media (forced-colors: active) {
    .tab[aria-selected='true']::after,
    .dot {
      background: Highlight;
      forced-color-adjust: none;
    }
    .active-login {
      border: 1px solid CanvasText;
    }
  }
`;
