import { startOfDay } from 'date-fns';
import { callbackWindows } from '../../core/callback-windows.js';
import { GRANT_DURATIONS, grantEndsAt, isGrantActive, isGrantDuration } from '../../core/durations.js';
import {
  ATTACHMENT_MAX_BYTES,
  type AttachmentType,
  ATTACHMENTS_PER_MESSAGE_MAX,
  UNSENT_ATTACHMENT_RETENTION_MS,
  attachmentFileName,
  attachmentProblem,
  sniffAttachmentType,
} from '../../core/attachments.js';
import { CALLBACK_NOTE_MAX_LENGTH, ID_MAX_LENGTH, CHAT_MESSAGE_MAX_LENGTH, exceedsLimit, isBlank } from '../../core/limits.js';
import { parsePhoneNumber } from '../../core/phone.js';
import { isGrantListed, retentionStart } from '../../core/retention.js';
import type {
  AttachmentRef,
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
} from '../../core/types.js';
import { isoDayIn } from '../../core/zone.js';
import { inZone } from '../../core/zoned.js';
import { SupportError } from '../errors.js';
import { db, emit, type Rule } from './run.js';
import type { AttachmentRecord, BookingRecord, Hold, StoredFile, SupportSettings, UserRecord } from './store.js';

/**
 * The support rules, once, for every backend that stores data: the demo backend (memory store) and the reference
 * server (SQLite) call these. No DOM, no transport: each rule takes the calling {@link Actor}, asks the store for what
 * it needs (`yield* db.…`), announces events (`yield* emit(…)`) and returns domain data or throws a `SupportError`
 * whose `status` an HTTP layer sends. Run them with `runSync`/`runAsync` (run.ts).
 */

/** Who is calling, and the clock of their tenant (tests move a tenant's clock; production never does). */
export interface Actor {
  readonly tenantId: string;
  readonly userId: string;
  readonly now: Date;
  readonly timeZone: string;
}

const invalid = (message: string) => new SupportError('invalid-request', message, { reason: 'invalid-input', status: 400 });
const notFound = (message: string, reason?: string) =>
  new SupportError('not-found', message, { status: 404, ...(reason ? { reason } : {}) });
const conflict = (message: string, reason: string) => new SupportError('conflict', message, { reason, status: 409 });
const noUser = () => new SupportError('unauthorized', 'The session has no user any more', { status: 401 });

// ------------------------------------------------------------------------------------------------ rights and people
function* currentUser(actor: Actor): Rule<UserRecord> {
  const user = yield* db.user(actor.tenantId, actor.userId);
  if (!user) throw noUser();
  return user;
}

function* me(actor: Actor): Rule<PersonRef> {
  const user = yield* currentUser(actor);
  return { id: user.id, name: user.name };
}

/** The right "may unlock the support user": needed to grant, revoke and use unlock links. */
export function* requireUnlockRight(actor: Actor): Rule<void> {
  const user = yield* db.user(actor.tenantId, actor.userId);
  if (!user?.unlockSupport) {
    throw new SupportError('forbidden', 'The user lacks the right "may unlock the support user"', {
      reason: 'right-missing',
      status: 403,
    });
  }
}

const granteeOf = (employee: SupportEmployee): Grantee => ({
  kind: 'employee',
  id: employee.id,
  name: employee.name,
  department: employee.department,
});

/** An employee or department by id, as a grantee with the name it has now; 404 otherwise. */
export function* resolveGrantee(kind: string, id: string): Rule<Grantee> {
  const { employees, departments } = yield* db.staff();
  if (kind === 'employee') {
    const employee = employees.find((e) => e.id === id);
    if (employee) return granteeOf(employee);
  } else if (kind === 'department') {
    const department = departments.find((d) => d.id === id);
    if (department) return { kind: 'department', id: department.id, name: department.name };
  }
  throw notFound(`No support employee or department ${id}`);
}

/** The employees a grant lets in: the employee, or everyone of the department. */
const employeesFor = (employees: readonly SupportEmployee[], grantee: Grantee) =>
  employees.filter((e) => (grantee.kind === 'employee' ? e.id === grantee.id : e.department.id === grantee.id));

