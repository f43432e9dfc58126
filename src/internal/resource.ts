import { Task, TaskStatus } from '@lit/task';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SupportBackend } from '../backend/backend.js';
import { type CacheAware, type CacheEntry, isCacheAware } from '../backend/cache/cache-aware.js';
import { SupportError, toSupportError } from '../backend/errors.js';
import { type ClockHost, hostClock } from './context.js';

export type ResourceState = 'idle' | 'loading' | 'fresh' | 'stale' | 'error';

export interface ResourceOptions<T, A extends readonly unknown[]> {
  /** The backend (already validated) and the primitive arguments; a change of any re-runs the read. */
  readonly args: () => readonly [SupportBackend | undefined, ...A];
  /** The network read. */
  readonly fetch: (backend: SupportBackend, args: A, signal: AbortSignal) => Promise<T>;
  /** The cached value, when the backend is a caching one. */
  readonly peek?: (backend: SupportBackend & CacheAware, args: A) => Promise<CacheEntry<T> | undefined>;
}

export interface ResourceRenderers<T, R> {
  idle?: () => R;
  loading: () => R;
  value: (value: T, resource: Resource<T, readonly unknown[]>) => R;
  error: (error: SupportError, retry: () => void) => R;
}

/**
 * A stale-while-revalidate read for an element, built on `@lit/task`: it asks the cache (`peek`) and the network in
 * parallel, shows the cached value as soon as it arrives, then the fresh one. When the network fails, a cached value
 * stays on screen as `stale` with the error beside it; without one the state is `error`. Aborts on disconnect and
 * when the arguments change.
 */
export class Resource<T, A extends readonly unknown[] = []> implements ReactiveController {
  /** The value on screen: fresh, or from the cache. */
  value: T | undefined = undefined;
  /** When `value` was fetched, by the host's clock (for a cached value: when it was stored, by the cache's). */
  updatedAt: Date | undefined = undefined;
  /** `true` while `value` came from the cache and no fresh one has arrived. */
  fromCache = false;
  /** The last network failure, kept until a read succeeds. */
  error: SupportError | undefined = undefined;
  /** A network read is in flight. */
  refreshing = false;

  readonly #host: ReactiveControllerHost;
  /** The host's clock (an element's `now`), else the real one. */
  readonly #now: () => Date;
  readonly #options: ResourceOptions<T, A>;
  readonly #task: Task<readonly [SupportBackend | undefined, ...A], T | undefined>;
  #key: unknown[] | null = null;
  #ageTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ReactiveControllerHost & ClockHost, options: ResourceOptions<T, A>) {
    this.#host = host;
    this.#now = () => host[hostClock]?.() ?? new Date();
    this.#options = options;
    host.addController(this);
    this.#task = new Task(host, {
      args: options.args,
      task: (args, { signal }) => this.#run(args, signal),
    });
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    clearTimeout(this.#ageTimer);
  }

  get state(): ResourceState {
    if (this.value !== undefined) return this.fromCache || this.error ? 'stale' : 'fresh';
    if (this.error) return 'error';
    if (this.refreshing || this.#task.status === TaskStatus.PENDING) return 'loading';
    return 'idle';
  }

  /** Reads again (the retry button). */
  retry(): Promise<unknown> {
    return this.#task.run();
  }

  /** Replaces the value locally (after a write whose result the element already has). */
  set(value: T): void {
    this.value = value;
    this.fromCache = false;
    this.error = undefined;
    this.updatedAt = this.#now();
    this.#host.requestUpdate();
  }

  /** Resolves when the current read settles (tests, benchmarks). */
  get taskComplete(): Promise<unknown> {
    return this.#task.taskComplete.catch(() => undefined);
  }

  render<R>(renderers: ResourceRenderers<T, R>): R | undefined {
    switch (this.state) {
      case 'idle':
        return renderers.idle?.();
      case 'loading':
        return renderers.loading();
      case 'error':
        return renderers.error(this.error!, () => void this.retry());
      default:
        return renderers.value(this.value as T, this as unknown as Resource<T, readonly unknown[]>);
    }
  }

  async #run([backend, ...args]: readonly [SupportBackend | undefined, ...A], signal: AbortSignal): Promise<T | undefined> {
    const key = [backend, ...args];
    if (!this.#key || this.#key.length !== key.length || this.#key.some((v, i) => v !== key[i])) {
      // Other arguments: what is on screen belongs to the old ones.
      this.value = undefined;
      this.updatedAt = undefined;
      this.error = undefined;
      this.fromCache = false;
      this.#key = key;
    }
    if (!backend) return undefined;
    this.refreshing = true;
    let fresh = false;
    const peeked =
      this.#options.peek && isCacheAware(backend)
        ? this.#options
            .peek(backend as SupportBackend & CacheAware, args as unknown as A)
            .then((entry) => {
              if (entry && !fresh && !signal.aborted && (this.value === undefined || this.fromCache)) {
                this.value = entry.value;
                this.updatedAt = entry.storedAt;
                this.fromCache = true;
                this.#host.requestUpdate();
              }
            })
            .catch(() => undefined)
        : Promise.resolve();
    try {
      const value = await this.#options.fetch(backend, args as unknown as A, signal);
      fresh = true;
      if (signal.aborted) return value;
      this.value = value;
      this.updatedAt = this.#now();
      this.fromCache = false;
      this.error = undefined;
      // Re-render once when "updated just now" stops being true.
      clearTimeout(this.#ageTimer);
      this.#ageTimer = setTimeout(() => this.#host.requestUpdate(), 61_000);
      return value;
    } catch (thrown) {
      const error = toSupportError(thrown);
      if (signal.aborted || error.kind === 'aborted') throw error;
      await peeked; // a cache that answers after the network failed still counts
      this.error = error;
      if (error.kind === 'unauthorized') {
        // Signed out: nothing of the session's data stays on screen (the element shows the signed-out error).
        this.value = undefined;
        this.updatedAt = undefined;
        this.fromCache = false;
      }
      throw error;
    } finally {
      if (!signal.aborted) {
        this.refreshing = false;
        this.#host.requestUpdate();
      }
    }
  }
}
