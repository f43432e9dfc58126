import { css } from 'lit';

/**
 * Design tokens and the shared look. Every token is a `--support-*` custom property with a fallback, so a host
 * themes all elements at once from any ancestor (`:root { --support-color-accent: #0a6b50 }`). Dark colours follow
 * `prefers-color-scheme` unless the host sets the tokens; motion stops under `prefers-reduced-motion`; forced-colors
 * mode uses system colours.
 */
export const tokens = css`
  :host {
    --_font: var(--support-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_font-size: var(--support-font-size, 0.9375rem);
    --_text: var(--support-color-text, #1c2430);
    --_muted: var(--support-color-text-muted, #4f5b6b);
    --_surface: var(--support-color-surface, #ffffff);
    --_surface-alt: var(--support-color-surface-alt, #f3f5f8);
    --_border: var(--support-color-border, #c9d0da);
    --_accent: var(--support-color-accent, #0b5cad);
    --_accent-text: var(--support-color-accent-text, #ffffff);
    --_success: var(--support-color-success, #18692f);
    --_warning: var(--support-color-warning, #8a5300);
    --_danger: var(--support-color-danger, #b3261e);
    --_surface-raised: var(--support-color-surface-raised, var(--_surface));
    --_focus-color: var(--support-focus-color, var(--_accent));
    --_radius: var(--support-radius, 8px);
    --_space: var(--support-spacing, 1rem);
    --_shadow: var(--support-shadow, 0 12px 32px rgb(0 0 0 / 0.22));
    --_duration: var(--support-transition-duration, 160ms);
    --_skeleton: var(--support-color-skeleton, #e3e7ed);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_text: var(--support-color-text, #e8ecf2);
      --_muted: var(--support-color-text-muted, #aab4c2);
      --_surface: var(--support-color-surface, #1b2129);
      --_surface-alt: var(--support-color-surface-alt, #252d38);
      --_border: var(--support-color-border, #434e5c);
      --_accent: var(--support-color-accent, #7cb4f4);
      --_accent-text: var(--support-color-accent-text, #0b1a2b);
      --_success: var(--support-color-success, #7fd89a);
      --_warning: var(--support-color-warning, #f2c36b);
      --_danger: var(--support-color-danger, #ff8f86);
      --_skeleton: var(--support-color-skeleton, #2d3643);
      --_surface-raised: var(--support-color-surface-raised, #262e3a);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    :host {
      --_duration: 0ms;
    }
  }
`;

