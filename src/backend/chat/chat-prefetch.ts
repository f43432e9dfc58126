import type { ChatMessage, Session } from '../../core/types.js';
import type { SupportBackend } from '../backend.js';
import { type CacheEntry, isCacheAware } from '../cache/cache-aware.js';

/** The key of the chat's read marker in the cache's meta store. */
export const READ_KEY = 'chat:read';
/** How many of the newest cached messages are read first (more than any viewport shows). */
export const CACHE_TAIL = 100;

/** The cache reads a chat session begins with; each settles with `undefined` when nothing is cached or it failed. */
export interface ChatPrefetch {
  /** The backend the reads went to. */
  readonly backend: SupportBackend;
  readonly session: Promise<CacheEntry<Session> | undefined>;
  /** The newest {@link CACHE_TAIL} cached messages. */
  readonly tail: Promise<CacheEntry<ChatMessage[]> | undefined>;
  /** The stored read marker. */
  readonly readSeq: Promise<unknown>;
}

/**
 * Starts the cache reads a `ChatSession` paints first (tenant zone, newest messages, read marker), or `null` for a
 * backend without a cache. The chat panel calls it when it connects, so that the cached messages are read while the
 * session's code is still loading; the session takes the reads over (`ChatSessionOptions.prefetch`).
 */
export function prefetchChat(backend: SupportBackend): ChatPrefetch | null {
  if (!isCacheAware(backend)) return null;
  const quiet = <T>(read: () => Promise<T>) => read().catch(() => undefined);
  return {
    backend,
    session: quiet(() => backend.peek('getSession')),
    tail: quiet(() => backend.peek('listChatMessages', { last: CACHE_TAIL })),
    readSeq: quiet(() => backend.meta.get(READ_KEY)),
  };
}
