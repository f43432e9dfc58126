import { randomBytes } from 'node:crypto';
import type { AttachmentRef, CallbackBooking, CallbackTopic, CallbackWindow, ChatMessage, ContactInfo, Grant, GrantDuration, Session, StaffSearchResult, SupportLogin, TenantInfo, UnlockRequest } from '../src/core/types.js';
import type { SupportEvent } from '../src/backend/backend.js';
import { SupportError } from '../src/backend/errors.js';
import * as rules from '../src/backend/rules/rules.js';
import { runAsync, runSync, type Audience, type Outcome, type Rule } from '../src/backend/rules/run.js';
import type { AsyncRulesStore, RulesStore } from '../src/backend/rules/store.js';
import { DEFAULT_SESSION_POLICY, type SessionPolicy, sessionNeedsTouch, sessionProblem } from '../src/backend/rules/sessions.js';
import type pg from 'pg';
import type { Db } from './db.js';
import { NOTIFY_CHANNEL, notification } from './notify.js';
import { createPgStore } from './pg-store.js';
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

/** A value now (SQLite, synchronous) or later (PostgreSQL): callers `await` either. */
export type Awaitable<T> = T | Promise<T>;
function then<T, U>(value: Awaitable<T>, next: (value: T) => Awaitable<U>): Awaitable<U> {
  return value instanceof Promise ? value.then(next) : next(value);
}

/** A session with its tenant's clock, as the database stores it. */
export interface SessionRow {
  tenant_id: string;
  user_id: string;
  signed_out: number;
  created_at: number;
  last_used_at: number | null;
  time_zone: string;
  clock_offset_ms: number;
}

/**
 * What the store needs of a database engine: run a rule (reading, or writing in one transaction that commits before
 * the outcome is answered), and the session lookups every request makes.
 */
export interface Engine {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * Runs the rule `make()` makes; `writes`: in one transaction. A rule may be made again when the transaction is
   * retried. `only`: a lock key; when another instance holds it (PostgreSQL advisory lock) the rule does not run and
   * the answer is `null` (SQLite's one writer needs none).
   */
  run<T>(make: () => Rule<T>, writes: boolean, only?: number): Awaitable<Outcome<T> | null>;
  sessionRow(tokenHash: string): Awaitable<SessionRow | undefined>;
  /** Records a session's use at `realNow` unless a later one is recorded. */
  touchSession(tokenHash: string, realNow: number): Awaitable<void>;
  /** The rules' store outside any transaction (seeding, tests). */
  readonly records: RulesStore | AsyncRulesStore;
}

const SESSION_QUERY = `SELECT s.tenant_id, s.user_id, s.signed_out, s.created_at, s.last_used_at, t.time_zone, t.clock_offset_ms
  FROM sessions s JOIN tenants t ON t.id = s.tenant_id WHERE s.token_hash = ?`;

/** SQLite (better-sqlite3): a writing rule runs in one `BEGIN IMMEDIATE` transaction, all synchronously. */
export function sqliteEngine(db: Db, options: { callbackCapacity?: number } = {}): Engine {
  const store = createSqliteStore(db, options.callbackCapacity === undefined ? {} : { callbackCapacity: options.callbackCapacity });
  const sessionQuery = db.prepare(SESSION_QUERY);
  const touch = db.prepare('UPDATE sessions SET last_used_at = ? WHERE token_hash = ? AND (last_used_at IS NULL OR last_used_at < ?)');
  return {
    kind: 'sqlite',
    run: (make, writes) => (writes ? db.transaction(() => runSync(store, make())).immediate() : runSync(store, make())),
    sessionRow: (hash) => sessionQuery.get(hash) as SessionRow | undefined,
    touchSession: (hash, realNow) => void touch.run(realNow, hash, realNow),
    records: store,
  };
}

/** The advisory lock key of the retention purge (any number no other lock of this database uses). */
const PURGE_LOCK = 0x5357_0002;

const SERIALIZATION_FAILURES = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * PostgreSQL (node-postgres pool): a writing rule runs in one SERIALIZABLE transaction on one client, so races no
 * single statement decides (callback capacity across customers) are decided by the database too; a transaction that
 * loses such a race is rolled back and the rule runs again (up to 30 times, with a growing random pause). Reading
 * rules run on the pool, statement by statement, as they do on SQLite outside a transaction.
 */
export function pgEngine(pool: pg.Pool, options: { callbackCapacity?: number } = {}): Engine {
  const storeOptions = { ...(options.callbackCapacity === undefined ? {} : { callbackCapacity: options.callbackCapacity }), settingsCache: { current: null } };
  const records = createPgStore(pool, storeOptions);
  const pgSessionQuery = SESSION_QUERY.replace('?', '$1');
  return {
    kind: 'postgres',
    // Events leave as NOTIFY (see notify.ts): every instance, this one included, delivers them from its listener, so
    // the outcome's events are handed out here and not published again by the caller.
    async run(make, writes, only) {
      if (!writes) {
        const outcome = await runAsync(records, make());
        for (const e of outcome.events) await pool.query('SELECT pg_notify($1, $2)', [NOTIFY_CHANNEL, notification(e)]);
        return { value: outcome.value, events: [] };
      }
      for (let attempt = 1; ; attempt += 1) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
          if (only !== undefined) {
            const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [only]);
            if (!rows[0]!.ok) {
              await client.query('ROLLBACK');
              return null;
            }
          }
          const outcome = await runAsync(createPgStore(client, storeOptions), make());
          // Delivered by PostgreSQL at COMMIT, in commit order, and not at all on ROLLBACK.
          for (const e of outcome.events) await client.query('SELECT pg_notify($1, $2)', [NOTIFY_CHANNEL, notification(e)]);
          await client.query('COMMIT');
          return { value: outcome.value, events: [] };
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          const code = (error as { code?: string }).code;
          if (code === undefined || !SERIALIZATION_FAILURES.has(code) || attempt >= 30) throw error;
        } finally {
          client.release();
        }
        await pause(Math.random() * Math.min(100, 2 ** attempt));
      }
    },
    sessionRow: async (hash) => (await pool.query<SessionRow>(pgSessionQuery, [hash])).rows[0],
    async touchSession(hash, realNow) {
      await pool.query('UPDATE sessions SET last_used_at = $1 WHERE token_hash = $2 AND (last_used_at IS NULL OR last_used_at < $1)', [realNow, hash]);
    },
    records,
  };
}

