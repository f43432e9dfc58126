import type { SupportBackend, SupportEvent, SupportEventListener } from './backend.js';
import { isValidated, markValidated } from './validated.js';

type Validate = typeof import('./validate.js');
type Method = Exclude<keyof SupportBackend, 'subscribe'>;

/** Every request method of the contract (the type fails to compile when the contract gains or loses one). */
const METHODS = Object.keys({
  getSession: 1,
  getTenantInfo: 1,
  getContactInfo: 1,
  searchStaff: 1,
  listGrants: 1,
  createGrant: 1,
  revokeGrant: 1,
  listLogins: 1,
  resolveUnlockToken: 1,
  confirmUnlockToken: 1,
  listChatMessages: 1,
  sendChatMessage: 1,
  getCallbackTopics: 1,
  listCallbackWindows: 1,
  getCallbackBooking: 1,
  bookCallback: 1,
  changeCallback: 1,
  cancelCallback: 1,
} satisfies Record<Method, 1>) as Method[];

let validator: Validate | undefined;
let loading: Promise<Validate> | undefined;

/** The response validator (src/backend/validate.ts), loaded once; a failed load is tried again on the next call. */
function loadValidator(): Promise<Validate> {
  loading ??= import('./validate.js').then(
    (module) => (validator = module),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/**
 * `validateBackend(backend)` with the validator loaded on demand — what the elements use. A backend that validates
 * already (the caching backend, the HTTP backend: see `markValidated`) is returned as is, so a page that wires one of
 * them never loads the validator a second time. Any other backend is wrapped: its first call waits for the validator
 * (then every response is checked exactly as by `validateBackend`); live events are checked in order, and while the
 * validator loads they wait for it. A failed load fails the call like a network error, and the next call tries again.
 */
export function validateLazily(backend: SupportBackend): SupportBackend {
  if (isValidated(backend)) return backend;
  let validated: SupportBackend | undefined;
  const ready = (): Promise<SupportBackend> =>
    validated ? Promise.resolve(validated) : loadValidator().then((module) => (validated ??= module.validateBackend(backend)));
  // Start loading now: a request is about to follow.
  void ready().catch(() => undefined);
  const wrapped = {} as Record<string, unknown>;
  for (const method of METHODS) {
    wrapped[method] = async (...args: unknown[]) =>
      ((await ready())[method] as (...a: unknown[]) => Promise<unknown>)(...args);
  }
  wrapped['subscribe'] = (listener: SupportEventListener, signal: AbortSignal): void => {
    const waiting: unknown[] = [];
    const deliver = (event: unknown) => {
      const checked: SupportEvent | null = validator!.validateEvent(event);
      if (checked && !signal.aborted) listener(checked);
    };
    const drain = () => {
      while (waiting.length) deliver(waiting.shift());
    };
    backend.subscribe((event) => {
      if (validator && !waiting.length) return deliver(event);
      waiting.push(event);
      if (waiting.length === 1) {
        loadValidator().then(drain, (error: unknown) => {
          // Without the validator nothing can be checked: drop what waited (the next event tries again).
          waiting.length = 0;
          console.warn('support-widgets: live events dropped, the response validator could not be loaded', error);
        });
      }
    }, signal);
  };
  return markValidated(wrapped) as unknown as SupportBackend;
}