// ------------------------------------------------------------------------------------------------ session, tenant, contact
export function* getSession(actor: Actor): Rule<Session> {
  const tenant = yield* db.tenant(actor.tenantId);
  const user = yield* db.user(actor.tenantId, actor.userId);
  if (!tenant || !user) throw noUser();
  return {
    tenant: tenant.tenant,
    user: { id: user.id, name: user.name, email: user.email, phone: user.phone },
    rights: { unlockSupport: user.unlockSupport },
  };
}

export function* getTenantInfo(actor: Actor): Rule<TenantInfo> {
  const tenant = yield* db.tenant(actor.tenantId);
  if (!tenant) throw noUser();
  return tenant.info;
}

/** Contact data is public: no actor. */
export function* getContactInfo(): Rule<ContactInfo> {
  return (yield* db.settings()).contact;
}

/** Employees whose name or department contains the query (case-insensitive); an empty query lists the departments. */
export function* searchStaff(query: string): Rule<StaffSearchResult> {
  const { employees, departments } = yield* db.staff();
  const needle = query.trim().toLocaleLowerCase();
  if (needle === '') return { employees: [], departments: [...departments] };
  const hit = (name: string) => name.toLocaleLowerCase().includes(needle);
  return {
    employees: employees.filter((e) => hit(e.name) || hit(e.department.name)),
    departments: departments.filter((d) => hit(d.name)),
  };
}

// ------------------------------------------------------------------------------------------------ grants
/** Granted within 6 months, or still active; newest first. */
export function* listGrants(actor: Actor): Rule<Grant[]> {
  const since = retentionStart('grants', actor.now, actor.timeZone);
  const grants = yield* db.grants(actor.tenantId, since, actor.now);
  return grants.filter((g) => isGrantListed(g, actor.now, actor.timeZone));
}

function* addGrant(actor: Actor, grantee: Grantee, duration: GrantDuration, dataExport: boolean, source: Grant['source']): Rule<Grant> {
  const grant: Grant = {
    id: yield* db.newId('grant'),
    grantee,
    dataExport,
    duration,
    grantedAt: actor.now,
    endsAt: grantEndsAt(duration, actor.now, actor.timeZone),
    grantedBy: yield* me(actor),
    source,
    revokedAt: null,
    revokedBy: null,
  };
  yield* db.insertGrant(actor.tenantId, grant);
  return grant;
}

export interface GrantRequest {
  readonly grantee: { readonly kind: string; readonly id: string };
  readonly duration: GrantDuration;
  readonly dataExport: boolean;
}

/** A grant from the dialog: needs the right; `endsAt` from the duration in the tenant's zone. */
export function* createGrant(actor: Actor, input: GrantRequest): Rule<Grant> {
  yield* requireUnlockRight(actor);
  if (!input || typeof input !== 'object') throw invalid('A grant needs a grantee, a duration and the data export flag');
  if (!isGrantDuration(input.duration)) throw invalid(`Unknown duration; use one of ${GRANT_DURATIONS.join(', ')}`);
  if (typeof input.dataExport !== 'boolean') throw invalid('dataExport must be true or false');
  const grantee = yield* resolveGrantee(input.grantee?.kind ?? '', input.grantee?.id ?? '');
  const grant = yield* addGrant(actor, grantee, input.duration, input.dataExport, 'dialog');
  yield* emit({ tenantId: actor.tenantId }, { type: 'grant-changed', grant });
  return grant;
}

/**
 * Revokes an active grant and ends the logins that used it. The store's conditional write decides whether the grant
 * was active: of two concurrent revokes (two processes, clocks read before the write lock) exactly one succeeds; the
 * other gets 409 `grant-inactive` and emits nothing.
 */
