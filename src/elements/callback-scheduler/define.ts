import { CallbackScheduler } from './callback-scheduler.js';

export { CallbackScheduler };

CallbackScheduler.define('callback-scheduler');

declare global {
  interface HTMLElementTagNameMap {
    'callback-scheduler': CallbackScheduler;
  }
}
