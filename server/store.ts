import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { addMinutes, startOfDay } from 'date-fns';
import { callbackWindows, DEFAULT_CALLBACK_RULES } from '../src/core/callback-windows.js';
import { grantEndsAt, isGrantActive } from '../src/core/durations.js';
import { CALLBACK_NOTE_MAX_LENGTH, CHAT_MESSAGE_MAX_LENGTH, exceedsLimit, isBlank } from '../src/core/limits.js';
import { parsePhoneNumber } from '../src/core/phone.js';
import { isGrantListed, retentionStart } from '../src/core/retention.js';
import { isoDayIn } from '../src/core/zone.js';
import { inZone } from '../src/core/zoned.js';
import type {
  CallbackBooking,
  CallbackTopic,
  CallbackWindow,
  ChatMessage,
  ContactInfo,
  Grant,
  GrantDuration,
  Grantee,
  PersonRef,
  Session,
  StaffSearchResult,
  SupportEmployee,
  SupportLogin,
  TenantInfo,
  TimeWindow,
  UnlockRequest,
} from '../src/core/types.js';
import type { SupportEvent } from '../src/backend/backend.js';
import { SupportError } from '../src/backend/errors.js';
import type { Db } from './db.js';
import { DEFAULT_SESSION_POLICY, type SessionPolicy, sessionNeedsTouch, sessionProblem } from '../src/backend/rules/sessions.js';

/** Who is calling, and the clock of their tenant (tests move a tenant's clock; production never does). */
export interface Actor {
  readonly tenantId: string;
  readonly userId: string;
  readonly now: Date;
  readonly timeZone: string;
}

/** Where an event goes: every connection of the tenant, or only the user's (their chat). */
export interface Audience {
  readonly tenantId: string;
  readonly userId?: string;
}

export type Publish = (audience: Audience, event: SupportEvent) => void;


export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const newToken = () => randomBytes(24).toString('hex');
const newId = (prefix: string) => `${prefix}_${randomUUID()}`;

const invalid = (message: string) => new SupportError('invalid-request', message, { reason: 'invalid-input', status: 400 });
const notFound = (message: string, reason?: string) =>
  new SupportError('not-found', message, { status: 404, ...(reason ? { reason } : {}) });
const conflict = (message: string, reason: string) => new SupportError('conflict', message, { reason, status: 409 });

const iso = (ms: number | null) => (ms === null ? null : new Date(ms));
const json = <T>(text: string | null): T => (text === null ? (null as T) : (JSON.parse(text) as T));

interface GrantRow {
  id: string;
  grantee: string;
  data_export: number;
  duration: GrantDuration;
  granted_at: number;
  ends_at: number | null;
  granted_by: string;
  source: Grant['source'];
  revoked_at: number | null;
  revoked_by: string | null;
}
interface LoginRow {
  id: string;
  employee: string;
  started_at: number;
  ended_at: number | null;
  reason: string;
  grant_id: string;
}
interface ChatRow {
  seq: number;
  id: string;
  client_id: string | null;
  author: ChatMessage['author'];
  author_name: string;
  text: string;
  sent_at: number;
}
interface BookingRow {
  id: string;
  topic_id: string;
  window_start: number;
  window_end: number;
  phone: string;
  note: string;
  booked_at: number;
}
interface TopicRow {
  id: string;
  title: string;
  description: string | null;
  window_minutes: number;
}

const toGrant = (r: GrantRow): Grant => ({
  id: r.id,
  grantee: json<Grantee>(r.grantee),
  dataExport: r.data_export === 1,
  duration: r.duration,
  grantedAt: new Date(r.granted_at),
  endsAt: iso(r.ends_at),
  grantedBy: json<PersonRef>(r.granted_by),
  source: r.source,
  revokedAt: iso(r.revoked_at),
  revokedBy: json<PersonRef | null>(r.revoked_by),
});
const toLogin = (r: LoginRow): SupportLogin => ({
  id: r.id,
  employee: json<SupportEmployee>(r.employee),
  startedAt: new Date(r.started_at),
  endedAt: iso(r.ended_at),
  reason: r.reason,
  grantId: r.grant_id,
});
const toMessage = (r: ChatRow): ChatMessage => ({
  id: r.id,
  clientId: r.client_id,
  seq: r.seq,
  author: r.author,
  authorName: r.author_name,
  text: r.text,
  sentAt: new Date(r.sent_at),
});
const toTopic = (r: TopicRow): CallbackTopic => ({
  id: r.id,
  title: json(r.title),
  description: json(r.description),
  windowMinutes: r.window_minutes,
});

