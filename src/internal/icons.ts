import { html } from 'lit';

/** The phone icon of the contact card and the callback scheduler. */
export const phoneIcon = html`<svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true">
  <path
    fill="currentColor"
    d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z"
  />
</svg>`;

/** The paperclip of the chat's attach button (an SVG: an emoji depends on the platform's fonts and may be missing). */
export const paperclipIcon = html`<svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true">
  <path
    fill="none"
    stroke="currentColor"
    stroke-width="2"
    stroke-linecap="round"
    stroke-linejoin="round"
    d="M21 11.5l-8.6 8.6a5.5 5.5 0 0 1-7.8-7.8l8.6-8.6a3.7 3.7 0 0 1 5.2 5.2l-8.6 8.6a1.8 1.8 0 0 1-2.6-2.6l7.9-7.9"
  />
</svg>`;
