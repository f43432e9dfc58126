import { createHash, randomUUID } from 'node:crypto';
import { DEFAULT_CALLBACK_RULES } from '../src/core/callback-windows.js';
import type {
  AttachmentRef,
  CallbackTopic,
  ChatMessage,
  ContactInfo,
  Grant,
  GrantDuration,
  Grantee,
  PersonRef,
  SupportEmployee,
  SupportLogin,
  Tenant,
  TenantInfo,
  UnlockRequest,
} from '../src/core/types.js';
import type { AttachmentRecord, BookingRecord, Hold, RulesStore, SupportSettings, UserRecord } from '../src/backend/rules/store.js';
import type { Db } from './db.js';

/** Only a hash of each token is stored: a copy of the database does not unlock anything. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export const date = (ms: number | null) => (ms === null ? null : new Date(ms));
export const json = <T>(text: string | null): T => (text === null ? (null as T) : (JSON.parse(text) as T));

export interface GrantRow {
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
export interface LoginRow {
  id: string;
  employee: string;
  started_at: number;
  ended_at: number | null;
  reason: string;
  grant_id: string;
}
export interface ChatRow {
  seq: number;
  id: string;
  client_id: string | null;
  author: ChatMessage['author'];
  author_name: string;
  text: string;
  sent_at: number;
  /** JSON list of AttachmentRef; NULL when none. */
  attachments: string | null;
}
export interface AttachmentRow {
  id: string;
  client_id: string | null;
  message_id: string | null;
  name: string;
  type: AttachmentRecord['type'];
  size: number;
  created_at: number;
}
export interface BookingRow {
  id: string;
  topic_id: string;
  window_start: number;
  window_end: number;
  phone: string;
  note: string;
  booked_at: number;
}
export interface TopicRow {
  id: string;
  title: string;
  description: string | null;
  window_minutes: number;
}

/** A grant as the column values of `INSERT INTO grants` (both engines list the columns in this order). */
export const grantParams = (tenantId: string, g: Grant) => [
  g.id,
  tenantId,
  JSON.stringify(g.grantee),
  g.dataExport ? 1 : 0,
  g.duration,
  g.grantedAt.getTime(),
  g.endsAt?.getTime() ?? null,
  JSON.stringify(g.grantedBy),
  g.source,
  g.revokedAt?.getTime() ?? null,
  g.revokedBy ? JSON.stringify(g.revokedBy) : null,
];

export const toGrant = (r: GrantRow): Grant => ({
  id: r.id,
  grantee: json<Grantee>(r.grantee),
  dataExport: r.data_export === 1,
  duration: r.duration,
  grantedAt: new Date(r.granted_at),
  endsAt: date(r.ends_at),
  grantedBy: json<PersonRef>(r.granted_by),
  source: r.source,
  revokedAt: date(r.revoked_at),
  revokedBy: json<PersonRef | null>(r.revoked_by),
});
export const toLogin = (r: LoginRow): SupportLogin => ({
  id: r.id,
  employee: json<SupportEmployee>(r.employee),
  startedAt: new Date(r.started_at),
  endedAt: date(r.ended_at),
  reason: r.reason,
  grantId: r.grant_id,
});
export const toMessage = (r: ChatRow): ChatMessage => ({
  id: r.id,
  clientId: r.client_id,
  seq: r.seq,
  author: r.author,
  authorName: r.author_name,
  text: r.text,
  sentAt: new Date(r.sent_at),
  attachments: json<AttachmentRef[] | null>(r.attachments) ?? [],
});
export const toAttachment = (r: AttachmentRow): AttachmentRecord => ({
  id: r.id,
  name: r.name,
  type: r.type,
  size: r.size,
  clientId: r.client_id,
  messageId: r.message_id,
  createdAt: new Date(r.created_at),
});
/** A message's refs as stored: NULL for none. */
export const attachmentsColumn = (m: Pick<ChatMessage, 'attachments'>): string | null =>
  m.attachments?.length ? JSON.stringify(m.attachments.map(({ id, name, type, size }) => ({ id, name, type, size }))) : null;
export const toTopic = (r: TopicRow): CallbackTopic => ({
  id: r.id,
  title: json(r.title),
  description: json(r.description),
  windowMinutes: r.window_minutes,
});
export const toBooking = (r: BookingRow): BookingRecord => ({
  id: r.id,
  topicId: r.topic_id,
  window: { start: new Date(r.window_start), end: new Date(r.window_end) },
  phone: r.phone,
  note: r.note,
  bookedAt: new Date(r.booked_at),
});