export interface BookingInput {
  readonly topicId: string;
  readonly start: Date;
  readonly phone: string;
  readonly note: string;
}

export interface StoreOptions {
  /** How many callbacks support can take at the same time. Default 2. */
  readonly callbackCapacity?: number;
  /** How long sessions live (absolute and idle). Default 30 days / 7 days. */
  readonly sessions?: Partial<SessionPolicy>;
}

/**
 * The contract's rules over SQLite. Every method takes the calling `Actor` (tenant, user, clock) and either returns
 * domain data or throws a `SupportError` whose `status` the HTTP layer sends. Writes that must be atomic run in one
 * `BEGIN IMMEDIATE` transaction, so two server processes on one database file cannot interleave them either.
 */
export function createStore(db: Db, publish: Publish, options: StoreOptions = {}) {
  const setting = <T>(key: string): T => {
    const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    if (!row) throw new Error(`The database has no setting ${key}: seed it first`);
    return JSON.parse(row.value) as T;
  };
  const capacity = () => options.callbackCapacity ?? setting<number>('callbackCapacity');

  const q = {
    user: db.prepare('SELECT id, name, email, phone, unlock_support FROM users WHERE tenant_id = ? AND id = ?'),
    tenant: db.prepare('SELECT id, name, label, time_zone, info FROM tenants WHERE id = ?'),
    departments: db.prepare('SELECT id, name FROM departments ORDER BY sort'),
    employees: db.prepare(
      'SELECT e.id, e.name, d.id AS department_id, d.name AS department_name FROM employees e JOIN departments d ON d.id = e.department_id ORDER BY e.sort',
    ),
    grants: db.prepare(
      'SELECT * FROM grants WHERE tenant_id = ? AND (granted_at >= ? OR (revoked_at IS NULL AND (ends_at IS NULL OR ends_at > ?))) ORDER BY granted_at DESC, rowid DESC',
    ),
    grant: db.prepare('SELECT * FROM grants WHERE tenant_id = ? AND id = ?'),
    insertGrant: db.prepare(
      'INSERT INTO grants (id, tenant_id, grantee, data_export, duration, granted_at, ends_at, granted_by, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    revokeGrant: db.prepare(
      'UPDATE grants SET revoked_at = ?, revoked_by = ? WHERE tenant_id = ? AND id = ? AND revoked_at IS NULL AND (ends_at IS NULL OR ends_at > ?)',
    ),
    openLoginsOfGrant: db.prepare('SELECT * FROM logins WHERE tenant_id = ? AND grant_id = ? AND ended_at IS NULL'),
    endLogin: db.prepare('UPDATE logins SET ended_at = ? WHERE tenant_id = ? AND id = ? AND ended_at IS NULL'),
    login: db.prepare('SELECT * FROM logins WHERE tenant_id = ? AND id = ?'),
    logins: db.prepare('SELECT * FROM logins WHERE tenant_id = ? AND started_at >= ? ORDER BY started_at DESC, rowid DESC'),
    activeLogins: db.prepare('SELECT * FROM logins WHERE tenant_id = ? AND ended_at IS NULL ORDER BY started_at DESC, rowid DESC'),
    insertLogin: db.prepare('INSERT INTO logins (id, tenant_id, employee, started_at, ended_at, reason, grant_id) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    link: db.prepare('SELECT request, expires_at, used_at FROM unlock_links WHERE tenant_id = ? AND token_hash = ?'),
    useLink: db.prepare(
      'UPDATE unlock_links SET used_at = ?, outcome = ? WHERE tenant_id = ? AND token_hash = ? AND used_at IS NULL AND expires_at > ?',
    ),
    insertLink: db.prepare('INSERT INTO unlock_links (token_hash, tenant_id, request, expires_at) VALUES (?, ?, ?, ?)'),
    chat: db.prepare(
      'SELECT * FROM chat_messages WHERE tenant_id = ? AND user_id = ? AND seq > ? AND sent_at >= ? ORDER BY seq',
    ),
    chatHead: db.prepare('SELECT COALESCE(MAX(seq), 0) AS head FROM chat_messages WHERE tenant_id = ? AND user_id = ?'),
    chatByClientId: db.prepare('SELECT * FROM chat_messages WHERE tenant_id = ? AND user_id = ? AND client_id = ?'),
    insertChat: db.prepare(
      `INSERT INTO chat_messages (id, tenant_id, user_id, client_id, author, author_name, text, sent_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, user_id, client_id) DO NOTHING`,
    ),
    chatBySeq: db.prepare('SELECT * FROM chat_messages WHERE seq = ?'),
    chatCount: db.prepare('SELECT COUNT(*) AS n FROM chat_messages WHERE tenant_id = ? AND user_id = ?'),
    chatCountByClientId: db.prepare('SELECT COUNT(*) AS n FROM chat_messages WHERE tenant_id = ? AND user_id = ? AND client_id = ?'),
    topics: db.prepare('SELECT * FROM topics ORDER BY sort'),
    topic: db.prepare('SELECT * FROM topics WHERE id = ?'),
    booking: db.prepare('SELECT * FROM callback_bookings WHERE tenant_id = ?'),
    deleteEndedBooking: db.prepare('DELETE FROM callback_bookings WHERE tenant_id = ? AND window_end <= ?'),
    insertBooking: db.prepare(
      'INSERT INTO callback_bookings (id, tenant_id, topic_id, window_start, window_end, phone, note, booked_at, booked_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    updateBooking: db.prepare(
      'UPDATE callback_bookings SET topic_id = ?, window_start = ?, window_end = ?, phone = ?, note = ? WHERE tenant_id = ? AND id = ?',
    ),
    deleteBooking: db.prepare('DELETE FROM callback_bookings WHERE tenant_id = ? AND id = ? AND window_end > ?'),
    taken: db.prepare(
      `SELECT window_start AS s, window_end AS e, tenant_id AS t FROM callback_bookings WHERE window_end > ? AND window_start < ?
       UNION ALL SELECT window_start, window_end, NULL FROM external_bookings WHERE window_end > ? AND window_start < ?`,
    ),
    insertExternal: db.prepare('INSERT INTO external_bookings (window_start, window_end) VALUES (?, ?)'),
  };

  const sessionPolicy: SessionPolicy = { ...DEFAULT_SESSION_POLICY, ...options.sessions };
  const sessionQuery = db.prepare(
    `SELECT s.tenant_id, s.user_id, s.signed_out, s.created_at, s.last_used_at, t.time_zone, t.clock_offset_ms
       FROM sessions s JOIN tenants t ON t.id = s.tenant_id WHERE s.token_hash = ?`,
  );
  const touchSession = db.prepare('UPDATE sessions SET last_used_at = ? WHERE token_hash = ? AND (last_used_at IS NULL OR last_used_at < ?)');

  const me = (actor: Actor): PersonRef => {
    const user = q.user.get(actor.tenantId, actor.userId) as { id: string; name: string } | undefined;
    if (!user) throw new SupportError('unauthorized', 'The session has no user any more', { status: 401 });
    return { id: user.id, name: user.name };
  };
  const requireRight = (actor: Actor) => {
    const user = q.user.get(actor.tenantId, actor.userId) as { unlock_support: number } | undefined;
    if (!user || user.unlock_support !== 1) {
      throw new SupportError('forbidden', 'The user lacks the right "may unlock the support user"', {
        reason: 'right-missing',
        status: 403,
      });
    }
  };
  // Contact data changes only when the server is seeded: parse it once per stored text.
  let contactCache: { raw: string; value: ContactInfo } | null = null;
  const contact = (): ContactInfo => {
    const raw = (db.prepare("SELECT value FROM settings WHERE key = 'contact'").get() as { value: string } | undefined)?.value;
    if (raw === undefined) throw new Error('The database has no contact setting: seed it first');
    if (contactCache?.raw !== raw) contactCache = { raw, value: JSON.parse(raw) as ContactInfo };
    return contactCache.value;
  };
  const employees = (): SupportEmployee[] =>
    (q.employees.all() as { id: string; name: string; department_id: string; department_name: string }[]).map((e) => ({
      id: e.id,
      name: e.name,
      department: { id: e.department_id, name: e.department_name },
    }));
  const departments = () => q.departments.all() as PersonRef[];

  function resolveGrantee(kind: string, id: string): Grantee {
    if (kind === 'employee') {
      const employee = employees().find((e) => e.id === id);
      if (employee) return { kind: 'employee', id: employee.id, name: employee.name, department: employee.department };
    } else if (kind === 'department') {
      const department = departments().find((d) => d.id === id);
      if (department) return { kind: 'department', id: department.id, name: department.name };
    }
    throw notFound(`No support employee or department ${id}`);
  }

  function addGrant(actor: Actor, grantee: Grantee, duration: GrantDuration, dataExport: boolean, source: Grant['source']): Grant {
    const id = newId('grant');
    const at = actor.now;
    const endsAt = grantEndsAt(duration, at, actor.timeZone);
    q.insertGrant.run(
      id,
      actor.tenantId,
      JSON.stringify(grantee),
      dataExport ? 1 : 0,
      duration,
      at.getTime(),
      endsAt?.getTime() ?? null,
      JSON.stringify(me(actor)),
      source,
    );
    return toGrant(q.grant.get(actor.tenantId, id) as GrantRow);
  }

  function endLogin(tenantId: string, loginId: string, at: Date): SupportLogin | null {
    if (q.endLogin.run(at.getTime(), tenantId, loginId).changes === 0) return null;
    return toLogin(q.login.get(tenantId, loginId) as LoginRow);
  }

  // ------------------------------------------------------------------------------------------ callbacks
  const topicById = (topicId: string): CallbackTopic => {
    const row = q.topic.get(topicId) as TopicRow | undefined;
    if (!row) throw notFound(`No callback topic ${topicId}`);
    return toTopic(row);
  };
  /**
   * The bookable windows at `now`. The day's full list depends only on the calendar day (in the hours' zone), so it
   * is computed once per day and window length (the time rules cost milliseconds) and filtered by the notice.
   */
  const dayWindows = new Map<string, readonly TimeWindow[]>();
  const windowsOf = (topic: CallbackTopic, now: Date): TimeWindow[] => {
    const hours = contact().supportHours;
    const rules = { ...DEFAULT_CALLBACK_RULES, windowMinutes: topic.windowMinutes };
    const key = `${contactCache!.raw.length}|${topic.windowMinutes}|${isoDayIn(now, hours.timeZone)}`;
    let all = dayWindows.get(key);
    if (!all) {
      if (dayWindows.size > 64) dayWindows.clear();
      all = callbackWindows(hours, rules, startOfDay(now, inZone(hours.timeZone)));
      dayWindows.set(key, all);
    }
    const earliest = now.getTime() + rules.minNoticeMinutes * 60_000;
    return all.filter((w) => w.start.getTime() >= earliest);
  };
  /** Bookings and external holds overlapping [from, to): one query, counted in memory. */
  function takenIn(from: number, to: number, exceptTenant: string | null) {
    const rows = q.taken.all(from, to, from, to) as { s: number; e: number; t: string | null }[];
    return exceptTenant === null ? rows : rows.filter((r) => r.t !== exceptTenant);
  }
  const countOverlapping = (rows: { s: number; e: number }[], start: number, end: number) =>
    rows.reduce((n, r) => (r.s < end && start < r.e ? n + 1 : n), 0);

  function checkBooking(actor: Actor, input: BookingInput, ignoreOwn: boolean) {
    const topic = topicById(input.topicId);
    const phone = parsePhoneNumber(input.phone);
    if (!phone.ok) throw invalid(`phone: not a valid phone number (${phone.problem})`);
    if (exceedsLimit(input.note, CALLBACK_NOTE_MAX_LENGTH)) throw invalid(`note: at most ${CALLBACK_NOTE_MAX_LENGTH} characters`);
    const window = windowsOf(topic, actor.now).find((w) => w.start.getTime() === input.start.getTime());
    if (!window) {
      throw conflict('That window cannot be booked (outside support hours, past or too soon)', 'window-invalid');
    }
    const rows = takenIn(window.start.getTime(), window.end.getTime(), ignoreOwn ? actor.tenantId : null);
    if (countOverlapping(rows, window.start.getTime(), window.end.getTime()) >= capacity()) {
      throw conflict('Somebody booked that window meanwhile', 'window-taken');
    }
    return { topic, window, phone: phone.e164, note: input.note };
  }
  const toBooking = (row: BookingRow): CallbackBooking => ({
    id: row.id,
    topic: topicById(row.topic_id),
    window: { start: new Date(row.window_start), end: new Date(row.window_end) },
    phone: row.phone,
    note: row.note,
    bookedAt: new Date(row.booked_at),
  });
  const isUniqueViolation = (error: unknown) =>
    typeof error === 'object' && error !== null && (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE';

  // ------------------------------------------------------------------------------------------ the contract
  return {
    db,
    sessionPolicy,
    /**
     * The actor of a bearer token, on its tenant's clock; 401 for an unknown, signed-out or expired session. Records
     * the use (at most once a minute), which keeps an active session from idling out.
     */
    authenticate(token: string, realNow = Date.now()): Actor {
      const hash = hashToken(token);
      const row = sessionQuery.get(hash) as
        | { tenant_id: string; user_id: string; signed_out: number; created_at: number; last_used_at: number | null; time_zone: string; clock_offset_ms: number }
        | undefined;
      if (!row) throw new SupportError('unauthorized', 'The session is unknown or has ended', { status: 401 });
      const now = realNow + row.clock_offset_ms;
      const session = { createdAt: row.created_at, lastUsedAt: row.last_used_at ?? row.created_at, signedOut: row.signed_out === 1 };
      const problem = sessionProblem(session, now, sessionPolicy);
      if (problem === 'expired') {
        throw new SupportError('unauthorized', 'The session has expired: sign in again', { reason: 'session-expired', status: 401 });
      }
      if (problem) throw new SupportError('unauthorized', 'The session is unknown or has ended', { status: 401 });
      if (sessionNeedsTouch(session, now)) touchSession.run(now, hash, now);
      return { tenantId: row.tenant_id, userId: row.user_id, now: new Date(now), timeZone: row.time_zone };
    },
    getSession(actor: Actor): Session {
      const tenant = q.tenant.get(actor.tenantId) as { id: string; name: string; label: string; time_zone: string };
      const user = q.user.get(actor.tenantId, actor.userId) as
        | { id: string; name: string; email: string | null; phone: string | null; unlock_support: number }
        | undefined;
      if (!tenant || !user) throw new SupportError('unauthorized', 'The session has no user any more', { status: 401 });
      return {
        tenant: { id: tenant.id, name: tenant.name, label: tenant.label, timeZone: tenant.time_zone },
        user: { id: user.id, name: user.name, email: user.email, phone: user.phone },
        rights: { unlockSupport: user.unlock_support === 1 },
      };
    },
    getTenantInfo(actor: Actor): TenantInfo {
      const row = q.tenant.get(actor.tenantId) as { info: string };
      return json<TenantInfo>(row.info);
    },
    getContactInfo: contact,
    searchStaff(query: string): StaffSearchResult {
      const needle = query.trim().toLocaleLowerCase();
      if (needle === '') return { employees: [], departments: departments() };
      const hit = (name: string) => name.toLocaleLowerCase().includes(needle);
      return {
        employees: employees().filter((e) => hit(e.name) || hit(e.department.name)),
        departments: departments().filter((d) => hit(d.name)),
      };
    },

    listGrants(actor: Actor): Grant[] {
      const t = actor.now.getTime();
      const since = retentionStart('grants', actor.now, actor.timeZone).getTime();
      return (q.grants.all(actor.tenantId, since, t) as GrantRow[])
        .map(toGrant)
        .filter((g) => isGrantListed(g, actor.now, actor.timeZone));
    },
    createGrant(actor: Actor, input: { grantee: { kind: string; id: string }; duration: GrantDuration; dataExport: boolean }) {
      requireRight(actor);
      const grantee = resolveGrantee(input.grantee.kind, input.grantee.id);
      const grant = addGrant(actor, grantee, input.duration, input.dataExport, 'dialog');
      publish({ tenantId: actor.tenantId }, { type: 'grant-changed', grant });
      return grant;
    },
    revokeGrant(actor: Actor, grantId: string): Grant {
      requireRight(actor);
      const { grant, ended } = db
        .transaction(() => {
          // The UPDATE decides: only the one that finds the grant unrevoked and unexpired changes a row. A clock read
          // before the write lock (another process revoking meanwhile) cannot make a second revoke succeed.
          const at = actor.now.getTime();
          if (q.revokeGrant.run(at, JSON.stringify(me(actor)), actor.tenantId, grantId, at).changes === 0) {
            if (!q.grant.get(actor.tenantId, grantId)) throw notFound(`No grant ${grantId}`);
            throw conflict('The grant has already ended', 'grant-inactive');
          }
          // Logins that used it end now.
          const open = q.openLoginsOfGrant.all(actor.tenantId, grantId) as LoginRow[];
          const endedLogins = open.map((l) => endLogin(actor.tenantId, l.id, actor.now)).filter((l) => l !== null);
          return { grant: toGrant(q.grant.get(actor.tenantId, grantId) as GrantRow), ended: endedLogins };
        })
        .immediate();
      for (const login of ended) publish({ tenantId: actor.tenantId }, { type: 'login-ended', login });
      publish({ tenantId: actor.tenantId }, { type: 'grant-changed', grant });
      return grant;
    },
    listLogins(actor: Actor, activeOnly: boolean): SupportLogin[] {
      if (activeOnly) return (q.activeLogins.all(actor.tenantId) as LoginRow[]).map(toLogin);
      const since = retentionStart('logins', actor.now, actor.timeZone).getTime();
      return (q.logins.all(actor.tenantId, since) as LoginRow[]).map(toLogin);
    },

    resolveUnlockToken(actor: Actor, token: string): UnlockRequest {
      requireRight(actor);
      const row = q.link.get(actor.tenantId, hashToken(token)) as
        | { request: string; expires_at: number; used_at: number | null }
        | undefined;
      if (!row) throw notFound('This unlock link is not known', 'token-unknown');
      if (row.used_at !== null) throw conflict('This unlock link was already used', 'token-used');
      if (row.expires_at <= actor.now.getTime()) {
        throw new SupportError('not-found', 'This unlock link has expired', { reason: 'token-expired', status: 410 });
      }
      return json<UnlockRequest>(row.request);
    },
    confirmUnlockToken(actor: Actor, token: string, accept: boolean): Grant | null {
      requireRight(actor);
      const hash = hashToken(token);
      const grant = db
        .transaction(() => {
          // Single use, atomically: only the UPDATE that finds the link unused and unexpired wins.
          if (q.useLink.run(actor.now.getTime(), accept ? 'accepted' : 'declined', actor.tenantId, hash, actor.now.getTime()).changes === 0) {
            const row = q.link.get(actor.tenantId, hash) as { expires_at: number; used_at: number | null } | undefined;
            if (!row) throw notFound('This unlock link is not known', 'token-unknown');
            if (row.used_at !== null) throw conflict('This unlock link was already used', 'token-used');
            throw new SupportError('not-found', 'This unlock link has expired', { reason: 'token-expired', status: 410 });
          }
          if (!accept) return null;
          const request = json<{ grantee: Grantee; duration: GrantDuration; dataExport: boolean }>(
            (q.link.get(actor.tenantId, hash) as { request: string }).request,
          );
          return addGrant(actor, request.grantee, request.duration, request.dataExport, 'unlock-link');
        })
        .immediate();
      if (grant) publish({ tenantId: actor.tenantId }, { type: 'grant-changed', grant });
      return grant;
    },

    listChatMessages(actor: Actor, afterSeq: number): ChatMessage[] {
      const since = retentionStart('chat', actor.now, actor.timeZone).getTime();
      return (q.chat.all(actor.tenantId, actor.userId, afterSeq, since) as ChatRow[]).map(toMessage);
    },
    /** The newest seq of the user's conversation (the event stream's starting point). */
    chatHead(actor: Pick<Actor, 'tenantId' | 'userId'>): number {
      return (q.chatHead.get(actor.tenantId, actor.userId) as { head: number }).head;
    },
    /** Stores the message once per clientId; `created` is false for a repeat, which answers the stored message. */
    sendChatMessage(actor: Actor, input: { clientId: string; text: string }): { message: ChatMessage; created: boolean } {
      if (isBlank(input.text)) throw invalid('text: must not be blank');
      if (exceedsLimit(input.text, CHAT_MESSAGE_MAX_LENGTH)) throw invalid(`text: at most ${CHAT_MESSAGE_MAX_LENGTH} characters`);
      const author = me(actor);
      const info = q.insertChat.run(
        newId('msg'),
        actor.tenantId,
        actor.userId,
        input.clientId,
        'customer',
        author.name,
        input.text,
        actor.now.getTime(),
      );
      if (info.changes === 0) {
        const existing = q.chatByClientId.get(actor.tenantId, actor.userId, input.clientId) as ChatRow;
        return { message: toMessage(existing), created: false };
      }
      const message = toMessage(q.chatBySeq.get(info.lastInsertRowid) as ChatRow);
      publish({ tenantId: actor.tenantId, userId: actor.userId }, { type: 'chat-message', message });
      return { message, created: true };
    },
    /** A support employee writes to the user (agent simulation, test control). */
    addSupportMessage(actor: Actor, text: string, authorName: string): ChatMessage {
      const info = q.insertChat.run(newId('msg'), actor.tenantId, actor.userId, null, 'support', authorName, text, actor.now.getTime());
      const message = toMessage(q.chatBySeq.get(info.lastInsertRowid) as ChatRow);
      publish({ tenantId: actor.tenantId, userId: actor.userId }, { type: 'chat-message', message });
      return message;
    },
    publishTyping(actor: Actor, typing: boolean, name: string | null): void {
      publish({ tenantId: actor.tenantId, userId: actor.userId }, { type: 'chat-typing', typing, name });
    },
    chatCount(actor: Actor, clientId?: string): number {
      const row =
        clientId === undefined
          ? q.chatCount.get(actor.tenantId, actor.userId)
          : q.chatCountByClientId.get(actor.tenantId, actor.userId, clientId);
      return (row as { n: number }).n;
    },

    getCallbackTopics: (): CallbackTopic[] => (q.topics.all() as TopicRow[]).map(toTopic),
    listCallbackWindows(actor: Actor, topicId: string): CallbackWindow[] {
      const windows = windowsOf(topicById(topicId), actor.now);
      if (windows.length === 0) return [];
      const rows = takenIn(windows[0]!.start.getTime(), windows[windows.length - 1]!.end.getTime(), null);
      const limit = capacity();
      return windows.map((w) => ({
        start: w.start,
        end: w.end,
        available: countOverlapping(rows, w.start.getTime(), w.end.getTime()) < limit,
      }));
    },
    getCallbackBooking(actor: Actor): CallbackBooking | null {
      const row = q.booking.get(actor.tenantId) as BookingRow | undefined;
      return row && row.window_end > actor.now.getTime() ? toBooking(row) : null;
    },
    bookCallback(actor: Actor, input: BookingInput): CallbackBooking {
      const booked = db
        .transaction(() => {
          q.deleteEndedBooking.run(actor.tenantId, actor.now.getTime()); // a past call no longer counts
          if (q.booking.get(actor.tenantId)) {
            throw conflict('Only one callback window can be booked per customer', 'booking-exists');
          }
          const { topic, window, phone, note } = checkBooking(actor, input, false);
          const id = newId('booking');
          try {
            q.insertBooking.run(
              id,
              actor.tenantId,
              topic.id,
              window.start.getTime(),
              window.end.getTime(),
              phone,
              note,
              actor.now.getTime(),
              actor.userId,
            );
          } catch (error) {
            // The UNIQUE (tenant_id) constraint is the last word, whatever raced us.
            if (isUniqueViolation(error)) throw conflict('Only one callback window can be booked per customer', 'booking-exists');
            throw error;
          }
          return q.booking.get(actor.tenantId) as BookingRow;
        })
        .immediate();
      return toBooking(booked);
    },
    changeCallback(actor: Actor, bookingId: string, input: BookingInput): CallbackBooking {
      const changed = db
        .transaction(() => {
          const row = q.booking.get(actor.tenantId) as BookingRow | undefined;
          if (!row || row.id !== bookingId || row.window_end <= actor.now.getTime()) throw notFound('No such booking');
          const { topic, window, phone, note } = checkBooking(actor, input, true);
          q.updateBooking.run(topic.id, window.start.getTime(), window.end.getTime(), phone, note, actor.tenantId, bookingId);
          return q.booking.get(actor.tenantId) as BookingRow;
        })
        .immediate();
      return toBooking(changed);
    },
    cancelCallback(actor: Actor, bookingId: string): void {
      if (q.deleteBooking.run(actor.tenantId, bookingId, actor.now.getTime()).changes === 0) throw notFound('No such booking');
    },

    // ---------------------------------------------------------------------------------------- support's side
    createUnlockLink(
      actor: Actor,
      input: { granteeId: string; requestedById?: string; duration: GrantDuration; dataExport: boolean; reason: string; validForMs: number },
    ): string {
      const all = employees();
      const employee = all.find((e) => e.id === input.granteeId);
      const grantee: Grantee = employee
        ? { kind: 'employee', id: employee.id, name: employee.name, department: employee.department }
        : resolveGrantee('department', input.granteeId);
      const requestedBy =
        all.find((e) => e.id === input.requestedById) ??
        employee ??
        all.find((e) => e.department.id === grantee.id) ??
        all[0]!;
      const request: UnlockRequest = {
        grantee,
        requestedBy,
        duration: input.duration,
        dataExport: input.dataExport,
        reason: input.reason,
        requestedAt: actor.now,
        expiresAt: new Date(actor.now.getTime() + input.validForMs),
      };
      const token = newToken();
      q.insertLink.run(hashToken(token), actor.tenantId, JSON.stringify(request), request.expiresAt.getTime());
      return token;
    },
    startSupportLogin(actor: Actor, reason: string, employeeId?: string): SupportLogin | null {
      const active = (q.grants.all(actor.tenantId, 0, actor.now.getTime()) as GrantRow[])
        .map(toGrant)
        .find((g) => isGrantActive(g, actor.now));
      if (!active) return null;
      const candidates = employees().filter((e) =>
        active.grantee.kind === 'employee' ? e.id === active.grantee.id : e.department.id === active.grantee.id,
      );
      const employee = candidates.find((e) => e.id === employeeId) ?? candidates[0] ?? employees()[0]!;
      const id = newId('login');
      q.insertLogin.run(id, actor.tenantId, JSON.stringify(employee), actor.now.getTime(), null, reason, active.id);
      const login = toLogin(q.login.get(actor.tenantId, id) as LoginRow);
      publish({ tenantId: actor.tenantId }, { type: 'login-started', login });
      return login;
    },
    endSupportLogin(actor: Actor, loginId: string): SupportLogin | null {
      const login = endLogin(actor.tenantId, loginId, actor.now);
      if (login) publish({ tenantId: actor.tenantId }, { type: 'login-ended', login });
      return login;
    },
    /** Fills a window with bookings made elsewhere (all of its capacity). */
    takeWindow(topicId: string, start: Date): void {
      const topic = topicById(topicId);
      const end = addMinutes(start, topic.windowMinutes);
      db.transaction(() => {
        for (let i = 0; i < capacity(); i += 1) q.insertExternal.run(start.getTime(), end.getTime());
      })();
    },

    /**
     * Deletes what the retention rules no longer keep: chat older than 21 days, logins older than 6 months, grants
     * older than 6 months that are no longer active, used or expired unlock links after a week, past bookings.
     * Listings filter by the same rules, so the boundary is exact whenever the purge runs.
     */
    purge(realNow: Date = new Date()): Record<string, number> {
      const tenants = db.prepare('SELECT id, time_zone, clock_offset_ms FROM tenants').all() as {
        id: string;
        time_zone: string;
        clock_offset_ms: number;
      }[];
      const counts = { chat: 0, logins: 0, grants: 0, unlockLinks: 0, bookings: 0, external: 0 };
      db.transaction(() => {
        for (const t of tenants) {
          const now = new Date(realNow.getTime() + t.clock_offset_ms);
          const ms = now.getTime();
          counts.chat += db
            .prepare('DELETE FROM chat_messages WHERE tenant_id = ? AND sent_at < ?')
            .run(t.id, retentionStart('chat', now, t.time_zone).getTime()).changes;
          counts.logins += db
            .prepare('DELETE FROM logins WHERE tenant_id = ? AND started_at < ? AND ended_at IS NOT NULL')
            .run(t.id, retentionStart('logins', now, t.time_zone).getTime()).changes;
          counts.grants += db
            .prepare(
              'DELETE FROM grants WHERE tenant_id = ? AND granted_at < ? AND (revoked_at IS NOT NULL OR (ends_at IS NOT NULL AND ends_at <= ?))',
            )
            .run(t.id, retentionStart('grants', now, t.time_zone).getTime(), ms).changes;
          counts.unlockLinks += db
            .prepare('DELETE FROM unlock_links WHERE tenant_id = ? AND (COALESCE(used_at, expires_at) < ?)')
            .run(t.id, ms - 7 * 24 * 3600_000).changes;
          counts.bookings += db.prepare('DELETE FROM callback_bookings WHERE tenant_id = ? AND window_end <= ?').run(t.id, ms).changes;
        }
        counts.external += db.prepare('DELETE FROM external_bookings WHERE window_end <= ?').run(realNow.getTime()).changes;
      })();
      return counts;
    },
  };
}

export type Store = ReturnType<typeof createStore>;
