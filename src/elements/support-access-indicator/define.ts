import { SupportAccessIndicator } from './support-access-indicator.js';

export { SupportAccessIndicator };

SupportAccessIndicator.define('support-access-indicator');

declare global {
  interface HTMLElementTagNameMap {
    'support-access-indicator': SupportAccessIndicator;
  }
}
