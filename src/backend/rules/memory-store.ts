import type { ChatMessage, Grant, SupportLogin, TimeWindow, UnlockRequest } from '../../core/types.js';
import type {
  AttachmentRecord,
  BookingRecord,
  Hold,
  RetentionBounds,
  RulesStore,
  Staff,
  StoredFile,
  SupportSettings,
  TenantRecord,
  UnlockLinkRecord,
  UserRecord,
} from './store.js';

interface TenantData {
  record: TenantRecord;
  users: Map<string, UserRecord>;
  /** Oldest first. */
  grants: Grant[];
  logins: SupportLogin[];
  links: Map<string, { request: UnlockRequest; usedAt: Date | null }>;
  booking: (BookingRecord & { bookedBy: string }) | null;
}

interface Conversation {
  messages: ChatMessage[];
  byClientId: Map<string, ChatMessage>;
  /** Attachments by id, with their content (kept apart from the messages, which carry copies of the refs). */
  attachments: Map<string, { record: AttachmentRecord; bytes: StoredFile }>;
}

export interface MemoryStoreOptions {
  readonly staff: Staff;
  readonly settings: SupportSettings;
  /** Ids; default a counter per prefix. */
  readonly newId?: (prefix: string) => string;
}

/** What a tenant starts with (fixtures). */
export interface MemoryTenantSeed {
  readonly record: TenantRecord;
  readonly users: readonly UserRecord[];
  readonly grants?: readonly Grant[];
  readonly logins?: readonly SupportLogin[];
  /** Per user id, in time order. */
  readonly chat?: Readonly<Record<string, readonly Omit<ChatMessage, 'seq'>[]>>;
  readonly holds?: readonly TimeWindow[];
}

const byNewest = <T>(items: readonly T[], at: (item: T) => Date): T[] =>
  [...items].reverse().sort((a, b) => at(b).getTime() - at(a).getTime());

/**
 * The rules' store in memory (Maps and arrays): the demo backend's, and a reference for writing one. Every method runs
 * to completion synchronously, so each rule run is atomic without locks. Several tenants, as on a server.
 */