export function* revokeGrant(actor: Actor, grantId: string): Rule<Grant> {
  yield* requireUnlockRight(actor);
  const by = yield* me(actor);
  if (!(yield* db.revokeGrant(actor.tenantId, grantId, actor.now, by))) {
    if (!(yield* db.grant(actor.tenantId, grantId))) throw notFound(`No grant ${grantId}`);
    throw conflict('The grant has already ended', 'grant-inactive');
  }
  for (const login of yield* db.openLoginsOfGrant(actor.tenantId, grantId)) yield* endSupportLogin(actor, login.id);
  const grant = (yield* db.grant(actor.tenantId, grantId))!;
  yield* emit({ tenantId: actor.tenantId }, { type: 'grant-changed', grant });
  return grant;
}

// ------------------------------------------------------------------------------------------------ support logins
/** The open logins, or those of the last 6 months; newest first. */
export function* listLogins(actor: Actor, activeOnly: boolean): Rule<SupportLogin[]> {
  return yield* db.logins(actor.tenantId, activeOnly ? null : retentionStart('logins', actor.now, actor.timeZone));
}

export interface LoginStart {
  readonly reason: string;
  /** The grant to use; default the newest active one. */
  readonly grantId?: string;
  /** Which of the employees the grant lets in logs in; default the given one, else the first. */
  readonly employeeId?: string;
  readonly pick?: (candidates: readonly SupportEmployee[]) => SupportEmployee;
}

/** Support logs in against an active grant (support's side: the demo's simulation, test control); `null` without one. */
export function* startSupportLogin(actor: Actor, input: LoginStart): Rule<SupportLogin | null> {
  let grant: Grant | null;
  if (input.grantId !== undefined) grant = yield* db.grant(actor.tenantId, input.grantId);
  else grant = (yield* db.grants(actor.tenantId, actor.now, actor.now)).find((g) => isGrantActive(g, actor.now)) ?? null;
  if (!grant || !isGrantActive(grant, actor.now)) return null;
  const { employees } = yield* db.staff();
  const candidates = employeesFor(employees, grant.grantee);
  const employee =
    candidates.find((e) => e.id === input.employeeId) ??
    (input.pick && candidates.length > 0 ? input.pick(candidates) : candidates[0]) ??
    employees[0]!;
  const login: SupportLogin = {
    id: yield* db.newId('login'),
    employee,
    startedAt: actor.now,
    endedAt: null,
    reason: input.reason,
    grantId: grant.id,
  };
  yield* db.insertLogin(actor.tenantId, login);
  yield* emit({ tenantId: actor.tenantId }, { type: 'login-started', login });
  return login;
}

/** Ends an open login now; `null` (and no event) when it was not open. */
export function* endSupportLogin(actor: Actor, loginId: string): Rule<SupportLogin | null> {
  const login = yield* db.endLogin(actor.tenantId, loginId, actor.now);
  if (login) yield* emit({ tenantId: actor.tenantId }, { type: 'login-ended', login });
  return login;
}

// ------------------------------------------------------------------------------------------------ unlock links
export interface UnlockLinkRequest {
  /** An employee id or a department id. */
  readonly granteeId: string;
  /** The employee who sends the link. Default: the grantee, or the first of the department. */
  readonly requestedById?: string;
  readonly duration: GrantDuration;
  readonly dataExport: boolean;
  readonly reason: string;
  readonly validForMs: number;
}

/** Support e-mails a link (support's side): stores the request under `token`, which the caller made unguessable. */
export function* createUnlockLink(actor: Actor, token: string, input: UnlockLinkRequest): Rule<UnlockRequest> {
  const { employees } = yield* db.staff();
  const employee = employees.find((e) => e.id === input.granteeId);
  const grantee = employee ? granteeOf(employee) : yield* resolveGrantee('department', input.granteeId);
  const requestedBy =
    employees.find((e) => e.id === input.requestedById) ?? employee ?? employeesFor(employees, grantee)[0] ?? employees[0]!;
  const request: UnlockRequest = {
    grantee,
    requestedBy,
    duration: input.duration,
    dataExport: input.dataExport,
    reason: input.reason,
    requestedAt: actor.now,
    expiresAt: new Date(actor.now.getTime() + input.validForMs),
  };
  yield* db.insertUnlockLink(actor.tenantId, token, request);
  return request;
}

