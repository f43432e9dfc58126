/**
 * The adapter contract as runtime checks: one check per response type and live event, `RESPONSE_CHECKS` by method,
 * and `validateResponse`, which turns a failed check into a `SupportError('invalid-response')` naming the method.
 * `validateBackend` (validate-backend.ts), the HTTP backend and the conformance suite all check with this table.
 */
import type {
  AttachmentRef,
  CallbackBooking,
  CallbackTopic,
  CallbackWindow,
  ChatMessage,
  ContactInfo,
  Grant,
  Grantee,
  Session,
  StaffSearchResult,
  SupportEmployee,
  SupportLogin,
  TenantInfo,
  UnlockRequest,
} from '../core/types.js';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES } from '../core/attachments.js';
import { isGrantDuration } from '../core/grant-durations.js';
import { isIsoDay, isValidTimeZone, isWallTime } from '../core/zone.js';
import type { AttachmentBackend, SupportAttachmentMethod, SupportBackend, SupportEvent } from './backend.js';
import { SupportError } from './errors.js';
import {
  type Check,
  ValidationError,
  array,
  boolean,
  date,
  either,
  integer,
  literal,
  matching,
  nonEmptyString,
  nonNegativeInteger,
  nullable,
  number,
  object,
  positiveInteger,
  record,
  refine,
  string,
  union,
  withDefault,
} from './schema.js';

