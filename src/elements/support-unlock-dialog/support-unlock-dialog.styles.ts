import { css } from 'lit';

/**
 * The shell's styles: card and header. What the open dialog shows below the header (live logins, tabs, the actions
 * row and confirmations the views share, the no-right notice) comes with the frame's lazily loaded module
 * (dialog-frame.styles.ts), each view's with its own (grant-form.ts, list-styles.ts, unlock-link-view.ts); the dialog
 * adopts them when the module loads.
 */
export const supportUnlockDialogStyles = css`
  /* Inline, the dialog is its own size container (its tab strip and lists follow its width); as a popup, the popup is. */
  :host(:not([modal])) {
    container-type: inline-size;
  }
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
  [hidden] {
    display: none !important;
  }
  /* Focus moved there by the dialog (a heading, a notice, a status cell): no ring, it is not a control. */
  [tabindex='-1']:focus,
  [tabindex='-1']:focus-visible {
    outline: none;
    box-shadow: none;
  }

  @container (max-width: 480px) {
    .base {
      padding: calc(var(--_space) * 0.75);
    }
  }
`;