/** Why a link cannot be used: unknown 404, used 409, expired 410. */
function* unusableLink(actor: Actor, token: string): Rule<SupportError> {
  const link = yield* db.unlockLink(actor.tenantId, token);
  if (!link) return notFound('This unlock link is not known', 'token-unknown');
  if (link.usedAt !== null) return conflict('This unlock link was already used', 'token-used');
  return new SupportError('not-found', 'This unlock link has expired', { reason: 'token-expired', status: 410 });
}

export function* resolveUnlockToken(actor: Actor, token: string): Rule<UnlockRequest> {
  yield* requireUnlockRight(actor);
  const link = yield* db.unlockLink(actor.tenantId, token);
  if (!link || link.usedAt !== null || link.request.expiresAt.getTime() <= actor.now.getTime()) throw yield* unusableLink(actor, token);
  return link.request;
}

/** Accepts (a grant from the link's request) or declines; single use, decided by the store's conditional write. */
export function* confirmUnlockToken(actor: Actor, token: string, accept: boolean): Rule<Grant | null> {
  yield* requireUnlockRight(actor);
  if (!(yield* db.useUnlockLink(actor.tenantId, token, actor.now, accept))) throw yield* unusableLink(actor, token);
  if (!accept) return null;
  const { request } = (yield* db.unlockLink(actor.tenantId, token))!;
  const grant = yield* addGrant(actor, request.grantee, request.duration, request.dataExport, 'unlock-link');
  yield* emit({ tenantId: actor.tenantId }, { type: 'grant-changed', grant });
  return grant;
}

// ------------------------------------------------------------------------------------------------ chat
/** The user's messages of the last 21 days after `afterSeq` (-1: all), in order. */
export function* listChatMessages(actor: Actor, afterSeq: number): Rule<ChatMessage[]> {
  // The boundary once, not per message: 20,000 messages list in milliseconds.
  return yield* db.chatMessages(actor.tenantId, actor.userId, afterSeq, retentionStart('chat', actor.now, actor.timeZone));
}

/** The newest seq of the user's conversation (the event stream's starting point). */
export function* chatHead(actor: Pick<Actor, 'tenantId' | 'userId'>): Rule<number> {
  return yield* db.chatHead(actor.tenantId, actor.userId);
}

export interface ChatSend {
  readonly clientId: string;
  readonly text: string;
  /** Attachments uploaded before (`uploadAttachment`), in order; missing means none. */
  readonly attachmentIds?: readonly string[];
}

const attachmentError = (reason: string, message: string, status = 400) =>
  new SupportError('invalid-request', message, { reason, status });

/**
 * Stores the message once per clientId (exactly once, whatever the retries); `created` is false for a repeat, which
 * answers the stored message and emits nothing. Text must not be blank (unless attachments come along) and has at
 * most 4000 code points. With attachments, the message is stored with exactly those or not at all: each must be the
 * user's own upload and on no message yet (`attachment-unknown`), at most `ATTACHMENTS_PER_MESSAGE_MAX`.
 */
