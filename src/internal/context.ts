import { ContextProvider, createContext } from '@lit/context';
import type { SupportBackend } from '../backend/backend.js';
import { type Deadlines, withDeadlines } from '../backend/deadlines.js';

export interface ProvideBackendOptions {
  /**
   * How long any call of an element may take before it fails with a `timeout` error (Retry shown); default
   * 15 s for reads, 30 s for writes (`DEFAULT_DEADLINES`).
   */
  readonly deadlines?: Deadlines;
}

/**
 * The backend for a subtree. Elements consume it (`subscribe: true`), so a host can either set `.backend` on each
 * element or provide it once for a subtree with `provideBackend()`.
 */
export const backendContext = createContext<SupportBackend | undefined>(Symbol.for('support-widgets/backend'));

/**
 * Provides `backend` to every support-widgets element inside `root` (any element: a Lit host, a plain `<div>`, the
 * `<body>`). Returns a function that changes the backend later; elements update live. `options.deadlines` sets the
 * deadlines of every call for all these elements (`withDeadlines`).
 */
export function provideBackend(
  root: HTMLElement,
  backend: SupportBackend,
  options: ProvideBackendOptions = {},
): (next: SupportBackend) => void {
  const prepare = (b: SupportBackend) => (options.deadlines ? withDeadlines(b, options.deadlines) : b);
  const provider = new ContextProvider(root, { context: backendContext, initialValue: prepare(backend) });
  // A plain element is no ReactiveControllerHost: announce the provider ourselves, so that elements which asked
  // before it existed (buffered by the document's ContextRoot) get the backend now.
  if (!('addController' in root)) provider.hostConnected();
  return (next) => provider.setValue(prepare(next));
}
