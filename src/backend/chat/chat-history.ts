import { retentionStart } from '../../core/retention.js';
import type { ChatMessage } from '../../core/types.js';
import { DEFAULT_TIME_ZONE } from '../../core/zone.js';
import type { SupportBackend } from '../backend.js';
import { type SupportError, toSupportError } from '../errors.js';

/** Where messages came from: the cache, a live event, a catch-up listing, a confirmed send, another tab. */
export type MessageSource = 'cache' | 'live' | 'catch-up' | 'sent' | 'tab';

/** What a merge or a listing did to the history. */
export interface HistoryUpdate {
  /** `listing`: a full listing replaced the history up to its last sequence number. */
  readonly source: MessageSource | 'listing';
  /** Every message that came in (also those already known): their clientIds are confirmed. */
  readonly incoming: readonly ChatMessage[];
  /** The messages that were new and are still in the history (not pruned), in sequence order. */
  readonly added: readonly ChatMessage[];
  /** `messages` changed (a new array). */
  readonly changed: boolean;
}

/** The end of one listing round. */
export type SyncOutcome = { readonly ok: true; readonly full: boolean } | { readonly ok: false; readonly error: SupportError };

export interface ChatHistoryOptions {
  /** The clock the 21 days are counted from. */
  readonly now: () => Date;
  /** After every merge, listing and pruning that came in (also when nothing was new: `incoming` confirms sends). */
  readonly onUpdate: (update: HistoryUpdate) => void;
  /** After every listing round (the session turns it into its status); awaited before the next round. */
  readonly onSynced: (outcome: SyncOutcome) => void | Promise<void>;
}

/**
 * The confirmed messages of one user's chat, as the backend numbers them: merged from every source by id (a known
 * sequence number under another id replaces the old message: the server was reset), kept in sequence order, cut at
 * 21 days in the tenant's zone.
 *
 * - **Sync**: the first listing is full (with the session, for the tenant's zone) and is the truth up to its last
 *   sequence number; after that, a listing asks only for what came after the last one (`afterSeq`), which the
 *   contract answers completely. A gap in the live connection while a listing is under way lists again afterwards.
 * - **Retention**: messages older than 21 days leave on every change and on `prune()` (the session calls it
 *   periodically).
 */
export class ChatHistory {
  readonly #now: () => Date;
  readonly #onUpdate: ChatHistoryOptions['onUpdate'];
  readonly #onSynced: ChatHistoryOptions['onSynced'];
  #messages: ChatMessage[] = [];
  readonly #byId = new Map<string, ChatMessage>();
  readonly #bySeq = new Map<number, string>();
  /** Ids that arrived from the backend (live, sent, other tabs, catch-up), not from the cache. */
  readonly #seenLive = new Set<string>();
  #zone = DEFAULT_TIME_ZONE;
  #syncedSeq: number | null = null;
  #synced = false;
  #epoch = 0;
  #syncEpoch = 0;
  #syncing: Promise<void> | null = null;
  #syncAgain = false;

  constructor(options: ChatHistoryOptions) {
    this.#now = options.now;
    this.#onUpdate = options.onUpdate;
    this.#onSynced = options.onSynced;
  }

  /** Confirmed messages of the last 21 days, in sequence order. The same array until something changes. */
  get messages(): readonly ChatMessage[] {
    return this.#messages;
  }

  /** The tenant's zone the 21 days are counted in. */
  get zone(): string {
    return this.#zone;
  }

  /** A listing succeeded: from now on the backend, not the cache, is the source. */
  get synced(): boolean {
    return this.#synced;
  }

  /** The last sequence number a listing covered (`null`: the next listing is a full one). */
  get syncedSeq(): number | null {
    return this.#syncedSeq;
  }

  has(id: string): boolean {
    return this.#byId.has(id);
  }