/**
 * The server's side of the support rules: the rules of src/backend/rules over a database engine (SQLite by default,
 * PostgreSQL for several instances). Every method takes the calling `Actor` (tenant, user, clock) and answers domain
 * data — at once on SQLite, by promise on PostgreSQL; callers `await` both — or throws a `SupportError` whose
 * `status` the HTTP layer sends. A rule that writes runs in one transaction; its events are published after the commit.
 */
export function createStore(database: Db | Engine, publish: Publish, options: StoreOptions = {}) {
  const capacity = options.callbackCapacity === undefined ? {} : { callbackCapacity: options.callbackCapacity };
  const engine = 'run' in database ? database : sqliteEngine(database, capacity);
  const finish = <T>(outcome: Outcome<T> | null): T => {
    for (const e of outcome!.events) publish(e.audience, e.event);
    return outcome!.value;
  };
  /** Runs a rule that only reads (or only announces); publishes its events. */
  const read = <T>(rule: () => Rule<T>): Awaitable<T> => then(engine.run(rule, false), finish);
  /** Runs a rule that writes in one transaction; publishes its events after the commit. */
  const write = <T>(rule: () => Rule<T>): Awaitable<T> => then(engine.run(rule, true), finish);

  const sessionPolicy: SessionPolicy = { ...DEFAULT_SESSION_POLICY, ...options.sessions };

  /** A session's actor on its tenant's clock, `'expired'`, or `null` (unknown or signed out); `touch` when its use should be recorded. */
  function judgeSession(row: SessionRow | undefined, realNow: number): { actor: Actor; touch: boolean } | 'expired' | null {
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
    engine,
    sessionPolicy,
    /**
     * The actor of a bearer token, on its tenant's clock; 401 for an unknown, signed-out or expired session. Records
     * the use (at most once a minute), which keeps an active session from idling out.
     */
    authenticate(token: string, realNow = Date.now()): Awaitable<Actor> {
      const hash = hashToken(token);
      return then(engine.sessionRow(hash), (row): Awaitable<Actor> => {
        const found = judgeSession(row, realNow);
        if (found === 'expired') {
          throw new SupportError('unauthorized', 'The session has expired: sign in again', { reason: 'session-expired', status: 401 });
        }
        if (!found) throw new SupportError('unauthorized', 'The session is unknown or has ended', { status: 401 });
        return found.touch ? then(engine.touchSession(hash, realNow), () => found.actor) : found.actor;
      });
    },
    /** The actor of a session by token hash, or `null` when it is unknown, signed out or expired (open streams ask this). */
    actorOfSession(tokenHash: string, realNow = Date.now()): Awaitable<Actor | null> {
      return then(engine.sessionRow(tokenHash), (row) => {
        const found = judgeSession(row, realNow);
        return found && found !== 'expired' ? found.actor : null;
      });
    },

    getSession: (actor: Actor): Awaitable<Session> => read(() => rules.getSession(actor)),
    getTenantInfo: (actor: Actor): Awaitable<TenantInfo> => read(() => rules.getTenantInfo(actor)),
    getContactInfo: (): Awaitable<ContactInfo> => read(() => rules.getContactInfo()),
    searchStaff: (query: string): Awaitable<StaffSearchResult> => read(() => rules.searchStaff(query)),

    listGrants: (actor: Actor): Awaitable<Grant[]> => read(() => rules.listGrants(actor)),
    createGrant: (actor: Actor, input: rules.GrantRequest): Awaitable<Grant> => write(() => rules.createGrant(actor, input)),
    revokeGrant: (actor: Actor, grantId: string): Awaitable<Grant> => write(() => rules.revokeGrant(actor, grantId)),
    listLogins: (actor: Actor, activeOnly: boolean): Awaitable<SupportLogin[]> => read(() => rules.listLogins(actor, activeOnly)),

    resolveUnlockToken: (actor: Actor, token: string): Awaitable<UnlockRequest> => read(() => rules.resolveUnlockToken(actor, token)),
    confirmUnlockToken: (actor: Actor, token: string, accept: boolean): Awaitable<Grant | null> => write(() => rules.confirmUnlockToken(actor, token, accept)),

    listChatMessages: (actor: Actor, afterSeq: number): Awaitable<ChatMessage[]> => read(() => rules.listChatMessages(actor, afterSeq)),
    /** The newest seq of the user's conversation (the event stream's starting point). */
    chatHead: (actor: Pick<Actor, 'tenantId' | 'userId'>): Awaitable<number> => read(() => rules.chatHead(actor)),
    /** Stores the message once per clientId; `created` is false for a repeat, which answers the stored message. */
    sendChatMessage: (actor: Actor, input: rules.ChatSend): Awaitable<{ message: ChatMessage; created: boolean }> =>
      write(() => rules.sendChatMessage(actor, input)),
    /** A support employee writes to the user (agent simulation, test control), optionally with files. */
    addSupportMessage: (actor: Actor, text: string, authorName: string, files: readonly { name: string; bytes: Uint8Array }[] = []): Awaitable<ChatMessage> =>
      write(() => rules.addSupportMessage(actor, text, authorName, files)),
    /** Stores one file of the user's once per clientId, checked by content. */
    uploadAttachment: (actor: Actor, input: rules.AttachmentUpload): Awaitable<{ attachment: AttachmentRef; created: boolean }> =>
      write(() => rules.uploadAttachment(actor, input)),
    /** An attachment of the user's own conversation with its bytes, else `not-found`. */
    attachmentContent: (actor: Actor, attachmentId: string): Awaitable<{ attachment: AttachmentRef; bytes: Uint8Array }> =>
      read(() => rules.attachmentContent(actor, attachmentId)),
    publishTyping: (actor: Actor, typing: boolean, name: string | null): Awaitable<void> => read(() => rules.supportTyping(actor, typing, name)),
    chatCount: (actor: Actor, clientId?: string): Awaitable<number> => read(() => rules.chatCount(actor, clientId)),

    getCallbackTopics: (): Awaitable<CallbackTopic[]> => read(() => rules.getCallbackTopics()),
    listCallbackWindows: (actor: Actor, topicId: string): Awaitable<CallbackWindow[]> => read(() => rules.listCallbackWindows(actor, topicId)),
    getCallbackBooking: (actor: Actor): Awaitable<CallbackBooking | null> => read(() => rules.getCallbackBooking(actor)),
    bookCallback: (actor: Actor, input: BookingInput): Awaitable<CallbackBooking> => write(() => rules.bookCallback(actor, input)),
    changeCallback: (actor: Actor, bookingId: string, input: BookingInput): Awaitable<CallbackBooking> =>
      write(() => rules.changeCallback(actor, bookingId, input)),
    cancelCallback: (actor: Actor, bookingId: string): Awaitable<void> => write(() => rules.cancelCallback(actor, bookingId)),

    // ---------------------------------------------------------------------------------------- support's side
    createUnlockLink(
      actor: Actor,
      input: { granteeId: string; requestedById?: string; duration: GrantDuration; dataExport: boolean; reason: string; validForMs: number },
    ): Awaitable<string> {
      const token = newToken();
      return then(write(() => rules.createUnlockLink(actor, token, input)), () => token);
    },
    startSupportLogin: (actor: Actor, reason: string, employeeId?: string): Awaitable<SupportLogin | null> =>
      write(() => rules.startSupportLogin(actor, { reason, ...(employeeId === undefined ? {} : { employeeId }) })),
    endSupportLogin: (actor: Actor, loginId: string): Awaitable<SupportLogin | null> => write(() => rules.endSupportLogin(actor, loginId)),
    /** Fills a window with bookings made elsewhere (all of its capacity). */
    takeWindow: (topicId: string, start: Date): Awaitable<void> => write(() => rules.takeWindow(topicId, start)),
    /** Deletes what retention no longer keeps (rules.purge), every tenant on its own clock. */
    // Several instances may purge at the same hour: one does, the others skip (an empty count) instead of racing it.
    purge: (realNow: Date = new Date()): Awaitable<Record<string, number>> =>
      then(engine.run(() => rules.purge(realNow), true, PURGE_LOCK), (outcome) => (outcome === null ? {} : finish(outcome))),
    /** The records of the rules' store (seeding). */
    records: engine.records,
  };
}

export type Store = ReturnType<typeof createStore>;
