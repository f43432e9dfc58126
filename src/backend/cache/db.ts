import { deleteDB, openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { AttachmentType } from '../../core/attachments.js';
import type { AttachmentRef, ChatMessage } from '../../core/types.js';

export interface CacheRecord {
  /** `method:args-json`, e.g. `listGrants:[]`. */
  readonly key: string;
  readonly value: unknown;
  readonly storedAt: Date;
}

/** A chat message the user wrote that the backend has not confirmed yet. */
export interface OutboxRecord {
  /** The idempotency key sent with the message. */
  readonly clientId: string;
  readonly text: string;
  readonly createdAt: Date;
  readonly attempts: number;
  readonly lastAttemptAt: Date | null;
  readonly lastError: string | null;
  /** The last failure's reason (`attachment-type-refused` …), when it had one. */
  readonly lastReason?: string | null;
  /** Files sent with the message (their bytes are in `outboxFiles`), in order; missing means none. */
  readonly attachments?: readonly OutboxAttachment[];
}

/** A file of an outbox record: checked when added, uploaded once by its own clientId before the message is sent. */
export interface OutboxAttachment {
  /** The upload's idempotency key (`uploadAttachment`'s `meta.clientId`). */
  readonly clientId: string;
  readonly name: string;
  /** The type its content showed when it was added. */
  readonly type: AttachmentType;
  readonly size: number;
  /** The backend's ref once the upload is stored; `null` before. */
  readonly ref: AttachmentRef | null;
}

/** The bytes of an outbox attachment, apart from the record, so that updating a record never rewrites a file. */
export interface OutboxFileRecord {
  /** The attachment's clientId. */
  readonly clientId: string;
  /** The outbox record it belongs to. */
  readonly messageClientId: string;
  readonly blob: Blob;
}

/**
 * A cached attachment's bookkeeping, apart from its bytes (in `attachmentFiles`), so that marking it used never
 * rewrites a file. It belongs to one message and goes with it (retention, deletion).
 */
export interface AttachmentCacheRecord {
  /** The attachment's id (`AttachmentRef.id`). */
  readonly id: string;
  /** The message it was sent with. */
  readonly messageId: string;
  /** When that message was sent: the 21-day retention removes the file with the message. */
  readonly sentAt: Date;
  /** Bytes, counted against the cache's attachment budget. */
  readonly size: number;
  /** Last read or stored (cache clock, strictly increasing per backend): the least recently used go first. */
  readonly usedAt: number;
}

/** The bytes of a cached attachment, typed by content. */
export interface AttachmentFileRecord {
  readonly id: string;
  readonly blob: Blob;
}

export interface SupportCacheSchema extends DBSchema {
  /** Whole responses of read methods. */
  entries: { key: string; value: CacheRecord };
  /** Chat messages one by one, so that 20,000 of them merge cheaply. */
  chat: { key: string; value: ChatMessage; indexes: { seq: number; sentAt: Date } };
  /** Unsent chat messages: they survive reloads, offline periods and backend errors. */
  outbox: { key: string; value: OutboxRecord; indexes: { createdAt: Date } };
  /** The files of unsent chat messages, until their message is sent or discarded. */
  outboxFiles: { key: string; value: OutboxFileRecord; indexes: { messageClientId: string } };
  /** Attachments of chat messages that were downloaded or sent from here (bounded, least recently used go first). */
  attachments: { key: string; value: AttachmentCacheRecord; indexes: { usedAt: number; sentAt: Date; messageId: string } };
  /** Their bytes. */
  attachmentFiles: { key: string; value: AttachmentFileRecord };
}

type UpgradeTx = IDBPTransaction<SupportCacheSchema, StoreNames<SupportCacheSchema>[], 'versionchange'>;
type Migration = (db: IDBPDatabase<SupportCacheSchema>, tx: UpgradeTx) => void;

/**
 * Schema migrations, in order: migration i brings the database from version i to i + 1. Append, never edit: a
 * browser may hold any earlier version. A migration that changes the shape of cached data clears that store (it
 * is only a cache; the outbox is never dropped).
 */
export const MIGRATIONS: readonly Migration[] = [
  (db) => {
    db.createObjectStore('entries', { keyPath: 'key' });
    const chat = db.createObjectStore('chat', { keyPath: 'id' });
    chat.createIndex('seq', 'seq');
    chat.createIndex('sentAt', 'sentAt');
    const outbox = db.createObjectStore('outbox', { keyPath: 'clientId' });
    outbox.createIndex('createdAt', 'createdAt');
  },
  (db) => {
    db.createObjectStore('outboxFiles', { keyPath: 'clientId' }).createIndex('messageClientId', 'messageClientId');
  },
  (db) => {
    const attachments = db.createObjectStore('attachments', { keyPath: 'id' });
    attachments.createIndex('usedAt', 'usedAt');
    attachments.createIndex('sentAt', 'sentAt');
    attachments.createIndex('messageId', 'messageId');
    db.createObjectStore('attachmentFiles', { keyPath: 'id' });
  },
];

export const DB_VERSION = MIGRATIONS.length;

export type CacheDatabase = IDBPDatabase<SupportCacheSchema>;

/** One database per tenant and user: nobody ever sees another user's cache. */
export const cacheDatabaseName = (tenantId: string, userId: string) =>
  `support-widgets:${encodeURIComponent(tenantId)}:${encodeURIComponent(userId)}`;

export interface OpenOptions {
  /** Give up (network-only) when an upgrade stays blocked by another tab this long. */
  readonly blockedTimeoutMs?: number;
  /** Called when the connection had to close (another tab upgrades, or the browser terminated it). */
  readonly onClose?: () => void;
  /** Schema version to open; default DB_VERSION (tests open a newer one to simulate a newer tab). */
  readonly version?: number;
}

export async function openCacheDatabase(name: string, options: OpenOptions = {}): Promise<CacheDatabase> {
  let blockedTimer: ReturnType<typeof setTimeout> | undefined;
  const opening = openDB<SupportCacheSchema>(name, options.version ?? DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      for (let v = oldVersion; v < Math.min(MIGRATIONS.length, _newVersion ?? DB_VERSION); v += 1) MIGRATIONS[v]!(db, tx);
    },
    blocked() {
      // Another tab holds an older version open and has not closed it: do not wait forever.
    },
    blocking() {
      // A newer version wants to upgrade: step aside.
      void opening.then((db) => db.close());
      options.onClose?.();
    },
    terminated() {
      options.onClose?.();
    },
  });
  const timeout = new Promise<never>((_, reject) => {
    blockedTimer = setTimeout(
      () => reject(new Error(`Opening ${name} is blocked by another tab`)),
      options.blockedTimeoutMs ?? 3000,
    );
  });
  try {
    return await Promise.race([opening, timeout]);
  } catch (error) {
    // If it opens after all, do not leak the connection.
    opening.then((db) => db.close()).catch(() => {});
    throw error;
  } finally {
    clearTimeout(blockedTimer);
  }
}

export const deleteCacheDatabase = (name: string) => deleteDB(name);