export function* sendChatMessage(actor: Actor, input: ChatSend): Rule<{ message: ChatMessage; created: boolean }> {
  if (!input || typeof input.clientId !== 'string' || input.clientId.trim() === '') throw invalid('clientId: a message needs a clientId');
  const ids = input.attachmentIds ?? [];
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string' || id === '' || id.length > ID_MAX_LENGTH)) {
    throw invalid('attachmentIds: a list of attachment ids');
  }
  if (new Set(ids).size !== ids.length) throw invalid('attachmentIds: each attachment once');
  if (ids.length > ATTACHMENTS_PER_MESSAGE_MAX) {
    throw attachmentError('attachments-too-many', `attachmentIds: at most ${ATTACHMENTS_PER_MESSAGE_MAX} attachments per message`);
  }
  if (typeof input.text !== 'string' || (isBlank(input.text) && ids.length === 0)) throw invalid('text: must not be blank');
  if (exceedsLimit(input.text, CHAT_MESSAGE_MAX_LENGTH)) throw invalid(`text: at most ${CHAT_MESSAGE_MAX_LENGTH} characters`);
  const existing = yield* db.chatMessageByClientId(actor.tenantId, actor.userId, input.clientId);
  if (existing) return { message: existing, created: false };
  const attachments: AttachmentRef[] = [];
  for (const id of ids) {
    const record = yield* db.attachment(actor.tenantId, actor.userId, id);
    if (!record || record.clientId === null || record.messageId !== null) {
      throw attachmentError('attachment-unknown', `attachmentIds: no unsent attachment ${id} of this user`);
    }
    attachments.push(refOf(record));
  }
  const author = yield* me(actor);
  const id = yield* db.newId('msg');
  const message = yield* db.insertChatMessage(actor.tenantId, actor.userId, {
    id,
    clientId: input.clientId,
    author: 'customer',
    authorName: author.name,
    text: input.text,
    sentAt: actor.now,
    attachments,
  });
  // A concurrent send with the same clientId won the insert: answer its message.
  if (!message) return { message: (yield* db.chatMessageByClientId(actor.tenantId, actor.userId, input.clientId))!, created: false };
  // In the same transaction: a concurrent send of another message with the same files loses here and stores nothing.
  if (ids.length && !(yield* db.attachToMessage(actor.tenantId, actor.userId, ids, id))) {
    throw attachmentError('attachment-unknown', 'attachmentIds: an attachment was sent with another message meanwhile');
  }
  yield* emit({ tenantId: actor.tenantId, userId: actor.userId }, { type: 'chat-message', message });
  return { message, created: true };
}

const refOf = (r: AttachmentRecord): AttachmentRef => ({ id: r.id, name: r.name, type: r.type, size: r.size });

export interface AttachmentUpload {
  readonly clientId: string;
  readonly name: string;
  /** What the client claimed (only tells CSV from plain text). */
  readonly type: string;
  /** The file's bytes as they arrived (the reference server): judged here, by `sniffAttachmentType`. */
  readonly bytes: Uint8Array;
}

/**
 * An upload in a browser (the demo backend): the user's Blob, kept as it is, with its type by content found
 * beforehand by the same core rules (`sniffBlob` over its first bytes, and what an office document or text needs
 * beyond them; `sniffAttachmentType` gives the same verdict over the whole bytes). A Blob is read asynchronously,
 * which a rule (run inside a store's transaction) cannot do.
 */
export interface BlobAttachmentUpload {
  readonly clientId: string;
  readonly name: string;
  readonly type: string;
  readonly blob: Blob;
  /** `sniffBlob(blob, { name: attachmentFileName(name), type })`. */
  readonly sniffed: AttachmentType | null;
}

/**
 * Stores one file of the user's once per clientId (`created` false for a repeat, which answers the stored ref). The
 * content decides: empty (`attachment-empty`), over `ATTACHMENT_MAX_BYTES` (`attachment-too-large`, 413), or none
 * of the accepted types by its magic bytes (`attachment-type-refused`, 415), whatever its name and claimed type.
 */
export function* uploadAttachment(actor: Actor, input: AttachmentUpload | BlobAttachmentUpload): Rule<{ attachment: AttachmentRef; created: boolean }> {
  if (!input || typeof input.clientId !== 'string' || input.clientId.trim() === '' || input.clientId.length > ID_MAX_LENGTH) {
    throw invalid('clientId: an upload needs a clientId');
  }
  const existing = yield* db.attachmentByClientId(actor.tenantId, actor.userId, input.clientId);
  if (existing) return { attachment: refOf(existing), created: false };
  yield* currentUser(actor);
  const name = attachmentFileName(typeof input.name === 'string' ? input.name : '');
  const declared = { name, type: typeof input.type === 'string' ? input.type : '' };
  const file: StoredFile = 'blob' in input ? input.blob : input.bytes;
  const size = 'blob' in input ? input.blob.size : input.bytes.length;
  const sniffed = 'blob' in input ? () => input.sniffed : () => sniffAttachmentType(input.bytes, declared);
  const type = size === 0 || size > ATTACHMENT_MAX_BYTES ? null : sniffed();
  const problem = attachmentProblem(size, type);
  if (problem === 'empty') throw attachmentError('attachment-empty', 'The file is empty');
  if (problem === 'too-large') throw attachmentError('attachment-too-large', `The file is larger than ${ATTACHMENT_MAX_BYTES} bytes`, 413);
  if (problem === 'type-refused') throw attachmentError('attachment-type-refused', 'The file is none of the accepted types', 415);
  const record: AttachmentRecord = {
    id: yield* db.newId('att'),
    name,
    type: type!,
    size,
    clientId: input.clientId,
    messageId: null,
    createdAt: actor.now,
  };
  if (!(yield* db.insertAttachment(actor.tenantId, actor.userId, record, file))) {
    return { attachment: refOf((yield* db.attachmentByClientId(actor.tenantId, actor.userId, input.clientId))!), created: false };
  }
  return { attachment: refOf(record), created: true };
}

