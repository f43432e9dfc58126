import type { SupportBackend } from '../backend/backend.js';
import type { ChatMessage, GrantDuration, SupportLogin } from '../core/types.js';

type Awaitable<T> = T | Promise<T>;

/** What support would e-mail: an unlock link for an employee or a department. */
export interface ConformanceUnlockLink {
  /** An employee id or a department id (from `searchStaff`). */
  readonly granteeId: string;
  readonly duration?: GrantDuration;
  readonly dataExport?: boolean;
  readonly reason?: string;
  /** How long the link works, ms. */
  readonly validForMs?: number;
}

/**
 * What the suite needs to set up state that the contract itself cannot create: what happens on support's side
 * (links, messages, logins, other customers' bookings), the session, and the clock. The demo backend's `control`
 * plus a clock offset implements it (`demoSubject`); the reference server implements it with test-only routes
 * (`referenceServerSubjects`); for your own server, implement it against a test instance.
 */
export interface ConformanceControl {
  signIn(): Awaitable<void>;
  signOut(): Awaitable<void>;
  setUnlockRight(allowed: boolean): Awaitable<void>;
  /** Returns the token of a new unlock link of this customer. */
  createUnlockLink(input: ConformanceUnlockLink): Awaitable<string>;
  /** A support employee writes to the signed-in user. */
  pushSupportMessage(text: string, authorName?: string): Awaitable<ChatMessage | unknown>;
  /** A support employee logs in against the newest active grant; `null` without one. */
  startSupportLogin(reason?: string): Awaitable<SupportLogin | null>;
  endSupportLogin(loginId: string): Awaitable<void>;
  /** Bookings made elsewhere fill the whole capacity of the window of `topicId` starting at `start`. */
  takeWindow(topicId: string, start: Date): Awaitable<void>;
  /** How many chat messages are stored (with this clientId): exactly-once checks. */
  chatMessageCount(clientId?: string): Awaitable<number>;
  /** Moves this customer's clock forward (retention, expiry of links and bookings). */
  advanceClock(ms: number): Awaitable<void>;
}

/**
 * One backend under test: a **fresh customer** with no grants, logins, chat messages or booking, signed in, with the
 * unlock right. Each check gets its own.
 */
export interface ConformanceSubject {
  readonly backend: SupportBackend;
  readonly control: ConformanceControl;
  /** Releases the subject (timers, test tenant). */
  dispose?(): Awaitable<void>;
}

export type SubjectFactory = () => Awaitable<ConformanceSubject>;
