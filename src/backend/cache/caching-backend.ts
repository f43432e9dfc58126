import { isGrantListed, isRetained, retentionStart } from '../../core/retention.js';
import type { ChatMessage, Grant, Session, SupportLogin } from '../../core/types.js';
import type { AttachmentUploadMeta, AttachmentUploadOptions, SupportBackend, SupportEventListener } from '../backend.js';
import { supportsAttachments } from '../contract-schema.js';
import { SupportError, throwIfAborted, toSupportError } from '../errors.js';
import { markValidated, validateBackend } from '../validate-backend.js';
import type { CacheAware, CacheEntry, CachedBackend, CachedMethod, OutboxFile } from './cache-aware.js';
import {
  type CacheDatabase,
  type CacheRecord,
  type OutboxRecord,
  cacheDatabaseName,
  deleteCacheDatabase,
  openCacheDatabase,
} from './db.js';
import { whenIdle } from './idle.js';
import { ATTACHMENT_CACHE_BYTES, AttachmentCache } from './attachment-cache.js';

export type { CacheAware, CacheEntry, CacheMeta, CacheStorage, CachedBackend, CachedMethod, CachedReads, ChatOutbox, OutboxFile, ReadResult } from './cache-aware.js';
export { isCacheAware } from './cache-aware.js';
export { ATTACHMENT_CACHE_BYTES } from './attachment-cache.js';

export interface CachingOptions {
  /**
   * Whose cache: one database per tenant and user. When omitted, the scope comes from the backend's `getSession()`
   * (so the very first paint waits for it); pass it when the host knows who is signed in.
   */
  readonly scope?: { readonly tenantId: string; readonly userId: string };
  /**
   * The clock for retention pruning and the times entries were stored; also the clock of every element given this
   * backend that has none of its own (the backend's `now`). Default: the real one.
   */
  readonly now?: () => Date;
  /** Opens the database; replace to simulate failures. Default: IndexedDB through `idb`. */
  readonly openDatabase?: (name: string) => Promise<CacheDatabase>;
  /** Reports storage problems (quota, blocked upgrade…); default `console.warn`. */
  readonly onStorageError?: (error: unknown) => void;
  /**
   * Bytes of chat attachments kept for offline use (downloaded ones and the user's own sent files), per tenant and
   * user; beyond it the least recently used go. Default {@link ATTACHMENT_CACHE_BYTES} (50 MB); `0` keeps none.
   */
  readonly attachmentCacheBytes?: number;
}

const CACHED = new Set<string>([
  'getSession',
  'getTenantInfo',
  'getContactInfo',
  'listGrants',
  'listLogins',
  'getCallbackTopics',
  'listCallbackWindows',
  'getCallbackBooking',
]);

const keyOf = (method: string, args: readonly unknown[]) =>
  `${method}:${JSON.stringify(args.filter((a) => a !== undefined && !(a instanceof AbortSignal)))}`;

const argsOf = (args: readonly unknown[]) => args.filter((a) => !(a instanceof AbortSignal));
const signalOf = (args: readonly unknown[]) => args.find((a): a is AbortSignal => a instanceof AbortSignal);

/** Shares one request among callers; the request is aborted only when every caller aborted. */
class InFlight {
  readonly #requests = new Map<string, { promise: Promise<unknown>; controller: AbortController; waiting: number }>();

