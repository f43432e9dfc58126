/**
 * An in-memory `SupportBackend` for a made-up tenant ("Kessler Gartenbau"), written from the docs alone
 * (docs/adapter.md "Way B" and its checklist, the public types): it imports only the package entries
 * (core, backend types/errors, testing types). It is the proof for issue 16 that an adapter author does not need
 * the demo backend or internal modules. Not a product backend: state lives in one object per subject.
 */
import type {
  AttachmentRef,
  CallbackBooking,
  CallbackBookingInput,
  CallbackTopic,
  ChatMessage,
  ContactInfo,
  Grant,
  Grantee,
  Session,
  SupportDepartment,
  SupportEmployee,
  SupportLogin,
  TenantInfo,
  UnlockRequest,
} from '../../src/core/index.js';
import {
  ATTACHMENTS_PER_MESSAGE_MAX,
  UNSENT_ATTACHMENT_RETENTION_MS,
  attachmentFileName,
  attachmentProblem,
  sniffAttachmentType,
  CHAT_MESSAGE_MAX_LENGTH,
  DEFAULT_CALLBACK_RULES,
  callbackWindows,
  exceedsLimit,
  grantEndsAt,
  isBlank,
  isGrantActive,
  isGrantListed,
  parsePhoneNumber,
  retentionStart,
} from '../../src/core/index.js';
import { SupportError, throwIfAborted } from '../../src/backend/index.js';
import type { SupportBackend, SupportEvent, SupportEventListener } from '../../src/backend/index.js';
import type { ConformanceControl, ConformanceSubject, ConformanceUnlockLink } from '../../src/testing/index.js';

const ZONE = 'Europe/Vienna';
const DEPARTMENTS: SupportDepartment[] = [
  { id: 'dep-first', name: 'First-Level Hilfe' },
  { id: 'dep-pay', name: 'Lohn und Gehalt' },
];
const EMPLOYEES: SupportEmployee[] = [
  { id: 'emp-ilse', name: 'Ilse Brandner', department: DEPARTMENTS[0]! },
  { id: 'emp-tomas', name: 'Tomas Wendl', department: DEPARTMENTS[1]! },
];
const TOPICS: CallbackTopic[] = [
  { id: 'topic-payroll', title: { de: 'Lohnabrechnung', en: 'Payroll' }, description: { de: 'Fragen zur Abrechnung', en: 'Payroll questions' }, windowMinutes: 30 },
  { id: 'topic-setup', title: 'Einrichtung', description: null, windowMinutes: 60 },
];
const CONTACT: ContactInfo = {
  email: 'hilfe@kessler-crm.example',
  directLines: [{ countries: ['AT'], display: '+43 1 234 56 78', e164: '+4312345678' }],
  supportHours: { timeZone: ZONE, weekdays: [1, 2, 3, 4, 5], opens: '08:00', closes: '17:00', holidays: ['2026-12-25', '2026-12-26'] },
  hotline: {
    lines: [{ countries: ['AT', 'DE'], display: '+43 1 234 56 99', e164: '+4312345699' }],
    timeZone: ZONE,
    tiers: [
      { id: 'day', from: '07:00', to: '21:00', responseHours: 1 },
      { id: 'night', from: '21:00', to: '07:00', responseHours: 4 },
    ],
    pricing: { pricePerBlock: { amountMinor: 790, currency: 'EUR' }, blockMinutes: 15, appliesTo: ['AT', 'DE'] },
  },
};

interface Link {
  readonly request: UnlockRequest;
  used: boolean;
}

let counter = 0;
const newId = (prefix: string): string => `${prefix}-${Date.now().toString(36)}-${(++counter).toString(36)}`;

