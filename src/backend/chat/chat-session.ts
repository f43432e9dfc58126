import { ATTACHMENTS_PER_MESSAGE_MAX } from '../../core/attachments.js';
import { CHAT_MESSAGE_MAX_LENGTH, chatTextProblem } from '../../core/chat.js';
import type { AttachmentRef, ChatMessage } from '../../core/types.js';
import { checkAttachmentFile } from '../attachment-blob.js';
import { supportsAttachments } from '../contract-schema.js';
import type { SupportBackend, SupportEvent } from '../backend.js';
import { type CacheAware, type CacheMeta, isCacheAware } from '../cache/cache-aware.js';
import { whenIdle } from '../cache/idle.js';
import { SupportError } from '../errors.js';
import { validateBackend } from '../validate-backend.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './backoff.js';
import { ChatHistory, type HistoryUpdate, type SyncOutcome } from './chat-history.js';
import { memoryOutbox, OutboxQueue, type PendingChatMessage, type PreparedAttachment } from './chat-outbox.js';
import { CACHE_TAIL, type ChatPrefetch, prefetchChat, READ_KEY } from './chat-prefetch.js';
import { TabCoordinator, type TabMessage } from './tab-coordinator.js';

export type { PendingAttachment, PendingChatMessage } from './chat-outbox.js';

export type ChatStatus = 'idle' | 'loading' | 'ready' | 'error' | 'signed-out';

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

/**
 * One user's support chat, independent of any UI: history from the cache then the backend, live messages, catch-up
 * after a reconnect, and an outbox that delivers every message exactly once. It composes three parts, each tested on
 * its own, and adds what only the whole knows — status, typing and the read marker:
 *
 * - **History** ({@link ChatHistory}, chat-history.ts): paints the cached messages (`peek`), then reconciles with a
 *   full listing; after `connection: open` it asks for everything after the last sequence number it has (the
 *   contract returns all of them, however many); messages older than 21 days (tenant zone) are dropped, also while
 *   the session runs. Live events are subscribed before listing, so nothing falls between the two.
 * - **Outbox** ({@link OutboxQueue}, chat-outbox.ts): a message goes to the outbox (IndexedDB with a caching backend,
 *   else memory) before the first attempt; transient failures are retried with exponential backoff and at once when
 *   the connection returns; the client-generated `clientId` makes every retry idempotent. Other failures wait for
 *   `retry()` or `discard()`.
 * - **Tabs** ({@link TabCoordinator}, tab-coordinator.ts): with a caching backend, the tabs of one user share the
 *   outbox; exactly one of them (the holder of a Web Lock named after the database) sends it, and a BroadcastChannel
 *   tells the others about new records, confirmed messages and the read marker. When the sending tab closes, the lock
 *   passes to another.
 *
 * Events: `change` (anything observable changed), `incoming` (`CustomEvent<ChatMessage[]>`: support messages that
 * arrived live or by catch-up), `failed` (`CustomEvent<PendingChatMessage>`: a message's first failed attempt).
 */
export class ChatSession extends EventTarget {
  readonly #source: SupportBackend;
  readonly #api: SupportBackend;
  readonly #cache: (SupportBackend & CacheAware) | null;
  readonly #meta: CacheMeta | null;
  readonly #now: () => Date;
  readonly #typingTimeoutMs: number;
  readonly #crossTab: boolean;
  readonly #history: ChatHistory;
  readonly #outbox: OutboxQueue;
  readonly #tabs: TabCoordinator;
  /** The longest message accepted. */
  readonly maxLength: number;

  #status: ChatStatus = 'idle';
  #error: SupportError | null = null;
  #fromCache = false;
  #updatedAt: Date | null = null;
  #connection: 'connecting' | 'open' | 'closed' = 'connecting';
  #networkDown = false;
  #typing: { readonly name: string | null } | null = null;
  #readSeq: number | null = null;
  /** The stored read marker, once loaded (the marker is only initialised after it). */
  #readLoaded: Promise<void> = Promise.resolve();
  #listVersion = 0;

  #abort: AbortController | null = null;
  /** Cache reads started before the session (see `ChatSessionOptions.prefetch`), until the first start takes them. */
  #prefetch: ChatPrefetch | null;
  #firstSync: Promise<void> = Promise.resolve();
  #cacheRead: Promise<void> = Promise.resolve();
  #typingTimer: ReturnType<typeof setTimeout> | undefined;
  #retentionTimer: ReturnType<typeof setInterval> | undefined;
  #changeQueued = false;
  readonly #onOnline = () => this.#reconnected();

