import { randomBytes } from 'node:crypto';
import type { CallbackBooking, CallbackTopic, CallbackWindow, ChatMessage, ContactInfo, Grant, GrantDuration, Session, StaffSearchResult, SupportLogin, TenantInfo, UnlockRequest } from '../src/core/types.js';
import type { SupportEvent } from '../src/backend/backend.js';
import { SupportError } from '../src/backend/errors.js';
import * as rules from '../src/backend/rules/rules.js';
import { runSync, type Audience, type Rule } from '../src/backend/rules/run.js';
import { DEFAULT_SESSION_POLICY, type SessionPolicy, sessionNeedsTouch, sessionProblem } from '../src/backend/rules/sessions.js';
import type { Db } from './db.js';
import { createSqliteStore, hashToken } from './sqlite-store.js';

export type { Actor } from '../src/backend/rules/rules.js';
export type { Audience } from '../src/backend/rules/run.js';
export { hashToken };
type Actor = rules.Actor;

export type Publish = (audience: Audience, event: SupportEvent) => void;

export const newToken = () => randomBytes(24).toString('hex');

export interface BookingInput {
  readonly topicId: string;
  readonly start: Date;
  readonly phone: string;
  readonly note: string;
}

export interface StoreOptions {
  /** How many callbacks support can take at the same time. Default the seeded setting (2). */
  readonly callbackCapacity?: number;
  /** How long sessions live (absolute and idle). Default 30 days / 7 days. */
  readonly sessions?: Partial<SessionPolicy>;
}

/**
 * The server's side of the support rules: the rules of src/backend/rules over the SQLite store (sqlite-store.ts).
 * Every method takes the calling `Actor` (tenant, user, clock) and returns domain data or throws a `SupportError`
 * whose `status` the HTTP layer sends. A rule that writes runs in one `BEGIN IMMEDIATE` transaction; its events are
 * published after the commit.
 */
