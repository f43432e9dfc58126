import { CallbackScheduler } from './callback-scheduler.js';

export { CallbackScheduler };

// <support-contact>, shown in the closed notice, registers itself when the notice first needs it.
CallbackScheduler.define('callback-scheduler');

declare global {
  interface HTMLElementTagNameMap {
    'callback-scheduler': CallbackScheduler;
  }
}
