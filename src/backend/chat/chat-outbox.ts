import type { AttachmentType } from '../../core/attachments.js';
import { chatTextToSend } from '../../core/chat.js';
import type { AttachmentRef, ChatMessage } from '../../core/types.js';
import type { AttachmentUploadMeta, AttachmentUploadOptions } from '../backend.js';
import type { ChatOutbox, OutboxFile } from '../cache/cache-aware.js';
import type { OutboxAttachment, OutboxRecord } from '../cache/db.js';
import { SupportError, type SupportErrorKind, toSupportError } from '../errors.js';
import { isRetryable, retryDelay, type RetryPolicy } from './backoff.js';

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
  /** The finer reason of the last failure (`attachment-type-refused`, `storage-full` …), when there was one. */
  readonly reason: string | null;
  /** The files going with the message, in order (empty for text only). */
  readonly attachments: readonly PendingAttachment[];
}

/** A file of a pending message: kept in the outbox (IndexedDB with a caching backend) until its message is sent. */
export interface PendingAttachment {
  /** Its upload's clientId; `ChatSession.pendingFile(clientId)` gives its bytes (for a preview). */
  readonly clientId: string;
  readonly name: string;
  /** The type its content showed. */
  readonly type: AttachmentType;
  readonly size: number;
  /** Bytes uploaded so far (`size` once the backend stored it). */
  readonly sent: number;
  /** The backend stored it (the message itself may still be on its way). */
  readonly uploaded: boolean;
}

/** A file checked for sending (see `checkAttachmentFile`): its bytes, name, and the type its content showed. */
export interface PreparedAttachment {
  readonly blob: Blob;
  readonly name: string;
  readonly type: AttachmentType;
}

export interface OutboxQueueOptions {
  /** Where the records live: IndexedDB (shared by the user's tabs) or {@link memoryOutbox}. */
  readonly storage: ChatOutbox;
  readonly policy: RetryPolicy;
  readonly now: () => Date;
  /**
   * One attempt: sends the record with its clientId (the backend stores a clientId once) and returns the message.
   * `attachmentIds` are the refs of its uploaded files, in order.
   */
  readonly send: (record: OutboxRecord, attachmentIds: readonly string[], signal: AbortSignal) => Promise<ChatMessage>;
  /** Uploads one file (idempotent by `meta.clientId`); needed only for records with attachments. */
  readonly upload?: (file: Blob, meta: AttachmentUploadMeta, options: AttachmentUploadOptions) => Promise<AttachmentRef>;
  /** Whether this queue may send now (the tab holding the outbox lock); checked before every record. */
  readonly mayReplay: () => boolean;
  /** Awaited before the first replay: the history shows what the backend already has (no needless resend). */
  readonly ready?: () => Promise<void>;
  /** `pending` changed. */
  readonly onChange: () => void;
  /** A record was delivered (and left the outbox). */
  readonly onSent: (message: ChatMessage) => void;
  /** An attempt failed; `failed` is the record as now shown when this was its first failure, else `null`. */
  readonly onAttemptFailed: (error: SupportError, failed: PendingChatMessage | null) => void;
  /** The stored records changed in a way other tabs should read (an attempt was counted). */
  readonly onStored: () => void;
}

type Delivery = 'sent' | 'retry' | 'held';

