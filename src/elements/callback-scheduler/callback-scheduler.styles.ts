import { css } from 'lit';

/** The frame's styles; its panel (form, booking, closed notice) brings its own (scheduler-panel.styles.ts). */
export const callbackSchedulerStyles = css`
  p {
    margin: 0;
  }
`;
