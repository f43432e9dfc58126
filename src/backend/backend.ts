import type {
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
  /** Idempotent by `clientId`: sending the same clientId twice stores one message and returns it both times. */
  sendChatMessage(input: ChatSendInput, signal?: AbortSignal): Promise<ChatMessage>;
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
