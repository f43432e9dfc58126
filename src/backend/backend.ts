import type {
  AttachmentRef,
  CallbackBooking,
  CallbackBookingInput,
  CallbackTopic,
  CallbackWindow,
  ChatMessage,
  ChatSendInput,
  ContactInfo,
  Grant,
  GrantInput,
  Session,
  StaffSearchResult,
  SupportLogin,
  TenantInfo,
  UnlockRequest,
} from '../core/types.js';

/** Live events a backend pushes to subscribers. */
export type SupportEvent =
  /** A new chat message (support's reply, or the customer's own from another tab/device). */
  | { readonly type: 'chat-message'; readonly message: ChatMessage }
  /** Support started or stopped typing. */
  | { readonly type: 'chat-typing'; readonly typing: boolean; readonly name: string | null }
  /** A support employee logged in to / out of the tenant. */
  | { readonly type: 'login-started'; readonly login: SupportLogin }
  | { readonly type: 'login-ended'; readonly login: SupportLogin }
  /** A grant was created, revoked or ended. */
  | { readonly type: 'grant-changed'; readonly grant: Grant }
  /**
   * The live connection opened (again) or closed; after `open`, subscribers catch up with list calls.
   * `unauthorized`: the server refused the stream because the session is gone (signed out, expired); the backend
   * stops reconnecting, and elements show the signed-out state.
   */
  | { readonly type: 'connection'; readonly state: 'open' | 'closed' | 'unauthorized' };

export type SupportEventListener = (event: SupportEvent) => void;

export interface ChatListOptions {
  /** Only messages with a larger `seq` (catch-up after a reconnect). */
  readonly afterSeq?: number;
}

export interface WindowListOptions {
  readonly topicId: string;
}

/** What the caller knows of a file to upload besides its bytes. */
export interface AttachmentUploadMeta {
  /**
   * Idempotency key of this one file (not of the message): uploading the same clientId again — a retry after a lost
   * answer, a resumed outbox after a reload — stores nothing new and answers the same `AttachmentRef`.
   */
  readonly clientId: string;
  /** The file name as the user's system gave it; the backend stores `attachmentFileName(name)`. */
  readonly name: string;
  /** The type the browser claims (`File.type`, may be empty). Only a hint: the backend decides by content. */
  readonly type: string;
}

export interface AttachmentUploadOptions {
  readonly signal?: AbortSignal;
  /** Bytes sent so far of `total`; called as the upload proceeds (at least once at the end when it is known). */
  readonly onProgress?: (sent: number, total: number) => void;
}

export interface LoginListOptions {
  /** Only logins still in progress. */
  readonly activeOnly?: boolean;
}

/**
 * Everything the support-widgets elements need from a server. Implement it over your own API (see docs/adapter.md)
 * or use `createDemoBackend()`. Every method takes an optional `AbortSignal` last and rejects with a
 * `SupportError` only. Responses are validated by the elements' boundary (`validateBackend`), so an adapter that
 * returns malformed data produces an `invalid-response` error, never a broken screen.
 *
 * Time-based listings (`listGrants`, `listLogins`, `listChatMessages`) return what the retention rules keep:
 * grants and logins of the last 6 months (plus grants still active), chat messages of the last 21 days.
 */
export interface SupportBackend {
  /** The signed-in user; rejects with `unauthorized` when nobody is signed in. */
  getSession(signal?: AbortSignal): Promise<Session>;
  /** The facts of Help → About. */
  getTenantInfo(signal?: AbortSignal): Promise<TenantInfo>;
  getContactInfo(signal?: AbortSignal): Promise<ContactInfo>;

  /** Support employees and departments matching `query` (empty query: all departments, no employees). */
  searchStaff(query: string, signal?: AbortSignal): Promise<StaffSearchResult>;
  /** Grants of the last 6 months and all still active, newest first. */
  listGrants(signal?: AbortSignal): Promise<Grant[]>;
  /** Needs the right; rejects with `forbidden`/`right-missing` otherwise. */
  createGrant(input: GrantInput, signal?: AbortSignal): Promise<Grant>;
  /** Needs the right. Rejects with `conflict`/`grant-inactive` when the grant already ended. */
  revokeGrant(grantId: string, signal?: AbortSignal): Promise<Grant>;
  /** Support logins of the last 6 months, newest first. */
  listLogins(options?: LoginListOptions, signal?: AbortSignal): Promise<SupportLogin[]>;

