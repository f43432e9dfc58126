import { addMinutes, subDays } from 'date-fns';
import { CALLBACK_NOTE_MAX_LENGTH, CHAT_MESSAGE_MAX_LENGTH, exceedsLimit, isBlank } from '../../core/limits.js';
import { callbackWindows, DEFAULT_CALLBACK_RULES, type CallbackWindowRules } from '../../core/callback-windows.js';
import { GRANT_DURATIONS, grantEndsAt, isGrantActive, isGrantDuration } from '../../core/durations.js';
import { parsePhoneNumber } from '../../core/phone.js';
import { isGrantListed, isRetained, retentionStart } from '../../core/retention.js';
import type {
  CallbackBooking,
  CallbackBookingInput,
  CallbackWindow,
  ChatMessage,
  ChatSendInput,
  ContactInfo,
  Grant,
  GrantDuration,
  GrantInput,
  Grantee,
  PersonRef,
  Session,
  StaffSearchResult,
  SupportEmployee,
  SupportLogin,
  TenantInfo,
  UnlockRequest,
} from '../../core/types.js';
import type {
  ChatListOptions,
  LoginListOptions,
  SupportBackend,
  SupportEvent,
  SupportEventListener,
  WindowListOptions,
} from '../backend.js';
import { SupportError, throwIfAborted } from '../errors.js';
import { createRandom, secureToken } from './random.js';
import {
  SEED_CONTACT,
  SEED_TENANT,
  SEED_TENANT_INFO,
  SEED_TOPICS,
  SEED_USER,
  agentReply,
  chatLines,
  loginReasons,
  seedDepartments,
  seedEmployees,
  type DemoLocale,
} from './seed.js';

/** The longest chat message the demo backend (and the reference contract) accepts; defined in the core. */
export { CHAT_MESSAGE_MAX_LENGTH };

export interface DemoBackendOptions {
  /** Language of the seeded texts (departments, reasons, chat, agent replies). Default `de`. */
  readonly locale?: DemoLocale;
  /** The clock. Default: the real one. */
  readonly now?: () => Date;
  /** Seed for the reproducible pseudo-random data. */
  readonly seed?: number;
  /** Whether somebody is signed in. Default `true`. */
  readonly signedIn?: boolean;
  /** The signed-in user's right "may unlock the support user". Default `true` (on for all users, as in the product). */
  readonly unlockSupport?: boolean;
  /** Seed history (grants, logins, chat, other customers' bookings). Default `true`; `false` starts empty. */
  readonly history?: boolean;
  /** Extra chat messages seeded evenly over the last 21 days (benchmarks). */
  readonly chatMessages?: number;
  /** Delay before support starts typing an answer, ms. Default 2500; `null` = the agent never answers. */
  readonly agentDelayMs?: number | null;
  /** How long support types, ms. Default 1500. */
  readonly agentTypingMs?: number;
  /** Delay after a grant before a simulated support login, ms. Default 20000; `null` = no simulated logins. */
  readonly loginDelayMs?: number | null;
  /** How long a simulated login lasts, ms. Default 180000. */
  readonly loginDurationMs?: number;
  /** Callback rules (window length comes from the topic). */
  readonly callbackRules?: Omit<CallbackWindowRules, 'windowMinutes'>;
  /** Agents who can take a callback at the same time. Default 2. */
  readonly callbackCapacity?: number;
  /** Contact data; default: the seed page's. */
  readonly contact?: ContactInfo;
}

export interface UnlockLinkInput {
  /** An employee id or a department id. */
  readonly granteeId: string;
  /** The employee who sends the link. Default: the grantee, or the first of the department. */
  readonly requestedById?: string;
  readonly duration?: GrantDuration;
  readonly dataExport?: boolean;
  readonly reason?: string;
  /** How long the link works. Default 48 h. */
  readonly validForMs?: number;
}

/** Knobs for demos and tests that a real server would not expose. */
export interface DemoControl {
  signIn(): void;
  signOut(): void;
  setUnlockRight(allowed: boolean): void;
  /** What support would e-mail: returns the token of a new unlock link. */
  createUnlockLink(input: UnlockLinkInput): string;
  /** A support message arrives (as if an agent wrote it). */
  pushSupportMessage(text: string, authorName?: string): ChatMessage;
  /** Starts a support login against an active grant now; returns it (or `null` without an active grant). */
  startSupportLogin(reason?: string): SupportLogin | null;
  endSupportLogin(loginId: string): void;
  /** Another customer books `start` for the topic, so the window fills up (race simulations). */
  takeWindow(topicId: string, start: Date): void;
  /** Number of chat messages stored (tests check exactly-once delivery). */
  chatMessageCount(clientId?: string): number;
  /** Stops every timer (agent, logins); the backend keeps answering calls. */
  dispose(): void;
}

