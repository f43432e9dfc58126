import { ContextProvider, createContext } from '@lit/context';
import type { SupportBackend } from '../backend/backend.js';

/**
 * The backend for a subtree. Elements consume it (`subscribe: true`), so a host can either set `.backend` on each
 * element or provide it once for a subtree with `provideBackend()`.
 */
export const backendContext = createContext<SupportBackend | undefined>(Symbol.for('support-widgets/backend'));

/**
 * Provides `backend` to every support-widgets element inside `root` (any element: a Lit host, a plain `<div>`, the
 * `<body>`). Returns a function that changes the backend later; elements update live.
 */
export function provideBackend(root: HTMLElement, backend: SupportBackend): (next: SupportBackend) => void {
  const provider = new ContextProvider(root, { context: backendContext, initialValue: backend });
  // A plain element is no ReactiveControllerHost: announce the provider ourselves, so that elements which asked
  // before it existed (buffered by the document's ContextRoot) get the backend now.
  if (!('addController' in root)) provider.hostConnected();
  return (next) => provider.setValue(next);
}
