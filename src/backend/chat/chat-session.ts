import { CHAT_MESSAGE_MAX_LENGTH, chatTextProblem, chatTextToSend } from '../../core/chat.js';
import { retentionStart } from '../../core/retention.js';
import type { ChatMessage } from '../../core/types.js';
import { DEFAULT_TIME_ZONE } from '../../core/zone.js';
import type { SupportBackend, SupportEvent } from '../backend.js';
import { type CacheAware, type CacheMeta, type ChatOutbox, isCacheAware } from '../cache/cache-aware.js';
import type { OutboxRecord } from '../cache/db.js';
import { SupportError, type SupportErrorKind, toSupportError } from '../errors.js';
import { validateBackend } from '../validate-backend.js';
import { CACHE_TAIL, type ChatPrefetch, prefetchChat, READ_KEY } from './chat-prefetch.js';
import { DEFAULT_RETRY_POLICY, isRetryable, retryDelay, type RetryPolicy } from './backoff.js';

export type ChatStatus = 'idle' | 'loading' | 'ready' | 'error' | 'signed-out';

/** A message of the user's that the backend has not confirmed yet (it is in the outbox). */
export interface PendingChatMessage {
  readonly clientId: string;
  readonly text: string;
  readonly createdAt: Date;
  readonly attempts: number;
  /** `sending` until an attempt fails; then `failed` until it is sent, retried by hand or deleted. */
  readonly state: 'sending' | 'failed';
  /** What the last attempt failed with. */
  readonly error: SupportErrorKind | null;
  /** Failed, but the outbox keeps retrying by itself (the failure was transient). */
  readonly retrying: boolean;
}

export interface ChatSessionOptions {
  /** The clock (retention, timestamps of attempts). Default: the real one. */
  readonly now?: () => Date;
  /** Backoff of automatic retries. */
  readonly retry?: Partial<RetryPolicy>;
  /** Clear a typing indicator whose "stopped typing" got lost after this long, ms. Default 30 s. */
  readonly typingTimeoutMs?: number;
  /** The longest message accepted. Default {@link CHAT_MESSAGE_MAX_LENGTH}. */
  readonly maxLength?: number;
  /**
   * Coordinate with other tabs that use the same cache database: one tab (holder of a Web Lock) sends the outbox,
   * a BroadcastChannel spreads changes. Default `true`; without a caching backend there is nothing to share.
   */
  readonly crossTab?: boolean;
  /**
   * Cache reads already started for the same backend (`prefetchChat`): the session takes them over instead of
   * reading again. Ignored when made for another backend.
   */
  readonly prefetch?: ChatPrefetch | null;
}

/** What tabs tell each other about one user's chat. */
type TabMessage =
  | { readonly type: 'outbox'; readonly now?: boolean } // the outbox changed: read it again (the sending tab sends it; `now`: ignoring backoff)
  | { readonly type: 'message'; readonly message: ChatMessage } // a message was confirmed
  | { readonly type: 'read'; readonly seq: number }; // messages up to seq were read

type Delivery = 'sent' | 'retry' | 'held';

/** An in-memory outbox for backends without a cache: it survives errors and offline periods, not reloads. */
function memoryOutbox(): ChatOutbox {
  const records = new Map<string, OutboxRecord>();
  return {
    list: async () => [...records.values()].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()),
    put: async (record) => void records.set(record.clientId, record),
    update: async (clientId, changes) => {
      const record = records.get(clientId);
      if (record) records.set(clientId, { ...record, ...changes, clientId });
      return record !== undefined;
    },
    delete: async (clientId) => void records.delete(clientId),
  };
}

/** A fraction in [0, 1) that depends only on `key`: the same record waits the same time in every tab and after a reload. */
function stableFraction(key: string): number {
  let hash = 2166136261;
  for (let i = 0; i < key.length; i += 1) hash = Math.imul(hash ^ key.charCodeAt(i), 16777619);
  return (hash >>> 0) / 4294967296;
}