  /** The zone the cache knew (ignored once the backend answered). */
  useCachedZone(zone: string): void {
    if (!this.#synced) this.#zone = zone;
  }

  /** Adds messages not seen yet; returns those added (and not pruned). */
  merge(incoming: readonly ChatMessage[], source: MessageSource): readonly ChatMessage[] {
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
    if (added.length === 0) {
      this.#onUpdate({ source, incoming, added, changed: false });
      return added;
    }
    added.sort((a, b) => a.seq - b.seq);
    const last = this.#messages.at(-1);
    if (!replaced && (!last || added[0]!.seq > last.seq)) this.#messages = [...this.#messages, ...added];
    else this.#messages = [...this.#byId.values()].sort((a, b) => a.seq - b.seq);
    this.#prune();
    const kept = added.filter((m) => this.#byId.has(m.id));
    this.#onUpdate({ source, incoming, added: kept, changed: true });
    return kept;
  }

  /**
   * A full listing: it is the truth up to its last sequence number; messages after that which arrived live meanwhile
   * stay. Whatever the backend no longer lists (pruned, deleted; cached from a server that was reset) goes.
   */
  reconcile(listing: readonly ChatMessage[]): void {
    const maxSeq = listing.reduce((max, m) => Math.max(max, m.seq), -1);
    const ids = new Set(listing.map((m) => m.id));
    const later = this.#messages.filter((m) => m.seq > maxSeq && !ids.has(m.id) && this.#seenLive.has(m.id));
    this.#replace([...listing, ...later]);
    this.#onUpdate({ source: 'listing', incoming: listing, added: [], changed: true });
  }

  /** Forgets every message (signed out). */
  clear(): void {
    this.#replace([]);
    this.#onUpdate({ source: 'listing', incoming: [], added: [], changed: true });
  }

  /** Drops messages older than 21 days; `true` when any went. */
  prune(): boolean {
    const pruned = this.#prune();
    if (pruned) this.#onUpdate({ source: 'listing', incoming: [], added: [], changed: true });
    return pruned;
  }

  /** The live connection closed: a listing under way may predate the gap. */
  gap(): void {
    this.#epoch += 1;
  }

  /** Lists, then catches up after every gap until nothing is missing; one listing at a time. */
  sync(api: SupportBackend, signal: AbortSignal): Promise<void> {
    if (this.#syncing) {
      if (this.#epoch !== this.#syncEpoch) this.#syncAgain = true;
      return this.#syncing;
    }
    this.#syncing = (async () => {
      do {
        this.#syncAgain = false;
        this.#syncEpoch = this.#epoch;
        await this.#syncOnce(api, signal);
      } while (this.#syncAgain && !signal.aborted);
    })().finally(() => (this.#syncing = null));
    return this.#syncing;
  }

  /** Loads everything again with the next `sync()` (the retry button). */
  resync(api: SupportBackend, signal: AbortSignal): Promise<void> {
    this.#syncedSeq = null;
    return this.sync(api, signal);
  }

  async #syncOnce(api: SupportBackend, signal: AbortSignal): Promise<void> {
    const afterSeq = this.#syncedSeq;
    const full = afterSeq === null;
    const [session, listing] = await Promise.allSettled([
      full ? api.getSession(signal) : Promise.resolve(null),
      api.listChatMessages(full ? {} : { afterSeq }, signal),
    ]);
    if (signal.aborted) return;
    const failures = [session, listing].filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => toSupportError(r.reason));
    const failure = failures.find((e) => e.kind === 'unauthorized') ?? failures[0];
    if (failure) {
      if (failure.kind === 'aborted') return;
      if (failure.kind === 'unauthorized') this.clear();
      await this.#onSynced({ ok: false, error: failure });
      return;
    }
    const messages = (listing as PromiseFulfilledResult<ChatMessage[]>).value;
    const fresh = (session as PromiseFulfilledResult<{ tenant: { timeZone: string } } | null>).value;
    if (fresh) this.#zone = fresh.tenant.timeZone;
    if (full) this.reconcile(messages);
    else this.merge(messages, 'catch-up');
    const maxSeq = messages.reduce((max, m) => Math.max(max, m.seq), afterSeq ?? -1);
    this.#syncedSeq = maxSeq >= 0 ? maxSeq : null;
    this.#synced = true;
    await this.#onSynced({ ok: true, full });
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
  }

  #prune(): boolean {
    if (this.#messages.length === 0) return false;
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
}
