import type { CallbackWindowRules } from '../../core/callback-windows.js';
import type {
  AttachmentRef,
  CallbackTopic,
  ChatMessage,
  ContactInfo,
  Grant,
  PersonRef,
  SessionUser,
  SupportEmployee,
  SupportLogin,
  Tenant,
  TenantInfo,
  TimeWindow,
  UnlockRequest,
} from '../../core/types.js';

/**
 * The storage the support rules need, and nothing more: reads and writes of records, each scoped to a tenant, with
 * no rule in them beyond what a single conditional write decides atomically (revoke only an active grant, use an
 * unlock link only once, one booking per customer, one chat message per clientId). The rules (rules.ts) call it
 * through `run.ts`, so the same rules run over a synchronous store (the demo's Map-backed memory store, the server's
 * better-sqlite3 store, inside one transaction) and, later, an asynchronous one ({@link AsyncRulesStore}).
 *
 * Instants are `Date`s; lists come in the order named on each method.
 */
/**
 * A stored file's content: bytes (the reference server keeps them in a table), or a Blob — the demo backend's memory
 * store, in a browser, keeps the user's file as it is instead of copying it into the page's memory.
 */
export type StoredFile = Uint8Array | Blob;

export interface RulesStore<File extends StoredFile = Uint8Array> {
  /** A new unique id with `prefix` (`grant`, `login`, `msg`, `booking`). */
  newId(prefix: string): string;

  // ------------------------------------------------------------------------------------------ reference data
  tenant(tenantId: string): TenantRecord | null;
  user(tenantId: string, userId: string): UserRecord | null;
  /** The support company's employees and departments, in display order. */
  staff(): Staff;
  /** Contact data, callback topics and capacity. The same object while unchanged (rules cache per object). */
  settings(): SupportSettings;

  // ------------------------------------------------------------------------------------------ grants
  /** Grants granted at or after `since`, plus those neither revoked nor ended at `now`; newest first. */
  grants(tenantId: string, since: Date, now: Date): Grant[];
  grant(tenantId: string, grantId: string): Grant | null;
  insertGrant(tenantId: string, grant: Grant): void;
  /**
   * Sets `revokedAt`/`revokedBy` only if the grant is not revoked and has not ended at `at` (`endsAt` null or after
   * `at`), in one conditional write. `true` when it changed the grant: the caller's revoke is the one that counts.
   */
  revokeGrant(tenantId: string, grantId: string, at: Date, by: PersonRef): boolean;

  // ------------------------------------------------------------------------------------------ support logins
  /** Logins started at or after `since`, or (`since` null) the open ones; newest first. */
  logins(tenantId: string, since: Date | null): SupportLogin[];
  openLoginsOfGrant(tenantId: string, grantId: string): SupportLogin[];
  insertLogin(tenantId: string, login: SupportLogin): void;
  /** Ends an open login; the ended login, or `null` if it was not open (or not there). */
  endLogin(tenantId: string, loginId: string, at: Date): SupportLogin | null;

  // ------------------------------------------------------------------------------------------ unlock links
  /** Stores a link; a store may keep only a hash of the token. */
  insertUnlockLink(tenantId: string, token: string, request: UnlockRequest): void;
  unlockLink(tenantId: string, token: string): UnlockLinkRecord | null;
  /** Marks the link used only if unused and not expired at `at`, in one conditional write; `true` when it did. */
  useUnlockLink(tenantId: string, token: string, at: Date, accepted: boolean): boolean;

  // ------------------------------------------------------------------------------------------ chat
  /** The user's messages with `seq > afterSeq` sent at or after `since`, by `seq`. */
  chatMessages(tenantId: string, userId: string, afterSeq: number, since: Date): ChatMessage[];
  /** The newest `seq` of the user's conversation, 0 when empty. */
  chatHead(tenantId: string, userId: string): number;
  /** Stores a message and assigns its `seq`; `null` (nothing stored) when the user already has one with its clientId. */
  insertChatMessage(tenantId: string, userId: string, message: Omit<ChatMessage, 'seq'>): ChatMessage | null;
  chatMessageByClientId(tenantId: string, userId: string, clientId: string): ChatMessage | null;
  chatCount(tenantId: string, userId: string, clientId?: string): number;

