import { SupportError } from './errors.js';

/** Code loaded with `import()` on first use (see `onDemand`). */
export interface OnDemand<T> {
  /** The loaded module, once there. */
  readonly module?: T;
  /** Resolves with the module, loading it if need be. */
  load(): Promise<T>;
}

/**
 * Wraps the dynamic `import()` of code a backend needs on first use (the response validator, the IndexedDB cache):
 * loaded once and shared by every caller; a failed load rejects with a `SupportError('network')` — transient, so an
 * element shows its error with Retry — and is not kept: the next `load()` tries again.
 */
export function onDemand<T>(importer: () => Promise<T>): OnDemand<T> {
  let loading: Promise<T> | undefined;
  const state: { module?: T; load(): Promise<T> } = {
    load: () =>
      (loading ??= importer().then(
        (module) => (state.module = module),
        (error: unknown) => {
          loading = undefined;
          throw new SupportError('network', 'The support-widgets code could not be loaded', { cause: error });
        },
      )),
  };
  return state;
}
