import { css } from 'lit';

/** The frame's styles; the form, booking and closed notice bring theirs (scheduler-view.styles.ts). */
export const callbackSchedulerStyles = css`
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
`;