  // ------------------------------------------------------------------------------------------ attachments
  // Files live apart from the rows that name them (the reference server: a blob table); a message carries copies of
  // its attachments' refs. Every lookup is scoped to one conversation (tenant and user): nobody reaches another's.
  /** The user's upload with this clientId, or `null`. */
  attachmentByClientId(tenantId: string, userId: string, clientId: string): AttachmentRecord | null;
  /** An attachment of the user's conversation, or `null` (also when it is another user's or tenant's). */
  attachment(tenantId: string, userId: string, attachmentId: string): AttachmentRecord | null;
  /** Its bytes, scoped like `attachment`. */
  attachmentBytes(tenantId: string, userId: string, attachmentId: string): File | null;
  /** When the user's message `messageId` was sent, or `null` when there is none (purged). */
  chatMessageSentAt(tenantId: string, userId: string, messageId: string): Date | null;
  /** Stores the file unless the user has one with its clientId (then `false`, nothing stored). */
  insertAttachment(tenantId: string, userId: string, record: AttachmentRecord, bytes: File): boolean;
  /**
   * Ties the attachments to a message, only if each is the user's and on no message yet, in one conditional write;
   * `true` when it tied all of them (else nothing changed).
   */
  attachToMessage(tenantId: string, userId: string, attachmentIds: readonly string[], messageId: string): boolean;

  // ------------------------------------------------------------------------------------------ callbacks
  /** The customer's (tenant's) booking, past or not. */
  booking(tenantId: string): BookingRecord | null;
  /** Removes the customer's booking when its window ended at or before `now`. */
  deleteEndedBooking(tenantId: string, now: Date): void;
  /** Stores the booking unless the customer has one (one booking per customer); `true` when stored. */
  insertBooking(tenantId: string, booking: BookingRecord, bookedBy: string): boolean;
  updateBooking(tenantId: string, booking: BookingRecord): void;
  /** Deletes the booking if it exists and its window has not ended at `now`; `true` when it did. */
  deleteBooking(tenantId: string, bookingId: string, now: Date): boolean;
  /** Capacity taken in [from, to): every customer's bookings (with their tenant) and holds made elsewhere (tenant null). */
  holds(from: Date, to: Date): Hold[];
  /** Capacity taken elsewhere (the phone, other systems): one hold per call. */
  insertHold(window: TimeWindow): void;

  // ------------------------------------------------------------------------------------------ retention
  /** Every tenant with its zone and test clock offset (the purge runs per tenant). */
  tenantClocks(): TenantClock[];
  /** Deletes what retention no longer keeps (see rules.purgeTenant); counts per kind. */
  deleteExpired(
    tenantId: string,
    bounds: RetentionBounds,
  ): Record<'chat' | 'attachments' | 'logins' | 'grants' | 'unlockLinks' | 'bookings', number>;
  /** Deletes holds whose window ended at or before `now`. */
  deleteEndedHolds(now: Date): number;
}

/** A stored attachment. */
export interface AttachmentRecord extends AttachmentRef {
  /** The uploader's idempotency key; `null` for support's files. */
  readonly clientId: string | null;
  /** The message it was sent with; `null` until sent. */
  readonly messageId: string | null;
  readonly createdAt: Date;
}

export interface TenantRecord {
  readonly tenant: Tenant;
  readonly info: TenantInfo;
}

export interface UserRecord extends SessionUser {
  /** The right "may unlock the support user". */
  readonly unlockSupport: boolean;
}

export interface Staff {
  readonly employees: readonly SupportEmployee[];
  readonly departments: readonly PersonRef[];
}

export interface SupportSettings {
  readonly contact: ContactInfo;
  readonly topics: readonly CallbackTopic[];
  /** How many callbacks support can take at the same time. */
  readonly callbackCapacity: number;
  /** Notice and horizon of callback windows (the window length comes from the topic). */
  readonly callbackRules: Omit<CallbackWindowRules, 'windowMinutes'>;
}

export interface UnlockLinkRecord {
  readonly request: UnlockRequest;
  readonly usedAt: Date | null;
}

export interface BookingRecord {
  readonly id: string;
  readonly topicId: string;
  readonly window: TimeWindow;
  readonly phone: string;
  readonly note: string;
  readonly bookedAt: Date;
}

export interface Hold extends TimeWindow {
  /** The customer whose booking it is; `null` for capacity taken elsewhere. */
  readonly tenantId: string | null;
}

export interface TenantClock {
  readonly id: string;
  readonly timeZone: string;
  /** Tests move a tenant's clock; 0 in production. */
  readonly clockOffsetMs: number;
}

/** What retention keeps, as instants (see rules.purgeTenant). */
export interface RetentionBounds {
  readonly now: Date;
  /** Messages sent before it go, with their attachments (rows and bytes). */
  readonly chat: Date;
  /** Attachments on no message that were uploaded before it go (an upload whose message never came). */
  readonly unsentAttachments: Date;
  readonly logins: Date;
  readonly grants: Date;
  readonly unlockLinks: Date;
}

/** The same store with every method answering by promise: what a client of PostgreSQL or any network store offers. */
export type AsyncRulesStore = {
  readonly [K in keyof RulesStore]: RulesStore[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never;
};
