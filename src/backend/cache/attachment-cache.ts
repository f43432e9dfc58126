import type { AttachmentRef, ChatMessage } from '../../core/types.js';
import { toSupportError } from '../errors.js';
import type { IDBPTransaction } from 'idb';
import type { AttachmentCacheRecord, CacheDatabase, SupportCacheSchema } from './db.js';

type AttachmentTransaction = IDBPTransaction<SupportCacheSchema, ('attachments' | 'attachmentFiles')[], 'readwrite'>;

/** The default byte budget of the attachment cache, per tenant and user (one database each): 50 MB. */
export const ATTACHMENT_CACHE_BYTES = 50 * 1000 * 1000;

/** Runs a storage operation (the caching backend's `store`): `fallback` when IndexedDB is unavailable or it failed. */
export type StoreRunner = <T>(fallback: T, fn: (db: CacheDatabase) => Promise<T>, handled?: (error: unknown) => boolean) => Promise<T>;

export interface AttachmentCacheOptions {
  readonly store: StoreRunner;
  /** Byte budget; files beyond it push out the least recently used ones. */
  readonly budgetBytes: number;
  /** The cache's clock (retention and use order). */
  readonly now: () => Date;
  /** The oldest instant a chat message is kept (21-day retention, in the tenant's zone). */
  readonly retentionStart: () => Date;
  /** Changes when the user signs out or changes: writes queued before are dropped. */
  readonly generation: () => number;
}

/** Where an attachment belongs: the message that lists it. */
interface Owner {
  readonly messageId: string;
  readonly sentAt: Date;
}

const isQuota = (error: unknown) => toSupportError(error).kind === 'storage-full';

/**
 * The attachment part of the IndexedDB cache: the bytes of chat attachments this user downloaded or sent, so that the
 * chat log's thumbnails and downloads keep working offline, as its text does.
 *
 * - An attachment id names one file for good (the contract never changes a stored file), so a cached copy is used
 *   without asking the network (cache-first, unlike the stale-while-revalidate reads).
 * - Bounded by a byte budget per database (tenant + user); storing past it deletes the least recently used files. A
 *   file larger than the whole budget is not kept.
 * - Files go with their messages: a file is kept only while a message of the retained 21 days lists it; it is deleted
 *   when the message ages out or the server no longer lists it. A file whose message this cache has not seen (no
 *   listing, peek, event or send showed it) is served but not kept: there is nothing to tie its retention to.
 * - A full quota never fails a download: the file is served and simply not kept (logged with `console.debug`).
 */
export class AttachmentCache {
  readonly #o: AttachmentCacheOptions;
  /** Which message lists each attachment id, learnt from every message that passes the cache. */
  readonly #owners = new Map<string, Owner>();
  #ownersGeneration = 0;
  /** Writes run one after another; a read waits for them (so what this backend stored is found). */
  #writes: Promise<void> = Promise.resolve();
  /** Sends whose files this cache will take over, by attachment id: a read of one waits for its send. */
  readonly #sending = new Map<string, Promise<void>>();
  #lastUse = 0;

  constructor(options: AttachmentCacheOptions) {
    this.#o = options;
  }

  /** Remembers which message lists which attachment. */
  learn(messages: readonly ChatMessage[]): void {
    const owners = this.#currentOwners();
    for (const m of messages) {
      if (!m.attachments?.length) continue;
      for (const a of m.attachments) owners.set(a.id, { messageId: m.id, sentAt: m.sentAt });
    }
  }

