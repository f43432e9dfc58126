import { attachmentFileName } from '../../core/attachments.js';
import type { CallbackWindowRules } from '../../core/callback-windows.js';
import { CHAT_MESSAGE_MAX_LENGTH } from '../../core/limits.js';
import type { ChatMessage, ContactInfo, GrantDuration, SupportLogin } from '../../core/types.js';
import { sniffBlob } from '../attachment-blob.js';
import type { SupportBackend, SupportEvent, SupportEventListener } from '../backend.js';
import { SupportError, throwIfAborted } from '../errors.js';
import { secureToken } from '../fixtures/random.js';
import { demoFixture } from '../fixtures/history.js';
import { SEED_TENANT, SEED_TENANT_INFO, SEED_USER, agentReply, loginReasons, type DemoLocale } from '../fixtures/seed.js';
import { createMemoryStore } from '../rules/memory-store.js';
import * as rules from '../rules/rules.js';
import { runSync, type Rule } from '../rules/run.js';
import type { StoredFile } from '../rules/store.js';

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
  /** A support message arrives (as if an agent wrote it), optionally with files (checked by content as uploads are). */
  pushSupportMessage(text: string, authorName?: string, files?: readonly { readonly name: string; readonly bytes: Uint8Array }[]): ChatMessage;
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

/**
 * The embedded in-memory backend: seeded with realistic data (src/backend/fixtures), enforcing the rules a real server
 * enforces — the same rules (src/backend/rules) over a Map-backed store — with a support agent who answers chat
 * messages and support employees who log in against active grants.
 */