export function createMemoryStore(options: MemoryStoreOptions) {
  const tenants = new Map<string, TenantData>();
  const conversations = new Map<string, Conversation>();
  let holdList: TimeWindow[] = [];
  let seq = 0;
  let counter = 0;
  const newId = options.newId ?? ((prefix: string) => `${prefix}-${(++counter).toString(36)}`);

  const tenantData = (tenantId: string): TenantData | undefined => tenants.get(tenantId);
  const conversation = (tenantId: string, userId: string): Conversation => {
    const key = `${tenantId}\u0000${userId}`;
    let c = conversations.get(key);
    if (!c) conversations.set(key, (c = { messages: [], byClientId: new Map(), attachments: new Map() }));
    return c;
  };
  const insertMessage = (tenantId: string, userId: string, message: Omit<ChatMessage, 'seq'>): ChatMessage | null => {
    const c = conversation(tenantId, userId);
    if (message.clientId !== null && c.byClientId.has(message.clientId)) return null;
    const stored: ChatMessage = { ...message, seq: ++seq };
    c.messages.push(stored);
    if (stored.clientId !== null) c.byClientId.set(stored.clientId, stored);
    return stored;
  };

  const store: RulesStore<StoredFile> = {
    newId,
    tenant: (tenantId) => tenantData(tenantId)?.record ?? null,
    user: (tenantId, userId) => tenantData(tenantId)?.users.get(userId) ?? null,
    staff: () => options.staff,
    settings: () => options.settings,

    grants(tenantId, since, now) {
      const list = tenantData(tenantId)?.grants ?? [];
      const listed = list.filter(
        (g) => g.grantedAt.getTime() >= since.getTime() || (g.revokedAt === null && (g.endsAt === null || g.endsAt.getTime() > now.getTime())),
      );
      return byNewest(listed, (g) => g.grantedAt);
    },
    grant: (tenantId, grantId) => tenantData(tenantId)?.grants.find((g) => g.id === grantId) ?? null,
    insertGrant: (tenantId, grant) => void tenantData(tenantId)?.grants.push(grant),
    revokeGrant(tenantId, grantId, at, by) {
      const grants = tenantData(tenantId)?.grants ?? [];
      const i = grants.findIndex((g) => g.id === grantId);
      const grant = grants[i];
      if (!grant || grant.revokedAt !== null || (grant.endsAt !== null && grant.endsAt.getTime() <= at.getTime())) return false;
      grants[i] = { ...grant, revokedAt: at, revokedBy: by };
      return true;
    },

    logins(tenantId, since) {
      const list = tenantData(tenantId)?.logins ?? [];
      return byNewest(
        list.filter((l) => (since === null ? l.endedAt === null : l.startedAt.getTime() >= since.getTime())),
        (l) => l.startedAt,
      );
    },
    openLoginsOfGrant: (tenantId, grantId) => (tenantData(tenantId)?.logins ?? []).filter((l) => l.grantId === grantId && l.endedAt === null),
    insertLogin: (tenantId, login) => void tenantData(tenantId)?.logins.push(login),
    endLogin(tenantId, loginId, at) {
      const logins = tenantData(tenantId)?.logins ?? [];
      const i = logins.findIndex((l) => l.id === loginId);
      const login = logins[i];
      if (!login || login.endedAt !== null) return null;
      return (logins[i] = { ...login, endedAt: at });
    },

    insertUnlockLink: (tenantId, token, request) => void tenantData(tenantId)?.links.set(token, { request, usedAt: null }),
    unlockLink: (tenantId, token): UnlockLinkRecord | null => {
      const link = tenantData(tenantId)?.links.get(token);
      return link ? { request: link.request, usedAt: link.usedAt } : null;
    },
    useUnlockLink(tenantId, token, at) {
      const link = tenantData(tenantId)?.links.get(token);
      if (!link || link.usedAt !== null || link.request.expiresAt.getTime() <= at.getTime()) return false;
      link.usedAt = at;
      return true;
    },

    chatMessages(tenantId, userId, afterSeq, since) {
      const start = since.getTime();
      return conversation(tenantId, userId).messages.filter((m) => m.seq > afterSeq && m.sentAt.getTime() >= start);
    },
    chatHead: (tenantId, userId) => conversation(tenantId, userId).messages.at(-1)?.seq ?? 0,
    insertChatMessage: insertMessage,
    chatMessageByClientId: (tenantId, userId, clientId) => conversation(tenantId, userId).byClientId.get(clientId) ?? null,
    chatCount(tenantId, userId, clientId) {
      const c = conversation(tenantId, userId);
      return clientId === undefined ? c.messages.length : c.byClientId.has(clientId) ? 1 : 0;
    },

    attachmentByClientId(tenantId, userId, clientId) {
      for (const { record } of conversation(tenantId, userId).attachments.values()) if (record.clientId === clientId) return record;
      return null;
    },
    attachment: (tenantId, userId, attachmentId) => conversation(tenantId, userId).attachments.get(attachmentId)?.record ?? null,
    attachmentBytes: (tenantId, userId, attachmentId) => conversation(tenantId, userId).attachments.get(attachmentId)?.bytes ?? null,
    chatMessageSentAt: (tenantId, userId, messageId) => conversation(tenantId, userId).messages.find((m) => m.id === messageId)?.sentAt ?? null,
    insertAttachment(tenantId, userId, record, bytes) {
      if (record.clientId !== null && store.attachmentByClientId(tenantId, userId, record.clientId)) return false;
      // Bytes are copied (the caller may reuse its buffer); a Blob cannot change and is kept as it is.
      conversation(tenantId, userId).attachments.set(record.id, { record, bytes: bytes instanceof Uint8Array ? bytes.slice() : bytes });
      return true;
    },
    attachToMessage(tenantId, userId, attachmentIds, messageId) {
      const files = conversation(tenantId, userId).attachments;
      if (!attachmentIds.every((id) => files.get(id)?.record.messageId === null)) return false;
      for (const id of attachmentIds) {
        const file = files.get(id)!;
        file.record = { ...file.record, messageId };
      }
      return true;
    },

    booking: (tenantId) => tenantData(tenantId)?.booking ?? null,
    deleteEndedBooking(tenantId, now) {
      const t = tenantData(tenantId);
      if (t?.booking && t.booking.window.end.getTime() <= now.getTime()) t.booking = null;
    },
    insertBooking(tenantId, booking, bookedBy) {
      const t = tenantData(tenantId);
      if (!t || t.booking) return false;
      t.booking = { ...booking, bookedBy };
      return true;
    },
    updateBooking(tenantId, booking) {
      const t = tenantData(tenantId);
      if (t?.booking?.id === booking.id) t.booking = { ...booking, bookedBy: t.booking.bookedBy };
    },
    deleteBooking(tenantId, bookingId, now) {
      const t = tenantData(tenantId);
      if (!t?.booking || t.booking.id !== bookingId || t.booking.window.end.getTime() <= now.getTime()) return false;
      t.booking = null;
      return true;
    },
    holds(from, to) {
      const overlaps = (w: TimeWindow) => w.start.getTime() < to.getTime() && from.getTime() < w.end.getTime();
      const result: Hold[] = holdList.filter(overlaps).map((w) => ({ ...w, tenantId: null }));
      for (const [tenantId, t] of tenants) if (t.booking && overlaps(t.booking.window)) result.push({ ...t.booking.window, tenantId });
      return result;
    },
    insertHold: (window) => void holdList.push({ start: window.start, end: window.end }),

    tenantClocks: () => [...tenants.values()].map((t) => ({ id: t.record.tenant.id, timeZone: t.record.tenant.timeZone, clockOffsetMs: 0 })),
    deleteExpired(tenantId, b: RetentionBounds) {
      const counts = { chat: 0, attachments: 0, logins: 0, grants: 0, unlockLinks: 0, bookings: 0 };
      const t = tenantData(tenantId);
      if (!t) return counts;
      const now = b.now.getTime();
      const keep = <T>(list: T[], kept: (item: T) => boolean): T[] => list.filter(kept);
      for (const [key, c] of conversations) {
        if (!key.startsWith(`${tenantId}\u0000`)) continue;
        const before = c.messages.length;
        c.messages = keep(c.messages, (m) => m.sentAt.getTime() >= b.chat.getTime());
        counts.chat += before - c.messages.length;
        c.byClientId = new Map(c.messages.filter((m) => m.clientId !== null).map((m) => [m.clientId!, m]));
        // Attachments go with their messages; uploads no message took go after a day.
        const kept = new Set(c.messages.map((m) => m.id));
        for (const [id, { record }] of c.attachments) {
          const expired = record.messageId === null ? record.createdAt.getTime() < b.unsentAttachments.getTime() : !kept.has(record.messageId);
          if (expired) {
            c.attachments.delete(id);
            counts.attachments += 1;
          }
        }
      }
      let before = t.logins.length;
      t.logins = keep(t.logins, (l) => l.startedAt.getTime() >= b.logins.getTime() || l.endedAt === null);
      counts.logins = before - t.logins.length;
      before = t.grants.length;
      t.grants = keep(
        t.grants,
        (g) => g.grantedAt.getTime() >= b.grants.getTime() || (g.revokedAt === null && (g.endsAt === null || g.endsAt.getTime() > now)),
      );
      counts.grants = before - t.grants.length;
      for (const [token, link] of t.links) {
        if ((link.usedAt ?? link.request.expiresAt).getTime() < b.unlockLinks.getTime()) {
          t.links.delete(token);
          counts.unlockLinks += 1;
        }
      }
      if (t.booking && t.booking.window.end.getTime() <= now) {
        t.booking = null;
        counts.bookings = 1;
      }
      return counts;
    },
    deleteEndedHolds(now) {
      const before = holdList.length;
      holdList = holdList.filter((w) => w.end.getTime() > now.getTime());
      return before - holdList.length;
    },
  };

  return Object.assign(store, {
    /** Adds a tenant with its users and history (fixtures). */
    addTenant(seed: MemoryTenantSeed): void {
      tenants.set(seed.record.tenant.id, {
        record: seed.record,
        users: new Map(seed.users.map((u) => [u.id, u])),
        grants: [...(seed.grants ?? [])],
        logins: [...(seed.logins ?? [])],
        links: new Map(),
        booking: null,
      });
      for (const [userId, messages] of Object.entries(seed.chat ?? {})) for (const m of messages) insertMessage(seed.record.tenant.id, userId, m);
      for (const w of seed.holds ?? []) holdList.push(w);
    },
    /** Changes a user's record (the demo's rights switch). */
    updateUser(tenantId: string, userId: string, change: Partial<UserRecord>): void {
      const t = tenantData(tenantId);
      const user = t?.users.get(userId);
      if (t && user) t.users.set(userId, { ...user, ...change });
    },
  });
}

export type MemoryStore = ReturnType<typeof createMemoryStore>;