const isUniqueViolation = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE';

export interface SqliteStoreOptions {
  /** How many callbacks support can take at the same time; default the `callbackCapacity` setting. */
  readonly callbackCapacity?: number;
}

/**
 * The rules' store over SQLite (better-sqlite3, synchronous). Records only: the rules live in src/backend/rules. Every
 * decision a concurrent writer could race is one conditional statement whose change count answers (revoke, single-use
 * links, one booking per customer by UNIQUE, one message per clientId by its unique index); the caller runs each
 * writing rule in one `BEGIN IMMEDIATE` transaction, so two processes on one file cannot interleave them either.
 */
export function createSqliteStore(db: Db, options: SqliteStoreOptions = {}): RulesStore {
  const q = {
    setting: db.prepare('SELECT value FROM settings WHERE key = ?'),
    user: db.prepare('SELECT id, name, email, phone, unlock_support FROM users WHERE tenant_id = ? AND id = ?'),
    tenant: db.prepare('SELECT id, name, label, time_zone, brand_name, info FROM tenants WHERE id = ?'),
    departments: db.prepare('SELECT id, name FROM departments ORDER BY sort'),
    employees: db.prepare(
      'SELECT e.id, e.name, d.id AS department_id, d.name AS department_name FROM employees e JOIN departments d ON d.id = e.department_id ORDER BY e.sort',
    ),
    topics: db.prepare('SELECT * FROM topics ORDER BY sort'),
    grants: db.prepare(
      'SELECT * FROM grants WHERE tenant_id = ? AND (granted_at >= ? OR (revoked_at IS NULL AND (ends_at IS NULL OR ends_at > ?))) ORDER BY granted_at DESC, rowid DESC',
    ),
    grant: db.prepare('SELECT * FROM grants WHERE tenant_id = ? AND id = ?'),
    insertGrant: db.prepare(
      `INSERT INTO grants (id, tenant_id, grantee, data_export, duration, granted_at, ends_at, granted_by, source, revoked_at, revoked_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    revokeGrant: db.prepare(
      'UPDATE grants SET revoked_at = ?, revoked_by = ? WHERE tenant_id = ? AND id = ? AND revoked_at IS NULL AND (ends_at IS NULL OR ends_at > ?)',
    ),
    logins: db.prepare('SELECT * FROM logins WHERE tenant_id = ? AND started_at >= ? ORDER BY started_at DESC, rowid DESC'),
    activeLogins: db.prepare('SELECT * FROM logins WHERE tenant_id = ? AND ended_at IS NULL ORDER BY started_at DESC, rowid DESC'),
    openLoginsOfGrant: db.prepare('SELECT * FROM logins WHERE tenant_id = ? AND grant_id = ? AND ended_at IS NULL'),
    login: db.prepare('SELECT * FROM logins WHERE tenant_id = ? AND id = ?'),
    insertLogin: db.prepare('INSERT INTO logins (id, tenant_id, employee, started_at, ended_at, reason, grant_id) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    endLogin: db.prepare('UPDATE logins SET ended_at = ? WHERE tenant_id = ? AND id = ? AND ended_at IS NULL'),
    link: db.prepare('SELECT request, expires_at, used_at FROM unlock_links WHERE tenant_id = ? AND token_hash = ?'),
    insertLink: db.prepare('INSERT INTO unlock_links (token_hash, tenant_id, request, expires_at) VALUES (?, ?, ?, ?)'),
    useLink: db.prepare(
      'UPDATE unlock_links SET used_at = ?, outcome = ? WHERE tenant_id = ? AND token_hash = ? AND used_at IS NULL AND expires_at > ?',
    ),
    chat: db.prepare('SELECT * FROM chat_messages WHERE tenant_id = ? AND user_id = ? AND seq > ? AND sent_at >= ? ORDER BY seq'),
    chatHead: db.prepare('SELECT COALESCE(MAX(seq), 0) AS head FROM chat_messages WHERE tenant_id = ? AND user_id = ?'),
    chatByClientId: db.prepare('SELECT * FROM chat_messages WHERE tenant_id = ? AND user_id = ? AND client_id = ?'),
    chatBySeq: db.prepare('SELECT * FROM chat_messages WHERE seq = ?'),
    insertChat: db.prepare(
      `INSERT INTO chat_messages (id, tenant_id, user_id, client_id, author, author_name, text, sent_at, attachments)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, user_id, client_id) DO NOTHING`,
    ),
    chatCount: db.prepare('SELECT COUNT(*) AS n FROM chat_messages WHERE tenant_id = ? AND user_id = ?'),
    chatCountByClientId: db.prepare('SELECT COUNT(*) AS n FROM chat_messages WHERE tenant_id = ? AND user_id = ? AND client_id = ?'),
    attachmentByClientId: db.prepare('SELECT * FROM chat_attachments WHERE tenant_id = ? AND user_id = ? AND client_id = ?'),
    attachment: db.prepare('SELECT * FROM chat_attachments WHERE tenant_id = ? AND user_id = ? AND id = ?'),
    attachmentBytes: db.prepare(
      'SELECT f.bytes FROM chat_attachment_files f JOIN chat_attachments a ON a.id = f.id WHERE a.tenant_id = ? AND a.user_id = ? AND a.id = ?',
    ),
    insertAttachment: db.prepare(
      `INSERT INTO chat_attachments (id, tenant_id, user_id, client_id, message_id, name, type, size, created_at)
       VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?) ON CONFLICT (tenant_id, user_id, client_id) DO NOTHING`,
    ),
    chatMessageSentAt: db.prepare('SELECT sent_at FROM chat_messages WHERE tenant_id = ? AND user_id = ? AND id = ?'),
    insertAttachmentFile: db.prepare('INSERT INTO chat_attachment_files (id, bytes) VALUES (?, ?)'),
    attachToMessage: db.prepare('UPDATE chat_attachments SET message_id = ? WHERE tenant_id = ? AND user_id = ? AND id = ? AND message_id IS NULL'),
    purgeAttachments: db.prepare(
      `DELETE FROM chat_attachments WHERE tenant_id = ? AND (
         (message_id IS NULL AND created_at < ?)
         OR message_id IN (SELECT id FROM chat_messages WHERE tenant_id = ? AND sent_at < ?))`,
    ),
    booking: db.prepare('SELECT * FROM callback_bookings WHERE tenant_id = ?'),
    deleteEndedBooking: db.prepare('DELETE FROM callback_bookings WHERE tenant_id = ? AND window_end <= ?'),
    insertBooking: db.prepare(
      'INSERT INTO callback_bookings (id, tenant_id, topic_id, window_start, window_end, phone, note, booked_at, booked_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    updateBooking: db.prepare(
      'UPDATE callback_bookings SET topic_id = ?, window_start = ?, window_end = ?, phone = ?, note = ? WHERE tenant_id = ? AND id = ?',
    ),
    deleteBooking: db.prepare('DELETE FROM callback_bookings WHERE tenant_id = ? AND id = ? AND window_end > ?'),
    holds: db.prepare(
      `SELECT window_start AS s, window_end AS e, tenant_id AS t FROM callback_bookings WHERE window_end > ? AND window_start < ?
       UNION ALL SELECT window_start, window_end, NULL FROM external_bookings WHERE window_end > ? AND window_start < ?`,
    ),
    insertHold: db.prepare('INSERT INTO external_bookings (window_start, window_end) VALUES (?, ?)'),
    tenantClocks: db.prepare('SELECT id, time_zone, clock_offset_ms FROM tenants'),
    purgeChat: db.prepare('DELETE FROM chat_messages WHERE tenant_id = ? AND sent_at < ?'),
    purgeLogins: db.prepare('DELETE FROM logins WHERE tenant_id = ? AND started_at < ? AND ended_at IS NOT NULL'),
    purgeGrants: db.prepare(
      'DELETE FROM grants WHERE tenant_id = ? AND granted_at < ? AND (revoked_at IS NOT NULL OR (ends_at IS NOT NULL AND ends_at <= ?))',
    ),
    purgeLinks: db.prepare('DELETE FROM unlock_links WHERE tenant_id = ? AND (COALESCE(used_at, expires_at) < ?)'),
    purgeHolds: db.prepare('DELETE FROM external_bookings WHERE window_end <= ?'),
  };

  const setting = (key: string): string => {
    const row = q.setting.get(key) as { value: string } | undefined;
    if (!row) throw new Error(`The database has no setting ${key}: seed it first`);
    return row.value;
  };
  // Settings change only when the server is seeded: parsed once per stored text, the same object while unchanged.
  let settingsCache: { key: string; value: SupportSettings } | null = null;

  return {
    newId: (prefix) => `${prefix}_${randomUUID()}`,

    tenant(tenantId) {
      const row = q.tenant.get(tenantId) as { id: string; name: string; label: string; time_zone: string; brand_name: string; info: string } | undefined;
      if (!row) return null;
      const tenant: Tenant = { id: row.id, name: row.name, label: row.label, timeZone: row.time_zone, brandName: row.brand_name };
      return { tenant, info: json<TenantInfo>(row.info) };
    },
    user(tenantId, userId): UserRecord | null {
      const row = q.user.get(tenantId, userId) as
        | { id: string; name: string; email: string | null; phone: string | null; unlock_support: number }
        | undefined;
      return row ? { id: row.id, name: row.name, email: row.email, phone: row.phone, unlockSupport: row.unlock_support === 1 } : null;
    },
    staff() {
      const employees = (q.employees.all() as { id: string; name: string; department_id: string; department_name: string }[]).map((e) => ({
        id: e.id,
        name: e.name,
        department: { id: e.department_id, name: e.department_name },
      }));
      return { employees, departments: q.departments.all() as PersonRef[] };
    },
    settings() {
      const contact = setting('contact');
      const capacity = options.callbackCapacity ?? (JSON.parse(setting('callbackCapacity')) as number);
      const topics = (q.topics.all() as TopicRow[]).map(toTopic);
      const key = `${contact}|${capacity}|${JSON.stringify(topics)}`;
      if (settingsCache?.key !== key) {
        const { minNoticeMinutes, horizonWorkingDays } = DEFAULT_CALLBACK_RULES;
        settingsCache = {
          key,
          value: { contact: JSON.parse(contact) as ContactInfo, topics, callbackCapacity: capacity, callbackRules: { minNoticeMinutes, horizonWorkingDays } },
        };
      }
      return settingsCache.value;
    },

    grants: (tenantId, since, now) => (q.grants.all(tenantId, since.getTime(), now.getTime()) as GrantRow[]).map(toGrant),
    grant(tenantId, grantId) {
      const row = q.grant.get(tenantId, grantId) as GrantRow | undefined;
      return row ? toGrant(row) : null;
    },
    insertGrant(tenantId, g) {
      q.insertGrant.run(...grantParams(tenantId, g));
    },
    revokeGrant: (tenantId, grantId, at, by) =>
      q.revokeGrant.run(at.getTime(), JSON.stringify(by), tenantId, grantId, at.getTime()).changes === 1,

    logins: (tenantId, since) =>
      ((since === null ? q.activeLogins.all(tenantId) : q.logins.all(tenantId, since.getTime())) as LoginRow[]).map(toLogin),
    openLoginsOfGrant: (tenantId, grantId) => (q.openLoginsOfGrant.all(tenantId, grantId) as LoginRow[]).map(toLogin),
    insertLogin(tenantId, l) {
      q.insertLogin.run(l.id, tenantId, JSON.stringify(l.employee), l.startedAt.getTime(), l.endedAt?.getTime() ?? null, l.reason, l.grantId);
    },
    endLogin(tenantId, loginId, at) {
      if (q.endLogin.run(at.getTime(), tenantId, loginId).changes === 0) return null;
      return toLogin(q.login.get(tenantId, loginId) as LoginRow);
    },

    insertUnlockLink(tenantId, token, request) {
      q.insertLink.run(hashToken(token), tenantId, JSON.stringify(request), request.expiresAt.getTime());
    },
    unlockLink(tenantId, token) {
      const row = q.link.get(tenantId, hashToken(token)) as { request: string; used_at: number | null } | undefined;
      if (!row) return null;
      const request = json<UnlockRequest>(row.request);
      return {
        request: { ...request, requestedAt: new Date(request.requestedAt), expiresAt: new Date(request.expiresAt) },
        usedAt: date(row.used_at),
      };
    },
    useUnlockLink: (tenantId, token, at, accepted) =>
      q.useLink.run(at.getTime(), accepted ? 'accepted' : 'declined', tenantId, hashToken(token), at.getTime()).changes === 1,

    chatMessages: (tenantId, userId, afterSeq, since) =>
      (q.chat.all(tenantId, userId, afterSeq, since.getTime()) as ChatRow[]).map(toMessage),
    chatHead: (tenantId, userId) => (q.chatHead.get(tenantId, userId) as { head: number }).head,
    insertChatMessage(tenantId, userId, m) {
      const info = q.insertChat.run(m.id, tenantId, userId, m.clientId, m.author, m.authorName, m.text, m.sentAt.getTime(), attachmentsColumn(m));
      return info.changes === 0 ? null : toMessage(q.chatBySeq.get(info.lastInsertRowid) as ChatRow);
    },
    chatMessageByClientId(tenantId, userId, clientId) {
      const row = q.chatByClientId.get(tenantId, userId, clientId) as ChatRow | undefined;
      return row ? toMessage(row) : null;
    },
    chatCount: (tenantId, userId, clientId) =>
      ((clientId === undefined ? q.chatCount.get(tenantId, userId) : q.chatCountByClientId.get(tenantId, userId, clientId)) as { n: number }).n,

    attachmentByClientId(tenantId, userId, clientId) {
      const row = q.attachmentByClientId.get(tenantId, userId, clientId) as AttachmentRow | undefined;
      return row ? toAttachment(row) : null;
    },
    attachment(tenantId, userId, attachmentId) {
      const row = q.attachment.get(tenantId, userId, attachmentId) as AttachmentRow | undefined;
      return row ? toAttachment(row) : null;
    },
    attachmentBytes(tenantId, userId, attachmentId) {
      const row = q.attachmentBytes.get(tenantId, userId, attachmentId) as { bytes: Buffer } | undefined;
      return row ? new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength) : null;
    },
    chatMessageSentAt(tenantId, userId, messageId) {
      const row = q.chatMessageSentAt.get(tenantId, userId, messageId) as { sent_at: number } | undefined;
      return row ? new Date(row.sent_at) : null;
    },
    insertAttachment(tenantId, userId, r, bytes) {
      const info = q.insertAttachment.run(r.id, tenantId, userId, r.clientId, r.name, r.type, r.size, r.createdAt.getTime());
      if (info.changes === 0) return false;
      q.insertAttachmentFile.run(r.id, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return true;
    },
    attachToMessage(tenantId, userId, attachmentIds, messageId) {
      // Inside the rule's transaction: a partial change is rolled back by the rule's error.
      return attachmentIds.every((id) => q.attachToMessage.run(messageId, tenantId, userId, id).changes === 1);
    },

    booking(tenantId) {
      const row = q.booking.get(tenantId) as BookingRow | undefined;
      return row ? toBooking(row) : null;
    },
    deleteEndedBooking: (tenantId, now) => void q.deleteEndedBooking.run(tenantId, now.getTime()),
    insertBooking(tenantId, b, bookedBy) {
      try {
        q.insertBooking.run(b.id, tenantId, b.topicId, b.window.start.getTime(), b.window.end.getTime(), b.phone, b.note, b.bookedAt.getTime(), bookedBy);
        return true;
      } catch (error) {
        // The UNIQUE (tenant_id) constraint: one booking per customer.
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
    updateBooking(tenantId, b) {
      q.updateBooking.run(b.topicId, b.window.start.getTime(), b.window.end.getTime(), b.phone, b.note, tenantId, b.id);
    },
    deleteBooking: (tenantId, bookingId, now) => q.deleteBooking.run(tenantId, bookingId, now.getTime()).changes === 1,
    holds(from, to): Hold[] {
      const rows = q.holds.all(from.getTime(), to.getTime(), from.getTime(), to.getTime()) as { s: number; e: number; t: string | null }[];
      return rows.map((r) => ({ start: new Date(r.s), end: new Date(r.e), tenantId: r.t }));
    },
    insertHold: (w) => void q.insertHold.run(w.start.getTime(), w.end.getTime()),

    tenantClocks: () =>
      (q.tenantClocks.all() as { id: string; time_zone: string; clock_offset_ms: number }[]).map((t) => ({
        id: t.id,
        timeZone: t.time_zone,
        clockOffsetMs: t.clock_offset_ms,
      })),
    deleteExpired(tenantId, b) {
      const now = b.now.getTime();
      // Attachments first (they find their messages by sent_at); their bytes go with them (ON DELETE CASCADE).
      const attachments = q.purgeAttachments.run(tenantId, b.unsentAttachments.getTime(), tenantId, b.chat.getTime()).changes;
      return {
        attachments,
        chat: q.purgeChat.run(tenantId, b.chat.getTime()).changes,
        logins: q.purgeLogins.run(tenantId, b.logins.getTime()).changes,
        grants: q.purgeGrants.run(tenantId, b.grants.getTime(), now).changes,
        unlockLinks: q.purgeLinks.run(tenantId, b.unlockLinks.getTime()).changes,
        bookings: q.deleteEndedBooking.run(tenantId, now).changes,
      };
    },
    deleteEndedHolds: (now) => q.purgeHolds.run(now.getTime()).changes,
  };
}