export function createDemoBackend(options: DemoBackendOptions = {}): DemoBackend {
  const locale = options.locale ?? 'de';
  const now = options.now ?? (() => new Date());
  const fixture = demoFixture({
    locale,
    now: now(),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.contact ? { contact: options.contact } : {}),
    ...(options.callbackRules ? { callbackRules: options.callbackRules } : {}),
    ...(options.callbackCapacity === undefined ? {} : { callbackCapacity: options.callbackCapacity }),
    history: options.history ?? true,
    chatMessages: options.chatMessages ?? 0,
  });
  const { random, newId, employees, departments, contact, topics, callbackRules, callbackCapacity, history } = fixture;
  const agentDelayMs = options.agentDelayMs === undefined ? 2500 : options.agentDelayMs;
  const agentTypingMs = options.agentTypingMs ?? 1500;
  const loginDelayMs = options.loginDelayMs === undefined ? 20_000 : options.loginDelayMs;
  const loginDurationMs = options.loginDurationMs ?? 180_000;

  let signedIn = options.signedIn ?? true;
  const store = createMemoryStore({ staff: { employees, departments }, settings: { contact, topics, callbackCapacity, callbackRules }, newId });
  store.addTenant({
    record: { tenant: SEED_TENANT, info: SEED_TENANT_INFO },
    users: [{ ...SEED_USER, unlockSupport: options.unlockSupport ?? true }],
    grants: history.grants,
    logins: history.logins,
    chat: { [SEED_USER.id]: history.chat },
    holds: history.holds,
  });

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
  const actor = (): rules.Actor => ({ tenantId: SEED_TENANT.id, userId: SEED_USER.id, now: now(), timeZone: SEED_TENANT.timeZone });
  /** Runs a rule over the memory store (synchronously: atomic), publishes its events, answers a copy. */
  const exec = <T>(rule: Rule<T>): T => {
    const { value, events } = runSync(store, rule);
    for (const e of events) emit(e.event);
    return clone(value);
  };

  async function begin(signal: AbortSignal | undefined): Promise<void> {
    throwIfAborted(signal);
    await Promise.resolve();
    throwIfAborted(signal);
    if (!signedIn) throw new SupportError('unauthorized', 'Nobody is signed in', { status: 401 });
  }

  // -------------------------------------------------------------------------------------------- simulations
  function scheduleSimulatedLogin(grantId: string): void {
    if (loginDelayMs === null) return;
    later(loginDelayMs, () => {
      const login = exec(rules.startSupportLogin(actor(), { reason: random.pick(loginReasons(locale)), grantId, pick: random.pick }));
      if (login) later(loginDurationMs, () => exec(rules.endSupportLogin(actor(), login.id)));
    });
  }
  function scheduleAgentReply(text: string): void {
    if (agentDelayMs === null) return;
    const agent = random.pick(employees.slice(0, 5));
    later(agentDelayMs, () => {
      exec(rules.supportTyping(actor(), true, agent.name));
      later(agentTypingMs, () => {
        exec(rules.supportTyping(actor(), false, agent.name));
        exec(rules.addSupportMessage(actor(), agentReply(locale, text, agent.name), agent.name));
      });
    });
  }

  // -------------------------------------------------------------------------------------------- the backend
  const backend: SupportBackend = {
    getSession: async (signal) => (await begin(signal), exec(rules.getSession(actor()))),
    getTenantInfo: async (signal) => (await begin(signal), exec(rules.getTenantInfo(actor()))),
    async getContactInfo(signal) {
      // Contact data is public: no session needed.
      throwIfAborted(signal);
      await Promise.resolve();
      return exec(rules.getContactInfo());
    },
    searchStaff: async (query, signal) => (await begin(signal), exec(rules.searchStaff(query))),
    listGrants: async (signal) => (await begin(signal), exec(rules.listGrants(actor()))),
    async createGrant(input, signal) {
      await begin(signal);
      const grant = exec(rules.createGrant(actor(), input));
      scheduleSimulatedLogin(grant.id);
      return grant;
    },
    revokeGrant: async (grantId, signal) => (await begin(signal), exec(rules.revokeGrant(actor(), grantId))),
    listLogins: async (options = {}, signal) => (await begin(signal), exec(rules.listLogins(actor(), options.activeOnly === true))),
    resolveUnlockToken: async (token, signal) => (await begin(signal), exec(rules.resolveUnlockToken(actor(), token))),
    async confirmUnlockToken(token, accept, signal) {
      await begin(signal);
      const grant = exec(rules.confirmUnlockToken(actor(), token, accept));
      if (grant) scheduleSimulatedLogin(grant.id);
      return grant;
    },
    listChatMessages: async (options = {}, signal) => (await begin(signal), exec(rules.listChatMessages(actor(), options.afterSeq ?? -1))),
    async sendChatMessage(input, signal) {
      await begin(signal);
      const { message, created } = exec(rules.sendChatMessage(actor(), input));
      if (created) scheduleAgentReply(input.text);
      return message;
    },
    async uploadAttachment(file, meta, { signal, onProgress } = {}) {
      await begin(signal);
      if (!(file instanceof Blob)) throw new SupportError('invalid-request', 'file: a Blob', { reason: 'invalid-input', status: 400 });
      // The Blob is kept as it is (no copy of its bytes in the page's memory). Its type is judged by content as the
      // reference server judges the bytes it receives — the same core rules, over the Blob's first bytes (and what an
      // office document or text needs beyond them) — with the name as the rule will store it.
      const declared = { name: attachmentFileName(typeof meta?.name === 'string' ? meta.name : ''), type: typeof meta?.type === 'string' ? meta.type : '' };
      const sniffed = await sniffBlob(file, declared);
      throwIfAborted(signal);
      const upload = { clientId: meta?.clientId, name: meta?.name, type: meta?.type, blob: file, sniffed } as rules.BlobAttachmentUpload;
      const { attachment } = exec(rules.uploadAttachment(actor(), upload));
      onProgress?.(file.size, file.size);
      return attachment;
    },
    async downloadAttachment(attachmentId, signal) {
      await begin(signal);
      // The stored Blob (exec's structured clone of a Blob copies no bytes; support's files pushed as bytes become one).
      const { attachment, bytes } = exec(rules.attachmentContent<StoredFile>(actor(), attachmentId));
      return bytes instanceof Blob && bytes.type === attachment.type ? bytes : new Blob([bytes as BlobPart], { type: attachment.type });
    },
    subscribe(listener, signal) {
      if (signal.aborted) return;
      listeners.add(listener);
      signal.addEventListener('abort', () => listeners.delete(listener), { once: true });
      queueMicrotask(() => {
        if (!signal.aborted) listener({ type: 'connection', state: 'open' });
      });
    },
    getCallbackTopics: async (signal) => (await begin(signal), exec(rules.getCallbackTopics())),
    listCallbackWindows: async (options, signal) => (await begin(signal), exec(rules.listCallbackWindows(actor(), options.topicId))),
    getCallbackBooking: async (signal) => (await begin(signal), exec(rules.getCallbackBooking(actor()))),
    bookCallback: async (input, signal) => (await begin(signal), exec(rules.bookCallback(actor(), input))),
    changeCallback: async (bookingId, input, signal) => (await begin(signal), exec(rules.changeCallback(actor(), bookingId, input))),
    async cancelCallback(bookingId, signal) {
      await begin(signal);
      exec(rules.cancelCallback(actor(), bookingId));
    },
  };

  const control: DemoControl = {
    signIn: () => void (signedIn = true),
    signOut: () => void (signedIn = false),
    setUnlockRight: (allowed) => store.updateUser(SEED_TENANT.id, SEED_USER.id, { unlockSupport: allowed }),
    createUnlockLink(input) {
      const token = secureToken();
      exec(
        rules.createUnlockLink(actor(), token, {
          granteeId: input.granteeId,
          ...(input.requestedById === undefined ? {} : { requestedById: input.requestedById }),
          duration: input.duration ?? '1h',
          dataExport: input.dataExport ?? false,
          reason: input.reason ?? loginReasons(locale)[0]!,
          validForMs: input.validForMs ?? 48 * 3600_000,
        }),
      );
      return token;
    },
    pushSupportMessage: (text, authorName = employees[0]!.name, files = []) => exec(rules.addSupportMessage(actor(), text, authorName, files)),
    startSupportLogin: (reason = loginReasons(locale)[0]!) => exec(rules.startSupportLogin(actor(), { reason, pick: random.pick })),
    endSupportLogin: (loginId) => void exec(rules.endSupportLogin(actor(), loginId)),
    takeWindow: (topicId, start) => exec(rules.takeWindow(topicId, start)),
    chatMessageCount: (clientId) => exec(rules.chatCount(actor(), clientId)),
    dispose() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };

  return Object.assign(backend, { control });
}
