import type { SupportBackend, SupportEvent, SupportEventListener } from './backend.js';
import { SupportError } from './errors.js';
import { isValidated, markValidated } from './validated.js';

/**
 * What a call rejects with when code it loads with import() on first use (the response validator here, the CDN
 * bundle's cache) could not be loaded: transient, so an element offers Retry; the next call loads again.
 */
export const codeNotLoaded = (cause: unknown): SupportError =>
  new SupportError('network', 'The support-widgets code could not be loaded', { cause });

type Validate = typeof import('./validate.js');
let validator: Validate | undefined;
let loading: Promise<Validate> | undefined;

/** The response validator (src/backend/validate.ts), loaded once; a failed load is tried again on the next call. */
function loadValidator(): Promise<Validate> {
  loading ??= import('./validate.js').then(
    (module) => (validator = module),
    (error: unknown) => {
      loading = undefined;
      throw codeNotLoaded(error);
    },
  );
  return loading;
}

/**
 * `validateBackend(backend)` with the validator loaded on demand — what the elements use. A backend that validates
 * already (the caching backend, the HTTP backend: see `markValidated`) is returned as is, so a page that wires one of
 * them never loads the validator a second time. Any other backend is wrapped: its first call waits for the validator
 * (then every response is checked exactly as by `validateBackend`); live events are checked in order, and while the
 * validator loads they wait for it. A failed load rejects the call with `SupportError('network')` (`codeNotLoaded`), and
 * the next call tries again. The CDN bundle exports it as its `validateBackend` (src/cdn/support-widgets.ts).
 */
export function validateLazily(backend: SupportBackend): SupportBackend {
  if (isValidated(backend)) return backend;
  let validated: SupportBackend | undefined;
  const ready = (): Promise<SupportBackend> =>
    validated ? Promise.resolve(validated) : loadValidator().then((module) => (validated ??= module.validateBackend(backend)));
  // Start loading now: a request is about to follow.
  void ready().catch(() => undefined);
  const wrapped = {} as Record<string, unknown>;
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
  // Every other method: forwarded to the validated backend once the validator is there (a Proxy rather than a list of
  // the contract's methods, which would cost every element's bundle its names).
  return new Proxy(markValidated(wrapped), {
    get(target, key) {
      if (typeof key === 'symbol' || key in target) return Reflect.get(target, key);
      if (typeof (backend as unknown as Record<string, unknown>)[key] !== 'function') return undefined;
      const method = async (...args: unknown[]) =>
        ((await ready()) as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[key]!(...args);
      target[key] = method;
      return method;
    },
  }) as unknown as SupportBackend;
}
