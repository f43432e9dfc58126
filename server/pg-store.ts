import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { DEFAULT_CALLBACK_RULES } from '../src/core/callback-windows.js';
import type { ContactInfo, PersonRef, Tenant, TenantInfo, UnlockRequest } from '../src/core/types.js';
import type { AsyncRulesStore, Hold, SupportSettings, UserRecord } from '../src/backend/rules/store.js';
import {
  type AttachmentRow,
  type BookingRow,
  type ChatRow,
  type GrantRow,
  type LoginRow,
  type TopicRow,
  date,
  hashToken,
  json,
  attachmentsColumn,
  toAttachment,
  toBooking,
  toGrant,
  toLogin,
  toMessage,
  toTopic,
  grantParams,
} from './sqlite-store.js';

/** A connection to run statements on: a pool for reads, the transaction's client for a writing rule. */
export type Queryable = Pick<pg.ClientBase, 'query'>;

export interface PgStoreOptions {
  /** How many callbacks support can take at the same time; default the `callbackCapacity` setting. */
  readonly callbackCapacity?: number;
  /** Where parsed settings are kept between stores (one store per transaction): the same object while unchanged. */
  readonly settingsCache?: { current: { key: string; value: SupportSettings } | null };
}

/**
 * The rules' store over PostgreSQL (node-postgres), answering by promise: the same records and the same statements as
 * sqlite-store.ts in PostgreSQL's dialect. Every decision concurrent writers could race is one conditional statement
 * judged by the rows it changed (`UPDATE … RETURNING`: revoke, single-use links, ending a login, cancelling a
 * booking) or by a unique constraint with `ON CONFLICT DO NOTHING` (one booking per customer, one message per
 * clientId). No statement is allowed to fail inside a transaction on purpose: in PostgreSQL an error aborts the
 * whole transaction. The caller runs each writing rule in one SERIALIZABLE transaction on `q` (see store.ts), which
 * also decides capacity races between customers that no single statement covers.
 */
