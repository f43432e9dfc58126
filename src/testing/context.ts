import type { SupportBackend, SupportEvent } from '../backend/backend.js';
import { ATTACHMENT_RESPONSE_CHECKS, RESPONSE_CHECKS, checkEvent, validateResponse } from '../backend/contract-schema.js';
import type { Check } from '../backend/schema.js';
import type { CallbackTopic, CallbackWindow, PersonRef, SupportEmployee } from '../core/types.js';
import { ConformanceFailure, isSupportErrorLike } from './assert.js';
import type { ConformanceControl, ConformanceSubject, SubjectFactory } from './types.js';

type EventOf<T extends SupportEvent['type']> = Extract<SupportEvent, { type: T }>;

/** A live subscription that records every event. */
export interface LiveEvents {
  readonly events: readonly SupportEvent[];
  /** The first recorded event (past or future) of `type` that matches, within the event time limit. */
  waitFor<T extends SupportEvent['type']>(type: T, match?: (event: EventOf<T>) => boolean, what?: string): Promise<EventOf<T>>;
  stop(): void;
}

/** What a check gets. */
export interface CheckContext {
  /** The backend under test, strict: a response that breaks the contract or a rejection that is no SupportError fails the check. */
  readonly backend: SupportBackend;
  readonly control: ConformanceControl;
  readonly eventTimeoutMs: number;
  subscribe(): LiveEvents;
  /**
   * Another fresh subject from the same factory (another customer: another tenant, or another user), its backend
   * strict like `backend`; released with this check. For isolation checks.
   */
  another(): Promise<SupportBackend>;
  /** Some support employee (from `searchStaff`). */
  employee(): Promise<SupportEmployee>;
  department(): Promise<PersonRef>;
  /** A topic and its windows that are still available. */
  freeWindows(): Promise<{ topic: CallbackTopic; windows: CallbackWindow[] }>;
  /** A unique id (client ids). */
  uid(prefix?: string): string;
  /** Waits `ms` (for "nothing more arrives" checks). */
  sleep(ms: number): Promise<void>;
}

let counter = 0;

/** Wraps a backend so that responses are validated and rejections must be SupportErrors. */
function strict(backend: SupportBackend, problems: string[]): SupportBackend {
  const wrapped = {} as Record<string, unknown>;
  /** `method` of `backend`, its rejections required to be SupportErrors and its answers checked with `check`. */
  const wrapMethod = (method: Exclude<keyof SupportBackend, 'subscribe'>, check: Check<unknown>) => {
    wrapped[method] = async (...args: unknown[]) => {
      let value: unknown;
      try {
        value = await (backend[method] as (...a: unknown[]) => Promise<unknown>).apply(backend, args);
      } catch (error) {
        if (!isSupportErrorLike(error)) {
          throw new ConformanceFailure(`${method} rejected with ${String(error)}: every rejection must be a SupportError`);
        }
        throw error;
      }
      try {
        return validateResponse(method, check, value);
      } catch (error) {
        throw new ConformanceFailure(`${method} answered something the contract does not allow: ${(error as Error).message}`);
      }
    };
  };
  for (const method of Object.keys(RESPONSE_CHECKS) as (keyof typeof RESPONSE_CHECKS)[]) wrapMethod(method, RESPONSE_CHECKS[method]);
  // The optional attachment methods are checked exactly when the backend has them.
  for (const method of Object.keys(ATTACHMENT_RESPONSE_CHECKS) as (keyof typeof ATTACHMENT_RESPONSE_CHECKS)[]) {
    if (typeof backend[method] === 'function') wrapMethod(method, ATTACHMENT_RESPONSE_CHECKS[method]);
  }
  wrapped['subscribe'] = (listener: (event: SupportEvent) => void, signal: AbortSignal) =>
    backend.subscribe((event) => {
      try {
        listener(validateResponse('subscribe', checkEvent, event));
      } catch (error) {
        problems.push(`subscribe emitted an invalid event: ${(error as Error).message}`);
      }
    }, signal);
  return wrapped as unknown as SupportBackend;
}

export function createContext(raw: SupportBackend, control: ConformanceControl, eventTimeoutMs: number, factory?: SubjectFactory) {
  const problems: string[] = [];
  const subscriptions = new Set<AbortController>();
  const backend = strict(raw, problems);
  const others: ConformanceSubject[] = [];

  const context: CheckContext = {
    backend,
    control,
    eventTimeoutMs,
    subscribe() {
      const controller = new AbortController();
      subscriptions.add(controller);
      const events: SupportEvent[] = [];
      const waiters = new Set<() => void>();
      backend.subscribe((event) => {
        events.push(event);
        for (const wake of [...waiters]) wake();
      }, controller.signal);
      return {
        events,
        waitFor(type, match = () => true, what = type) {
          return new Promise((resolve, reject) => {
            const look = () => {
              const found = events.find((e) => e.type === type && match(e as EventOf<typeof type>));
              if (!found) return false;
              waiters.delete(look);
              clearTimeout(timer);
              resolve(found as EventOf<typeof type>);
              return true;
            };
            const timer = setTimeout(() => {
              waiters.delete(look);
              reject(new ConformanceFailure(`No ${what} event within ${eventTimeoutMs} ms (got: ${events.map((e) => e.type).join(', ') || 'none'})`));
            }, eventTimeoutMs);
            if (!look()) waiters.add(look);
          });
        },
        stop: () => controller.abort(),
      };
    },
    async another() {
      if (!factory) throw new ConformanceFailure('This check needs a second subject: run it through runCheck/runConformance');
      const subject = await factory();
      others.push(subject);
      return strict(subject.backend, problems);
    },
    async employee() {
      const { employees } = await backend.searchStaff('a');
      const employee = employees[0];
      if (!employee) throw new ConformanceFailure('searchStaff("a") found no employee to work with');
      return employee;
    },
    async department() {
      const { departments } = await backend.searchStaff('');
      const department = departments[0];
      if (!department) throw new ConformanceFailure('searchStaff("") found no department to work with');
      return department;
    },
    async freeWindows() {
      const topics = await backend.getCallbackTopics();
      const topic = topics[0];
      if (!topic) throw new ConformanceFailure('getCallbackTopics answered no topic');
      const windows = (await backend.listCallbackWindows({ topicId: topic.id })).filter((w) => w.available);
      if (windows.length < 3) throw new ConformanceFailure(`Fewer than 3 free windows for ${topic.id}`);
      return { topic, windows };
    },
    uid: (prefix = 'conf') => `${prefix}-${Date.now().toString(36)}-${(++counter).toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  };

  return {
    context,
    /** Stops the subscriptions and reports invalid events. */
    finish(): void {
      for (const controller of subscriptions) controller.abort();
      subscriptions.clear();
      if (problems.length > 0) throw new ConformanceFailure(problems.join('; '));
    },
    abort(): void {
      for (const controller of subscriptions) controller.abort();
    },
    /** Releases the subjects `another()` made. */
    async release(): Promise<void> {
      for (const subject of others.splice(0)) await subject.dispose?.();
    },
  };
}