export const baseStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: 1.45;
    color: var(--_text);
    /* Backend text (names, reasons, notes, topics) wraps however long and unbroken it is (issue 15.2). */
    overflow-wrap: anywhere;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  /*
   * Focus (issue 15.4): a real outline, 2 px wide and 2 px away from the control, so that its neighbours are the
   * surface on both sides (never the control's own fill). In the accent colour it has at least 3:1 against the
   * surface and the alternative surface in both built-in themes and in themes/dark.css (test/visual/focus.test.ts).
   * Where a control sits on an accent-coloured area, that area sets --_focus-color to the text colour on accent.
   */
  :focus-visible {
    outline: 2px solid var(--_focus-color);
    outline-offset: 2px;
  }
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.4em;
    min-height: 2.25rem;
    padding: 0.35em 0.9em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_surface);
    color: var(--_text);
    cursor: pointer;
    transition: background-color var(--_duration);
  }
  .button:hover {
    background: var(--_surface-alt);
  }
  .button[disabled] {
    opacity: 0.6;
    cursor: not-allowed;
  }
  .button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-text);
  }
  .button.primary:hover {
    background: color-mix(in srgb, var(--_accent) 88%, black);
  }
  .button.danger {
    color: var(--_danger);
    border-color: currentColor;
  }
  .icon-button {
    display: inline-grid;
    place-items: center;
    width: 2.25rem;
    height: 2.25rem;
    padding: 0;
    border: 0;
    border-radius: 50%;
    background: transparent;
    cursor: pointer;
  }
  .icon-button:hover {
    background: var(--_surface-alt);
  }
  .notice {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 0.75em;
    padding: 0.6em 0.8em;
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_surface-alt);
    color: var(--_text);
    font-size: 0.92em;
  }
  .notice.error {
    border-inline-start: 4px solid var(--_danger);
  }
  .notice.warning {
    border-inline-start: 4px solid var(--_warning);
  }
  .notice.success {
    border-inline-start: 4px solid var(--_success);
  }
  .muted {
    color: var(--_muted);
  }
  .skeleton {
    display: block;
    height: 1em;
    border-radius: 4px;
    background: var(--_skeleton);
    animation: pulse 1.4s ease-in-out infinite;
  }
  @keyframes pulse {
    50% {
      opacity: 0.55;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton {
      animation: none;
    }
  }
  /*
   * Popups. The dialog is raised above the page (its own surface colour, which differs from the page's in the dark
   * themes) and everything inside it draws on that surface: nested elements read --support-color-surface, so the
   * dialog sets it for its subtree. Its content is a size container: inner layouts (tables as cards, the tab strip)
   * follow the popup's width with container queries.
   */
  dialog {
    --_surface: var(--_surface-raised);
    --support-color-surface: var(--_surface-raised);
    max-width: min(40rem, calc(100vw - 2rem));
    max-height: calc(100dvh - 2rem);
    width: 100%;
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-raised);
    color: var(--_text);
    box-shadow: var(--_shadow);
  }
  dialog {
    container: support-popup / inline-size;
  }
  dialog::backdrop {
    background: var(--support-backdrop, rgb(10 14 20 / 0.62));
  }
  /*
   * Phones: a modal popup is a sheet over the whole screen. A modal <dialog> lives in the top layer, whose container
   * is the viewport, so here (and only here) the viewport's width is the container's width.
   */
  @media (max-width: 480px) {
    dialog:modal {
      max-width: 100vw;
      max-height: 100dvh;
      width: 100vw;
      height: 100dvh;
      margin: 0;
      border: 0;
      border-radius: 0;
    }
  }
  /*
   * A row that scrolls sideways (tab strips): where more tabs hide behind an edge, that edge fades out under a chevron.
   * CSS only: the edges are sticky pseudo-elements whose opacity follows the strip's own scroll position (a scroll
   * timeline); a strip that fits has no active timeline, so no edge shows.
   */
  .scroll-strip {
    display: flex;
    flex-wrap: nowrap;
    overflow-x: auto;
    overflow-y: hidden;
    overscroll-behavior-inline: contain;
    /* A tab scrolled into view (selected, focused) stops clear of the faded edge. */
    scroll-padding-inline: 2rem;
    scrollbar-width: thin;
  }
  .scroll-strip > * {
    flex: none;
  }
  .scroll-strip::before,
  .scroll-strip::after {
    position: sticky;
    z-index: 2;
    flex: none;
    display: grid;
    align-items: center;
    width: 2rem;
    color: var(--_muted);
    font-size: 1.3em;
    font-weight: 700;
    line-height: 1;
    pointer-events: none;
    opacity: 0;
    animation: linear both;
    animation-timeline: scroll(nearest inline);
  }
  .scroll-strip::before {
    content: '‹' / '';
    inset-inline-start: 0;
    margin-inline-end: -2rem;
    justify-items: start;
    background: linear-gradient(to right, var(--_surface) 45%, transparent);
    animation-name: support-strip-start;
  }
  .scroll-strip::after {
    content: '›' / '';
    inset-inline-end: 0;
    margin-inline-start: -2rem;
    justify-items: end;
    background: linear-gradient(to left, var(--_surface) 45%, transparent);
    animation-name: support-strip-end;
  }
  .scroll-strip:dir(rtl)::before {
    content: '›' / '';
    background: linear-gradient(to left, var(--_surface) 45%, transparent);
  }
  .scroll-strip:dir(rtl)::after {
    content: '‹' / '';
    background: linear-gradient(to right, var(--_surface) 45%, transparent);
  }
  @keyframes support-strip-start {
    0% {
      opacity: 0;
    }
    6%,
    100% {
      opacity: 1;
    }
  }
  @keyframes support-strip-end {
    0%,
    94% {
      opacity: 1;
    }
    100% {
      opacity: 0;
    }
  }
  /* In a popup on a phone (a full-screen sheet), the header and the main actions stay in reach while the rest scrolls. */
  @container support-popup (max-width: 480px) {
    .header {
      position: sticky;
      top: 0;
      z-index: 3;
      padding-block: 0.5em;
      background: var(--_surface);
    }
  }
  @media (forced-colors: active) {
    .button,
    .notice,
    dialog {
      border: 1px solid CanvasText;
    }
    .button.primary {
      background: ButtonText;
      color: ButtonFace;
      forced-color-adjust: none;
    }
    .skeleton {
      background: GrayText;
    }
    :focus-visible {
      outline: 2px solid Highlight;
      outline-offset: 2px;
    }
  }
`;

/** The card shell shared by the card-shaped elements: base, header row, round icon, title. */
export const cardStyles = css`
  .base {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    padding: var(--_space);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  dialog .base {
    border: 0;
  }
  .header {
    display: flex;
    align-items: center;
    gap: 0.6em;
  }
  .icon {
    flex: none;
    display: inline-grid;
    place-items: center;
    width: 1.75rem;
    height: 1.75rem;
    border-radius: 50%;
    background: var(--_accent);
    color: var(--_accent-text);
  }
  .title {
    flex: 1;
    margin: 0;
    font-size: 1.15em;
    font-weight: 650;
  }
`;
