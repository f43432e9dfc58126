/**
 * `dist/cdn/chat.js`: the chat engine without the element (`ChatSession`, `prefetchChat`), for a page without a
 * bundler that drives a chat of its own or starts the chat's first read before the panel is shown. Shares
 * `support-widgets.js` (and the panel's own chat chunk), so the page holds one copy of it.
 *
 *   import { prefetchChat } from './dist/cdn/chat.js';
 */
import './support-widgets.js';

export { ChatSession, type ChatSessionOptions, type ChatStatus, type PendingChatMessage } from '../backend/chat/chat-session.js';
export { prefetchChat, type ChatPrefetch } from '../backend/chat/chat-prefetch.js';