  run<T>(key: string, signal: AbortSignal | undefined, start: (signal: AbortSignal) => Promise<T>): Promise<T> {
    throwIfAborted(signal);
    let request = this.#requests.get(key);
    if (!request) {
      const controller = new AbortController();
      const promise = start(controller.signal).finally(() => {
        if (this.#requests.get(key)?.promise === promise) this.#requests.delete(key);
      });
      request = { promise, controller, waiting: 0 };
      this.#requests.set(key, request);
    }
    const shared = request;
    shared.waiting += 1;
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const onAbort = () => {
        if (settled) return;
        settled = true;
        reject(new SupportError('aborted', 'The request was aborted', { cause: signal?.reason }));
        shared.waiting -= 1;
        if (shared.waiting === 0) {
          shared.controller.abort(signal?.reason);
          if (this.#requests.get(key) === shared) this.#requests.delete(key);
        }
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      (shared.promise as Promise<T>).then(
        (value) => {
          if (settled) return;
          settled = true;
          signal?.removeEventListener('abort', onAbort);
          shared.waiting -= 1;
          resolve(value);
        },
        (error) => {
          if (settled) return;
          settled = true;
          signal?.removeEventListener('abort', onAbort);
          shared.waiting -= 1;
          reject(error);
        },
      );
    });
  }
}

/**
 * Wraps any backend with an IndexedDB cache (via `idb`):
 * - every read goes to the network (validated) and writes its result through to the cache; concurrent identical
 *   reads share one request; a chat listing is returned at once and stored in the background, in batches;
 * - `peek()` returns the cached value at once, so elements paint saved data first and the fresh result after
 *   (stale-while-revalidate, see `ResourceController`);
 * - writes update or invalidate what they change (a new grant appears in the cached list, a booking replaces the
 *   cached one and drops cached windows);
 * - retention is enforced on read and write: chat 21 days, grants and logins 6 months (active grants stay);
 * - one database per tenant and user; `clear()` deletes it on sign-out;
 * - when IndexedDB is unavailable or fails (private mode, quota, a blocked upgrade) it runs network-only.
 *
 * Responses of `inner` are validated (`validateBackend`) before anything is cached.
 */
export function createCachingBackend(inner: SupportBackend, options: CachingOptions = {}): CachedBackend {
  const backend = validateBackend(inner);
  const now = options.now ?? (() => new Date());
  const report = options.onStorageError ?? ((error: unknown) => console.warn('support-widgets cache:', error));
  const open = options.openDatabase ?? ((name: string) => openCacheDatabase(name, { onClose: () => (dbPromise = null) }));
  const inFlight = new InFlight();
  /** Outbox records IndexedDB did not take (unavailable, quota): listed together with the stored ones. */
  const memoryOutbox = new Map<string, OutboxRecord>();
  /** Files of the records in `memoryOutbox` (IndexedDB unavailable), by attachment clientId. */
  const memoryFiles = new Map<string, Blob>();
  const memoryMeta = new Map<string, unknown>();
  let scope = options.scope ?? null;
  let tenantZone = 'Europe/Berlin';
  let dbPromise: Promise<CacheDatabase | null> | null = null;
  let disabled = false;

  async function resolveScope(): Promise<{ tenantId: string; userId: string } | null> {
    if (scope) return scope;
    try {
      const session = await fetchRead<Session>('getSession', []);
      scope ??= { tenantId: session.tenant.id, userId: session.user.id };
      return scope;
    } catch {
      return null;
    }
  }

  /** The database, or `null` when running network-only. Never rejects. */
  function db(): Promise<CacheDatabase | null> {
    if (disabled) return Promise.resolve(null);
    if (typeof indexedDB === 'undefined' && !options.openDatabase) {
      disabled = true;
      return Promise.resolve(null);
    }
    dbPromise ??= (async () => {
      const s = await resolveScope();
      if (!s) {
        dbPromise = null; // try again after a successful session read
        return null;
      }
      try {
        return await open(cacheDatabaseName(s.tenantId, s.userId));
      } catch (error) {
        disabled = true;
        report(error);
        return null;
      }
    })();
    return dbPromise;
  }

  /**
   * Runs a storage operation; a failure is reported and ignored (the network answer still counts). `handled` may
   * take care of a failure itself (return `true`: not reported).
   */
  async function store<T>(fallback: T, fn: (db: CacheDatabase) => Promise<T>, handled?: (error: unknown) => boolean): Promise<T> {
    const opened = db();
    const database = await opened;
    if (!database) return fallback;
    try {
      return await fn(database);
    } catch (error) {
      // A connection closed meanwhile on purpose (close(), clear(), another tab's upgrade) is no storage problem.
      const closedMeanwhile = error instanceof DOMException && error.name === 'InvalidStateError' && dbPromise !== opened;
      if (!closedMeanwhile && !handled?.(error)) report(error);
      return fallback;
    }
  }

  // ------------------------------------------------------------------------------------------------ attachments
  const attachments = new AttachmentCache({
    store,
    budgetBytes: options.attachmentCacheBytes ?? ATTACHMENT_CACHE_BYTES,
    now,
    retentionStart: () => retentionStart('chat', now(), tenantZone),
    generation: () => generation,
  });

  /** The outbox's bytes of a record's uploaded files, by attachment id (read as its send starts, before the outbox can delete it). */
  async function outboxFilesOf(messageClientId: string): Promise<Map<string, Blob>> {
    return store(new Map<string, Blob>(), async (database) => {
      const tx = database.transaction(['outbox', 'outboxFiles'], 'readonly');
      const record = await tx.objectStore('outbox').get(messageClientId);
      const files = new Map<string, Blob>();
      for (const a of record?.attachments ?? []) {
        if (!a.ref) continue;
        const file = await tx.objectStore('outboxFiles').get(a.clientId);
        if (file) files.set(a.ref.id, file.blob);
      }
      await tx.done;
      return files;
    });
  }

  // ------------------------------------------------------------------------------------------------ retention
  const prune = {
    listGrants: (grants: Grant[]) => grants.filter((g) => isGrantListed(g, now(), tenantZone)),
    listLogins: (logins: SupportLogin[]) => logins.filter((l) => isRetained('logins', l.startedAt, now(), tenantZone)),
  } as Record<string, (value: never) => unknown>;
  const pruneValue = (method: string, value: unknown) => (prune[method] ? prune[method](value as never) : value);

  async function pruneChat(database: CacheDatabase): Promise<void> {
    const tx = database.transaction('chat', 'readwrite');
    const range = IDBKeyRange.upperBound(retentionStart('chat', now(), tenantZone), true);
    for (let cursor = await tx.store.index('sentAt').openCursor(range); cursor; cursor = await cursor.continue()) {
      await cursor.delete();
    }
    await tx.done;
    // Cached attachments go with their messages.
    await attachments.prune(database);
  }

  // ------------------------------------------------------------------------------------------------ reads
  function fetchRead<T>(method: string, args: readonly unknown[]): Promise<T> {
    const fn = (backend as unknown as Record<string, (...a: unknown[]) => Promise<T>>)[method]!;
    return inFlight.run(keyOf(method, args), signalOf(args), (signal) => fn(...argsOf(args), signal));
  }

  async function cachedRead<T>(method: string, args: readonly unknown[]): Promise<T> {
    const value = await fetchRead<T>(method, args);
    if (method === 'getSession') {
      const session = value as Session;
      tenantZone = session.tenant.timeZone;
      // Another user signed in without clear(): switch to their database, never show them this one's.
      if (!options.scope && scope && (scope.tenantId !== session.tenant.id || scope.userId !== session.user.id)) {
        generation += 1; // the previous user's queued chat writes are dropped
        result.close();
        scope = { tenantId: session.tenant.id, userId: session.user.id };
      }
    }
    const record: CacheRecord = { key: keyOf(method, args), value: pruneValue(method, value), storedAt: now() };
    await store(undefined, (database) => database.put('entries', record).then(() => undefined));
    return value;
  }

  async function peek(method: CachedMethod, ...args: unknown[]): Promise<CacheEntry<never> | undefined> {
    if (method === 'listChatMessages') {
      const last = (args[0] as { last?: number } | undefined)?.last;
      // What this backend returned is stored before it is peeked (the writes run in the background).
      await chatWrites;
      return store(undefined, async (database) => {
        // One transaction: each batch another tab stores meanwhile is seen whole or not at all (newest batches first).
        const tx = database.transaction(['chat', 'entries'], 'readonly');
        const chat = tx.objectStore('chat');
        // The newest `last`: find the seq `last` records from the end with one key-cursor jump, then read from there.
        const readTail = async () => {
          const index = chat.index('seq');
          const newest = await index.openKeyCursor(null, 'prev');
          const nth = newest && last! > 1 ? await newest.advance(last! - 1) : newest;
          return nth ? index.getAll(IDBKeyRange.lowerBound(nth.key)) : index.getAll();
        };
        // All of them, in chunks: each arrives in its own task, so 20,000 messages do not block a frame in one piece.
        const readAll = async () => {
          const all: ChatMessage[] = [];
          for (let after: string | null = null; ; ) {
            const chunk: ChatMessage[] = await chat.getAll(after === null ? undefined : IDBKeyRange.lowerBound(after, true), 2000);
            for (const m of chunk) all.push(m);
            if (chunk.length < 2000) break;
            after = chunk.at(-1)!.id;
          }
          return all.sort((a, b) => a.seq - b.seq);
        };
        const [messages, meta] = await Promise.all([
          last === undefined ? readAll() : readTail(),
          tx.objectStore('entries').get('listChatMessages:meta'),
        ]);
        const start = retentionStart('chat', now(), tenantZone).getTime();
        const kept = messages.filter((m) => m.sentAt.getTime() >= start);
        attachments.learn(kept);
        if (!meta && kept.length === 0) return undefined;
        return { value: kept as never, storedAt: meta?.storedAt ?? now() };
      });
    }
    return store(undefined, async (database) => {
      const record = await database.get('entries', keyOf(method, args));
      if (!record) return undefined;
      return { value: pruneValue(method, record.value) as never, storedAt: record.storedAt };
    });
  }

  async function listChatMessages(...args: unknown[]): Promise<ChatMessage[]> {
    const full = (argsOf(args)[0] as { afterSeq?: number } | undefined)?.afterSeq === undefined;
    // Stored once per network answer (callers sharing the request share the write), in the background: the caller
    // paints now; `peek()` waits for the write, so whoever reads the cache later sees what this returned.
    return inFlight.run(keyOf('listChatMessages', args), signalOf(args), async (signal) => {
      const messages = await backend.listChatMessages(argsOf(args)[0] as never, signal);
      attachments.learn(messages);
      void writeChat(messages, full);
      return messages;
    });
  }

  /**
   * Chat writes run one after another, in the background: a live message never overtakes the listing before it, and
   * `peek()` waits for what is queued. `clear()` and a change of user start a new generation: queued writes of the
   * old one are dropped (nothing of a signed-out user is written back).
   */
  let chatWrites: Promise<void> = Promise.resolve();
  let generation = 0;
  function writeChat(messages: readonly ChatMessage[], full: boolean): Promise<void> {
    const mine = generation;
    chatWrites = chatWrites.then(() => (mine === generation ? mergeChat(messages, full, () => mine === generation) : undefined));
    return chatWrites;
  }

  /** Messages per write transaction: small enough that no transaction's structured clone blocks a frame. */
  const CHAT_BATCH = 500;

  /**
   * Merges messages into the chat store. A full listing (not a catch-up) also removes what the server no longer has.
   * A message id names one message for good, so only ids not stored yet are written: reconciling 20,000 cached
   * messages costs a key scan, not 20,000 writes. New messages go in batches of {@link CHAT_BATCH}, one transaction
   * each, newest first (a reload halfway through already finds what a first paint shows), each when the page is idle
   * (the structured clone of a batch runs on the main thread: it must not delay the paint of what was listed); the
   * listing's timestamp is stored with the last batch.
   */
  async function mergeChat(messages: readonly ChatMessage[], full: boolean, current: () => boolean): Promise<void> {
    // A long listing waits until the page is idle: whoever asked for it paints first.
    const long = messages.length > CHAT_BATCH;
    if (long) await whenIdle();
    if (!current()) return;
    await store(undefined, async (database) => {
      const start = retentionStart('chat', now(), tenantZone).getTime();
      let fresh = messages.filter((m) => m.sentAt.getTime() >= start);
      let stale: string[] = [];
      if (full) {
        const listed = new Set(messages.map((m) => m.id));
        const stored = new Set(await database.getAllKeys('chat'));
        stale = [...stored].filter((id) => !listed.has(id));
        fresh = fresh.filter((m) => !stored.has(m.id));
      }
      if (stale.length) {
        const tx = database.transaction('chat', 'readwrite');
        await Promise.all([...stale.map((id) => tx.store.delete(id)), tx.done]);
        await attachments.forgetMessages(database, stale);
      }
      fresh.sort((a, b) => b.seq - a.seq);
      for (let i = 0; i === 0 || i < fresh.length; i += CHAT_BATCH) {
        if (long && i > 0) await whenIdle();
        if (!current()) return;
        const tx = database.transaction(['chat', 'entries'], 'readwrite');
        const chat = tx.objectStore('chat');
        const requests: Promise<unknown>[] = fresh.slice(i, i + CHAT_BATCH).map((m) => chat.put(m));
        if (i + CHAT_BATCH >= fresh.length) {
          requests.push(tx.objectStore('entries').put({ key: 'listChatMessages:meta', value: null, storedAt: now() }));
        }
        await Promise.all([...requests, tx.done]);
      }
      await pruneChat(database);
    });
  }

  // ------------------------------------------------------------------------------------------------ writes
  async function upsertGrant(grant: Grant | null): Promise<void> {
    if (!grant) return;
    await store(undefined, async (database) => {
      const key = keyOf('listGrants', []);
      const record = await database.get('entries', key);
      if (!record) return;
      const list = (record.value as Grant[]).filter((g) => g.id !== grant.id);
      list.push(grant);
      list.sort((a, b) => b.grantedAt.getTime() - a.grantedAt.getTime());
      await database.put('entries', { ...record, value: list });
    });
  }

  async function invalidate(prefixes: readonly string[]): Promise<void> {
    await store(undefined, async (database) => {
      const tx = database.transaction('entries', 'readwrite');
      for (const key of await tx.store.getAllKeys()) {
        if (prefixes.some((p) => key.startsWith(p))) await tx.store.delete(key);
      }
      await tx.done;
    });
  }

  async function setEntry(method: CachedMethod, value: unknown): Promise<void> {
    await store(undefined, (database) =>
      database.put('entries', { key: keyOf(method, []), value, storedAt: now() }).then(() => undefined),
    );
  }

  const cached = {} as Record<string, unknown>;
  for (const method of CACHED) cached[method] = (...args: unknown[]) => cachedRead(method, args);

  const result: CachedBackend = {
    now,
    ...(cached as Pick<SupportBackend, 'getSession' | 'getTenantInfo' | 'getContactInfo' | 'listGrants' | 'listLogins' | 'getCallbackTopics' | 'listCallbackWindows' | 'getCallbackBooking'>),
    listChatMessages: listChatMessages as SupportBackend['listChatMessages'],
    searchStaff: (query, signal) => fetchRead('searchStaff', [query, signal]),
    resolveUnlockToken: (token, signal) => backend.resolveUnlockToken(token, signal), // never cached: tokens stay out of storage
    async createGrant(input, signal) {
      const grant = await backend.createGrant(input, signal);
      await upsertGrant(grant);
      return grant;
    },
    async revokeGrant(grantId, signal) {
      const grant = await backend.revokeGrant(grantId, signal);
      await upsertGrant(grant);
      await invalidate(['listLogins:']);
      return grant;
    },
    async confirmUnlockToken(token, accept, signal) {
      const grant = await backend.confirmUnlockToken(token, accept, signal);
      await upsertGrant(grant);
      return grant;
    },
    sendChatMessage(input, signal) {
      // The user's own files are in the outbox: the cache keeps them, so they need no download. They are read as the
      // send starts, beside it: once the backend has the message, its live event can confirm it and the outbox
      // delete the record before this send's answer arrives.
      const ownFiles = input.attachmentIds?.length ? outboxFilesOf(input.clientId) : undefined;
      const sending = (async () => {
        const message = await backend.sendChatMessage(input, signal);
        attachments.learn([message]);
        void writeChat([message], false);
        if (ownFiles && message.attachments?.length) attachments.adopt(message, await ownFiles);
        return message;
      })();
      // A download of one of these files (its message may show through a live event first) waits for the take-over.
      if (input.attachmentIds?.length) attachments.expect(input.attachmentIds, sending);
      return sending;
    },
    subscribe(listener: SupportEventListener, signal: AbortSignal) {
      backend.subscribe((event) => {
        if (event.type === 'chat-message') {
          attachments.learn([event.message]);
          void writeChat([event.message], false);
        } else if (event.type === 'grant-changed') void upsertGrant(event.grant);
        else if (event.type === 'login-started' || event.type === 'login-ended') void invalidate(['listLogins:']);
        listener(event);
      }, signal);
    },
    async bookCallback(input, signal) {
      const booking = await backend.bookCallback(input, signal);
      await setEntry('getCallbackBooking', booking);
      await invalidate(['listCallbackWindows:']);
      return booking;
    },
    async changeCallback(bookingId, input, signal) {
      const booking = await backend.changeCallback(bookingId, input, signal);
      await setEntry('getCallbackBooking', booking);
      await invalidate(['listCallbackWindows:']);
      return booking;
    },
    async cancelCallback(bookingId, signal) {
      await backend.cancelCallback(bookingId, signal);
      await setEntry('getCallbackBooking', null);
      await invalidate(['listCallbackWindows:']);
    },

    // Uploads pass through (validated); files of unsent messages are kept by the outbox. Downloads are cache-first
    // (an attachment id names one file for good) and kept for offline use, within the budget.
    ...(supportsAttachments(backend)
      ? {
          uploadAttachment: (file: Blob, meta: AttachmentUploadMeta, opts?: AttachmentUploadOptions) => backend.uploadAttachment!(file, meta, opts),
          downloadAttachment: async (attachmentId: string, signal?: AbortSignal) => {
            throwIfAborted(signal);
            const cachedFile = await attachments.read(attachmentId);
            if (cachedFile) return cachedFile;
            return inFlight.run(`downloadAttachment:${attachmentId}`, signal, async (shared) => {
              const blob = await backend.downloadAttachment!(attachmentId, shared);
              attachments.keep(attachmentId, blob);
              return blob;
            });
          },
        }
      : {}),
    peek: peek as CacheAware['peek'],
    outbox: {
      // IndexedDB, plus in memory what it did not take: a record whose write failed (quota) is still listed. Only
      // failed writes stay in memory, so a record another tab sent and deleted does not linger here.
      list: async () => {
        const stored = await store<OutboxRecord[]>([], (database) => database.getAllFromIndex('outbox', 'createdAt'));
        const merged = new Map(stored.map((r) => [r.clientId, r]));
        for (const record of memoryOutbox.values()) merged.set(record.clientId, record);
        return [...merged.values()].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
      },
      put: async (record, files: readonly OutboxFile[] = []) => {
        if (files.length === 0) {
          const stored = await store(false, (database) => database.put('outbox', record).then(() => true));
          if (stored) memoryOutbox.delete(record.clientId);
          else memoryOutbox.set(record.clientId, record);
          return;
        }
        // A record with files: both in one transaction, so a record never exists without its files. A full quota is
        // the user's to know (they free space or drop a file); nothing is kept in memory behind their back.
        const database = await db();
        if (database) {
          let opened: { readonly error: DOMException | null } | null = null;
          try {
            const tx = database.transaction(['outbox', 'outboxFiles'], 'readwrite');
            opened = tx;
            const writes: Promise<unknown>[] = [tx.objectStore('outbox').put(record)];
            for (const f of files) writes.push(tx.objectStore('outboxFiles').put({ clientId: f.clientId, messageClientId: record.clientId, blob: f.blob }));
            await Promise.all([...writes, tx.done]);
            memoryOutbox.delete(record.clientId);
            return;
          } catch (error) {
            // The requests of an aborted transaction fail with AbortError; the transaction names the cause.
            const cause = (opened?.error ?? error) as unknown;
            const failure = toSupportError(cause);
            if (failure.kind === 'storage-full') throw failure;
            report(cause);
          }
        }
        // IndexedDB unavailable or failing otherwise: in memory, as text-only records (until a reload).
        memoryOutbox.set(record.clientId, record);
        for (const f of files) memoryFiles.set(f.clientId, f.blob);
      },
      file: async (clientId) => {
        const inMemory = memoryFiles.get(clientId);
        if (inMemory) return inMemory;
        return store<Blob | undefined>(undefined, async (database) => (await database.get('outboxFiles', clientId))?.blob);
      },
      update: async (clientId, changes) => {
        const inMemory = memoryOutbox.get(clientId);
        if (inMemory) {
          memoryOutbox.set(clientId, { ...inMemory, ...changes, clientId });
          return true;
        }
        return store(false, async (database) => {
          const tx = database.transaction('outbox', 'readwrite');
          const record = await tx.store.get(clientId);
          if (record) await tx.store.put({ ...record, ...changes, clientId });
          await tx.done;
          return record !== undefined;
        });
      },
      delete: async (clientId) => {
        for (const a of memoryOutbox.get(clientId)?.attachments ?? []) memoryFiles.delete(a.clientId);
        memoryOutbox.delete(clientId);
        await store(undefined, async (database) => {
          const tx = database.transaction(['outbox', 'outboxFiles'], 'readwrite');
          const files = tx.objectStore('outboxFiles');
          const keys = await files.index('messageClientId').getAllKeys(clientId);
          await Promise.all([tx.objectStore('outbox').delete(clientId), ...keys.map((k) => files.delete(k)), tx.done]);
        });
      },
    },
    meta: {
      get: async <T>(key: string) => {
        if (memoryMeta.has(key)) return memoryMeta.get(key) as T;
        return store<T | undefined>(undefined, async (database) => (await database.get('entries', `meta:${key}`))?.value as T);
      },
      set: async (key, value) => {
        const stored = await store(false, (database) =>
          database.put('entries', { key: `meta:${key}`, value, storedAt: now() }).then(() => true),
        );
        if (stored) memoryMeta.delete(key);
        else memoryMeta.set(key, value);
      },
    },
    async clear() {
      generation += 1;
      const database = await (dbPromise ?? Promise.resolve(null));
      database?.close();
      const s = scope;
      dbPromise = null;
      scope = options.scope ?? null;
      memoryOutbox.clear();
      memoryFiles.clear();
      memoryMeta.clear();
      if (s) {
        // Another tab's connection closes itself on `versionchange`; a foreign one may not. The deletion stays
        // queued until it does, but sign-out need not wait for it.
        const deleting = deleteCacheDatabase(cacheDatabaseName(s.tenantId, s.userId)).catch(report);
        await Promise.race([deleting, new Promise((resolve) => setTimeout(resolve, 2000))]);
      }
    },
    close() {
      void dbPromise?.then((database) => database?.close());
      dbPromise = null;
    },
    async storage() {
      return (await db()) ? 'indexeddb' : 'none';
    },
    async storageName() {
      const database = await db();
      return database ? database.name : null;
    },
  };
  // Every call goes through the validated `backend`, so elements need not wrap this one again.
  markValidated(result);
  return result;
}