/** A fresh, signed-in customer with the unlock right; `startAt` fixes its clock (default: the real time). */
export function createMemoryCrm(startAt: Date = new Date()): ConformanceSubject & { backend: SupportBackend } {
  let offset = startAt.getTime() - Date.now();
  const now = (): Date => new Date(Date.now() + offset);
  let signedIn = true;
  let right = true;
  const user = { id: 'usr-greta', name: 'Greta Kessler', email: 'greta@kessler-gartenbau.example', phone: '+43664123456' };
  const grants: Grant[] = [];
  const logins: SupportLogin[] = [];
  const chat: ChatMessage[] = [];
  /** Uploaded files: the ref, the uploader's clientId, the message it went with, the bytes. */
  const files = new Map<string, { ref: AttachmentRef; clientId: string; messageId: string | null; at: Date; bytes: Uint8Array }>();
  const links = new Map<string, Link>();
  const taken = new Set<string>(); // `${topicId}@${startMs}` filled by other customers
  let booking: CallbackBooking | null = null;
  let seq = 0;
  const listeners = new Set<SupportEventListener>();
  const emit = (event: SupportEvent): void => {
    for (const l of [...listeners]) queueMicrotask(() => listeners.has(l) && l(event));
  };

  /** Every call: honour the signal, need a session, answer asynchronously (so that an abort during the call counts). */
  async function call<T>(signal: AbortSignal | undefined, work: () => T): Promise<T> {
    throwIfAborted(signal);
    await new Promise((r) => setTimeout(r, 0));
    throwIfAborted(signal);
    if (!signedIn) throw new SupportError('unauthorized', 'Not signed in');
    return work();
  }
  const needRight = (): void => {
    if (!right) throw new SupportError('forbidden', 'The unlock right is missing', { reason: 'right-missing' });
  };
  const granteeOf = (kind: string, id: string): Grantee => {
    if (kind === 'employee') {
      const e = EMPLOYEES.find((x) => x.id === id);
      if (e) return { kind: 'employee', id: e.id, name: e.name, department: e.department };
    } else if (kind === 'department') {
      const d = DEPARTMENTS.find((x) => x.id === id);
      if (d) return { kind: 'department', id: d.id, name: d.name };
    }
    throw new SupportError('not-found', `No ${kind} ${id}`);
  };
  const addGrant = (grantee: Grantee, duration: Grant['duration'], dataExport: boolean, source: Grant['source']): Grant => {
    const grantedAt = now();
    const grant: Grant = {
      id: newId('grt'), grantee, dataExport, duration, grantedAt, endsAt: grantEndsAt(duration, grantedAt, ZONE),
      grantedBy: { id: user.id, name: user.name }, source, revokedAt: null, revokedBy: null,
    };
    grants.push(grant);
    emit({ type: 'grant-changed', grant });
    return grant;
  };
  const windowsFor = (topicId: string) => {
    const topic = TOPICS.find((t) => t.id === topicId);
    if (!topic) throw new SupportError('not-found', `No topic ${topicId}`);
    const at = now();
    return { topic, windows: callbackWindows(CONTACT.supportHours, { ...DEFAULT_CALLBACK_RULES, windowMinutes: topic.windowMinutes }, at) };
  };
  const currentBooking = (): CallbackBooking | null => {
    if (booking && booking.window.end.getTime() <= now().getTime()) booking = null; // a booking ends with its window
    return booking;
  };
  const checkedWindow = (input: CallbackBookingInput, ignore: CallbackBooking | null) => {
    if (!parsePhoneNumber(input.phone).ok) throw new SupportError('invalid-request', 'Bad phone number', { reason: 'invalid-input' });
    const { topic, windows } = windowsFor(input.topicId);
    const start = new Date(input.start).getTime();
    const window = windows.find((w) => w.start.getTime() === start);
    if (!window) throw new SupportError('conflict', 'No such window', { reason: 'window-invalid' });
    const mine = ignore && ignore.topic.id === topic.id && ignore.window.start.getTime() === start;
    if (!mine && taken.has(`${topic.id}@${start}`)) throw new SupportError('conflict', 'Window taken', { reason: 'window-taken' });
    return { topic, window };
  };

  const backend: SupportBackend = {
    getSession: (signal) =>
      call(signal, (): Session => ({
        tenant: { id: 'ten-kessler', name: 'kessler', label: 'Kessler Gartenbau GmbH', timeZone: ZONE, brandName: 'Kessler' },
        user,
        rights: { unlockSupport: right },
      })),
    getTenantInfo: (signal) =>
      call(signal, (): TenantInfo => ({
        tenantName: 'kessler', tenantLabel: 'Kessler Gartenbau GmbH', productName: 'Kessler CRM', version: '7.2.0',
        build: '7.2.0+4411', releasedAt: new Date('2026-10-01T09:00:00Z'), edition: 'Gärtnerei', customerNumber: 'K-0815',
      })),
    getContactInfo: (signal) => call(signal, () => CONTACT),
    searchStaff: (query, signal) =>
      call(signal, () => {
        const q = query.trim().toLowerCase();
        if (q === '') return { employees: [], departments: [...DEPARTMENTS] };
        return {
          employees: EMPLOYEES.filter((e) => e.name.toLowerCase().includes(q)),
          departments: DEPARTMENTS.filter((d) => d.name.toLowerCase().includes(q)),
        };
      }),
    listGrants: (signal) =>
      call(signal, () =>
        grants.filter((g) => isGrantListed(g, now(), ZONE)).sort((a, b) => b.grantedAt.getTime() - a.grantedAt.getTime()),
      ),
    createGrant: (input, signal) =>
      call(signal, () => {
        needRight();
        const durations = ['1h', '2h', '4h', 'today', '1w', '2w', '1m', 'permanent'];
        if (!input?.grantee || !durations.includes(input.duration) || typeof input.dataExport !== 'boolean') {
          throw new SupportError('invalid-request', 'Malformed grant', { reason: 'invalid-input' });
        }
        return addGrant(granteeOf(input.grantee.kind, input.grantee.id), input.duration, input.dataExport, 'dialog');
      }),
    revokeGrant: (grantId, signal) =>
      call(signal, () => {
        needRight();
        const i = grants.findIndex((g) => g.id === grantId);
        if (i < 0) throw new SupportError('not-found', `No grant ${grantId}`);
        const at = now();
        if (!isGrantActive(grants[i]!, at)) throw new SupportError('conflict', 'Grant already ended', { reason: 'grant-inactive' });
        const grant: Grant = { ...grants[i]!, revokedAt: at, revokedBy: { id: user.id, name: user.name } };
        grants[i] = grant;
        emit({ type: 'grant-changed', grant });
        for (const [j, l] of logins.entries()) {
          if (l.grantId === grantId && l.endedAt === null) {
            logins[j] = { ...l, endedAt: at };
            emit({ type: 'login-ended', login: logins[j]! });
          }
        }
        return grant;
      }),
    listLogins: (options, signal) =>
      call(signal, () => {
        const from = retentionStart('logins', now(), ZONE).getTime();
        return logins
          .filter((l) => (options?.activeOnly ? l.endedAt === null : l.startedAt.getTime() >= from || l.endedAt === null))
          .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
      }),
    // The docs' checklist says only "confirming" needs the right; the suite also wants resolving refused (docs fixed).
    resolveUnlockToken: (token, signal) =>
      call(signal, () => {
        needRight();
        return liveLink(token).request;
      }),
    confirmUnlockToken: (token, accept, signal) =>
      call(signal, () => {
        needRight();
        const link = liveLink(token);
        link.used = true; // synchronous check-and-set: of two confirmations at once exactly one wins
        if (!accept) return null;
        const r = link.request;
        return addGrant(r.grantee, r.duration, r.dataExport, 'unlock-link');
      }),
    listChatMessages: (options, signal) =>
      call(signal, () => {
        const from = retentionStart('chat', now(), ZONE).getTime();
        const after = options?.afterSeq ?? -Infinity;
        return chat.filter((m) => m.sentAt.getTime() >= from && m.seq > after);
      }),
    sendChatMessage: (input, signal) =>
      call(signal, () => {
        const ids = input?.attachmentIds ?? [];
        if (typeof input?.clientId !== 'string' || input.clientId === '' || typeof input.text !== 'string' ||
          (isBlank(input.text) && ids.length === 0) || exceedsLimit(input.text, CHAT_MESSAGE_MAX_LENGTH)) {
          throw new SupportError('invalid-request', 'Empty, overlong or without clientId', { reason: 'invalid-input' });
        }
        const existing = chat.find((m) => m.clientId === input.clientId);
        if (existing) return existing;
        if (ids.length > ATTACHMENTS_PER_MESSAGE_MAX) throw new SupportError('invalid-request', 'Too many files', { reason: 'attachments-too-many' });
        const taken = ids.map((id) => files.get(id));
        if (taken.some((f) => !f || f.messageId !== null) || new Set(ids).size !== ids.length) {
          throw new SupportError('invalid-request', 'Unknown or already sent file', { reason: 'attachment-unknown' });
        }
        const message: ChatMessage = {
          id: newId('msg'), clientId: input.clientId, seq: ++seq, author: 'customer', authorName: user.name, text: input.text, sentAt: now(),
          attachments: taken.map((f) => f!.ref),
        };
        for (const f of taken) f!.messageId = message.id;
        chat.push(message);
        emit({ type: 'chat-message', message });
        return message;
      }),
    // Optional: attachments (docs/adapter.md "Attachments"). The content decides, by the core's rule.
    async uploadAttachment(file, meta, options = {}) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      return call(options.signal, () => {
        const known = [...files.values()].find((f) => f.clientId === meta.clientId);
        if (known) return known.ref;
        const name = attachmentFileName(meta.name);
        const type = sniffAttachmentType(bytes, { name, type: meta.type });
        const problem = attachmentProblem(bytes.length, type);
        if (problem) throw new SupportError('invalid-request', `Refused: ${problem}`, { reason: `attachment-${problem}` });
        const ref: AttachmentRef = { id: newId('att'), name, type: type!, size: bytes.length };
        files.set(ref.id, { ref, clientId: meta.clientId, messageId: null, at: now(), bytes });
        options.onProgress?.(bytes.length, bytes.length);
        return ref;
      });
    },
    downloadAttachment: (attachmentId, signal) =>
      call(signal, () => {
        const f = files.get(attachmentId);
        const message = f?.messageId ? chat.find((m) => m.id === f.messageId) : undefined;
        const kept = f && (f.messageId === null
          ? f.at.getTime() >= now().getTime() - UNSENT_ATTACHMENT_RETENTION_MS
          : message !== undefined && message.sentAt.getTime() >= retentionStart('chat', now(), ZONE).getTime());
        if (!kept) throw new SupportError('not-found', 'No such file');
        return new Blob([f.bytes as BlobPart], { type: f.ref.type });
      }),
    subscribe(listener, signal) {
      if (signal.aborted) return;
      listeners.add(listener);
      signal.addEventListener('abort', () => listeners.delete(listener), { once: true });
      queueMicrotask(() => listeners.has(listener) && listener({ type: 'connection', state: 'open' }));
    },
    getCallbackTopics: (signal) => call(signal, () => [...TOPICS]),
    listCallbackWindows: (options, signal) =>
      call(signal, () => {
        const { topic, windows } = windowsFor(options.topicId);
        const mine = currentBooking();
        return windows.map((w) => ({
          ...w,
          available: !taken.has(`${topic.id}@${w.start.getTime()}`) &&
            !(mine && mine.topic.id === topic.id && mine.window.start.getTime() === w.start.getTime()),
        }));
      }),
    getCallbackBooking: (signal) => call(signal, () => currentBooking()),
    bookCallback: (input, signal) =>
      call(signal, () => {
        if (currentBooking()) throw new SupportError('conflict', 'Already booked', { reason: 'booking-exists' });
        const { topic, window } = checkedWindow(input, null);
        booking = { id: newId('cb'), topic, window: { start: window.start, end: window.end }, phone: input.phone, note: input.note ?? '', bookedAt: now() };
        return booking;
      }),
    changeCallback: (bookingId, input, signal) =>
      call(signal, () => {
        const current = currentBooking();
        if (!current || current.id !== bookingId) throw new SupportError('not-found', `No booking ${bookingId}`);
        const { topic, window } = checkedWindow(input, current); // throws before anything changes: atomic
        booking = { ...current, topic, window: { start: window.start, end: window.end }, phone: input.phone, note: input.note ?? '' };
        return booking;
      }),
    cancelCallback: (bookingId, signal) =>
      call(signal, () => {
        const current = currentBooking();
        if (!current || current.id !== bookingId) throw new SupportError('not-found', `No booking ${bookingId}`);
        booking = null;
      }),
  };

  function liveLink(token: string): Link {
    const link = links.get(token);
    if (!link) throw new SupportError('not-found', 'Unknown link', { reason: 'token-unknown' });
    if (link.used) throw new SupportError('conflict', 'Link already used', { reason: 'token-used' });
    if (link.request.expiresAt.getTime() <= now().getTime()) throw new SupportError('not-found', 'Link expired', { reason: 'token-expired' });
    return link;
  }

  const control: ConformanceControl = {
    signIn: () => void (signedIn = true),
    signOut: () => void (signedIn = false),
    setUnlockRight: (allowed) => void (right = allowed),
    createUnlockLink(input: ConformanceUnlockLink) {
      const employee = EMPLOYEES.find((e) => e.id === input.granteeId);
      const grantee = granteeOf(employee ? 'employee' : 'department', input.granteeId);
      const requestedAt = now();
      const token = newId('tok');
      links.set(token, {
        used: false,
        request: {
          grantee, requestedBy: EMPLOYEES[0]!, duration: input.duration ?? '1h', dataExport: input.dataExport ?? false,
          reason: input.reason ?? 'Rückfrage zur Lohnabrechnung', requestedAt,
          expiresAt: new Date(requestedAt.getTime() + (input.validForMs ?? 7 * 24 * 3600_000)),
        },
      });
      return token;
    },
    pushSupportMessage(text, authorName = 'Ilse Brandner') {
      const message: ChatMessage = { id: newId('msg'), clientId: null, seq: ++seq, author: 'support', authorName, text, sentAt: now() };
      chat.push(message);
      emit({ type: 'chat-message', message });
      return message;
    },
    startSupportLogin(reason = 'Fehlersuche') {
      const at = now();
      const grant = [...grants].reverse().find((g) => isGrantActive(g, at));
      if (!grant) return null;
      const login: SupportLogin = { id: newId('lgn'), employee: EMPLOYEES[0]!, startedAt: at, endedAt: null, reason, grantId: grant.id };
      logins.push(login);
      emit({ type: 'login-started', login });
      return login;
    },
    endSupportLogin(loginId) {
      const i = logins.findIndex((l) => l.id === loginId && l.endedAt === null);
      if (i < 0) return;
      logins[i] = { ...logins[i]!, endedAt: now() };
      emit({ type: 'login-ended', login: logins[i]! });
    },
    takeWindow: (topicId, start) => void taken.add(`${topicId}@${start.getTime()}`),
    chatMessageCount: (clientId) => (clientId === undefined ? chat.length : chat.filter((m) => m.clientId === clientId).length),
    advanceClock: (ms) => void (offset += ms),
  };

  return { backend, control, dispose: () => listeners.clear() };
}