  /**
   * Reads of `ids` wait until `send` settles: the message with these files is on its way and, once sent, its files
   * are taken over (`adopt`). Its live event can show the message before the send's answer arrives; a download
   * of its file then finds the taken-over copy instead of asking the backend.
   */
  expect(ids: readonly string[], send: Promise<unknown>): void {
    const settled = send.then(
      () => undefined,
      () => undefined,
    );
    for (const id of ids) this.#sending.set(id, settled);
    void settled.then(() => {
      for (const id of ids) if (this.#sending.get(id) === settled) this.#sending.delete(id);
    });
  }

  /** The cached bytes of attachment `id` (marked as used now), or `undefined`. */
  async read(id: string): Promise<Blob | undefined> {
    await this.#sending.get(id);
    await this.#writes;
    return this.#o.store<Blob | undefined>(undefined, async (database) => {
      const tx = database.transaction(['attachments', 'attachmentFiles'], 'readwrite');
      const records = tx.objectStore('attachments');
      const files = tx.objectStore('attachmentFiles');
      const [record, file] = await Promise.all([records.get(id), files.get(id)]);
      let blob: Blob | undefined;
      if (record && file && record.sentAt >= this.#o.retentionStart()) {
        await records.put({ ...record, usedAt: this.#tick() });
        blob = file.blob;
      } else if (record || file) {
        // Its message aged out (a purge may not have run yet), or half of it is missing: it goes.
        await Promise.all([records.delete(id), files.delete(id)]);
      }
      await tx.done;
      return blob;
    });
  }

  /** Keeps a downloaded file (in the background; never fails). */
  keep(id: string, blob: Blob): void {
    const owner = this.#currentOwners().get(id);
    if (!owner) return;
    this.#queue(() => this.#put([{ id, blob, owner }]));
  }

  /**
   * Keeps the files the user just sent with `message`, from the outbox (`files`: the outbox's bytes by attachment
   * id), typed as the backend found them by content, so they need no download.
   */
  adopt(message: ChatMessage, files: ReadonlyMap<string, Blob>): void {
    const owner: Owner = { messageId: message.id, sentAt: message.sentAt };
    const entries = (message.attachments ?? [])
      .filter((ref) => files.has(ref.id))
      .map((ref: AttachmentRef) => {
        const bytes = files.get(ref.id)!;
        return { id: ref.id, blob: bytes.type === ref.type ? bytes : new Blob([bytes], { type: ref.type }), owner };
      });
    if (entries.length) this.#queue(() => this.#put(entries));
  }

  /** Deletes the files of these messages (in the caller's storage operation). */
  async forgetMessages(database: CacheDatabase, messageIds: readonly string[]): Promise<void> {
    if (!messageIds.length) return;
    const tx = database.transaction(['attachments', 'attachmentFiles'], 'readwrite');
    const records = tx.objectStore('attachments');
    const files = tx.objectStore('attachmentFiles');
    const ids = (await Promise.all(messageIds.map((m) => records.index('messageId').getAllKeys(m)))).flat();
    await Promise.all([...ids.flatMap((id) => [records.delete(id), files.delete(id)]), tx.done]);
  }

  /** Deletes the files of messages older than the retention (in the caller's storage operation). */
  async prune(database: CacheDatabase): Promise<void> {
    const tx = database.transaction(['attachments', 'attachmentFiles'], 'readwrite');
    const range = IDBKeyRange.upperBound(this.#o.retentionStart(), true);
    const ids = await tx.objectStore('attachments').index('sentAt').getAllKeys(range);
    await Promise.all([...ids.flatMap((id) => [tx.objectStore('attachments').delete(id), tx.objectStore('attachmentFiles').delete(id)]), tx.done]);
  }

  #queue(write: () => Promise<void>): void {
    const mine = this.#o.generation();
    this.#writes = this.#writes.then(() => (mine === this.#o.generation() ? write() : undefined)).catch(() => undefined);
  }

  /** The owners learnt for the current user (another user's are forgotten). */
  #currentOwners(): Map<string, Owner> {
    if (this.#ownersGeneration !== this.#o.generation()) {
      this.#owners.clear();
      this.#ownersGeneration = this.#o.generation();
    }
    return this.#owners;
  }

  /** A strictly increasing use time, so that uses within one millisecond (or a fixed test clock) keep their order. */
  #tick(): number {
    this.#lastUse = Math.max(this.#o.now().getTime(), this.#lastUse + 1);
    return this.#lastUse;
  }

  /** Stores files and evicts the least recently used ones beyond the budget, in one transaction. */
  async #put(entries: readonly { id: string; blob: Blob; owner: Owner }[]): Promise<void> {
    const budget = this.#o.budgetBytes;
    const start = this.#o.retentionStart();
    const fitting = entries.filter((e) => e.blob.size <= budget && e.owner.sentAt >= start);
    if (!fitting.length) return;
    await this.#o.store(
      undefined,
      async (database) => {
        const tx = database.transaction(['attachments', 'attachmentFiles'], 'readwrite');
        try {
          await this.#putIn(tx, fitting, budget);
        } catch (error) {
          // The requests of an aborted transaction fail with AbortError; the transaction names the cause (quota).
          throw tx.error ?? error;
        }
      },
      (error) => {
        if (!isQuota(error)) return false;
        // The download itself succeeded; only the copy is not kept.
        console.debug('support-widgets cache: no room to keep an attachment offline', error);
        return true;
      },
    );
  }

  async #putIn(tx: AttachmentTransaction, fitting: readonly { id: string; blob: Blob; owner: Owner }[], budget: number): Promise<void> {
    const done = tx.done;
    done.catch(() => undefined); // awaited below; a failed write rejects first
    const records = tx.objectStore('attachments');
    const files = tx.objectStore('attachmentFiles');
    const writes: Promise<unknown>[] = [];
    for (const e of fitting) {
      const record: AttachmentCacheRecord = { id: e.id, messageId: e.owner.messageId, sentAt: e.owner.sentAt, size: e.blob.size, usedAt: this.#tick() };
      writes.push(records.put(record), files.put({ id: e.id, blob: e.blob }));
    }
    await Promise.all(writes);
    // Oldest use first; the files just stored are the newest (each fits the budget, so the last one always stays).
    const all = await records.index('usedAt').getAll();
    let total = all.reduce((sum, r) => sum + r.size, 0);
    const evictions: Promise<unknown>[] = [];
    for (const r of all) {
      if (total <= budget) break;
      total -= r.size;
      evictions.push(records.delete(r.id), files.delete(r.id));
    }
    await Promise.all([...evictions, done]);
  }
}