export function createStore(db: Db, publish: Publish, options: StoreOptions = {}) {
  const store = createSqliteStore(db, options.callbackCapacity === undefined ? {} : { callbackCapacity: options.callbackCapacity });
  /** Runs a rule that only reads (or only announces); publishes its events. */
  const read = <T>(rule: Rule<T>): T => {
    const { value, events } = runSync(store, rule);
    for (const e of events) publish(e.audience, e.event);
    return value;
  };
  /** Runs a rule that writes in one BEGIN IMMEDIATE transaction; publishes its events after the commit. */
  const write = <T>(rule: Rule<T>): T => {
    const { value, events } = db.transaction(() => runSync(store, rule)).immediate();
    for (const e of events) publish(e.audience, e.event);
    return value;
  };

  const sessionPolicy: SessionPolicy = { ...DEFAULT_SESSION_POLICY, ...options.sessions };
  const sessionQuery = db.prepare(
    `SELECT s.tenant_id, s.user_id, s.signed_out, s.created_at, s.last_used_at, t.time_zone, t.clock_offset_ms
       FROM sessions s JOIN tenants t ON t.id = s.tenant_id WHERE s.token_hash = ?`,
  );
  const touchSession = db.prepare('UPDATE sessions SET last_used_at = ? WHERE token_hash = ? AND (last_used_at IS NULL OR last_used_at < ?)');

  /** A session's actor on its tenant's clock, `'expired'`, or `null` (unknown or signed out); `touch` when its use should be recorded. */
  function lookupSession(hash: string, realNow: number): { actor: Actor; touch: boolean } | 'expired' | null {
    const row = sessionQuery.get(hash) as
      | { tenant_id: string; user_id: string; signed_out: number; created_at: number; last_used_at: number | null; time_zone: string; clock_offset_ms: number }
      | undefined;
    if (!row) return null;
    // Lifetimes run on the real clock: a tenant's test clock (time travel for retention) neither ends nor extends them.
    const session = { createdAt: row.created_at, lastUsedAt: row.last_used_at ?? row.created_at, signedOut: row.signed_out === 1 };
    const problem = sessionProblem(session, realNow, sessionPolicy);
    if (problem === 'expired') return 'expired';
    if (problem) return null;
    const actor = { tenantId: row.tenant_id, userId: row.user_id, now: new Date(realNow + row.clock_offset_ms), timeZone: row.time_zone };
    return { actor, touch: sessionNeedsTouch(session, realNow, sessionPolicy) };
  }

  return {
    db,
    sessionPolicy,
    /**
     * The actor of a bearer token, on its tenant's clock; 401 for an unknown, signed-out or expired session. Records
     * the use (at most once a minute), which keeps an active session from idling out.
     */
    authenticate(token: string, realNow = Date.now()): Actor {
      const hash = hashToken(token);
      const found = lookupSession(hash, realNow);
      if (found === 'expired') {
        throw new SupportError('unauthorized', 'The session has expired: sign in again', { reason: 'session-expired', status: 401 });
      }
      if (!found) throw new SupportError('unauthorized', 'The session is unknown or has ended', { status: 401 });
      if (found.touch) touchSession.run(realNow, hash, realNow);
      return found.actor;
    },
    /** The actor of a session by token hash, or `null` when it is unknown, signed out or expired (open streams ask this). */
    actorOfSession(tokenHash: string, realNow = Date.now()): Actor | null {
      const found = lookupSession(tokenHash, realNow);
      return found && found !== 'expired' ? found.actor : null;
    },

    getSession: (actor: Actor): Session => read(rules.getSession(actor)),
    getTenantInfo: (actor: Actor): TenantInfo => read(rules.getTenantInfo(actor)),
    getContactInfo: (): ContactInfo => read(rules.getContactInfo()),
    searchStaff: (query: string): StaffSearchResult => read(rules.searchStaff(query)),

    listGrants: (actor: Actor): Grant[] => read(rules.listGrants(actor)),
    createGrant: (actor: Actor, input: rules.GrantRequest): Grant => write(rules.createGrant(actor, input)),
    revokeGrant: (actor: Actor, grantId: string): Grant => write(rules.revokeGrant(actor, grantId)),
    listLogins: (actor: Actor, activeOnly: boolean): SupportLogin[] => read(rules.listLogins(actor, activeOnly)),

    resolveUnlockToken: (actor: Actor, token: string): UnlockRequest => read(rules.resolveUnlockToken(actor, token)),
    confirmUnlockToken: (actor: Actor, token: string, accept: boolean): Grant | null => write(rules.confirmUnlockToken(actor, token, accept)),

    listChatMessages: (actor: Actor, afterSeq: number): ChatMessage[] => read(rules.listChatMessages(actor, afterSeq)),
    /** The newest seq of the user's conversation (the event stream's starting point). */
    chatHead: (actor: Pick<Actor, 'tenantId' | 'userId'>): number => read(rules.chatHead(actor)),
    /** Stores the message once per clientId; `created` is false for a repeat, which answers the stored message. */
    sendChatMessage: (actor: Actor, input: rules.ChatSend): { message: ChatMessage; created: boolean } =>
      write(rules.sendChatMessage(actor, input)),
    /** A support employee writes to the user (agent simulation, test control). */
    addSupportMessage: (actor: Actor, text: string, authorName: string): ChatMessage => write(rules.addSupportMessage(actor, text, authorName)),
    publishTyping: (actor: Actor, typing: boolean, name: string | null): void => read(rules.supportTyping(actor, typing, name)),
    chatCount: (actor: Actor, clientId?: string): number => read(rules.chatCount(actor, clientId)),

    getCallbackTopics: (): CallbackTopic[] => read(rules.getCallbackTopics()),
    listCallbackWindows: (actor: Actor, topicId: string): CallbackWindow[] => read(rules.listCallbackWindows(actor, topicId)),
    getCallbackBooking: (actor: Actor): CallbackBooking | null => read(rules.getCallbackBooking(actor)),
    bookCallback: (actor: Actor, input: BookingInput): CallbackBooking => write(rules.bookCallback(actor, input)),
    changeCallback: (actor: Actor, bookingId: string, input: BookingInput): CallbackBooking =>
      write(rules.changeCallback(actor, bookingId, input)),
    cancelCallback: (actor: Actor, bookingId: string): void => write(rules.cancelCallback(actor, bookingId)),

    // ---------------------------------------------------------------------------------------- support's side
    createUnlockLink(
      actor: Actor,
      input: { granteeId: string; requestedById?: string; duration: GrantDuration; dataExport: boolean; reason: string; validForMs: number },
    ): string {
      const token = newToken();
      write(rules.createUnlockLink(actor, token, input));
      return token;
    },
    startSupportLogin: (actor: Actor, reason: string, employeeId?: string): SupportLogin | null =>
      write(rules.startSupportLogin(actor, { reason, ...(employeeId === undefined ? {} : { employeeId }) })),
    endSupportLogin: (actor: Actor, loginId: string): SupportLogin | null => write(rules.endSupportLogin(actor, loginId)),
    /** Fills a window with bookings made elsewhere (all of its capacity). */
    takeWindow: (topicId: string, start: Date): void => write(rules.takeWindow(topicId, start)),
    /** Deletes what retention no longer keeps (rules.purge), every tenant on its own clock. */
    purge: (realNow: Date = new Date()): Record<string, number> => write(rules.purge(realNow)),
    /** The records of the rules' store (seeding). */
    records: store,
  };
}

export type Store = ReturnType<typeof createStore>;