export interface DemoBackend extends SupportBackend {
  readonly control: DemoControl;
}

const clone = <T>(value: T): T => structuredClone(value);

const granteeOf = (employee: SupportEmployee): Grantee => ({
  kind: 'employee',
  id: employee.id,
  name: employee.name,
  department: employee.department,
});

/**
 * The embedded in-memory backend: seeded with realistic data, enforcing the rules a real server enforces (the unlock
 * right, one callback booking per customer, single-use unlock tokens, chat idempotency, retention), with a support
 * agent who answers chat messages and support employees who log in against active grants.
 */
export function createDemoBackend(options: DemoBackendOptions = {}): DemoBackend {
  const locale = options.locale ?? 'de';
  const now = options.now ?? (() => new Date());
  const random = createRandom(options.seed ?? 20261125);
  const contact = options.contact ?? SEED_CONTACT;
  const tenantZone = SEED_TENANT.timeZone;
  const departments = seedDepartments(locale);
  const employees = seedEmployees(locale);
  const agentDelayMs = options.agentDelayMs === undefined ? 2500 : options.agentDelayMs;
  const agentTypingMs = options.agentTypingMs ?? 1500;
  const loginDelayMs = options.loginDelayMs === undefined ? 20_000 : options.loginDelayMs;
  const loginDurationMs = options.loginDurationMs ?? 180_000;
  const callbackRules = { ...DEFAULT_CALLBACK_RULES, ...options.callbackRules };
  const capacity = options.callbackCapacity ?? 2;

  let signedIn = options.signedIn ?? true;
  let unlockRight = options.unlockSupport ?? true;
  let idCounter = 0;
  const nextId = (prefix: string) => `${prefix}-${(++idCounter).toString(36)}-${random.int(0, 1e9).toString(36)}`;

  const grants: Grant[] = [];
  const logins: SupportLogin[] = [];
  const chat: ChatMessage[] = [];
  let seq = 0;
  const tokens = new Map<string, { request: UnlockRequest; used: boolean }>();
  const othersBookings: { topicId: string; start: Date; end: Date }[] = [];
  let booking: CallbackBooking | null = null;
  const listeners = new Set<SupportEventListener>();
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };
  const emit = (event: SupportEvent) => {
    for (const listener of [...listeners]) {
      try {
        listener(clone(event));
      } catch (error) {
        console.error(error);
      }
    }
  };
  const me = (): PersonRef => ({ id: SEED_USER.id, name: SEED_USER.name });

  // -------------------------------------------------------------------------------------------- guards
  async function begin(signal: AbortSignal | undefined): Promise<void> {
    throwIfAborted(signal);
    await Promise.resolve();
    throwIfAborted(signal);
    if (!signedIn) throw new SupportError('unauthorized', 'Nobody is signed in', { status: 401 });
  }
  function requireRight(): void {
    if (!unlockRight) {
      throw new SupportError('forbidden', 'The user lacks the right "may unlock the support user"', {
        reason: 'right-missing',
        status: 403,
      });
    }
  }
  const invalid = (message: string) => new SupportError('invalid-request', message, { reason: 'invalid-input', status: 400 });

  function resolveGrantee(input: { kind: string; id: string }): Grantee {
    if (input.kind === 'employee') {
      const employee = employees.find((e) => e.id === input.id);
      if (employee) return granteeOf(employee);
    } else if (input.kind === 'department') {
      const department = departments.find((d) => d.id === input.id);
      if (department) return { kind: 'department', id: department.id, name: department.name };
    }
    throw new SupportError('not-found', `No support employee or department ${input.id}`, { status: 404 });
  }

  function addGrant(grantee: Grantee, duration: GrantDuration, dataExport: boolean, at: Date, source: Grant['source']) {
    const grant: Grant = {
      id: nextId('grant'),
      grantee,
      dataExport,
      duration,
      grantedAt: at,
      endsAt: grantEndsAt(duration, at, tenantZone),
      grantedBy: me(),
      source,
      revokedAt: null,
      revokedBy: null,
    };
    grants.push(grant);
    return grant;
  }

  const employeesFor = (grantee: Grantee): SupportEmployee[] =>
    grantee.kind === 'employee'
      ? employees.filter((e) => e.id === grantee.id)
      : employees.filter((e) => e.department.id === grantee.id);

  function startLogin(grant: Grant, reason: string, at: Date): SupportLogin {
    const employee = random.pick(employeesFor(grant.grantee));
    const login: SupportLogin = { id: nextId('login'), employee, startedAt: at, endedAt: null, reason, grantId: grant.id };
    logins.push(login);
    emit({ type: 'login-started', login });
    return login;
  }

  function endLogin(id: string): void {
    const index = logins.findIndex((l) => l.id === id);
    const login = logins[index];
    if (!login || login.endedAt) return;
    const ended = { ...login, endedAt: now() };
    logins[index] = ended;
    emit({ type: 'login-ended', login: ended });
  }

  function scheduleSimulatedLogin(grant: Grant): void {
    if (loginDelayMs === null) return;
    later(loginDelayMs, () => {
      const current = grants.find((g) => g.id === grant.id);
      if (!current || !isGrantActive(current, now())) return;
      const login = startLogin(current, random.pick(loginReasons(locale)), now());
      later(loginDurationMs, () => endLogin(login.id));
    });
  }

  function addChat(author: ChatMessage['author'], authorName: string, text: string, sentAt: Date, clientId: string | null) {
    const message: ChatMessage = { id: nextId('msg'), clientId, seq: ++seq, author, authorName, text, sentAt };
    chat.push(message);
    return message;
  }

  // -------------------------------------------------------------------------------------------- seed history
  function seedHistory(): void {
    const t0 = now();
    const reasons = loginReasons(locale);
    // Grants over the last 7 months, oldest first: beyond 6 months some must fall out of the overview.
    const durations: GrantDuration[] = ['1h', '2h', '4h', 'today', '1w', '2h', '1h', '2w', '4h', '1m'];
    for (let daysAgo = 212; daysAgo > 3; daysAgo -= random.int(6, 11)) {
      const at = addMinutes(subDays(t0, daysAgo), random.int(-240, 240));
      const grantee = random.chance(0.35)
        ? { kind: 'department' as const, ...departments[random.int(0, 1)]! }
        : granteeOf(random.pick(employees.slice(0, 9)));
      const grant = addGrant(grantee, random.pick(durations), random.chance(0.2), at, random.chance(0.25) ? 'unlock-link' : 'dialog');
      if (random.chance(0.15) && grant.endsAt) {
        const revokedAt = new Date((grant.grantedAt.getTime() + grant.endsAt.getTime()) / 2);
        grants[grants.length - 1] = { ...grant, revokedAt, revokedBy: me() };
      }
      // One to three logins inside the grant's validity.
      const end = grants[grants.length - 1]!.revokedAt ?? grant.endsAt ?? addMinutes(at, 600);
      for (let i = random.int(1, 3); i > 0; i -= 1) {
        const start = new Date(at.getTime() + random.next() * Math.max(0, end.getTime() - at.getTime() - 60_000));
        const employee = random.pick(employeesFor(grantee));
        logins.push({
          id: nextId('login'),
          employee,
          startedAt: start,
          endedAt: new Date(Math.min(end.getTime(), start.getTime() + random.int(5, 50) * 60_000)),
          reason: random.pick(reasons),
          grantId: grant.id,
        });
      }
    }
    // An active one-week grant for the Support department from two days ago.
    const active = addGrant({ kind: 'department', ...departments[0]! }, '1w', false, subDays(t0, 2), 'dialog');
    // …used right now by a support employee, so the live indicator has something to show.
    logins.push({
      id: nextId('login'),
      employee: employees[0]!,
      startedAt: addMinutes(t0, -14),
      endedAt: null,
      reason: reasons[0]!,
      grantId: active.id,
    });

    // Chat: conversations over the last 25 days (the oldest are beyond the 21 days and never shown).
    const lines = chatLines(locale);
    for (let daysAgo = 25; daysAgo >= 1; daysAgo -= random.int(2, 4)) {
      const i = random.int(0, lines.customer.length - 1);
      const at = addMinutes(subDays(t0, daysAgo), random.int(-180, 180));
      addChat('customer', SEED_USER.name, lines.customer[i]!, at, `seed-${seq}`);
      const agent = random.pick(employees.slice(0, 5));
      addChat('support', agent.name, lines.support[i]!, addMinutes(at, random.int(1, 6)), null);
    }
    // Other customers' bookings fill some windows.
    for (const topic of SEED_TOPICS) {
      for (const w of callbackWindows(contact.supportHours, { ...callbackRules, windowMinutes: topic.windowMinutes }, t0)) {
        if (random.chance(0.18)) for (let i = 0; i < capacity; i += 1) othersBookings.push({ topicId: topic.id, ...w });
      }
    }
  }

  function seedBulkChat(count: number): void {
    const t0 = now().getTime();
    const span = 21 * 24 * 3600_000 - 60_000;
    const lines = chatLines(locale);
    for (let i = 0; i < count; i += 1) {
      const at = new Date(t0 - span + Math.floor((span * i) / count));
      const support = i % 2 === 1;
      addChat(
        support ? 'support' : 'customer',
        support ? employees[i % 5]!.name : SEED_USER.name,
        `${(support ? lines.support : lines.customer)[i % 7]} (#${i + 1})`,
        at,
        support ? null : `bulk-${i}`,
      );
    }
    // Keep the store ordered by time, with sequence numbers in that order.
    const all = chat.splice(0).sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime());
    seq = 0;
    for (const m of all) chat.push({ ...m, seq: ++seq });
  }

  if (options.history ?? true) seedHistory();
  if (options.chatMessages) seedBulkChat(options.chatMessages);

  // -------------------------------------------------------------------------------------------- callback helpers
  const topicById = (topicId: string) => {
    const topic = SEED_TOPICS.find((t) => t.id === topicId);
    if (!topic) throw new SupportError('not-found', `No callback topic ${topicId}`, { status: 404 });
    return topic;
  };
  const overlaps = (a: { start: Date; end: Date }, b: { start: Date; end: Date }) =>
    a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();
  const takenCount = (w: { start: Date; end: Date }, ignoreOwn = false) =>
    othersBookings.filter((b) => overlaps(b, w)).length + (!ignoreOwn && booking && overlaps(booking.window, w) ? 1 : 0);
  const windowsFor = (topicId: string): CallbackWindow[] => {
    const topic = topicById(topicId);
    return callbackWindows(contact.supportHours, { ...callbackRules, windowMinutes: topic.windowMinutes }, now()).map(
      (w) => ({ ...w, available: takenCount(w) < capacity }),
    );
  };
  function checkBookingInput(input: CallbackBookingInput, ignoreOwn: boolean) {
    const topic = topicById(input.topicId);
    const phone = parsePhoneNumber(String(input.phone ?? ''));
    if (!phone.ok) throw invalid(`The phone number is not valid (${phone.problem})`);
    const note = String(input.note ?? '');
    if (exceedsLimit(note, CALLBACK_NOTE_MAX_LENGTH)) throw invalid(`The note is longer than ${CALLBACK_NOTE_MAX_LENGTH} characters`);
    const start = new Date(input.start);
    const window = callbackWindows(contact.supportHours, { ...callbackRules, windowMinutes: topic.windowMinutes }, now()).find(
      (w) => w.start.getTime() === start.getTime(),
    );
    if (!window) {
      throw new SupportError('conflict', 'That window cannot be booked (outside support hours, past or too soon)', {
        reason: 'window-invalid',
        status: 409,
      });
    }
    if (takenCount(window, ignoreOwn) >= capacity) {
      throw new SupportError('conflict', 'Somebody booked that window meanwhile', { reason: 'window-taken', status: 409 });
    }
    return { topic, window, phone: phone.e164, note };
  }

  // -------------------------------------------------------------------------------------------- the backend
  const backend: SupportBackend = {
    async getSession(signal) {
      await begin(signal);
      const session: Session = { tenant: SEED_TENANT, user: SEED_USER, rights: { unlockSupport: unlockRight } };
      return clone(session);
    },
    async getTenantInfo(signal) {
      await begin(signal);
      return clone<TenantInfo>(SEED_TENANT_INFO);
    },
    async getContactInfo(signal) {
      // Contact data is public: no session needed.
      throwIfAborted(signal);
      await Promise.resolve();
      return clone(contact);
    },
    async searchStaff(query, signal): Promise<StaffSearchResult> {
      await begin(signal);
      const q = query.trim().toLocaleLowerCase();
      if (q === '') return clone({ employees: [], departments });
      const hit = (name: string) => name.toLocaleLowerCase().split(/\s+/).some((w) => w.startsWith(q)) || name.toLocaleLowerCase().includes(q);
      return clone({
        employees: employees.filter((e) => hit(e.name) || hit(e.department.name)),
        departments: departments.filter((d) => hit(d.name)),
      });
    },
    async listGrants(signal) {
      await begin(signal);
      const t = now();
      return clone(
        grants.filter((g) => isGrantListed(g, t, tenantZone)).sort((a, b) => b.grantedAt.getTime() - a.grantedAt.getTime()),
      );
    },
    async createGrant(input: GrantInput, signal) {
      await begin(signal);
      requireRight();
      if (!input || typeof input !== 'object') throw invalid('A grant needs a grantee, a duration and the data export flag');
      if (!isGrantDuration(input.duration)) throw invalid(`Unknown duration; use one of ${GRANT_DURATIONS.join(', ')}`);
      if (typeof input.dataExport !== 'boolean') throw invalid('dataExport must be true or false');
      const grantee = resolveGrantee(input.grantee ?? { kind: '', id: '' });
      const grant = addGrant(grantee, input.duration, input.dataExport, now(), 'dialog');
      emit({ type: 'grant-changed', grant });
      scheduleSimulatedLogin(grant);
      return clone(grant);
    },
    async revokeGrant(grantId, signal) {
      await begin(signal);
      requireRight();
      const index = grants.findIndex((g) => g.id === grantId);
      const grant = grants[index];
      if (!grant) throw new SupportError('not-found', `No grant ${grantId}`, { status: 404 });
      const t = now();
      if (!isGrantActive(grant, t)) {
        throw new SupportError('conflict', 'The grant has already ended', { reason: 'grant-inactive', status: 409 });
      }
      const revoked: Grant = { ...grant, revokedAt: t, revokedBy: me() };
      grants[index] = revoked;
      // Logins that used it end now.
      for (const login of logins.filter((l) => l.grantId === grantId && !l.endedAt)) endLogin(login.id);
      emit({ type: 'grant-changed', grant: revoked });
      return clone(revoked);
    },
    async listLogins(options: LoginListOptions = {}, signal) {
      await begin(signal);
      const t = now();
      return clone(
        logins
          .filter((l) => (options.activeOnly ? l.endedAt === null : isRetained('logins', l.startedAt, t, tenantZone)))
          .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime()),
      );
    },
    async resolveUnlockToken(token, signal) {
      await begin(signal);
      requireRight();
      const entry = tokens.get(token);
      if (!entry) throw new SupportError('not-found', 'This unlock link is not known', { reason: 'token-unknown', status: 404 });
      if (entry.used) throw new SupportError('conflict', 'This unlock link was already used', { reason: 'token-used', status: 409 });
      if (entry.request.expiresAt.getTime() <= now().getTime()) {
        throw new SupportError('not-found', 'This unlock link has expired', { reason: 'token-expired', status: 410 });
      }
      return clone(entry.request);
    },
    async confirmUnlockToken(token, accept, signal) {
      await begin(signal);
      requireRight();
      const entry = tokens.get(token);
      if (!entry) throw new SupportError('not-found', 'This unlock link is not known', { reason: 'token-unknown', status: 404 });
      if (entry.used) throw new SupportError('conflict', 'This unlock link was already used', { reason: 'token-used', status: 409 });
      if (entry.request.expiresAt.getTime() <= now().getTime()) {
        throw new SupportError('not-found', 'This unlock link has expired', { reason: 'token-expired', status: 410 });
      }
      entry.used = true;
      if (!accept) return null;
      const { grantee, duration, dataExport } = entry.request;
      const grant = addGrant(grantee, duration, dataExport, now(), 'unlock-link');
      emit({ type: 'grant-changed', grant });
      scheduleSimulatedLogin(grant);
      return clone(grant);
    },
    async listChatMessages(options: ChatListOptions = {}, signal) {
      await begin(signal);
      const t = now();
      const after = options.afterSeq ?? -1;
      // The boundary once, not per message: 20,000 messages list in milliseconds.
      const start = retentionStart('chat', t, tenantZone).getTime();
      return clone(chat.filter((m) => m.seq > after && m.sentAt.getTime() >= start));
    },
    async sendChatMessage(input: ChatSendInput, signal) {
      await begin(signal);
      if (!input || typeof input.clientId !== 'string' || input.clientId.trim() === '') throw invalid('A message needs a clientId');
      if (typeof input.text !== 'string' || isBlank(input.text)) throw invalid('A message needs text');
      if (exceedsLimit(input.text, CHAT_MESSAGE_MAX_LENGTH)) throw invalid(`A message has at most ${CHAT_MESSAGE_MAX_LENGTH} characters`);
      const existing = chat.find((m) => m.clientId === input.clientId);
      if (existing) return clone(existing);
      const message = addChat('customer', SEED_USER.name, input.text, now(), input.clientId);
      emit({ type: 'chat-message', message });
      if (agentDelayMs !== null) {
        const agent = random.pick(employees.slice(0, 5));
        later(agentDelayMs, () => {
          emit({ type: 'chat-typing', typing: true, name: agent.name });
          later(agentTypingMs, () => {
            emit({ type: 'chat-typing', typing: false, name: agent.name });
            emit({ type: 'chat-message', message: addChat('support', agent.name, agentReply(locale, input.text, agent.name), now(), null) });
          });
        });
      }
      return clone(message);
    },
    subscribe(listener, signal) {
      if (signal.aborted) return;
      listeners.add(listener);
      signal.addEventListener('abort', () => listeners.delete(listener), { once: true });
      queueMicrotask(() => {
        if (!signal.aborted) listener({ type: 'connection', state: 'open' });
      });
    },
    async getCallbackTopics(signal) {
      await begin(signal);
      return clone(SEED_TOPICS);
    },
    async listCallbackWindows(options: WindowListOptions, signal) {
      await begin(signal);
      return clone(windowsFor(options.topicId));
    },
    async getCallbackBooking(signal) {
      await begin(signal);
      if (booking && booking.window.end.getTime() <= now().getTime()) booking = null; // the call is over
      return clone(booking);
    },
    async bookCallback(input, signal) {
      await begin(signal);
      // Check and set in one synchronous step: two concurrent attempts cannot both pass.
      if (booking && booking.window.end.getTime() > now().getTime()) {
        throw new SupportError('conflict', 'Only one callback window can be booked per customer', {
          reason: 'booking-exists',
          status: 409,
        });
      }
      const { topic, window, phone, note } = checkBookingInput(input, false);
      booking = { id: nextId('booking'), topic, window: { start: window.start, end: window.end }, phone, note, bookedAt: now() };
      return clone(booking);
    },
    async changeCallback(bookingId, input, signal) {
      await begin(signal);
      if (!booking || booking.id !== bookingId) throw new SupportError('not-found', 'No such booking', { status: 404 });
      const { topic, window, phone, note } = checkBookingInput(input, true);
      booking = { ...booking, topic, window: { start: window.start, end: window.end }, phone, note };
      return clone(booking);
    },
    async cancelCallback(bookingId, signal) {
      await begin(signal);
      if (!booking || booking.id !== bookingId) throw new SupportError('not-found', 'No such booking', { status: 404 });
      booking = null;
    },
  };

  const control: DemoControl = {
    signIn: () => void (signedIn = true),
    signOut: () => void (signedIn = false),
    setUnlockRight: (allowed) => void (unlockRight = allowed),
    createUnlockLink(input) {
      const employee = employees.find((e) => e.id === input.granteeId);
      const grantee = employee ? granteeOf(employee) : resolveGrantee({ kind: 'department', id: input.granteeId });
      const requestedBy =
        employees.find((e) => e.id === input.requestedById) ?? employee ?? employeesFor(grantee)[0] ?? employees[0]!;
      const token = secureToken();
      const t = now();
      tokens.set(token, {
        used: false,
        request: {
          grantee,
          requestedBy,
          duration: input.duration ?? '1h',
          dataExport: input.dataExport ?? false,
          reason: input.reason ?? loginReasons(locale)[0]!,
          requestedAt: t,
          expiresAt: new Date(t.getTime() + (input.validForMs ?? 48 * 3600_000)),
        },
      });
      return token;
    },
    pushSupportMessage(text, authorName = employees[0]!.name) {
      const message = addChat('support', authorName, text, now(), null);
      emit({ type: 'chat-message', message });
      return clone(message);
    },
    startSupportLogin(reason = loginReasons(locale)[0]!) {
      const grant = [...grants].reverse().find((g) => isGrantActive(g, now()));
      return grant ? clone(startLogin(grant, reason, now())) : null;
    },
    endSupportLogin: endLogin,
    takeWindow(topicId, start) {
      const topic = topicById(topicId);
      const end = addMinutes(start, topic.windowMinutes);
      for (let i = 0; i < capacity; i += 1) othersBookings.push({ topicId, start, end });
    },
    chatMessageCount: (clientId) => (clientId === undefined ? chat.length : chat.filter((m) => m.clientId === clientId).length),
    dispose() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };

  return Object.assign(backend, { control });
}
