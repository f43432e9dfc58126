import type { CSSResult } from 'lit';
import { type SupportError, toSupportError } from '../../backend/errors.js';
import type { Translations } from '../../internal/localize.js';
import type { UnlockViewMessages } from './views.i18n.js';

/** What a lazily loaded view module exports besides its class: its own styles and the views' strings. */
export interface ViewModule {
  readonly styles: CSSResult;
  readonly strings: Translations<UnlockViewMessages>;
}

/** What a `LazyView` needs from the element that shows it. */
export interface LazyViewHost {
  requestUpdate(): void;
  /** Called with every load in progress (the element's `updateComplete` waits for them). */
  trackLoad(loading: Promise<void>): void;
  /** Takes in what a loaded module brings: adopts its styles (once per stylesheet), registers its strings (once). */
  adopt(module: ViewModule): void;
}

/**
 * A view of the dialog whose code is loaded with a dynamic `import()` the first time it is needed: `ensure()` starts
 * the load (once; a failed load is retried only by `retry()` or after `clearError()`, so a render loop never
 * hammers a broken network), `view` is the instance once loaded, `error` the failure to show with a retry button.
 */
export class LazyView<M extends ViewModule, V> {
  /** The view, once its module has loaded. */
  view: V | undefined = undefined;
  /** Why the last load failed (shown with a retry button), or `null`. */
  error: SupportError | null = null;

  readonly #host: LazyViewHost;
  readonly #load: () => Promise<M>;
  readonly #create: (module: M) => V;
  #loading: Promise<void> | null = null;

  constructor(host: LazyViewHost, load: () => Promise<M>, create: (module: M) => V) {
    this.#host = host;
    this.#load = load;
    this.#create = create;
  }

  /** `true` while the module is being loaded. */
  get loading(): boolean {
    return this.#loading !== null;
  }

  /** Starts loading the module unless it is loaded, loading, or failed (see `retry()`). */
  ensure(): void {
    if (this.view !== undefined || this.#loading || this.error) return;
    const loading = this.#run();
    this.#loading = loading;
    this.#host.trackLoad(loading);
  }

  /** Loads again after a failure (the retry button). */
  retry(): void {
    this.error = null;
    this.ensure();
    this.#host.requestUpdate();
  }

  /** Forgets a failure, so that the next `ensure()` tries again (the popup closed). */
  clearError(): void {
    this.error = null;
  }

  async #run(): Promise<void> {
    try {
      const module = await this.#load();
      this.#host.adopt(module);
      this.view = this.#create(module);
    } catch (thrown) {
      this.error = toSupportError(thrown);
    } finally {
      this.#loading = null;
      this.#host.requestUpdate();
    }
  }
}
