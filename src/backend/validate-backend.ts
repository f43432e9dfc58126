/**
 * `validateBackend`: wraps any backend so that its responses and live events are checked against the contract
 * (contract-schema.ts) before an element sees them, and the mark that says a backend already does so.
 */
import type { SupportBackend, SupportEvent } from './backend.js';
import { ATTACHMENT_RESPONSE_CHECKS, checkEvent, RESPONSE_CHECKS, validateResponse } from './contract-schema.js';
import { retypeByContent } from './attachment-blob.js';
import { containSubscribe } from './contain.js';
import { withDeadlines } from './deadlines.js';
import { SupportError, toSupportError } from './errors.js';
import { ValidationError, type Check } from './schema.js';

const VALIDATED = Symbol.for('support-widgets/validated');

/** Declares that every response of `backend` is already validated (wrappers built on `validateBackend`). */
export function markValidated<T extends object>(backend: T): T {
  Object.defineProperty(backend, VALIDATED, { value: true });
  return backend;
}

/** `true` when `backend` already validates (no need to wrap twice). */
export const isValidated = (backend: SupportBackend): boolean =>
  (backend as unknown as Record<symbol, unknown>)[VALIDATED] === true;

/** A live event checked against the contract, or `null` (with a console warning) when it does not match. */
export function validateEvent(event: unknown): SupportEvent | null {
  try {
    return validateResponse('subscribe', checkEvent, event);
  } catch (error) {
    console.warn('support-widgets: dropped an invalid live event', error);
    return null;
  }
}

/**
 * Wraps any backend so that every response is checked against the contract: a malformed response becomes a
 * `SupportError('invalid-response')`, anything else thrown becomes a SupportError too, and live events that do not
 * match the contract are dropped (with a console warning). A `subscribe` that throws or rejects costs live updates
 * only (`containSubscribe`). Idempotent.
 */
export function validateBackend(backend: SupportBackend): SupportBackend {
  if (isValidated(backend)) return backend;
  const wrapped = {} as Record<string, unknown>;
  /** `method` of `backend`, its rejections made SupportErrors and its answers checked with `check`. */
  const wrapMethod = (method: Exclude<keyof SupportBackend, 'subscribe'>, check: Check<unknown>) => {
    wrapped[method] = async (...args: unknown[]) => {
      let value: unknown;
      try {
        value = await (backend[method] as (...a: unknown[]) => Promise<unknown>).apply(backend, args);
      } catch (error) {
        throw toSupportError(error);
      }
      let checked: unknown;
      try {
        checked = validateResponse(method, check, value);
      } catch (error) {
        explainOnce(method, error);
        throw error;
      }
      // A downloaded file gets the type its content shows: an element never renders a claimed `text/html` or SVG.
      return method === 'downloadAttachment' ? retypeByContent(checked as Blob) : checked;
    };
  };
  for (const method of Object.keys(RESPONSE_CHECKS) as (keyof typeof RESPONSE_CHECKS)[]) wrapMethod(method, RESPONSE_CHECKS[method]);
  // The optional attachment methods exist on the wrapper exactly when the backend has them.
  for (const method of Object.keys(ATTACHMENT_RESPONSE_CHECKS) as (keyof typeof ATTACHMENT_RESPONSE_CHECKS)[]) {
    if (typeof backend[method] === 'function') wrapMethod(method, ATTACHMENT_RESPONSE_CHECKS[method]);
  }
  const subscribe = containSubscribe(backend);
  wrapped['subscribe'] = (listener: (event: SupportEvent) => void, signal: AbortSignal) =>
    subscribe((event) => {
      const checked = validateEvent(event);
      if (checked) listener(checked);
    }, signal);
  return markValidated(wrapped) as unknown as SupportBackend;
}

const explained = new Set<string>();

/**
 * Says in the console, once per method and page, why an answer was refused: the method, the field path, what the
 * contract expects and what came. (The user sees the generic "invalid response" message; set
 * `globalThis.SUPPORT_WIDGETS_DEBUG = true` to log every refused answer, not only the first per method.)
 */
function explainOnce(method: string, error: unknown): void {
  const cause = error instanceof SupportError ? error.cause : undefined;
  if (!(cause instanceof ValidationError)) return;
  const debug = (globalThis as { SUPPORT_WIDGETS_DEBUG?: unknown }).SUPPORT_WIDGETS_DEBUG === true;
  if (explained.has(method) && !debug) return;
  explained.add(method);
  console.warn(
    `support-widgets: ${method}() answered something the contract does not allow — field "${cause.path || '(the answer)'}": ` +
      `expected ${cause.expected}, received ${JSON.stringify(cause.received) ?? String(cause.received)}. ` +
      'The elements show an "invalid response" error. (Logged once per method; the rules: docs/adapter.md.)',
  );
}

const forElements = new WeakMap<SupportBackend, SupportBackend>();

/**
 * The backend as elements use it: validated (`validateBackend`), every call with a deadline (`withDeadlines`, the
 * defaults unless the backend already has its own) and `subscribe` contained. Memoised per backend, so all elements
 * given one backend share one wrapper.
 */
export function backendForElements(backend: SupportBackend): SupportBackend {
  let wrapped = forElements.get(backend);
  if (!wrapped) {
    wrapped = validateBackend(withDeadlines(backend));
    forElements.set(backend, wrapped);
  }
  return wrapped;
}
