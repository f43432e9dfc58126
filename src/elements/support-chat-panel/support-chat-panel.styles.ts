import { css } from 'lit';

/** The frame's styles; the log, availability line and composer bring theirs (chat-view.styles.ts). */
export const chatStyles = css`
  :host {
    height: var(--support-chat-height, 36rem);
    min-height: 16rem;
    --_own: var(--support-chat-own-bubble, var(--_accent));
    --_own-text: var(--_accent-text);
    --_other: var(--support-chat-support-bubble, var(--_surface-alt));
  }
  .base {
    position: relative;
    display: flex;
    flex-direction: column;
    height: 100%;
    overflow: hidden;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .header {
    flex: none;
    display: grid;
    gap: 0.25em;
    padding: calc(var(--_space) * 0.6) var(--_space);
    border-block-end: 1px solid var(--_border);
  }
  .title {
    margin: 0;
    font-size: 1.05em;
    font-weight: 650;
  }
  .signed-out {
    flex: 1;
    display: grid;
    place-items: center;
    margin: 0;
    padding: var(--_space);
    text-align: center;
    color: var(--_muted);
  }
  .loading {
    flex: 1;
    padding: var(--_space);
  }
`;