/**
 * An attachment of the user's own conversation with its content; `not-found` for anything else (no hint it exists).
 * The content is what the store was given (`F`: bytes on the reference server; bytes or a Blob in the demo backend).
 */
export function* attachmentContent<F extends StoredFile = Uint8Array>(actor: Actor, attachmentId: string): Rule<{ attachment: AttachmentRef; bytes: F }> {
  const record = typeof attachmentId === 'string' ? yield* db.attachment(actor.tenantId, actor.userId, attachmentId) : null;
  // Retention is exact, whenever the purge runs: a file goes with its message after 21 days, an unsent one after a day.
  let retained = false;
  if (record?.messageId) {
    const sentAt = yield* db.chatMessageSentAt(actor.tenantId, actor.userId, record.messageId);
    retained = sentAt !== null && sentAt.getTime() >= retentionStart('chat', actor.now, actor.timeZone).getTime();
  } else if (record) retained = record.createdAt.getTime() >= actor.now.getTime() - UNSENT_ATTACHMENT_RETENTION_MS;
  const bytes = record && retained ? yield* db.attachmentBytes(actor.tenantId, actor.userId, attachmentId) : null;
  if (!record || !bytes) throw notFound('No such attachment', 'attachment-unknown');
  return { attachment: refOf(record), bytes: bytes as F };
}

/** A support employee writes to the user (agent simulation, test control), optionally with files (checked as uploads are). */
export function* addSupportMessage(
  actor: Actor,
  text: string,
  authorName: string,
  files: readonly { readonly name: string; readonly bytes: Uint8Array }[] = [],
): Rule<ChatMessage> {
  const attachments: AttachmentRef[] = [];
  for (const file of files) {
    const name = attachmentFileName(file.name);
    const type = sniffAttachmentType(file.bytes, { name });
    const problem = attachmentProblem(file.bytes.length, type);
    if (problem) throw attachmentError(`attachment-${problem}`, `${name}: ${problem}`);
    const record: AttachmentRecord = { id: yield* db.newId('att'), name, type: type!, size: file.bytes.length, clientId: null, messageId: null, createdAt: actor.now };
    yield* db.insertAttachment(actor.tenantId, actor.userId, record, file.bytes);
    attachments.push(refOf(record));
  }
  const id = yield* db.newId('msg');
  const message = (yield* db.insertChatMessage(actor.tenantId, actor.userId, {
    id,
    clientId: null,
    author: 'support',
    authorName,
    text,
    sentAt: actor.now,
    attachments,
  }))!;
  if (attachments.length) yield* db.attachToMessage(actor.tenantId, actor.userId, attachments.map((a) => a.id), id);
  yield* emit({ tenantId: actor.tenantId, userId: actor.userId }, { type: 'chat-message', message });
  return message;
}

/** Support starts or stops typing (the user's chat only). */
export function* supportTyping(actor: Pick<Actor, 'tenantId' | 'userId'>, typing: boolean, name: string | null): Rule<void> {
  yield* emit({ tenantId: actor.tenantId, userId: actor.userId }, { type: 'chat-typing', typing, name });
}

export function* chatCount(actor: Pick<Actor, 'tenantId' | 'userId'>, clientId?: string): Rule<number> {
  return yield* db.chatCount(actor.tenantId, actor.userId, clientId);
}

