import type { SupportBackend } from './backend.js';

const VALIDATED = Symbol.for('support-widgets/validated');

/** Declares that every response of `backend` is already validated (wrappers built on `validateBackend`). */
export function markValidated<T extends object>(backend: T): T {
  Object.defineProperty(backend, VALIDATED, { value: true });
  return backend;
}

/** `true` when `backend` already validates (no need to wrap twice). */
export const isValidated = (backend: SupportBackend): boolean =>
  (backend as unknown as Record<symbol, unknown>)[VALIDATED] === true;
