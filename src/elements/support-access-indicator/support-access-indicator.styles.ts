import { css } from 'lit';

export const supportAccessIndicatorStyles = css`
  /*
   * One line, whatever the reason says (issue 15.2): the sentence is cut with an ellipsis at the badge's width, which
   * never exceeds its container. The whole sentence is in
   * the badge's title (tooltip) and, for screen readers, in the status region's text.
   */
  :host {
    display: inline-block;
    max-inline-size: min(var(--support-indicator-max-width, 36rem), 100%);
    min-inline-size: 0;
    vertical-align: middle;
  }
  /* Nobody is logged in: takes no space, but the status region stays, so a new login is announced. */
  :host(:not([active])) {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  .base {
    display: flex;
    align-items: baseline;
    min-width: 0;
    gap: 0.5em;
    padding: 0.3em 0.75em;
    border-radius: calc(var(--_radius) * 1.5);
    background: var(--support-indicator-background, color-mix(in srgb, var(--_warning) 16%, var(--_surface)));
    color: var(--support-indicator-color, var(--_text));
    border: 1px solid var(--support-indicator-border-color, var(--_warning));
    font-size: 0.9em;
    line-height: 1.35;
  }
  .icon {
    flex: none;
    width: 0.6em;
    height: 0.6em;
    border-radius: 50%;
    background: var(--support-indicator-dot, var(--_danger));
    align-self: center;
    animation: pulse 1.6s ease-in-out infinite;
  }
  @keyframes pulse {
    50% {
      opacity: 0.35;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .icon {
      animation: none;
    }
  }
  /*
   * One line with an ellipsis through line-clamp rather than nowrap: the text still wraps (so the badge's min-content
   * width stays small and it can shrink in a flex row), and only its first line shows.
   */
  .text {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 1;
    line-clamp: 1;
    min-width: 0;
    overflow: hidden;
  }
  .lead {
    font-weight: 600;
  }
  .more {
    font-style: italic;
  }
  @media (forced-colors: active) {
    .base {
      border: 1px solid CanvasText;
    }
    .icon {
      background: Highlight;
      forced-color-adjust: none;
    }
  }
`;