/** An in-memory outbox for backends without a cache: it survives errors and offline periods, not reloads. */
export function memoryOutbox(): ChatOutbox {
  const records = new Map<string, OutboxRecord>();
  const files = new Map<string, Blob>();
  return {
    list: async () => [...records.values()].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()),
    put: async (record, added: readonly OutboxFile[] = []) => {
      records.set(record.clientId, record);
      for (const f of added) files.set(f.clientId, f.blob);
    },
    file: async (clientId) => files.get(clientId),
    update: async (clientId, changes) => {
      const record = records.get(clientId);
      if (record) records.set(clientId, { ...record, ...changes, clientId });
      return record !== undefined;
    },
    delete: async (clientId) => {
      for (const a of records.get(clientId)?.attachments ?? []) files.delete(a.clientId);
      records.delete(clientId);
    },
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
 * The chat's outbox: messages the user wrote, stored before the first attempt and sent in order, each exactly once
 * (modelled on Workbox's background-sync `Queue`: a stored queue replayed in order, a failed entry stays at its place).
 *
 * - A record is stored first (IndexedDB with a caching backend), then sent with its client-generated `clientId`, which
 *   makes every attempt idempotent: a response lost on the way is resent and the backend stores it once.
 * - Transient failures (`network`, `timeout`, `unavailable`) are retried with exponential backoff counted from the
 *   last attempt (the same wait in every tab and after a reload); `replay(force)` ignores the backoff (back online, the
 *   user asked). Other failures wait for `retry()` or `discard()`. Nothing overtakes a waiting message.
 * - A record whose message the backend has (confirmed by the history, live or by another tab) leaves the outbox.
 */
export class OutboxQueue {
  readonly #o: OutboxQueueOptions;
  #pending = new Map<string, OutboxRecord>();
  /** Records put locally whose write may not be visible to `list()` yet. */
  readonly #writing = new Set<string>();
  /** clientIds the backend has confirmed. */
  readonly #confirmed = new Set<string>();
  readonly #discarded = new Set<string>();
  #version = 0;
  #memo: { version: number; list: readonly PendingChatMessage[] } | null = null;
  #replaying = false;
  #again = false;
  #forceAgain = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Bytes uploaded so far per attachment clientId (this tab's uploads; shown as progress). */
  readonly #progress = new Map<string, number>();

  constructor(options: OutboxQueueOptions) {
    this.#o = options;
  }

  /** The user's messages the backend has not confirmed, oldest first. The same array until something changes. */
  get pending(): readonly PendingChatMessage[] {
    if (this.#memo?.version === this.#version) return this.#memo.list;
    const list = [...this.#pending.values()]
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((r) => toPending(r, this.#progress));
    this.#memo = { version: this.#version, list };
    return list;
  }

  /**
   * Stores `text` (already checked) with `files` (already checked) as a new record and returns its clientId. The
   * files are stored with the record in one transaction; when storage is full, this rejects with
   * `SupportError('storage-full')` and nothing is queued (the caller keeps the user's text and files).
   */
  async add(text: string, files: readonly PreparedAttachment[] = []): Promise<string> {
    const attachments: OutboxAttachment[] = files.map((f) => ({ clientId: newClientId(), name: f.name, type: f.type, size: f.blob.size, ref: null }));
    const record: OutboxRecord = {
      clientId: newClientId(),
      text: chatTextToSend(text),
      createdAt: this.#o.now(),
      attempts: 0,
      lastAttemptAt: null,
      lastError: null,
      ...(attachments.length ? { attachments } : {}),
    };
    this.#pending.set(record.clientId, record);
    this.#writing.add(record.clientId);
    this.#changed();
    try {
      await this.#o.storage.put(record, files.map((f, i) => ({ clientId: attachments[i]!.clientId, blob: f.blob })));
    } catch (error) {
      this.#pending.delete(record.clientId);
      this.#changed();
      throw toSupportError(error);
    } finally {
      this.#writing.delete(record.clientId);
    }
    return record.clientId;
  }

  /** The bytes of a pending message's file (a preview), or `undefined` once it is gone. */
  file(attachmentClientId: string): Promise<Blob | undefined> {
    return this.#o.storage.file(attachmentClientId).catch(() => undefined);
  }

  /** Clears a record's failure and backoff, so the next replay sends it. */
  async retry(clientId: string): Promise<void> {
    const record = this.#pending.get(clientId);
    if (!record) return;
    const changes = { lastError: null, lastReason: null, lastAttemptAt: null };
    this.#pending.set(clientId, { ...record, ...changes });
    this.#changed();
    await this.#o.storage.update(clientId, changes);
  }

  /** Removes a record (one already on its way may still arrive). */
  async discard(clientId: string): Promise<void> {
    this.#discarded.add(clientId);
    if (this.#pending.delete(clientId)) this.#changed();
    await this.#o.storage.delete(clientId);
  }

  /** The backend has these messages: their records leave the outbox. */
  confirm(messages: readonly ChatMessage[]): void {
    let changed = false;
    for (const m of messages) {
      if (m.clientId === null) continue;
      this.#confirmed.add(m.clientId);
      if (this.#pending.delete(m.clientId)) {
        changed = true;
        void this.#o.storage.delete(m.clientId).catch(() => undefined);
      }
    }
    if (changed) this.#changed();
  }

  /** Reads the stored records again (another tab changed them, or at start). */
  async load(): Promise<void> {
    const records = await this.#o.storage.list().catch(() => [] as OutboxRecord[]);
    const next = new Map<string, OutboxRecord>();
    for (const record of records) {
      if (this.#confirmed.has(record.clientId) || this.#discarded.has(record.clientId)) {
        void this.#o.storage.delete(record.clientId).catch(() => undefined);
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
        return (
          old &&
          old.attempts === r.attempts &&
          old.lastError === r.lastError &&
          old.lastAttemptAt?.getTime() === r.lastAttemptAt?.getTime() &&
          (old.attachments ?? []).every((a, i) => (a.ref === null) === (r.attachments?.[i]?.ref === null))
        );
      });
    this.#pending = next;
    if (!same) this.#changed();
  }

  /**
   * Sends what is due, in order, until a record has to wait (then a timer replays it when due) or everything is sent.
   * `force` ignores the backoff once. One replay at a time: a call during one makes it go round again.
   */
  async replay(signal: AbortSignal, force = false): Promise<void> {
    if (this.#replaying) {
      this.#again = true;
      this.#forceAgain ||= force;
      return;
    }
    this.#replaying = true;
    clearTimeout(this.#timer);
    try {
      await this.#o.ready?.();
      let round = true;
      while (round && !signal.aborted && this.#o.mayReplay()) {
        round = false;
        this.#again = false;
        let wait: number | null = null;
        const records = await this.#o.storage.list().catch(() => [] as OutboxRecord[]);
        for (const record of records) {
          if (signal.aborted) return;
          if (this.#confirmed.has(record.clientId) || this.#discarded.has(record.clientId)) {
            await this.#o.storage.delete(record.clientId).catch(() => undefined);
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
            wait = this.#delay(record.clientId, record.attempts + 1);
            break;
          }
        }
        force = false;
        if (this.#again) {
          round = true;
          force = this.#forceAgain;
          this.#forceAgain = false;
        } else if (wait !== null && !signal.aborted) {
          this.#timer = setTimeout(() => void this.replay(signal), Math.max(0, wait));
        }
      }
    } finally {
      this.#replaying = false;
    }
  }

  /** Stops the backoff timer (the records stay stored). */
  stop(): void {
    clearTimeout(this.#timer);
  }

  #delay(clientId: string, attempts: number): number {
    return retryDelay(attempts, this.#o.policy, () => stableFraction(`${clientId}:${attempts}`));
  }

  /** Delay until `record` is due again, ms (0: now). Backoff counts from the last attempt, in every tab and after reloads. */
  #dueIn(record: OutboxRecord): number {
    if (record.attempts === 0 || record.lastAttemptAt === null) return 0;
    return record.lastAttemptAt.getTime() + this.#delay(record.clientId, record.attempts) - this.#o.now().getTime();
  }

  async #deliver(record: OutboxRecord, signal: AbortSignal): Promise<Delivery> {
    try {
      const attachments = await this.#upload(record, signal);
      const message = await this.#o.send(record, attachments.map((a) => a.ref!.id), signal);
      await this.#o.storage.delete(record.clientId).catch(() => undefined);
      for (const a of attachments) this.#progress.delete(a.clientId);
      this.#o.onSent(message);
      return 'sent';
    } catch (thrown) {
      const error = toSupportError(thrown);
      if (signal.aborted || error.kind === 'aborted') return 'retry';
      let changes: Partial<OutboxRecord> = { attempts: record.attempts + 1, lastAttemptAt: this.#o.now(), lastError: error.kind, lastReason: error.reason };
      // The backend no longer knows an upload (it deletes unsent ones after a day): upload the files again, by the
      // same clientIds, and then send. Counted as a transient failure, so the backoff still applies.
      const refs = this.#pending.get(record.clientId)?.attachments ?? record.attachments ?? [];
      if (error.reason === 'attachment-unknown' && refs.some((a) => a.ref !== null)) {
        changes = { ...changes, lastError: 'unavailable', attachments: refs.map((a) => ({ ...a, ref: null })) };
        for (const a of refs) this.#progress.delete(a.clientId);
      }
      const stillQueued = await this.#o.storage.update(record.clientId, changes).catch(() => false);
      const local = this.#pending.get(record.clientId);
      let failed: PendingChatMessage | null = null;
      if (stillQueued && local) {
        const updated = { ...local, ...changes };
        this.#pending.set(record.clientId, updated);
        this.#changed();
        if (local.lastError === null) failed = this.pending.find((p) => p.clientId === record.clientId) ?? null;
      }
      this.#o.onAttemptFailed(error, failed);
      this.#o.onStored();
      return isRetryable(changes.lastError!) ? 'retry' : 'held';
    }
  }

  /**
   * Uploads the record's files that the backend does not have yet, one after another, each by its own clientId; the
   * ref of each is stored at once, so a reload or another tab continues with the next file. Resolves with every
   * attachment uploaded.
   */
  async #upload(record: OutboxRecord, signal: AbortSignal): Promise<OutboxAttachment[]> {
    let attachments = [...(this.#pending.get(record.clientId)?.attachments ?? record.attachments ?? [])];
    for (let i = 0; i < attachments.length; i += 1) {
      const a = attachments[i]!;
      if (a.ref !== null) continue;
      if (!this.#o.upload) throw new SupportError('invalid-request', 'This backend takes no attachments', { reason: 'attachments-unsupported' });
      const blob = await this.#o.storage.file(a.clientId);
      if (!blob) throw new SupportError('invalid-request', `The file ${a.name} is no longer stored`, { reason: 'attachment-missing' });
      const ref = await this.#o.upload(blob, { clientId: a.clientId, name: a.name, type: a.type }, {
        signal,
        onProgress: (sent) => {
          this.#progress.set(a.clientId, Math.min(sent, a.size));
          this.#changed();
        },
      });
      attachments = attachments.map((x, j) => (j === i ? { ...x, ref } : x));
      this.#progress.set(a.clientId, a.size);
      await this.#o.storage.update(record.clientId, { attachments }).catch(() => false);
      const local = this.#pending.get(record.clientId);
      if (local) this.#pending.set(record.clientId, { ...local, attachments });
      this.#changed();
    }
    return attachments;
  }

  #changed(): void {
    this.#version += 1;
    this.#o.onChange();
  }
}

function toPending(r: OutboxRecord, progress: ReadonlyMap<string, number>): PendingChatMessage {
  return {
    clientId: r.clientId,
    text: r.text,
    createdAt: r.createdAt,
    attempts: r.attempts,
    state: r.lastError === null ? 'sending' : 'failed',
    error: (r.lastError as SupportErrorKind | null) ?? null,
    retrying: r.lastError !== null && isRetryable(r.lastError),
    reason: r.lastReason ?? null,
    attachments: (r.attachments ?? []).map((a) => ({
      clientId: a.clientId,
      name: a.name,
      type: a.type,
      size: a.size,
      sent: a.ref !== null ? a.size : (progress.get(a.clientId) ?? 0),
      uploaded: a.ref !== null,
    })),
  };
}
