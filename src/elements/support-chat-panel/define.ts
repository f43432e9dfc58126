import { SupportChatPanel } from './support-chat-panel.js';

export { SupportChatPanel };

SupportChatPanel.define('support-chat-panel');

declare global {
  interface HTMLElementTagNameMap {
    'support-chat-panel': SupportChatPanel;
  }
}