const id = nonEmptyString;
const timeZone = matching(isValidTimeZone, 'an IANA time zone');
const wallTime = matching(isWallTime, 'a wall time HH:mm');
const isoDay = matching(isIsoDay, 'a calendar day yyyy-MM-dd');
const email = matching((v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'an e-mail address');
const e164 = matching((v) => /^\+[1-9]\d{6,14}$/.test(v), 'an E.164 phone number');
const localizedText = either(nonEmptyString, record(string), 'a string or an object of strings per language');
const duration = matching(isGrantDuration, 'a grant duration (1h, 2h, 4h, today, 1w, 2w, 1m, permanent)') as Check<
  Grant['duration']
>;

const personRef = object({ id, name: nonEmptyString });

export const checkSession: Check<Session> = object({
  tenant: object({
    id,
    name: nonEmptyString,
    label: string,
    timeZone: withDefault(timeZone, 'Europe/Berlin'),
    brandName: withDefault(string, ''),
  }),
  user: object({ id, name: nonEmptyString, email: nullable(email), phone: nullable(string) }),
  rights: object({ unlockSupport: boolean }),
});

export const checkTenantInfo: Check<TenantInfo> = object({
  tenantName: nonEmptyString,
  tenantLabel: string,
  productName: nonEmptyString,
  version: nonEmptyString,
  build: nullable(string),
  releasedAt: nullable(date),
  edition: nullable(string),
  customerNumber: nullable(string),
});

const phoneLine = object({ countries: array(matching((v) => /^[A-Z]{2}$/.test(v), 'a country code')), display: nonEmptyString, e164 });

const weekday = refine(integer, (d) => d >= 1 && d <= 7, 'an ISO weekday 1–7');

export const checkContactInfo: Check<ContactInfo> = object({
  email,
  directLines: array(phoneLine),
  supportHours: refine(
    object({ timeZone, weekdays: array(weekday), opens: wallTime, closes: wallTime, holidays: withDefault(array(isoDay), []) }),
    (h) => h.opens < h.closes,
    'opening before closing',
  ),
  hotline: object({
    lines: array(phoneLine),
    timeZone,
    tiers: refine(
      array(object({ id: literal('day', 'night'), from: wallTime, to: wallTime, responseHours: number })),
      (t) => t.length > 0,
      'at least one tier',
    ),
    pricing: object({
      pricePerBlock: object({ amountMinor: nonNegativeInteger, currency: matching((v) => /^[A-Z]{3}$/.test(v), 'an ISO 4217 code') }),
      blockMinutes: refine(number, (n) => n > 0, 'a positive number'),
      appliesTo: array(string),
    }),
  }),
});

const checkEmployee: Check<SupportEmployee> = object({ id, name: nonEmptyString, department: personRef });

const checkGrantee: Check<Grantee> = union<Grantee>('kind', {
  employee: object({ kind: literal('employee'), id, name: nonEmptyString, department: personRef }),
  department: object({ kind: literal('department'), id, name: nonEmptyString }),
});

export const checkStaffSearchResult: Check<StaffSearchResult> = object({
  employees: array(checkEmployee),
  departments: array(personRef),
});

export const checkGrant: Check<Grant> = refine(
  object({
    id,
    grantee: checkGrantee,
    dataExport: boolean,
    duration,
    grantedAt: date,
    endsAt: nullable(date),
    grantedBy: personRef,
    source: withDefault(literal('dialog', 'unlock-link'), 'dialog'),
    revokedAt: nullable(date),
    revokedBy: nullable(personRef),
  }),
  (g) => (g.duration === 'permanent') === (g.endsAt === null) && (g.endsAt === null || g.endsAt > g.grantedAt),
  'endsAt after grantedAt, and null exactly for permanent grants',
);

export const checkLogin: Check<SupportLogin> = refine(
  object({ id, employee: checkEmployee, startedAt: date, endedAt: nullable(date), reason: string, grantId: id }),
  (l) => l.endedAt === null || l.endedAt >= l.startedAt,
  'endedAt not before startedAt',
);

export const checkUnlockRequest: Check<UnlockRequest> = object({
  grantee: checkGrantee,
  requestedBy: checkEmployee,
  duration,
  dataExport: boolean,
  reason: string,
  requestedAt: date,
  expiresAt: date,
});

export const checkAttachmentRef: Check<AttachmentRef> = object({
  id,
  name: nonEmptyString,
  type: literal(...ATTACHMENT_TYPES),
  size: refine(positiveInteger, (n) => n <= ATTACHMENT_MAX_BYTES, `at most ${ATTACHMENT_MAX_BYTES} bytes`),
});

export const checkChatMessage: Check<ChatMessage> = object({
  id,
  clientId: nullable(nonEmptyString),
  seq: nonNegativeInteger,
  author: literal('customer', 'support'),
  authorName: string,
  text: string,
  sentAt: date,
  attachments: withDefault(array(checkAttachmentRef), []),
});

/** A downloaded attachment: a `Blob` of at most `ATTACHMENT_MAX_BYTES` (its type is decided again by content). */
export const checkAttachmentBlob: Check<Blob> = Object.assign(
  (v: unknown, p: string): Blob => {
    if (typeof Blob === 'undefined' || !(v instanceof Blob) || v.size > ATTACHMENT_MAX_BYTES) {
      throw new ValidationError(p, `a Blob of at most ${ATTACHMENT_MAX_BYTES} bytes`, v);
    }
    return v;
  },
  { doc: { kind: 'text', text: `a \`Blob\` of at most ${ATTACHMENT_MAX_BYTES} bytes (elements decide its type again by content)` } as const },
);

export const checkTopic: Check<CallbackTopic> = object({
  id,
  title: localizedText,
  description: nullable(localizedText),
  windowMinutes: positiveInteger,
});

export const checkWindow: Check<CallbackWindow> = refine(
  object({ start: date, end: date, available: boolean }),
  (w) => w.end > w.start,
  'end after start',
);

export const checkBooking: Check<CallbackBooking> = object({
  id,
  topic: checkTopic,
  window: refine(object({ start: date, end: date }), (w) => w.end > w.start, 'end after start'),
  phone: nonEmptyString,
  note: withDefault(string, ''),
  bookedAt: date,
});

export const checkEvent: Check<SupportEvent> = union<SupportEvent>('type', {
  'chat-message': object({ type: literal('chat-message'), message: checkChatMessage }),
  'chat-typing': object({ type: literal('chat-typing'), typing: boolean, name: nullable(string) }),
  'login-started': object({ type: literal('login-started'), login: checkLogin }),
  'login-ended': object({ type: literal('login-ended'), login: checkLogin }),
  'grant-changed': object({ type: literal('grant-changed'), grant: checkGrant }),
  connection: object({ type: literal('connection'), state: literal('open', 'closed', 'unauthorized') }),
});

/**
 * The checks of the optional attachment methods (`uploadAttachment`, `downloadAttachment`): kept apart from
 * `RESPONSE_CHECKS` because a backend may leave them out; wrappers add them only when the backend has them.
 */
export const ATTACHMENT_RESPONSE_CHECKS: { readonly [M in SupportAttachmentMethod]: Check<unknown> } = {
  uploadAttachment: checkAttachmentRef,
  downloadAttachment: checkAttachmentBlob,
};

/** `true` when `backend` implements both attachment methods (the chat then offers attachments). */
export const supportsAttachments = (backend: SupportBackend): backend is AttachmentBackend =>
  typeof backend.uploadAttachment === 'function' && typeof backend.downloadAttachment === 'function';

/** Validates `value` with `check`, turning a problem into a SupportError `invalid-response` that names the method. */
export function validateResponse<T>(method: string, check: Check<T>, value: unknown): T {
  try {
    return check(value, '');
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new SupportError('invalid-response', `${method}: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

type Validators = { readonly [M in Exclude<keyof SupportBackend, 'subscribe' | SupportAttachmentMethod>]: Check<unknown> };

/**
 * The check of each method's response, by method name (adapters such as the HTTP backend and the conformance suite
 * validate with the same table as `validateBackend`).
 */
export const RESPONSE_CHECKS: Validators = {
  getSession: checkSession,
  getTenantInfo: checkTenantInfo,
  getContactInfo: checkContactInfo,
  searchStaff: checkStaffSearchResult,
  listGrants: array(checkGrant),
  createGrant: checkGrant,
  revokeGrant: checkGrant,
  listLogins: array(checkLogin),
  resolveUnlockToken: checkUnlockRequest,
  confirmUnlockToken: nullable(checkGrant),
  listChatMessages: array(checkChatMessage),
  sendChatMessage: checkChatMessage,
  getCallbackTopics: array(checkTopic),
  listCallbackWindows: array(checkWindow),
  getCallbackBooking: nullable(checkBooking),
  bookCallback: checkBooking,
  changeCallback: checkBooking,
  // Nothing to check: whatever it resolves with is ignored.
  cancelCallback: Object.assign((v: unknown) => (v === undefined || v === null ? undefined : v), {
    doc: { kind: 'text', text: 'nothing (whatever it resolves with is ignored)' } as const,
  }),
};