export function createPgStore(q: Queryable, options: PgStoreOptions = {}): AsyncRulesStore {
  const all = async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> => (await q.query<R>(text, values)).rows;
  const one = async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R | undefined> => (await all<R>(text, values))[0];
  const count = async (text: string, values: unknown[]): Promise<number> => (await q.query(text, values)).rowCount ?? 0;

  const setting = async (key: string): Promise<string> => {
    const row = await one<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]);
    if (!row) throw new Error(`The database has no setting ${key}: seed it first`);
    return row.value;
  };
  // Settings change only when the server is seeded: parsed once per stored text, the same object while unchanged.
  const cache = options.settingsCache ?? { current: null };

  return {
    newId: async (prefix) => `${prefix}_${randomUUID()}`,

    async tenant(tenantId) {
      const row = await one<{ id: string; name: string; label: string; time_zone: string; brand_name: string; info: string }>(
        'SELECT id, name, label, time_zone, brand_name, info FROM tenants WHERE id = $1',
        [tenantId],
      );
      if (!row) return null;
      const tenant: Tenant = { id: row.id, name: row.name, label: row.label, timeZone: row.time_zone, brandName: row.brand_name };
      return { tenant, info: json<TenantInfo>(row.info) };
    },
    async user(tenantId, userId): Promise<UserRecord | null> {
      const row = await one<{ id: string; name: string; email: string | null; phone: string | null; unlock_support: number }>(
        'SELECT id, name, email, phone, unlock_support FROM users WHERE tenant_id = $1 AND id = $2',
        [tenantId, userId],
      );
      return row ? { id: row.id, name: row.name, email: row.email, phone: row.phone, unlockSupport: row.unlock_support === 1 } : null;
    },
    async staff() {
      const rows = await all<{ id: string; name: string; department_id: string; department_name: string }>(
        'SELECT e.id, e.name, d.id AS department_id, d.name AS department_name FROM employees e JOIN departments d ON d.id = e.department_id ORDER BY e.sort',
      );
      const employees = rows.map((e) => ({ id: e.id, name: e.name, department: { id: e.department_id, name: e.department_name } }));
      return { employees, departments: await all<PersonRef>('SELECT id, name FROM departments ORDER BY sort') };
    },
    async settings() {
      const contact = await setting('contact');
      const capacity = options.callbackCapacity ?? (JSON.parse(await setting('callbackCapacity')) as number);
      const topics = (await all<TopicRow>('SELECT * FROM topics ORDER BY sort')).map(toTopic);
      const key = `${contact}|${capacity}|${JSON.stringify(topics)}`;
      if (cache.current?.key !== key) {
        const { minNoticeMinutes, horizonWorkingDays } = DEFAULT_CALLBACK_RULES;
        cache.current = {
          key,
          value: { contact: JSON.parse(contact) as ContactInfo, topics, callbackCapacity: capacity, callbackRules: { minNoticeMinutes, horizonWorkingDays } },
        };
      }
      return cache.current.value;
    },

    grants: async (tenantId, since, now) =>
      (
        await all<GrantRow>(
          'SELECT * FROM grants WHERE tenant_id = $1 AND (granted_at >= $2 OR (revoked_at IS NULL AND (ends_at IS NULL OR ends_at > $3))) ORDER BY granted_at DESC, ord DESC',
          [tenantId, since.getTime(), now.getTime()],
        )
      ).map(toGrant),
    async grant(tenantId, grantId) {
      const row = await one<GrantRow>('SELECT * FROM grants WHERE tenant_id = $1 AND id = $2', [tenantId, grantId]);
      return row ? toGrant(row) : null;
    },
    async insertGrant(tenantId, g) {
      await q.query(
        `INSERT INTO grants (id, tenant_id, grantee, data_export, duration, granted_at, ends_at, granted_by, source, revoked_at, revoked_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        grantParams(tenantId, g),
      );
    },
    revokeGrant: async (tenantId, grantId, at, by) =>
      (await count(
        'UPDATE grants SET revoked_at = $1, revoked_by = $2 WHERE tenant_id = $3 AND id = $4 AND revoked_at IS NULL AND (ends_at IS NULL OR ends_at > $1) RETURNING id',
        [at.getTime(), JSON.stringify(by), tenantId, grantId],
      )) === 1,

    logins: async (tenantId, since) =>
      (since === null
        ? await all<LoginRow>('SELECT * FROM logins WHERE tenant_id = $1 AND ended_at IS NULL ORDER BY started_at DESC, ord DESC', [tenantId])
        : await all<LoginRow>('SELECT * FROM logins WHERE tenant_id = $1 AND started_at >= $2 ORDER BY started_at DESC, ord DESC', [tenantId, since.getTime()])
      ).map(toLogin),
    openLoginsOfGrant: async (tenantId, grantId) =>
      (await all<LoginRow>('SELECT * FROM logins WHERE tenant_id = $1 AND grant_id = $2 AND ended_at IS NULL ORDER BY ord', [tenantId, grantId])).map(toLogin),
    async insertLogin(tenantId, l) {
      await q.query('INSERT INTO logins (id, tenant_id, employee, started_at, ended_at, reason, grant_id) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        l.id,
        tenantId,
        JSON.stringify(l.employee),
        l.startedAt.getTime(),
        l.endedAt?.getTime() ?? null,
        l.reason,
        l.grantId,
      ]);
    },
    async endLogin(tenantId, loginId, at) {
      const row = await one<LoginRow>('UPDATE logins SET ended_at = $1 WHERE tenant_id = $2 AND id = $3 AND ended_at IS NULL RETURNING *', [
        at.getTime(),
        tenantId,
        loginId,
      ]);
      return row ? toLogin(row) : null;
    },

    async insertUnlockLink(tenantId, token, request) {
      await q.query('INSERT INTO unlock_links (token_hash, tenant_id, request, expires_at) VALUES ($1, $2, $3, $4)', [
        hashToken(token),
        tenantId,
        JSON.stringify(request),
        request.expiresAt.getTime(),
      ]);
    },
    async unlockLink(tenantId, token) {
      const row = await one<{ request: string; used_at: number | null }>(
        'SELECT request, used_at FROM unlock_links WHERE tenant_id = $1 AND token_hash = $2',
        [tenantId, hashToken(token)],
      );
      if (!row) return null;
      const request = json<UnlockRequest>(row.request);
      return {
        request: { ...request, requestedAt: new Date(request.requestedAt), expiresAt: new Date(request.expiresAt) },
        usedAt: date(row.used_at),
      };
    },
    useUnlockLink: async (tenantId, token, at, accepted) =>
      (await count(
        'UPDATE unlock_links SET used_at = $1, outcome = $2 WHERE tenant_id = $3 AND token_hash = $4 AND used_at IS NULL AND expires_at > $1 RETURNING token_hash',
        [at.getTime(), accepted ? 'accepted' : 'declined', tenantId, hashToken(token)],
      )) === 1,

    chatMessages: async (tenantId, userId, afterSeq, since) =>
      (
        await all<ChatRow>('SELECT * FROM chat_messages WHERE tenant_id = $1 AND user_id = $2 AND seq > $3 AND sent_at >= $4 ORDER BY seq', [
          tenantId,
          userId,
          afterSeq,
          since.getTime(),
        ])
      ).map(toMessage),
    chatHead: async (tenantId, userId) =>
      (await one<{ head: number }>('SELECT COALESCE(MAX(seq), 0) AS head FROM chat_messages WHERE tenant_id = $1 AND user_id = $2', [tenantId, userId]))!
        .head,
    async insertChatMessage(tenantId, userId, m) {
      // The next seq of the conversation, its row locked until this transaction ends (see chat_heads in pg-db.ts). A
      // repeated clientId then stores nothing and leaves a gap in seq, which readers never rely on.
      const head = await one<{ head: number }>(
        `INSERT INTO chat_heads (tenant_id, user_id, head) VALUES ($1, $2, 1)
         ON CONFLICT (tenant_id, user_id) DO UPDATE SET head = chat_heads.head + 1 RETURNING head`,
        [tenantId, userId],
      );
      const row = await one<ChatRow>(
        `INSERT INTO chat_messages (tenant_id, user_id, seq, id, client_id, author, author_name, text, sent_at, attachments)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (tenant_id, user_id, client_id) DO NOTHING RETURNING *`,
        [tenantId, userId, head!.head, m.id, m.clientId, m.author, m.authorName, m.text, m.sentAt.getTime(), attachmentsColumn(m)],
      );
      return row ? toMessage(row) : null;
    },
    async chatMessageByClientId(tenantId, userId, clientId) {
      const row = await one<ChatRow>('SELECT * FROM chat_messages WHERE tenant_id = $1 AND user_id = $2 AND client_id = $3', [tenantId, userId, clientId]);
      return row ? toMessage(row) : null;
    },
    chatCount: async (tenantId, userId, clientId) =>
      (clientId === undefined
        ? await one<{ n: number }>('SELECT COUNT(*) AS n FROM chat_messages WHERE tenant_id = $1 AND user_id = $2', [tenantId, userId])
        : await one<{ n: number }>('SELECT COUNT(*) AS n FROM chat_messages WHERE tenant_id = $1 AND user_id = $2 AND client_id = $3', [
            tenantId,
            userId,
            clientId,
          ]))!.n,

    async attachmentByClientId(tenantId, userId, clientId) {
      const row = await one<AttachmentRow>('SELECT * FROM chat_attachments WHERE tenant_id = $1 AND user_id = $2 AND client_id = $3', [tenantId, userId, clientId]);
      return row ? toAttachment(row) : null;
    },
    async attachment(tenantId, userId, attachmentId) {
      const row = await one<AttachmentRow>('SELECT * FROM chat_attachments WHERE tenant_id = $1 AND user_id = $2 AND id = $3', [tenantId, userId, attachmentId]);
      return row ? toAttachment(row) : null;
    },
    async attachmentBytes(tenantId, userId, attachmentId) {
      const row = await one<{ bytes: Buffer }>(
        'SELECT f.bytes FROM chat_attachment_files f JOIN chat_attachments a ON a.id = f.id WHERE a.tenant_id = $1 AND a.user_id = $2 AND a.id = $3',
        [tenantId, userId, attachmentId],
      );
      return row ? new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength) : null;
    },
    async chatMessageSentAt(tenantId, userId, messageId) {
      const row = await one<{ sent_at: number }>('SELECT sent_at FROM chat_messages WHERE tenant_id = $1 AND user_id = $2 AND id = $3', [tenantId, userId, messageId]);
      return row ? new Date(row.sent_at) : null;
    },
    async insertAttachment(tenantId, userId, r, bytes) {
      const inserted = await count(
        `INSERT INTO chat_attachments (id, tenant_id, user_id, client_id, message_id, name, type, size, created_at)
         VALUES ($1, $2, $3, $4, NULL, $5, $6, $7, $8) ON CONFLICT (tenant_id, user_id, client_id) DO NOTHING`,
        [r.id, tenantId, userId, r.clientId, r.name, r.type, r.size, r.createdAt.getTime()],
      );
      if (inserted === 0) return false;
      await q.query('INSERT INTO chat_attachment_files (id, bytes) VALUES ($1, $2)', [r.id, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]);
      return true;
    },
    async attachToMessage(tenantId, userId, attachmentIds, messageId) {
      // One statement: it changes every listed row or (one is taken or foreign) the rule rolls the transaction back.
      const changed = await count(
        'UPDATE chat_attachments SET message_id = $1 WHERE tenant_id = $2 AND user_id = $3 AND id = ANY($4::text[]) AND message_id IS NULL',
        [messageId, tenantId, userId, [...attachmentIds]],
      );
      return changed === attachmentIds.length;
    },

    async booking(tenantId) {
      const row = await one<BookingRow>('SELECT * FROM callback_bookings WHERE tenant_id = $1', [tenantId]);
      return row ? toBooking(row) : null;
    },
    async deleteEndedBooking(tenantId, now) {
      await q.query('DELETE FROM callback_bookings WHERE tenant_id = $1 AND window_end <= $2', [tenantId, now.getTime()]);
    },
    insertBooking: async (tenantId, b, bookedBy) =>
      // The UNIQUE (tenant_id) constraint: one booking per customer. ON CONFLICT instead of catching 23505, which
      // would abort the transaction.
      (await count(
        `INSERT INTO callback_bookings (id, tenant_id, topic_id, window_start, window_end, phone, note, booked_at, booked_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (tenant_id) DO NOTHING`,
        [b.id, tenantId, b.topicId, b.window.start.getTime(), b.window.end.getTime(), b.phone, b.note, b.bookedAt.getTime(), bookedBy],
      )) === 1,
    async updateBooking(tenantId, b) {
      await q.query('UPDATE callback_bookings SET topic_id = $1, window_start = $2, window_end = $3, phone = $4, note = $5 WHERE tenant_id = $6 AND id = $7', [
        b.topicId,
        b.window.start.getTime(),
        b.window.end.getTime(),
        b.phone,
        b.note,
        tenantId,
        b.id,
      ]);
    },
    deleteBooking: async (tenantId, bookingId, now) =>
      (await count('DELETE FROM callback_bookings WHERE tenant_id = $1 AND id = $2 AND window_end > $3 RETURNING id', [tenantId, bookingId, now.getTime()])) === 1,
    async holds(from, to): Promise<Hold[]> {
      const rows = await all<{ s: number; e: number; t: string | null }>(
        `SELECT window_start AS s, window_end AS e, tenant_id AS t FROM callback_bookings WHERE window_end > $1 AND window_start < $2
         UNION ALL SELECT window_start, window_end, NULL FROM external_bookings WHERE window_end > $1 AND window_start < $2`,
        [from.getTime(), to.getTime()],
      );
      return rows.map((r) => ({ start: new Date(r.s), end: new Date(r.e), tenantId: r.t }));
    },
    async insertHold(w) {
      await q.query('INSERT INTO external_bookings (window_start, window_end) VALUES ($1, $2)', [w.start.getTime(), w.end.getTime()]);
    },

    tenantClocks: async () =>
      (await all<{ id: string; time_zone: string; clock_offset_ms: number }>('SELECT id, time_zone, clock_offset_ms FROM tenants')).map((t) => ({
        id: t.id,
        timeZone: t.time_zone,
        clockOffsetMs: t.clock_offset_ms,
      })),
    async deleteExpired(tenantId, b) {
      const now = b.now.getTime();
      // Attachments first (they find their messages by sent_at); their bytes go with them (ON DELETE CASCADE).
      const attachments = await count(
        `DELETE FROM chat_attachments WHERE tenant_id = $1 AND (
           (message_id IS NULL AND created_at < $2)
           OR message_id IN (SELECT id FROM chat_messages WHERE tenant_id = $1 AND sent_at < $3))`,
        [tenantId, b.unsentAttachments.getTime(), b.chat.getTime()],
      );
      return {
        attachments,
        chat: await count('DELETE FROM chat_messages WHERE tenant_id = $1 AND sent_at < $2', [tenantId, b.chat.getTime()]),
        logins: await count('DELETE FROM logins WHERE tenant_id = $1 AND started_at < $2 AND ended_at IS NOT NULL', [tenantId, b.logins.getTime()]),
        grants: await count(
          'DELETE FROM grants WHERE tenant_id = $1 AND granted_at < $2 AND (revoked_at IS NOT NULL OR (ends_at IS NOT NULL AND ends_at <= $3))',
          [tenantId, b.grants.getTime(), now],
        ),
        unlockLinks: await count('DELETE FROM unlock_links WHERE tenant_id = $1 AND (COALESCE(used_at, expires_at) < $2)', [tenantId, b.unlockLinks.getTime()]),
        bookings: await count('DELETE FROM callback_bookings WHERE tenant_id = $1 AND window_end <= $2', [tenantId, now]),
      };
    },
    deleteEndedHolds: async (now) => count('DELETE FROM external_bookings WHERE window_end <= $1', [now.getTime()]),
  };
}