  /**
   * What an e-mailed unlock link asks for. Needs the right (`forbidden`/`right-missing`, the link stays unused);
   * `not-found` (`token-unknown`/`token-expired`), `conflict` (`token-used`).
   */
  resolveUnlockToken(token: string, signal?: AbortSignal): Promise<UnlockRequest>;
  /** Accepts (creates the grant, returned) or declines (returns `null`) a link; single use. Needs the right. */
  confirmUnlockToken(token: string, accept: boolean, signal?: AbortSignal): Promise<Grant | null>;

  /** Chat messages of the last 21 days, oldest first; all of them, however many. */
  listChatMessages(options?: ChatListOptions, signal?: AbortSignal): Promise<ChatMessage[]>;
  /**
   * Idempotent by `clientId`: sending the same clientId twice stores one message and returns it both times. With
   * `attachmentIds`, the message is stored with those attachments (in that order) or not at all: an id that is
   * unknown, another user's or already sent with another message rejects with `invalid-request` /
   * `attachment-unknown`; more than `ATTACHMENTS_PER_MESSAGE_MAX` with `attachments-too-many`. The text may be
   * empty when there are attachments.
   */
  sendChatMessage(input: ChatSendInput, signal?: AbortSignal): Promise<ChatMessage>;

  /**
   * Optional: stores one file for a later `sendChatMessage({ attachmentIds })` and answers its reference. Without
   * this method (and `downloadAttachment`) the chat offers no attachments. Idempotent by `meta.clientId` per user.
   * The backend checks the file by its content (`sniffAttachmentType`, `attachmentProblem` in `support-widgets/core`):
   * rejects with `invalid-request` and reason `attachment-empty`, `attachment-too-large` (over
   * `ATTACHMENT_MAX_BYTES`) or `attachment-type-refused` (SVG, HTML, anything not in `ATTACHMENT_TYPES`).
   * An attachment no message refers to may be deleted after a day; one sent is kept as long as its message.
   */
  uploadAttachment?(file: Blob, meta: AttachmentUploadMeta, options?: AttachmentUploadOptions): Promise<AttachmentRef>;
  /**
   * Optional, with `uploadAttachment`: the bytes of an attachment of a message the signed-in user can read (their
   * own conversation), else `not-found` (also for another user's or tenant's attachment: no hint that it exists).
   * Elements show an image only from a blob URL of this Blob, re-typed by its content, and offer every other file as
   * a download under its `name`.
   */
  downloadAttachment?(attachmentId: string, signal?: AbortSignal): Promise<Blob>;

  /** Live events until `signal` aborts. Emits `connection: open` once connected. */
  subscribe(listener: SupportEventListener, signal: AbortSignal): void;

  getCallbackTopics(signal?: AbortSignal): Promise<CallbackTopic[]>;
  /** Windows of the booking horizon for a topic, unavailable ones included (`available: false`). */
  listCallbackWindows(options: WindowListOptions, signal?: AbortSignal): Promise<CallbackWindow[]>;
  /** The customer's booking, or `null`. */
  getCallbackBooking(signal?: AbortSignal): Promise<CallbackBooking | null>;
  /** Books a window; `conflict`/`booking-exists` when the customer already has one, `window-taken` when full. */
  bookCallback(input: CallbackBookingInput, signal?: AbortSignal): Promise<CallbackBooking>;
  /** Moves the booking to another window/topic atomically. */
  changeCallback(bookingId: string, input: CallbackBookingInput, signal?: AbortSignal): Promise<CallbackBooking>;
  cancelCallback(bookingId: string, signal?: AbortSignal): Promise<void>;
}

/** The attachment methods, which a backend may leave out. */
export type SupportAttachmentMethod = 'uploadAttachment' | 'downloadAttachment';

/** A backend that handles attachments. */
export type AttachmentBackend = SupportBackend & Required<Pick<SupportBackend, SupportAttachmentMethod>>;

/** Names of the methods that only read. */
export type SupportReadMethod =
  | 'getSession'
  | 'getTenantInfo'
  | 'getContactInfo'
  | 'searchStaff'
  | 'listGrants'
  | 'listLogins'
  | 'listChatMessages'
  | 'getCallbackTopics'
  | 'listCallbackWindows'
  | 'getCallbackBooking';
