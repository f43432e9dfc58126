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

/** A clock: what time it is now. */
export type Clock = () => Date;

/**
 * The method through which an element lends its clock (`now`, else its backend's, else the real one) to its
 * controllers: a `Resource` stamps a fresh read with it, so "Updated just now / at 10:05" follows the same clock as
 * everything else the element shows (a pinned clock in tests and demos included).
 */
export const hostClock = Symbol.for('support-widgets/host-clock');

/** A controller host that may lend its clock. */
export interface ClockHost {
  [hostClock]?: () => Date;
}

/**
 * The clock for a subtree (`provideBackend(root, backend, { now })`). Elements consume it into their `now` property,
 * like the backend: set `.now` on one element, or provide it once for all of them.
 */
export const clockContext = createContext<Clock | undefined>(Symbol.for('support-widgets/clock'));

/** What `provideBackend` provides besides the backend. */
export interface ProvideBackendOptions {
  /**
   * How long any call of an element may take before it fails with a `timeout` error (Retry shown); default
   * 15 s for reads, 30 s for writes (`DEFAULT_DEADLINES`).
   */
  readonly deadlines?: Deadlines;
  /**
   * The clock every element inside reads ("open now", the hotline tier, "Today", which callback windows are past,
   * previews of grant ends). Default: the backend's own when it has one — `createCachingBackend(inner, { now })` —
   * else the real clock. So one clock set on the cache reaches the elements too; give it here for a backend without
   * the cache. Tests and demos pin it; docs/testing.md shows how.
   */
  readonly now?: Clock;
}

/** @deprecated The old name of `ProvideBackendOptions`. */
export type ProvideOptions = ProvideBackendOptions;

/**
 * Provides `backend` (and, with `options.now`, a clock) to every support-widgets element inside `root` (any element:
 * a Lit host, a plain `<div>`, the `<body>`). Returns a function that changes the backend later; elements update live.
 * `options.deadlines` sets the deadlines of every call for all these elements (`withDeadlines`).
 */
export function provideBackend(
  root: HTMLElement,
  backend: SupportBackend,
  options: ProvideBackendOptions = {},
): (next: SupportBackend) => void {
  const prepare = (b: SupportBackend) => (options.deadlines ? withDeadlines(b, options.deadlines) : b);
  const provider = new ContextProvider(root, { context: backendContext, initialValue: prepare(backend) });
  // Only a given clock is provided: an element's own `now` (or the backend's clock) stays in force otherwise.
  const clock = options.now ? new ContextProvider(root, { context: clockContext, initialValue: options.now }) : null;
  // A plain element is no ReactiveControllerHost: announce the providers ourselves, so that elements which asked
  // before they existed (buffered by the document's ContextRoot) get their values now.
  if (!('addController' in root)) {
    provider.hostConnected();
    clock?.hostConnected();
  }
  return (next) => provider.setValue(prepare(next));
}