function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * One user's support chat, independent of any UI: history from the cache then the backend, live messages, catch-up
 * after a reconnect, and an outbox that delivers every message exactly once.
 *
 * - **History**: paints the cached messages (`peek`), then reconciles with a full listing; messages older than 21 days
 *   (tenant zone) are dropped, also while the session runs.
 * - **Live**: subscribes before listing, so nothing falls between the two; after `connection: open` it asks for
 *   everything after the last sequence number it has (the contract returns all of them, however many).
 * - **Outbox**: a message goes to the outbox (IndexedDB with a caching backend, else memory) before the first attempt;
 *   transient failures are retried with exponential backoff and at once when the connection returns; the
 *   client-generated `clientId` makes every retry idempotent. Other failures wait for `retry()` or `discard()`.
 * - **Tabs**: with a caching backend, the tabs of one user share the outbox; exactly one of them (the holder of a Web
 *   Lock named after the database) sends it, and a BroadcastChannel tells the others about new records, confirmed
 *   messages and the read marker. When the sending tab closes, the lock passes to another.
 *
 * Events: `change` (anything observable changed), `incoming` (`CustomEvent<ChatMessage[]>`: support messages that
 * arrived live or by catch-up), `failed` (`CustomEvent<PendingChatMessage>`: a message's first failed attempt).
 */
export class ChatSession extends EventTarget {
  readonly #source: SupportBackend;
  readonly #api: SupportBackend;
  readonly #cache: (SupportBackend & CacheAware) | null;
  readonly #outbox: ChatOutbox;
  readonly #meta: CacheMeta | null;
  readonly #now: () => Date;
  readonly #policy: RetryPolicy;
  readonly #typingTimeoutMs: number;
  readonly #crossTab: boolean;
  /** The longest message accepted. */
  readonly maxLength: number;

  #messages: ChatMessage[] = [];
  readonly #byId = new Map<string, ChatMessage>();
  readonly #bySeq = new Map<number, string>();
  /** Ids that arrived from the backend during this session (live, sent, other tabs, catch-up), not from the cache. */
  readonly #seenLive = new Set<string>();
  /** clientIds the backend has confirmed. */
  readonly #confirmed = new Set<string>();
  #pending = new Map<string, OutboxRecord>();
  /** Records put locally whose write may not be visible to `list()` yet. */
  readonly #writing = new Set<string>();
  readonly #discarded = new Set<string>();

  #status: ChatStatus = 'idle';
  #error: SupportError | null = null;
  #fromCache = false;
  #updatedAt: Date | null = null;
  #connection: 'connecting' | 'open' | 'closed' = 'connecting';
  #networkDown = false;
  #typing: { readonly name: string | null } | null = null;
  #readSeq: number | null = null;
  #leader = false;
  #zone = DEFAULT_TIME_ZONE;
  #syncedSeq: number | null = null;
  /** A listing succeeded: from now on the backend, not the cache, is the source. */
  #synced = false;
  /** The stored read marker, once loaded (the marker is only initialised after it). */
  #readLoaded: Promise<void> = Promise.resolve();
  #listVersion = 0;
  #pendingMemo: { version: number; list: readonly PendingChatMessage[] } | null = null;

  #abort: AbortController | null = null;
  /** Cache reads started before the session (see `ChatSessionOptions.prefetch`), until the first start takes them. */
  #prefetch: ChatPrefetch | null;
  #channel: BroadcastChannel | null = null;
  #firstSync: Promise<void> = Promise.resolve();
  #syncing: Promise<void> | null = null;
  #syncAgain = false;
  #epoch = 0;
  #syncEpoch = 0;
  #flushing = false;
  #flushAgain = false;
  #forceAgain = false;
  #flushTimer: ReturnType<typeof setTimeout> | undefined;
  #typingTimer: ReturnType<typeof setTimeout> | undefined;
  #retentionTimer: ReturnType<typeof setInterval> | undefined;
  #changeQueued = false;
  readonly #onOnline = () => this.#reconnected();

  constructor(backend: SupportBackend, options: ChatSessionOptions = {}) {
    super();
    this.#source = backend;
    this.#api = validateBackend(backend);
    this.#cache = isCacheAware(backend) ? (backend as SupportBackend & CacheAware) : null;
    this.#outbox = this.#cache?.outbox ?? memoryOutbox();
    this.#meta = this.#cache?.meta ?? null;
    this.#now = options.now ?? (() => new Date());
    this.#policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.#typingTimeoutMs = options.typingTimeoutMs ?? 30_000;
    this.#crossTab = options.crossTab ?? true;
    this.#prefetch = options.prefetch?.backend === backend ? options.prefetch : null;
    this.maxLength = options.maxLength ?? CHAT_MESSAGE_MAX_LENGTH;
  }

  /** The backend this session talks to (as given). */
  get backend(): SupportBackend {
    return this.#source;
  }

  // ------------------------------------------------------------------------------------------------ state
  /** `loading` until the cache or the backend answered; `ready` with messages (maybe from the cache); `error` without any. */
  get status(): ChatStatus {
    return this.#status;
  }

  /** Confirmed messages of the last 21 days, in sequence order. The same array until something changes. */
  get messages(): readonly ChatMessage[] {
    return this.#messages;
  }

  /** The user's messages the backend has not confirmed, oldest first. */
  get pending(): readonly PendingChatMessage[] {
    if (this.#pendingMemo?.version === this.#listVersion) return this.#pendingMemo.list;
    const list = [...this.#pending.values()]
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((r): PendingChatMessage => ({
        clientId: r.clientId,
        text: r.text,
        createdAt: r.createdAt,
        attempts: r.attempts,
        state: r.lastError === null ? 'sending' : 'failed',
        error: (r.lastError as SupportErrorKind | null) ?? null,
        retrying: r.lastError !== null && isRetryable(r.lastError),
      }));
    this.#pendingMemo = { version: this.#listVersion, list };
    return list;
  }

  /** Changes whenever `messages` or `pending` change (cheap memoisation for renderers). */
  get listVersion(): number {
    return this.#listVersion;
  }

  /** The last failure to load or catch up; `null` after a success. */
  get error(): SupportError | null {
    return this.#error;
  }

  /** `true` while the messages shown come from the cache and the backend has not answered yet. */
  get fromCache(): boolean {
    return this.#fromCache;
  }

  /** When the messages were last confirmed by the backend (or stored in the cache). */
  get updatedAt(): Date | null {
    return this.#updatedAt;
  }

  /** The live connection as the backend last reported it. */
  get connection(): 'connecting' | 'open' | 'closed' {
    return this.#connection;
  }

  /** `true` when the live connection closed or the last call failed for lack of a network. */
  get offline(): boolean {
    return this.#connection === 'closed' || this.#networkDown;
  }

  /** Support is typing (with the name, when known), or `null`. */
  get typing(): { readonly name: string | null } | null {
    return this.#typing;
  }

  /** Support messages after the read marker. */
  get unread(): number {
    if (this.#readSeq === null) return 0;
    let count = 0;
    for (let i = this.#messages.length - 1; i >= 0; i -= 1) {
      const m = this.#messages[i]!;
      if (m.seq <= this.#readSeq) break;
      if (m.author === 'support') count += 1;
    }
    return count;
  }

  /** `true` in the one tab that sends the shared outbox (every session without a cache sends its own). */
  get sending(): boolean {
    return this.#leader;
  }

  /** The tenant's zone (from the session): the 21 days are counted in it. */
  get timeZone(): string {
    return this.#zone;
  }

  // ------------------------------------------------------------------------------------------------ lifecycle
  /** Loads, subscribes and starts delivering. Idempotent. */
  start(): void {
    if (this.#abort) return;
    const abort = new AbortController();
    this.#abort = abort;
    this.#status = 'loading';
    this.#changed();
    this.#retentionTimer = setInterval(() => {
      if (this.#prune()) this.#listChanged();
    }, 60_000);
    globalThis.addEventListener?.('online', this.#onOnline);
    void this.#begin(abort.signal);
  }

  /** Stops everything (subscription, timers, the outbox lock). The outbox stays for the next session. */
  stop(): void {
    this.#abort?.abort();
    this.#abort = null;
    this.#leader = false;
    this.#channel?.close();
    this.#channel = null;
    clearTimeout(this.#flushTimer);
    clearTimeout(this.#typingTimer);
    clearInterval(this.#retentionTimer);
    globalThis.removeEventListener?.('online', this.#onOnline);
  }

  async #begin(signal: AbortSignal): Promise<void> {
    // Live events first: whatever arrives while the listing is under way is merged, nothing falls in between.
    this.#api.subscribe((event) => this.#onEvent(event), signal);
    // The cache reads, unless the panel started them while this code was loading (the first start only).
    const reads = this.#prefetch ?? (this.#cache ? prefetchChat(this.#cache) : null);
    this.#prefetch = null;
    this.#readLoaded = reads
      ? reads.readSeq.then((seq) => {
          if (typeof seq === 'number') this.#readSeq = Math.max(this.#readSeq ?? -1, seq);
        })
      : Promise.resolve();
    const cached = reads ? this.#loadCache(reads, signal) : Promise.resolve();
    this.#firstSync = this.#sync(signal);
    await cached;
    await this.#loadOutbox();
    await this.#coordinate(signal);
  }

  async #loadCache(reads: ChatPrefetch, signal: AbortSignal): Promise<void> {
    // The newest messages first: they are all a first paint shows, however long the chat. Then the rest.
    const [session, tail] = await Promise.all([reads.session, reads.tail]);
    await this.#readLoaded;
    if (session && !this.#synced) this.#zone = session.value.tenant.timeZone;
    if (!tail || !this.#takeCache(tail.value, tail.storedAt, signal)) return;
    if (tail.value.length < CACHE_TAIL) return;
    const all = await this.#cache!.peek('listChatMessages').catch(() => undefined);
    if (all) this.#takeCache(all.value, all.storedAt, signal);
  }

  /** Shows cached messages unless the backend answered meanwhile; `false` when they came too late. */
  #takeCache(messages: readonly ChatMessage[], storedAt: Date, signal: AbortSignal): boolean {
    if (signal.aborted || this.#synced || this.#status === 'signed-out') return false;
    this.#merge(messages, 'cache');
    this.#fromCache = true;
    this.#updatedAt = storedAt;
    this.#status = 'ready';
    // An empty cache says little (the listing may not be stored yet): only the backend's answer sets a first marker.
    if (this.#messages.length) this.#initReadMarker();
    this.#changed();
    return true;
  }

  async #coordinate(signal: AbortSignal): Promise<void> {
    const name = this.#crossTab && this.#cache ? await this.#cache.storageName().catch(() => null) : null;
    if (signal.aborted) return;
    if (!name) {
      this.#becomeLeader();
      return;
    }
    if (typeof BroadcastChannel !== 'undefined') {
      const channel = new BroadcastChannel(`support-widgets:chat:${name}`);
      channel.onmessage = (event: MessageEvent<TabMessage>) => this.#onTabMessage(event.data);
      this.#channel = channel;
    }
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!locks) {
      // No Web Locks: every tab sends; the clientId keeps that exactly-once, only less economical.
      this.#becomeLeader();
      return;
    }
    locks
      .request(`support-widgets:chat-outbox:${name}`, { signal }, () => {
        if (signal.aborted) return undefined;
        this.#becomeLeader();
        // Hold the lock until this session stops; the browser releases it when the tab closes.
        return new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      })
      .catch(() => undefined); // aborted while waiting
  }

  #becomeLeader(): void {
    this.#leader = true;
    this.#changed();
    void this.#flush(true);
  }

  // ------------------------------------------------------------------------------------------------ actions
  /**
   * Queues `text` (trimmed) for sending and returns its clientId at once; the message shows as pending until the
   * backend confirms it. Rejects with `invalid-request` when the text is empty or too long.
   */
  async send(text: string): Promise<string> {
    const problem = chatTextProblem(text, this.maxLength);
    if (problem) throw new SupportError('invalid-request', `The message is ${problem}`, { reason: problem });
    const record: OutboxRecord = {
      clientId: newClientId(),
      text: chatTextToSend(text),
      createdAt: this.#now(),
      attempts: 0,
      lastAttemptAt: null,
      lastError: null,
    };
    this.#pending.set(record.clientId, record);
    this.#writing.add(record.clientId);
    this.#listChanged();
    try {
      await this.#outbox.put(record);
    } finally {
      this.#writing.delete(record.clientId);
    }
    this.#post({ type: 'outbox' });
    void this.#flush();
    return record.clientId;
  }

  /** Sends a pending message now (and everything queued before it), resetting its backoff. */
  async retry(clientId: string): Promise<void> {
    const record = this.#pending.get(clientId);
    if (!record) return;
    const changes = { lastError: null, lastAttemptAt: null };
    this.#pending.set(clientId, { ...record, ...changes });
    this.#listChanged();
    await this.#outbox.update(clientId, changes);
    this.#post({ type: 'outbox' });
    void this.#flush(true);
  }

  /** Removes a pending message from the outbox. (One already on its way may still arrive.) */
  async discard(clientId: string): Promise<void> {
    this.#discarded.add(clientId);
    if (this.#pending.delete(clientId)) this.#listChanged();
    await this.#outbox.delete(clientId);
    this.#post({ type: 'outbox' });
  }

  /** Loads the full history again (the retry button). */
  reload(): Promise<void> {
    const signal = this.#abort?.signal;
    if (!signal) return Promise.resolve();
    this.#syncedSeq = null;
    return this.#sync(signal);
  }

  /** Sends the outbox now (the sending tab does it; others ask it to). */
  flush(): void {
    void this.#flush(true);
  }

  /** Marks every message as read (the panel is visible); other tabs follow. */
  markRead(): void {
    const last = this.#messages.at(-1);
    if (!last || (this.#readSeq !== null && this.#readSeq >= last.seq)) return;
    this.#readSeq = last.seq;
    void this.#meta?.set(READ_KEY, last.seq).catch(() => undefined);
    this.#post({ type: 'read', seq: last.seq });
    this.#changed();
  }

  // ------------------------------------------------------------------------------------------------ sync
  #sync(signal: AbortSignal): Promise<void> {
    if (this.#syncing) {
      // A reconnect while a listing is under way: that listing may predate the gap, so list again afterwards.
      if (this.#epoch !== this.#syncEpoch) this.#syncAgain = true;
      return this.#syncing;
    }
    this.#syncing = (async () => {
      do {
        this.#syncAgain = false;
        this.#syncEpoch = this.#epoch;
        await this.#syncOnce(signal);
      } while (this.#syncAgain && !signal.aborted);
    })().finally(() => (this.#syncing = null));
    return this.#syncing;
  }

  async #syncOnce(signal: AbortSignal): Promise<void> {
    const afterSeq = this.#syncedSeq;
    const full = afterSeq === null;
    const [session, listing] = await Promise.allSettled([
      full ? this.#api.getSession(signal) : Promise.resolve(null),
      this.#api.listChatMessages(full ? {} : { afterSeq }, signal),
    ]);
    if (signal.aborted) return;
    const failures = [session, listing].filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => toSupportError(r.reason));
    const failure = failures.find((e) => e.kind === 'unauthorized') ?? failures[0];
    if (failure) {
      if (failure.kind === 'aborted') return;
      if (failure.kind === 'unauthorized') {
        this.#status = 'signed-out';
        this.#error = failure;
        this.#replace([]);
      } else {
        this.#error = failure;
        if (failure.kind === 'network') this.#networkDown = true;
        if (this.#status !== 'ready') this.#status = 'error';
      }
      this.#changed();
      return;
    }
    const messages = (listing as PromiseFulfilledResult<ChatMessage[]>).value;
    const fresh = (session as PromiseFulfilledResult<{ tenant: { timeZone: string } } | null>).value;
    if (fresh) this.#zone = fresh.tenant.timeZone;
    if (full) this.#reconcile(messages);
    else this.#merge(messages, 'catch-up');
    const maxSeq = messages.reduce((max, m) => Math.max(max, m.seq), afterSeq ?? -1);
    this.#syncedSeq = maxSeq >= 0 ? maxSeq : null;
    this.#synced = true;
    await this.#readLoaded;
    if (signal.aborted) return;
    this.#status = 'ready';
    this.#error = null;
    this.#fromCache = false;
    this.#networkDown = false;
    this.#updatedAt = this.#now();
    this.#initReadMarker();
    this.#changed();
  }

  #reconnected(): void {
    const signal = this.#abort?.signal;
    if (!signal) return;
    this.#networkDown = false;
    this.#changed();
    void this.#sync(signal);
    void this.#flush(true);
  }

  #onEvent(event: SupportEvent): void {
    if (!this.#abort) return;
    switch (event.type) {
      case 'chat-message':
        this.#merge([event.message], 'live');
        break;
      case 'chat-typing':
        clearTimeout(this.#typingTimer);
        this.#typing = event.typing ? { name: event.name } : null;
        if (event.typing) this.#typingTimer = setTimeout(() => ((this.#typing = null), this.#changed()), this.#typingTimeoutMs);
        this.#changed();
        break;
      case 'connection':
        if (event.state === 'open') {
          this.#connection = 'open';
          this.#reconnected();
        } else {
          this.#connection = 'closed';
          this.#epoch += 1;
          this.#typing = null;
          this.#changed();
        }
        break;
      default:
        break;
    }
  }

  #onTabMessage(message: TabMessage): void {
    if (!this.#abort) return;
    switch (message.type) {
      case 'outbox':
        void this.#loadOutbox().then(() => {
          if (this.#leader) void this.#flush(message.now === true);
        });
        break;
      case 'message':
        this.#merge([message.message], 'tab');
        break;
      case 'read':
        if (this.#readSeq === null || message.seq > this.#readSeq) {
          this.#readSeq = message.seq;
          this.#changed();
        }
        break;
    }
  }

  #post(message: TabMessage): void {
    try {
      this.#channel?.postMessage(message);
    } catch {
      // A closed channel: the other tabs learn from the backend's live events instead.
    }
  }

  // ------------------------------------------------------------------------------------------------ outbox
  async #loadOutbox(): Promise<void> {
    const records = await this.#outbox.list().catch(() => [] as OutboxRecord[]);
    const next = new Map<string, OutboxRecord>();
    for (const record of records) {
      if (this.#confirmed.has(record.clientId) || this.#discarded.has(record.clientId)) {
        void this.#outbox.delete(record.clientId).catch(() => undefined);
      } else next.set(record.clientId, record);
    }
    for (const id of this.#writing) {
      const local = this.#pending.get(id);
      if (local && !next.has(id)) next.set(id, local);
    }
    const same =
      next.size === this.#pending.size &&
      [...next].every(([id, r]) => {
        const old = this.#pending.get(id);
        return old && old.attempts === r.attempts && old.lastError === r.lastError && old.lastAttemptAt?.getTime() === r.lastAttemptAt?.getTime();
      });
    this.#pending = next;
    if (!same) this.#listChanged();
  }

  /** Delay until `record` is due again, ms (0: now). Backoff counts from the last attempt, in every tab and after reloads. */
  #dueIn(record: OutboxRecord): number {
    if (record.attempts === 0 || record.lastAttemptAt === null) return 0;
    const delay = retryDelay(record.attempts, this.#policy, () => stableFraction(`${record.clientId}:${record.attempts}`));
    return record.lastAttemptAt.getTime() + delay - this.#now().getTime();
  }

  async #flush(force = false): Promise<void> {
    const signal = this.#abort?.signal;
    if (!signal) return;
    if (!this.#leader) {
      this.#post({ type: 'outbox', now: force });
      return;
    }
    if (this.#flushing) {
      this.#flushAgain = true;
      this.#forceAgain ||= force;
      return;
    }
    this.#flushing = true;
    clearTimeout(this.#flushTimer);
    try {
      // Let the listing show first what already arrived (a response lost before a reload): no needless resend.
      await this.#firstSync;
      let round = true;
      while (round && !signal.aborted && this.#leader) {
        round = false;
        this.#flushAgain = false;
        let wait: number | null = null;
        const records = await this.#outbox.list().catch(() => [] as OutboxRecord[]);
        for (const record of records) {
          if (signal.aborted) return;
          if (this.#confirmed.has(record.clientId) || this.#discarded.has(record.clientId)) {
            await this.#outbox.delete(record.clientId).catch(() => undefined);
            continue;
          }
          if (record.lastError !== null && !isRetryable(record.lastError)) continue; // waits for the user
          const dueIn = force ? 0 : this.#dueIn(record);
          if (dueIn > 0) {
            wait = dueIn;
            break; // keep the order: nothing overtakes a message that waits
          }
          const outcome = await this.#deliver(record, signal);
          if (outcome === 'retry') {
            wait = retryDelay(record.attempts + 1, this.#policy, () => stableFraction(`${record.clientId}:${record.attempts + 1}`));
            break;
          }
        }
        force = false;
        if (this.#flushAgain) {
          round = true;
          force = this.#forceAgain;
          this.#forceAgain = false;
        } else if (wait !== null && !signal.aborted) {
          this.#flushTimer = setTimeout(() => void this.#flush(), Math.max(0, wait));
        }
      }
    } finally {
      this.#flushing = false;
    }
  }

  async #deliver(record: OutboxRecord, signal: AbortSignal): Promise<Delivery> {
    try {
      const message = await this.#api.sendChatMessage({ clientId: record.clientId, text: record.text }, signal);
      await this.#outbox.delete(record.clientId).catch(() => undefined);
      this.#networkDown = false;
      this.#merge([message], 'sent');
      this.#post({ type: 'message', message });
      return 'sent';
    } catch (thrown) {
      const error = toSupportError(thrown);
      if (signal.aborted || error.kind === 'aborted') return 'retry';
      if (error.kind === 'network' && !this.#networkDown) {
        this.#networkDown = true;
        this.#changed();
      }
      const changes = { attempts: record.attempts + 1, lastAttemptAt: this.#now(), lastError: error.kind };
      const stillQueued = await this.#outbox.update(record.clientId, changes).catch(() => false);
      const local = this.#pending.get(record.clientId);
      if (stillQueued && local) {
        const updated = { ...local, ...changes };
        this.#pending.set(record.clientId, updated);
        this.#listChanged();
        if (local.lastError === null) {
          const shown = this.pending.find((p) => p.clientId === record.clientId);
          if (shown) this.dispatchEvent(new CustomEvent('failed', { detail: shown }));
        }
      }
      this.#post({ type: 'outbox' });
      return isRetryable(error.kind) ? 'retry' : 'held';
    }
  }

  // ------------------------------------------------------------------------------------------------ messages
  /** Adds messages not seen yet (by id; a known seq under another id is replaced: the server was reset). */
  #merge(incoming: readonly ChatMessage[], source: 'cache' | 'live' | 'catch-up' | 'sent' | 'tab'): void {
    const added: ChatMessage[] = [];
    let replaced = false;
    for (const message of incoming) {
      if (source !== 'cache') this.#seenLive.add(message.id);
      if (this.#byId.has(message.id)) continue;
      const other = this.#bySeq.get(message.seq);
      if (other !== undefined) {
        this.#byId.delete(other);
        replaced = true;
      }
      this.#byId.set(message.id, message);
      this.#bySeq.set(message.seq, message.id);
      added.push(message);
    }
    this.#confirm(incoming);
    if (added.length === 0) return;
    added.sort((a, b) => a.seq - b.seq);
    const last = this.#messages.at(-1);
    if (!replaced && (!last || added[0]!.seq > last.seq)) this.#messages = [...this.#messages, ...added];
    else this.#messages = [...this.#byId.values()].sort((a, b) => a.seq - b.seq);
    this.#prune();
    this.#listChanged();
    if (added.some((m) => m.author === 'support') && this.#typing) {
      clearTimeout(this.#typingTimer);
      this.#typing = null;
    }
    if (source === 'live' || source === 'catch-up') {
      const support = added.filter((m) => m.author === 'support' && this.#byId.has(m.id));
      if (support.length) this.dispatchEvent(new CustomEvent('incoming', { detail: support }));
    }
  }

  /**
   * A full listing: it is the truth up to its last sequence number; messages after that which arrived live meanwhile
   * stay. Whatever the backend no longer lists (pruned, deleted; cached from a server that was reset) goes.
   */
  #reconcile(listing: readonly ChatMessage[]): void {
    const maxSeq = listing.reduce((max, m) => Math.max(max, m.seq), -1);
    const ids = new Set(listing.map((m) => m.id));
    const later = this.#messages.filter((m) => m.seq > maxSeq && !ids.has(m.id) && this.#seenLive.has(m.id));
    this.#replace([...listing, ...later]);
    this.#confirm(listing);
  }

  #replace(messages: readonly ChatMessage[]): void {
    this.#byId.clear();
    this.#bySeq.clear();
    const list: ChatMessage[] = [];
    for (const m of messages) {
      if (this.#byId.has(m.id) || this.#bySeq.has(m.seq)) continue;
      this.#byId.set(m.id, m);
      this.#bySeq.set(m.seq, m.id);
      list.push(m);
    }
    this.#messages = list.sort((a, b) => a.seq - b.seq);
    this.#prune();
    this.#listChanged();
  }

  /** Pending messages the backend now has leave the outbox. */
  #confirm(messages: readonly ChatMessage[]): void {
    let changed = false;
    for (const m of messages) {
      if (m.clientId === null) continue;
      this.#confirmed.add(m.clientId);
      if (this.#pending.delete(m.clientId)) {
        changed = true;
        void this.#outbox.delete(m.clientId).catch(() => undefined);
      }
    }
    if (changed) this.#listChanged();
  }

  /** Drops messages older than 21 days; `true` when any went. */
  #prune(): boolean {
    const first = this.#messages[0];
    if (!first) return false;
    const start = retentionStart('chat', this.#now(), this.#zone).getTime();
    if (this.#messages.every((m) => m.sentAt.getTime() >= start)) return false;
    const kept: ChatMessage[] = [];
    for (const m of this.#messages) {
      if (m.sentAt.getTime() >= start) kept.push(m);
      else {
        this.#byId.delete(m.id);
        this.#bySeq.delete(m.seq);
      }
    }
    this.#messages = kept;
    return true;
  }

  /** Without a stored read marker (first use), the history counts as read; only what arrives later is unread. */
  #initReadMarker(): void {
    if (this.#readSeq !== null) return;
    const seq = this.#messages.at(-1)?.seq ?? -1;
    this.#readSeq = seq;
    if (seq >= 0) void this.#meta?.set(READ_KEY, seq).catch(() => undefined);
  }

  #listChanged(): void {
    this.#listVersion += 1;
    this.#changed();
  }

  #changed(): void {
    if (this.#changeQueued) return;
    this.#changeQueued = true;
    queueMicrotask(() => {
      this.#changeQueued = false;
      this.dispatchEvent(new Event('change'));
    });
  }
}
