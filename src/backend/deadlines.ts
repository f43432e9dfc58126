/**
 * `withDeadlines`: every call an element makes ends, whatever the adapter does. Past its deadline a call's
 * `AbortSignal` is aborted (so a well-behaved adapter stops its work) and the call rejects with
 * `SupportError('timeout')` — a transient error, so elements offer Retry — even when the adapter ignores the signal.
 */
import type { SupportBackend, SupportReadMethod } from './backend.js';
import { containSubscribe } from './contain.js';
import { SupportError } from './errors.js';

/** How long a call may take, in milliseconds; `Infinity` turns a deadline off. */
export interface Deadlines {
  /** Methods that only read (`getSession`, `listGrants`, …). Default 15,000 ms. */
  readonly read?: number;
  /** Methods that change something (`createGrant`, `sendChatMessage`, `bookCallback`, …). Default 30,000 ms. */
  readonly write?: number;
}

/** The defaults: 15 s for reads, 30 s for writes (a write may wait for locks or mail on the server). */
export const DEFAULT_DEADLINES: Required<Deadlines> = { read: 15_000, write: 30_000 };

/** Reads: the `SupportReadMethod`s and `resolveUnlockToken` (it only looks a link up). */
const READS: readonly (SupportReadMethod | 'resolveUnlockToken')[] = [
  'getSession',
  'getTenantInfo',
  'getContactInfo',
  'searchStaff',
  'listGrants',
  'listLogins',
  'listChatMessages',
  'getCallbackTopics',
  'listCallbackWindows',
  'getCallbackBooking',
  'resolveUnlockToken',
];
const WRITES = [
  'createGrant',
  'revokeGrant',
  'confirmUnlockToken',
  'sendChatMessage',
  'bookCallback',
  'changeCallback',
  'cancelCallback',
] as const satisfies readonly Exclude<keyof SupportBackend, 'subscribe' | SupportReadMethod | 'resolveUnlockToken'>[];

/** The number of arguments before the `AbortSignal`, per method (the signal goes last). */
const ARITY: Record<string, number> = {
  getSession: 0,
  getTenantInfo: 0,
  getContactInfo: 0,
  searchStaff: 1,
  listGrants: 0,
  createGrant: 1,
  revokeGrant: 1,
  listLogins: 1,
  resolveUnlockToken: 1,
  confirmUnlockToken: 2,
  listChatMessages: 1,
  sendChatMessage: 1,
  getCallbackTopics: 0,
  listCallbackWindows: 1,
  getCallbackBooking: 0,
  bookCallback: 1,
  changeCallback: 2,
  cancelCallback: 1,
};

const DEADLINED = Symbol.for('support-widgets/deadlines');

/** The deadlines `backend` already enforces (made by `withDeadlines`), or `null`. */
export const deadlinesOf = (backend: SupportBackend): Required<Deadlines> | null =>
  ((backend as unknown as Record<symbol, Required<Deadlines> | undefined>)[DEADLINED] ?? null);

function call(fn: (...a: unknown[]) => unknown, self: unknown, args: unknown[], arity: number, ms: number, method: string): Promise<unknown> {
  const outer = args.length > arity && args[arity] instanceof AbortSignal ? (args[arity] as AbortSignal) : undefined;
  if (outer?.aborted) return Promise.reject(new SupportError('aborted', 'The request was aborted', { cause: outer.reason }));
  const controller = new AbortController();
  const own = [...args.slice(0, arity)];
  while (own.length < arity) own.push(undefined);
  own.push(controller.signal);
  return new Promise((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      finish();
      controller.abort(outer!.reason);
      reject(new SupportError('aborted', 'The request was aborted', { cause: outer!.reason }));
    };
    outer?.addEventListener('abort', onAbort, { once: true });
    if (Number.isFinite(ms)) {
      timer = setTimeout(() => {
        finish();
        const reason = new DOMException(`${method} took longer than ${ms} ms`, 'TimeoutError');
        controller.abort(reason);
        reject(new SupportError('timeout', reason.message, { cause: reason }));
      }, ms);
    }
    let result: unknown;
    try {
      result = fn.apply(self, own);
    } catch (error) {
      finish();
      reject(error);
      return;
    }
    Promise.resolve(result).then(
      (value) => {
        finish();
        resolve(value);
      },
      (error) => {
        finish();
        reject(error);
      },
    );
  });
}

const memo = new WeakMap<SupportBackend, { key: string; wrapped: SupportBackend }>();

/**
 * Wraps `backend` so that every call has a deadline (defaults: `DEFAULT_DEADLINES`). Everything else the backend has
 * (a caching backend's `peek`, `outbox`, `clear()` …) passes through unchanged, and `subscribe` has no deadline.
 * A backend that already has deadlines is returned as it is; the same backend with the same deadlines gives the same
 * wrapper, so any number of elements share one.
 *
 * Elements apply the defaults themselves; set other deadlines once, where the backend is provided:
 * `provideBackend(root, backend, { deadlines: { read: 5000 } })` or `el.backend = withDeadlines(backend, { read: 5000 })`.
 */
export function withDeadlines<B extends SupportBackend>(backend: B, deadlines: Deadlines = {}): B {
  if (deadlinesOf(backend)) return backend;
  const resolved: Required<Deadlines> = { ...DEFAULT_DEADLINES, ...withoutUndefined(deadlines) };
  const key = `${resolved.read}/${resolved.write}`;
  const known = memo.get(backend);
  if (known?.key === key) return known.wrapped as B;
  const overrides = new Map<PropertyKey, unknown>();
  for (const method of [...READS, ...WRITES]) {
    const ms = (READS as readonly string[]).includes(method) ? resolved.read : resolved.write;
    overrides.set(method, (...args: unknown[]) => {
      const fn = (backend as unknown as Record<string, (...a: unknown[]) => unknown>)[method];
      if (typeof fn !== 'function') return Promise.reject(new SupportError('invalid-response', `${method}: the backend has no such method`));
      return call(fn, backend, args, ARITY[method]!, ms, method);
    });
  }
  overrides.set('subscribe', containSubscribe(backend));
  overrides.set(DEADLINED, resolved);
  const wrapped = new Proxy(backend, {
    get(target, property) {
      if (overrides.has(property)) return overrides.get(property);
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
    has: (target, property) => overrides.has(property) || Reflect.has(target, property),
  });
  memo.set(backend, { key, wrapped });
  return wrapped;
}

function withoutUndefined(deadlines: Deadlines): Deadlines {
  const out: { read?: number; write?: number } = {};
  if (deadlines.read !== undefined) out.read = deadlines.read;
  if (deadlines.write !== undefined) out.write = deadlines.write;
  return out;
}
