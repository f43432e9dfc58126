// The scheduler shows <support-contact> when support is closed: register it too.
import '../support-contact/define.js';
import { CallbackScheduler } from './callback-scheduler.js';

export { CallbackScheduler };

CallbackScheduler.define('callback-scheduler');

declare global {
  interface HTMLElementTagNameMap {
    'callback-scheduler': CallbackScheduler;
  }
}