  constructor(backend: SupportBackend, options: ChatSessionOptions = {}) {
    super();
    this.#source = backend;
    this.#api = validateBackend(backend);
    this.#cache = isCacheAware(backend) ? (backend as SupportBackend & CacheAware) : null;
    this.#meta = this.#cache?.meta ?? null;
    this.#now = options.now ?? (() => new Date());
    this.#typingTimeoutMs = options.typingTimeoutMs ?? 30_000;
    this.#crossTab = options.crossTab ?? true;
    this.#prefetch = options.prefetch?.backend === backend ? options.prefetch : null;
    this.maxLength = options.maxLength ?? CHAT_MESSAGE_MAX_LENGTH;
    this.#history = new ChatHistory({
      now: this.#now,
      onUpdate: (update) => this.#historyUpdated(update),
      onSynced: (outcome) => this.#synced(outcome),
    });
    this.#outbox = new OutboxQueue({
      storage: this.#cache?.outbox ?? memoryOutbox(),
      policy: { ...DEFAULT_RETRY_POLICY, ...options.retry },
      now: this.#now,
      send: (record, attachmentIds, signal) =>
        this.#api.sendChatMessage({ clientId: record.clientId, text: record.text, ...(attachmentIds.length ? { attachmentIds } : {}) }, signal),
      upload: (file, meta, options) => {
        if (!this.#api.uploadAttachment) throw new SupportError('invalid-request', 'This backend takes no attachments', { reason: 'attachments-unsupported' });
        return this.#api.uploadAttachment(file, meta, options);
      },
      mayReplay: () => this.#tabs.leader,
      // Let the listing show first what already arrived (a response lost before a reload): no needless resend.
      ready: () => this.#firstSync,
      onChange: () => this.#listChanged(),
      onSent: (message) => {
        this.#networkDown = false;
        this.#history.merge([message], 'sent');
        this.#tabs.post({ type: 'message', message });
      },
      onAttemptFailed: (error, failed) => {
        if (error.kind === 'network' && !this.#networkDown) {
          this.#networkDown = true;
          this.#changed();
        }
        if (failed) this.dispatchEvent(new CustomEvent('failed', { detail: failed }));
      },
      onStored: () => this.#tabs.post({ type: 'outbox' }),
    });
    this.#tabs = new TabCoordinator({
      onMessage: (message) => this.#onTabMessage(message),
      onLeader: () => {
        this.#changed();
        this.flush();
      },
    });
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
    return this.#history.messages;
  }

  /** The user's messages the backend has not confirmed, oldest first. */
  get pending(): readonly PendingChatMessage[] {
    return this.#outbox.pending;
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
    const messages = this.#history.messages;
    let count = 0;
    for (let i = messages.length - 1; i >= 0; i -= 1) {
      const m = messages[i]!;
      if (m.seq <= this.#readSeq) break;
      if (m.author === 'support') count += 1;
    }
    return count;
  }

  /** `true` in the one tab that sends the shared outbox (every session without a cache sends its own). */
  get sending(): boolean {
    return this.#tabs.leader;
  }

  /**
   * Settles once the cached messages a first paint shows have been read and taken (or there were none, or no cache):
   * a renderer may wait for it briefly rather than paint a skeleton that the cache replaces a moment later.
   */
  get cacheRead(): Promise<void> {
    return this.#cacheRead;
  }

  /** The tenant's zone (from the session): the 21 days are counted in it. */
  get timeZone(): string {
    return this.#history.zone;
  }

  // ------------------------------------------------------------------------------------------------ lifecycle
  /** Loads, subscribes and starts delivering. Idempotent. */
  start(): void {
    if (this.#abort) return;
    const abort = new AbortController();
    this.#abort = abort;
    this.#status = 'loading';
    this.#changed();
    this.#retentionTimer = setInterval(() => this.#history.prune(), 60_000);
    globalThis.addEventListener?.('online', this.#onOnline);
    void this.#begin(abort.signal);
  }

  /** Stops everything (subscription, timers, the outbox lock). The outbox stays for the next session. */
  stop(): void {
    this.#abort?.abort();
    this.#abort = null;
    this.#outbox.stop();
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
    this.#cacheRead = cached.catch(() => undefined);
    this.#firstSync = this.#history.sync(this.#api, signal);
    await cached;
    await this.#outbox.load();
    const name = this.#crossTab && this.#cache ? await this.#cache.storageName().catch(() => null) : null;
    this.#tabs.start(name, signal);
  }

  async #loadCache(reads: ChatPrefetch, signal: AbortSignal): Promise<void> {
    // The newest messages first: they are all a first paint shows, however long the chat.
    const [session, tail] = await Promise.all([reads.session, reads.tail]);
    await this.#readLoaded;
    if (session) this.#history.useCachedZone(session.value.tenant.timeZone);
    if (!tail || !this.#takeCache(tail.value, tail.storedAt, signal)) return;
    if (tail.value.length < CACHE_TAIL) return;
    // Then the rest, once the page is idle (after the first rows are painted): reading 20,000 messages out of
    // IndexedDB takes the main thread for a while. Not at all when the backend has answered meanwhile.
    void whenIdle().then(async () => {
      if (signal.aborted || this.#history.synced) return;
      const all = await this.#cache!.peek('listChatMessages').catch(() => undefined);
      if (all) this.#takeCache(all.value, all.storedAt, signal);
    });
  }

  /** Shows cached messages unless the backend answered meanwhile; `false` when they came too late. */
  #takeCache(messages: readonly ChatMessage[], storedAt: Date, signal: AbortSignal): boolean {
    if (signal.aborted || this.#history.synced || this.#status === 'signed-out') return false;
    this.#history.merge(messages, 'cache');
    this.#fromCache = true;
    this.#updatedAt = storedAt;
    this.#status = 'ready';
    // An empty cache says little (the listing may not be stored yet): only the backend's answer sets a first marker.
    if (this.#history.messages.length) this.#initReadMarker();
    this.#changed();
    return true;
  }

  // ------------------------------------------------------------------------------------------------ actions
  /** `true` when the backend takes attachments (`uploadAttachment` and `downloadAttachment`): offer them only then. */
  get attachmentsEnabled(): boolean {
    return supportsAttachments(this.#api);
  }

  /**
   * Queues `text` (trimmed) with `files` for sending and returns its clientId at once; the message shows as pending
   * (with its files' upload progress) until the backend confirms it. The files are checked by content first and kept
   * in the outbox (IndexedDB with a caching backend) until their message is sent: uploaded one by one, each exactly
   * once, and only then is the message created, exactly once. Rejects — queueing nothing, so the caller keeps the
   * text and files — with `invalid-request` when the text is empty (without files) or too long (reason `empty`,
   * `too-long`), with more than `ATTACHMENTS_PER_MESSAGE_MAX` files (`attachments-too-many`), a file that is empty,
   * too large or of a refused type (`attachment-empty`, `attachment-too-large`, `attachment-type-refused`), files
   * on a backend without attachments (`attachments-unsupported`); with `storage-full` when the browser's storage
   * cannot keep the files.
   */
  async send(text: string, files: readonly Blob[] = []): Promise<string> {
    const problem = chatTextProblem(text, this.maxLength);
    if (problem && !(problem === 'empty' && files.length > 0)) {
      throw new SupportError('invalid-request', `The message is ${problem}`, { reason: problem });
    }
    if (files.length > 0 && !this.attachmentsEnabled) {
      throw new SupportError('invalid-request', 'This backend takes no attachments', { reason: 'attachments-unsupported' });
    }
    if (files.length > ATTACHMENTS_PER_MESSAGE_MAX) {
      throw new SupportError('invalid-request', `At most ${ATTACHMENTS_PER_MESSAGE_MAX} attachments per message`, { reason: 'attachments-too-many' });
    }
    const prepared: PreparedAttachment[] = [];
    for (const blob of files) {
      const name = typeof (blob as File).name === 'string' && (blob as File).name !== '' ? (blob as File).name : 'file';
      const checked = await checkAttachmentFile(blob, { name, type: blob.type });
      if (checked.problem !== null) {
        throw new SupportError('invalid-request', `${name}: ${checked.problem}`, { reason: `attachment-${checked.problem}` });
      }
      prepared.push({ blob, name, type: checked.type });
    }
    const clientId = await this.#outbox.add(text, prepared);
    this.#tabs.post({ type: 'outbox' });
    this.#flush(false);
    return clientId;
  }

  /** The bytes of a pending message's file (for a preview), or `undefined` once it is sent or discarded. */
  pendingFile(attachmentClientId: string): Promise<Blob | undefined> {
    return this.#outbox.file(attachmentClientId);
  }

  /**
   * The bytes of a sent attachment, typed by their content (`application/octet-stream` when they are none of the
   * accepted types). Show an image only when `isInlineImageType(blob.type)`, from `URL.createObjectURL(blob)`.
   */
  downloadAttachment(attachment: AttachmentRef | string, signal?: AbortSignal): Promise<Blob> {
    if (!this.#api.downloadAttachment) {
      return Promise.reject(new SupportError('invalid-request', 'This backend takes no attachments', { reason: 'attachments-unsupported' }));
    }
    return this.#api.downloadAttachment(typeof attachment === 'string' ? attachment : attachment.id, signal);
  }

  /** Sends a pending message now (and everything queued before it), resetting its backoff. */
  async retry(clientId: string): Promise<void> {
    if (!this.#outbox.pending.some((p) => p.clientId === clientId)) return;
    await this.#outbox.retry(clientId);
    this.#tabs.post({ type: 'outbox' });
    this.flush();
  }

  /** Removes a pending message from the outbox. (One already on its way may still arrive.) */
  async discard(clientId: string): Promise<void> {
    await this.#outbox.discard(clientId);
    this.#tabs.post({ type: 'outbox' });
  }

  /** Loads the full history again (the retry button). */
  reload(): Promise<void> {
    const signal = this.#abort?.signal;
    if (!signal) return Promise.resolve();
    return this.#history.resync(this.#api, signal);
  }

  /** Sends the outbox now (the sending tab does it; others ask it to). */
  flush(): void {
    this.#flush(true);
  }

  /** Marks every message as read (the panel is visible); other tabs follow. */
  markRead(): void {
    const last = this.#history.messages.at(-1);
    if (!last || (this.#readSeq !== null && this.#readSeq >= last.seq)) return;
    this.#readSeq = last.seq;
    void this.#meta?.set(READ_KEY, last.seq).catch(() => undefined);
    this.#tabs.post({ type: 'read', seq: last.seq });
    this.#changed();
  }

  // ------------------------------------------------------------------------------------------------ parts
  /** The sending tab replays the outbox; another asks it to. */
  #flush(force: boolean): void {
    const signal = this.#abort?.signal;
    if (!signal) return;
    if (this.#tabs.leader) void this.#outbox.replay(signal, force);
    else this.#tabs.post({ type: 'outbox', now: force });
  }

  #historyUpdated({ source, incoming, added, changed }: HistoryUpdate): void {
    this.#outbox.confirm(incoming);
    if (!changed) return;
    this.#listChanged();
    if (added.some((m) => m.author === 'support') && this.#typing) {
      clearTimeout(this.#typingTimer);
      this.#typing = null;
    }
    if (source === 'live' || source === 'catch-up') {
      const support = added.filter((m) => m.author === 'support');
      if (support.length) this.dispatchEvent(new CustomEvent('incoming', { detail: support }));
    }
  }

  async #synced(outcome: SyncOutcome): Promise<void> {
    const abort = this.#abort;
    if (!outcome.ok) {
      const failure = outcome.error;
      this.#error = failure;
      if (failure.kind === 'unauthorized') this.#status = 'signed-out';
      else {
        if (failure.kind === 'network') this.#networkDown = true;
        if (this.#status !== 'ready') this.#status = 'error';
      }
      this.#changed();
      return;
    }
    await this.#readLoaded;
    if (!abort || abort !== this.#abort || abort.signal.aborted) return;
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
    void this.#history.sync(this.#api, signal);
    this.#flush(true);
  }

  #onEvent(event: SupportEvent): void {
    if (!this.#abort) return;
    switch (event.type) {
      case 'chat-message':
        this.#history.merge([event.message], 'live');
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
          this.#history.gap();
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
        void this.#outbox.load().then(() => {
          if (this.#tabs.leader) this.#flush(message.now === true);
        });
        break;
      case 'message':
        this.#history.merge([message.message], 'tab');
        break;
      case 'read':
        if (this.#readSeq === null || message.seq > this.#readSeq) {
          this.#readSeq = message.seq;
          this.#changed();
        }
        break;
    }
  }

  /** Without a stored read marker (first use), the history counts as read; only what arrives later is unread. */
  #initReadMarker(): void {
    if (this.#readSeq !== null) return;
    const seq = this.#history.messages.at(-1)?.seq ?? -1;
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