// ------------------------------------------------------------------------------------------------ callbacks
export function* getCallbackTopics(): Rule<CallbackTopic[]> {
  return [...(yield* db.settings()).topics];
}

function* topicById(topicId: string): Rule<CallbackTopic> {
  const topic = (yield* db.settings()).topics.find((t) => t.id === topicId);
  if (!topic) throw notFound(`No callback topic ${topicId}`);
  return topic;
}

/**
 * The day's full list of windows depends only on the settings, the window length and the calendar day (in the hours'
 * zone): computed once per day (the time rules cost milliseconds) and filtered by the notice.
 */
const dayWindows = new WeakMap<SupportSettings, Map<string, readonly TimeWindow[]>>();
function windowsOf(settings: SupportSettings, topic: CallbackTopic, now: Date): TimeWindow[] {
  const hours = settings.contact.supportHours;
  const rules = { ...settings.callbackRules, windowMinutes: topic.windowMinutes };
  let cache = dayWindows.get(settings);
  if (!cache) dayWindows.set(settings, (cache = new Map()));
  const key = `${topic.windowMinutes}|${isoDayIn(now, hours.timeZone)}`;
  let all = cache.get(key);
  if (!all) {
    if (cache.size > 64) cache.clear();
    all = callbackWindows(hours, { ...rules, minNoticeMinutes: 0 }, startOfDay(now, inZone(hours.timeZone)));
    cache.set(key, all);
  }
  const earliest = now.getTime() + rules.minNoticeMinutes * 60_000;
  return all.filter((w) => w.start.getTime() >= earliest);
}

const countOverlapping = (holds: readonly Hold[], w: TimeWindow) =>
  holds.reduce((n, h) => (h.start.getTime() < w.end.getTime() && w.start.getTime() < h.end.getTime() ? n + 1 : n), 0);

/** The bookable windows of a topic, each `available` while the capacity is not taken. */
export function* listCallbackWindows(actor: Actor, topicId: string): Rule<CallbackWindow[]> {
  const settings = yield* db.settings();
  const windows = windowsOf(settings, yield* topicById(topicId), actor.now);
  if (windows.length === 0) return [];
  const holds = yield* db.holds(windows[0]!.start, windows[windows.length - 1]!.end);
  return windows.map((w) => ({ start: w.start, end: w.end, available: countOverlapping(holds, w) < settings.callbackCapacity }));
}

function* toBooking(record: BookingRecord): Rule<CallbackBooking> {
  const topic = yield* topicById(record.topicId);
  return { id: record.id, topic, window: record.window, phone: record.phone, note: record.note, bookedAt: record.bookedAt };
}

/** The customer's booking until its window has ended. */
export function* getCallbackBooking(actor: Actor): Rule<CallbackBooking | null> {
  const record = yield* db.booking(actor.tenantId);
  return record && record.window.end.getTime() > actor.now.getTime() ? yield* toBooking(record) : null;
}

export interface BookingRequest {
  readonly topicId: string;
  readonly start: Date;
  readonly phone: string;
  readonly note?: string;
}

/** The window must be offered now and have capacity left (the own booking does not count when moving it). */
function* checkBooking(actor: Actor, input: BookingRequest, ignoreOwn: boolean) {
  const settings = yield* db.settings();
  const topic = yield* topicById(input.topicId);
  const phone = parsePhoneNumber(String(input.phone ?? ''));
  if (!phone.ok) throw invalid(`phone: not a valid phone number (${phone.problem})`);
  const note = String(input.note ?? '');
  if (exceedsLimit(note, CALLBACK_NOTE_MAX_LENGTH)) throw invalid(`note: at most ${CALLBACK_NOTE_MAX_LENGTH} characters`);
  const start = new Date(input.start).getTime();
  const window = windowsOf(settings, topic, actor.now).find((w) => w.start.getTime() === start);
  if (!window) throw conflict('That window cannot be booked (outside support hours, past or too soon)', 'window-invalid');
  const holds = (yield* db.holds(window.start, window.end)).filter((h) => !ignoreOwn || h.tenantId !== actor.tenantId);
  if (countOverlapping(holds, window) >= settings.callbackCapacity) throw conflict('Somebody booked that window meanwhile', 'window-taken');
  return { topic, window, phone: phone.e164, note };
}

