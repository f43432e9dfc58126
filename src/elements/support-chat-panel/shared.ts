import type { SupportBackend } from '../../backend/backend.js';
import type { ChatSession } from '../../backend/chat/chat-session.js';
import type { Translator } from '../../internal/support-element.js';
import type { ChatViewMessages } from './chat-view.i18n.js';
import type { SupportChatPanel } from './support-chat-panel.js';
import type { ChatMessages } from './support-chat-panel.i18n.js';

/** The element's strings and, once the view has loaded, the view's (`chat-view.i18n.ts`). */
export type ChatTranslator = Translator<ChatMessages & ChatViewMessages>;

/**
 * What the lazily loaded view (chat-view.ts: availability line, log, typing line, composer) reads of the element.
 * The element keeps the session — cache, network, live events, outbox — so that reading and delivering start at
 * once; the view keeps what only it shows (windowing, the draft, announcements).
 */
export interface ChatBridge {
  /** The element: its public properties and resources. */
  readonly host: SupportChatPanel;
  readonly t: ChatTranslator;
  /** The id of the title, which labels the panel. */
  readonly titleId: string;
  /** The element's backend (validated). */
  readonly api: SupportBackend | undefined;
  /** The session, while the element has a backend and is connected. */
  readonly session: ChatSession | null;
  /** The element's clock. */
  now(): Date;
}
