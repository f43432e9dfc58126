import type { SupportBackend, WindowListOptions } from '../backend.js';
import type { OutboxRecord } from './db.js';

/** A file to keep with an outbox record. */
export interface OutboxFile {
  /** The attachment's clientId (as in `OutboxRecord.attachments`). */
  readonly clientId: string;
  readonly blob: Blob;
}

// The surface of a caching backend that elements look for, apart from the cache itself: an element imports this, not
// caching-backend.ts, so it does not carry the cache (and the response validator the cache uses) into its bundle.

/** A cached response and when it was stored. */
export interface CacheEntry<T> {
  readonly value: T;
  readonly storedAt: Date;
}

/** Read methods the cache keeps, with the arguments that key them. */
export interface CachedReads {
  getSession: [];
  getTenantInfo: [];
  getContactInfo: [];
  listGrants: [];
  listLogins: [options?: { activeOnly?: boolean }];
  /** `last`: only the newest messages (the first paint of a long chat needs no more). */
  listChatMessages: [options?: { last?: number }];
  getCallbackTopics: [];
  listCallbackWindows: [options: WindowListOptions];
  getCallbackBooking: [];
}

export type CachedMethod = keyof CachedReads;
export type ReadResult<M extends CachedMethod> = Awaited<ReturnType<SupportBackend[M]>>;

/** Where cached data lives right now. */
export type CacheStorage = 'indexeddb' | 'none';

/** The extra surface of a caching backend (elements use it when present; plain backends lack it). */
export interface CacheAware {
  /** The cached value of a read, without touching the network; `undefined` when nothing is cached. */
  peek<M extends CachedMethod>(method: M, ...args: CachedReads[M]): Promise<CacheEntry<ReadResult<M>> | undefined>;
  /** Outbox of unsent chat messages (kept in IndexedDB; in memory when IndexedDB is unavailable). */
  readonly outbox: ChatOutbox;
  /** Deletes this user's cached data (sign-out). The backend keeps working, network-only until the next read. */
  clear(): Promise<void>;
  /** Closes the database connection. */
  close(): void;
  /** `indexeddb`, or `none` when IndexedDB is unavailable or failed and the backend runs network-only. */
  storage(): Promise<CacheStorage>;
  /**
   * The name of the database this backend caches in (one per tenant and user), or `null` while running network-only.
   * Other tabs with the same name share the outbox: they coordinate through it (Web Locks, BroadcastChannel).
   */
  storageName(): Promise<string | null>;
  /** Small values that belong to this user's cache (the chat's read marker); in memory when IndexedDB is unavailable. */
  readonly meta: CacheMeta;
  /**
   * The cache's clock (`createCachingBackend`'s `now` option). Elements given this backend read it too, unless they
   * have a clock of their own (`now` set or provided): one clock for the cache and the elements.
   */
  readonly now?: () => Date;
}

export interface ChatOutbox {
  /** Every record, oldest first. */
  list(): Promise<OutboxRecord[]>;
  /**
   * Stores a record, with its files in the same transaction (a record never exists without its files). A record with
   * files that the storage cannot take for lack of space rejects with `SupportError('storage-full')` and nothing is
   * stored; without IndexedDB, records and files are kept in memory.
   */
  put(record: OutboxRecord, files?: readonly OutboxFile[]): Promise<void>;
  /** The bytes of an attachment of a stored record, or `undefined`. */
  file(clientId: string): Promise<Blob | undefined>;
  /** Changes a record that is still there (one transaction); resolves `false` when it is gone (sent or deleted). */
  update(clientId: string, changes: Partial<Omit<OutboxRecord, 'clientId'>>): Promise<boolean>;
  /** Deletes a record and its files. */
  delete(clientId: string): Promise<void>;
}

export interface CacheMeta {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
}

export type CachedBackend = SupportBackend & CacheAware;

export const isCacheAware = (backend: unknown): backend is CacheAware =>
  typeof backend === 'object' && backend !== null && typeof (backend as CacheAware).peek === 'function';