const bookingExists = () => conflict('Only one callback window can be booked per customer', 'booking-exists');

/** One booked window per customer: a second booking while one is pending is a conflict. */
export function* bookCallback(actor: Actor, input: BookingRequest): Rule<CallbackBooking> {
  yield* db.deleteEndedBooking(actor.tenantId, actor.now); // a past call no longer counts
  if (yield* db.booking(actor.tenantId)) throw bookingExists();
  const { topic, window, phone, note } = yield* checkBooking(actor, input, false);
  const record: BookingRecord = { id: yield* db.newId('booking'), topicId: topic.id, window, phone, note, bookedAt: actor.now };
  // The store's one-per-customer write is the last word, whatever raced us.
  if (!(yield* db.insertBooking(actor.tenantId, record, actor.userId))) throw bookingExists();
  return { id: record.id, topic, window, phone, note, bookedAt: record.bookedAt };
}

export function* changeCallback(actor: Actor, bookingId: string, input: BookingRequest): Rule<CallbackBooking> {
  const current = yield* db.booking(actor.tenantId);
  if (!current || current.id !== bookingId || current.window.end.getTime() <= actor.now.getTime()) throw notFound('No such booking');
  const { topic, window, phone, note } = yield* checkBooking(actor, input, true);
  const record: BookingRecord = { ...current, topicId: topic.id, window, phone, note };
  yield* db.updateBooking(actor.tenantId, record);
  return { id: record.id, topic, window, phone, note, bookedAt: record.bookedAt };
}

export function* cancelCallback(actor: Actor, bookingId: string): Rule<void> {
  if (!(yield* db.deleteBooking(actor.tenantId, bookingId, actor.now))) throw notFound('No such booking');
}

/** Another customer (or the phone) takes the whole capacity of a window (race simulations, test control). */
export function* takeWindow(topicId: string, start: Date): Rule<void> {
  const topic = yield* topicById(topicId);
  const { callbackCapacity } = yield* db.settings();
  const end = new Date(start.getTime() + topic.windowMinutes * 60_000);
  for (let i = 0; i < callbackCapacity; i += 1) yield* db.insertHold({ start, end });
}

// ------------------------------------------------------------------------------------------------ retention
/** Used or expired unlock links are kept a week, then deleted. */
export const UNLOCK_LINK_RETENTION_MS = 7 * 24 * 3600_000;

/**
 * Deletes what the retention rules no longer keep, for every tenant on its own clock: chat older than 21 days, ended
 * logins older than 6 months, grants older than 6 months that are no longer active, used or expired unlock links
 * after a week, past bookings and holds. Listings filter by the same rules, so the boundary is exact whenever the
 * purge runs; running it twice (or on two instances at once) deletes nothing more.
 */
export function* purge(realNow: Date): Rule<Record<string, number>> {
  const counts: Record<string, number> = { chat: 0, attachments: 0, logins: 0, grants: 0, unlockLinks: 0, bookings: 0, external: 0 };
  for (const t of yield* db.tenantClocks()) {
    const now = new Date(realNow.getTime() + t.clockOffsetMs);
    const deleted = yield* db.deleteExpired(t.id, {
      now,
      chat: retentionStart('chat', now, t.timeZone),
      unsentAttachments: new Date(now.getTime() - UNSENT_ATTACHMENT_RETENTION_MS),
      logins: retentionStart('logins', now, t.timeZone),
      grants: retentionStart('grants', now, t.timeZone),
      unlockLinks: new Date(now.getTime() - UNLOCK_LINK_RETENTION_MS),
    });
    for (const [kind, n] of Object.entries(deleted)) counts[kind] = (counts[kind] ?? 0) + n;
  }
  counts['external'] = yield* db.deleteEndedHolds(realNow);
  return counts;
}
