import { css } from 'lit';

/** The styles of <support-chat-panel>: the frame, the availability line, the log and the composer. */
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
    /* Notices (saved data, a failed update) in a short panel: the log keeps a few lines and the panel scrolls as a
       whole, rather than the log vanishing and the composer being cut off. */
    overflow: hidden auto;
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
  .title-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.25em 0.5em;
  }
  .tools {
    display: flex;
    flex-wrap: wrap;
    gap: 0.35em;
  }
  .notify-status {
    margin: 0;
    font-size: 0.82em;
    color: var(--_muted);
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
  .availability {
    display: flex;
    align-items: baseline;
    gap: 0.45em;
    margin: 0;
    font-size: 0.88em;
    color: var(--_muted);
  }
  .dot {
    flex: none;
    width: 0.6em;
    height: 0.6em;
    border-radius: 50%;
    background: var(--_muted);
  }
  .availability[data-open] .dot {
    background: var(--_success);
  }
  .after-hours {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.35em 0.6em;
    font-size: 0.88em;
  }
  .button.small {
    min-height: 2rem;
    padding: 0.15em 0.7em;
    font-size: 0.92em;
  }
  .hotline summary {
    cursor: pointer;
    color: var(--_accent);
    text-decoration: underline;
    border-radius: 4px;
  }
  .hotline ul {
    margin: 0.3em 0 0;
    padding: 0;
    list-style: none;
  }
  .hotline li {
    display: flex;
    gap: 0.5em;
  }
  .hotline p {
    margin: 0.2em 0 0;
  }
  a {
    color: inherit;
    text-underline-offset: 2px;
  }
  .hotline a,
  .support a {
    color: var(--_accent);
  }
  .banner {
    flex: none;
    margin: 0.5em var(--_space) 0;
    border-radius: calc(var(--_radius) - 2px);
  }
  p.banner {
    display: block;
  }
  .log-area {
    position: relative;
    flex: 1;
    min-height: 6em;
  }
  .log {
    height: 100%;
    overflow-y: auto;
    overflow-anchor: none;
    overscroll-behavior: contain;
    padding-inline: calc(var(--_space) * 0.75);
    outline-offset: -3px;
  }
  .retention {
    margin: 0;
    padding: 0.9em 0 0.6em;
    text-align: center;
    font-size: 0.8em;
    color: var(--_muted);
  }
  .divider .retention {
    display: flex;
    align-items: center;
    gap: 0.75em;
  }
  .divider .retention::before,
  .divider .retention::after {
    content: '';
    flex: 1;
    border-block-start: 1px dashed var(--_border);
  }
  .empty {
    margin: 2em 1em;
    text-align: center;
    color: var(--_muted);
  }
  /*
   * A day's label sticks to the top of the log on a band of the log's own background across the log's whole width,
   * so messages scroll under the band instead of showing through around the label (issue 15.3): a message is either
   * below the band, readable, or hidden under it like any line scrolled away.
   */
  .day-label {
    position: sticky;
    top: 0;
    z-index: 1;
    display: flex;
    justify-content: center;
    margin: 0 calc(var(--_space) * -0.75);
    padding: 0.4em 0;
    font-size: 0.78em;
    font-weight: 600;
    pointer-events: none;
    background: var(--_surface);
  }
  /* The label of a day that began above the rendered rows: a band of no height in the flow, drawn below its line. */
  .day-label.continued {
    height: 0;
    padding: 0;
    overflow: visible;
    background: none;
  }
  .day-label.continued::before {
    content: '';
    position: absolute;
    inset-inline: 0;
    top: 0;
    height: 2.8em;
    background: var(--_surface);
  }
  .day-label.continued span {
    position: relative;
    translate: 0 0.4em;
  }
  .day-label span {
    padding: 0.2em 0.8em;
    border-radius: 999px;
    background: var(--_surface);
    border: 1px solid var(--_border);
    color: var(--_muted);
    white-space: nowrap;
  }
  .row.message {
    display: flex;
    padding-block: 0.2em;
  }
  .row.own {
    justify-content: flex-end;
  }
  .bubble {
    max-width: 82%;
    min-width: 6em;
    padding: 0.45em 0.75em 0.35em;
    border-radius: calc(var(--_radius) + 4px);
    background: var(--_other);
    color: var(--_text);
  }
  .own .bubble {
    /* Links in the user's own bubbles sit on the accent: their focus outline takes the text colour on accent. */
    --_focus-color: var(--_own-text);
    background: var(--_own);
    color: var(--_own-text);
    border-end-end-radius: 4px;
  }
  .support .bubble {
    border-end-start-radius: 4px;
  }
  .own[data-state='sending'] .bubble {
    outline: 2px dashed color-mix(in srgb, var(--_own) 55%, transparent);
    outline-offset: 2px;
  }
  .own[data-state='failed'] .bubble {
    background: var(--_surface);
    color: var(--_text);
    border: 1px solid var(--_danger);
  }
  .author {
    margin: 0;
    font-size: 0.8em;
    font-weight: 650;
    color: var(--_muted);
  }
  .text {
    margin: 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .text a {
    unicode-bidi: isolate;
  }
  .meta {
    display: flex;
    justify-content: flex-end;
    gap: 0.5em;
    margin: 0.1em 0 0;
    font-size: 0.76em;
    opacity: 0.85;
  }
  .own[data-state='failed'] .delivery {
    color: var(--_danger);
    font-weight: 650;
  }
  .failure {
    margin-block-start: 0.3em;
    font-size: 0.86em;
  }
  .failure p {
    margin: 0 0 0.35em;
  }
  .failure .actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 0.4em;
  }
  .jump {
    position: absolute;
    inset-block-end: 0.6em;
    inset-inline-end: 1em;
    z-index: 2;
    box-shadow: 0 2px 10px rgb(0 0 0 / 0.18);
    border-radius: 999px;
  }
  .typing {
    flex: none;
    display: flex;
    align-items: center;
    gap: 0.5em;
    min-height: 1.6em;
    margin: 0;
    padding: 0 var(--_space);
    font-size: 0.84em;
    color: var(--_muted);
  }
  .dots {
    display: inline-flex;
    gap: 3px;
  }
  .dots i {
    width: 5px;
    height: 5px;
    border-radius: 50%;
    background: currentColor;
    animation: blink 1.2s infinite ease-in-out;
  }
  .dots i:nth-child(2) {
    animation-delay: 0.2s;
  }
  .dots i:nth-child(3) {
    animation-delay: 0.4s;
  }
  @keyframes blink {
    50% {
      opacity: 0.25;
    }
  }
  .composer {
    flex: none;
    display: grid;
    gap: 0.35em;
    padding: 0.5em var(--_space) 0.6em;
    border-block-start: 1px solid var(--_border);
  }
  textarea {
    width: 100%;
    min-height: 2.75em;
    max-height: 9.5em;
    field-sizing: content;
    resize: none;
    padding: 0.45em 0.65em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_surface);
  }
  textarea[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .composer-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 0.75em;
  }
  .attach-button {
    display: inline-flex;
    align-items: center;
    gap: 0.35em;
  }
  /* In a narrow panel the hint takes a line of its own rather than a column of one word per line. */
  .hint {
    flex: 1 1 12em;
    font-size: 0.78em;
  }
  /* The counter and Send stay together, at the end of the row (also when wrapped below the hint). */
  .send-group {
    display: flex;
    align-items: center;
    gap: 0.75em;
    margin-inline-start: auto;
  }
  .counter {
    font-size: 0.8em;
    font-variant-numeric: tabular-nums;
    color: var(--_muted);
  }
  .counter.over {
    color: var(--_danger);
    font-weight: 650;
  }
  .too-long {
    margin: 0;
    font-size: 0.82em;
    color: var(--_danger);
  }
  .too-long:empty {
    display: none;
  }
  /* Attachments: the composer's tray, the files of a message, the drop zone. */
  .attach-tray,
  .attachments {
    display: grid;
    gap: 0.35em;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .attachments {
    margin-block: 0.3em 0.15em;
  }
  .attach-draft,
  .attachment {
    display: flex;
    align-items: center;
    gap: 0.5em;
    min-width: 0;
  }
  .attach-draft {
    padding: 0.3em 0.4em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
  }
  .attachment.image {
    flex-direction: column;
    align-items: flex-start;
  }
  .thumb {
    display: block;
    max-width: 100%;
    max-height: 7.5rem;
    border-radius: calc(var(--_radius) - 2px);
    object-fit: contain;
    background: var(--_surface);
  }
  .attach-draft .thumb {
    width: 3rem;
    height: 3rem;
    object-fit: cover;
  }
  .thumb.placeholder {
    width: 8rem;
    height: 5rem;
    background: var(--_skeleton);
  }
  /* A file neither cached nor reachable: said in words, with a Retry button (never a broken image). */
  .thumb.unreachable-note {
    display: grid;
    place-items: center;
    box-sizing: border-box;
    width: 8rem;
    min-height: 5rem;
    padding: 0.4em;
    border: 1px dashed currentColor;
    background: transparent;
    font-size: 0.8em;
    text-align: center;
  }
  .file-text .unreachable-note {
    font-size: 0.8em;
    font-style: italic;
  }
  .file-icon {
    flex: none;
    display: grid;
    place-items: center;
    width: 2.6em;
    height: 2.6em;
    border: 1px solid currentColor;
    border-radius: 4px;
    font-size: 0.7em;
    font-weight: 700;
  }
  .file-text {
    display: grid;
    flex: 1;
    min-width: 0;
  }
  .file-name {
    overflow-wrap: anywhere;
  }
  .file-size {
    font-size: 0.8em;
    opacity: 0.85;
  }
  .attachment progress {
    flex: none;
    width: 5em;
  }
  .attach-limits {
    margin: 0;
    font-size: 0.78em;
  }
  .attach-error {
    font-size: 0.82em;
    color: var(--_danger);
  }
  .attach-error p {
    margin: 0;
  }
  .drop-zone {
    position: absolute;
    inset: 0;
    display: grid;
    place-content: center;
    gap: 0.5em;
    padding: var(--_space);
    text-align: center;
    background: color-mix(in srgb, var(--_surface) 92%, transparent);
    border: 2px dashed var(--_accent);
    border-radius: var(--_radius);
    pointer-events: none;
  }
  .drop-title {
    margin: 0;
    font-weight: 650;
  }
  @media (prefers-reduced-motion: reduce) {
    .dots i {
      animation: none;
    }
  }
  @media (forced-colors: active) {
    .bubble,
    .day-label span {
      border: 1px solid CanvasText;
    }
    .dot {
      forced-color-adjust: none;
      background: CanvasText;
    }
    .own .bubble {
      background: Canvas;
      color: CanvasText;
    }
    .own[data-state='failed'] .bubble {
      border: 2px solid Mark;
    }
  }
`;
