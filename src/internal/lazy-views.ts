import type { CSSResult } from 'lit';
import { type SupportError, toSupportError } from '../backend/errors.js';
import type { Messages, Translations } from './localize.js';
import { PendingLoads } from './pending-loads.js';
import type { Translator } from './support-element.js';

/**
 * Views an element loads with a dynamic `import()` when it first needs them (the unlock dialog's Grant form and
 * overviews, the scheduler's form and booking): the element paints its frame and starts reading its data at once, the
 * view's code arrives meanwhile. A view module brings its own styles and the English strings of its views
 * (German ones sit in the element's German chunk, loaded with its first German frame).
 */
export interface ViewModule<V extends Messages = Messages> {
  readonly styles: CSSResult;
  readonly strings: Translations<V>;
}

/** What a `LazyView` needs from the element that shows it. */
export interface LazyViewHost<V extends Messages = Messages> {
  requestUpdate(): void;
  /** Called with every load in progress (the element's `updateComplete` waits for them). */
  trackLoad(loading: Promise<void>): void;
  /** Takes in what a loaded module brings (see `ViewSupport.adopt`). */
  adopt(module: ViewModule<V>): void;
}

/**
 * A view whose code is loaded with a dynamic `import()` the first time it is needed: `ensure()` starts the load
 * (once; a failed load is retried only by `retry()` or after `clearError()`, so a render loop never hammers a broken
 * network), `view` is the instance once loaded, `error` the failure to show with a retry button.
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

  /** Starts loading the module unless it is loaded, loading, or failed (see `retry()`). */
  ensure(): void {
    if (this.view !== undefined || this.#loading || this.error) return;
    const loading = this.#run();
    this.#loading = loading;
    this.#host.trackLoad(loading);
  }

  /** Starts loading (see `ensure()`) and resolves when the load ended, loaded or failed (`view`, `error`). */
  loaded(): Promise<void> {
    this.ensure();
    return this.#loading ?? Promise.resolve();
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

/**
 * Adds `styles` to `root` after the element's own: as an adopted stylesheet, or — where Lit renders `<style>`
 * elements because constructable stylesheets are missing — as a `<style>` after Lit's.
 */
function adoptInto(root: HTMLElement | DocumentFragment, styles: CSSResult): void {
  const sheet = styles.styleSheet;
  if (sheet && root instanceof ShadowRoot) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return;
  }
  const style = document.createElement('style');
  const nonce = (globalThis as { litNonce?: string }).litNonce;
  if (nonce !== undefined) style.setAttribute('nonce', nonce);
  style.textContent = styles.cssText;
  const last = [...root.children].filter((child) => child.localName === 'style').at(-1);
  if (last) last.after(style);
  else root.prepend(style);
}

/**
 * The element's side of its lazily loaded views: creates them (`lazy`), adopts each module's styles into the shadow
 * root (once per stylesheet; `createRenderRoot` calls `addTo` for a root made later), registers the views' strings
 * with the element's translator when the first module arrives, translates with both tables (`t`), and counts the
 * loads in progress, which the element's `updateComplete` waits for (`settled`).
 */
export class ViewSupport<T extends Messages, V extends Messages> {
  readonly #adopted = new Set<CSSResult>();
  readonly #loads = new PendingLoads();
  readonly #element: { requestUpdate(): void; readonly renderRoot?: HTMLElement | DocumentFragment };
  readonly #own: () => Translator<T>;
  readonly #register: (table: Translations<V>) => Translator<V>;
  readonly #host: LazyViewHost<V>;
  #views: { table: Translations<V>; t: Translator<V> } | undefined;

  /**
   * @param element The element (its render root once it exists; updated when a view loads).
   * @param own The element's translator (read at each call).
   * @param register Registers a table with the element (`(table) => this.translator(table)`), so that its updates
   *   wait for that table's German strings like for its own.
   */
  constructor(
    element: { requestUpdate(): void; readonly renderRoot?: HTMLElement | DocumentFragment },
    own: () => Translator<T>,
    register: (table: Translations<V>) => Translator<V>,
  ) {
    this.#element = element;
    this.#own = own;
    this.#register = register;
    this.#host = {
      requestUpdate: () => element.requestUpdate(),
      trackLoad: (loading) => this.#loads.track(loading),
      adopt: (module) => this.adopt(module),
    };
  }

  /** A view of the element whose module `load` imports and `create` instantiates (see `LazyView`). */
  lazy<M extends ViewModule<V>, W>(load: () => Promise<M>, create: (module: M) => W): LazyView<M, W> {
    return new LazyView<M, W>(this.#host as LazyViewHost, load, create);
  }

  /** Counts other code loaded on demand (a nested element) among the loads `settled` waits for. */
  track(loading: Promise<unknown>): void {
    this.#loads.track(loading);
  }

  /** Waits for `update` (the element's own update) and, while loads are pending, for them and the update after. */
  settled(update: () => Promise<boolean>): Promise<boolean> {
    return this.#loads.settled(update);
  }

  /** The element's strings and, once a view module has loaded, the views'. */
  readonly t = ((key: string, ...args: never[]) => {
    const views = this.#views;
    const translate = (views && key in views.table.en ? views.t : this.#own()) as (key: string, ...args: never[]) => string;
    return translate(key, ...args);
  }) as Translator<T & V>;

  adopt(module: ViewModule<V>): void {
    this.#views ??= { table: module.strings, t: this.#register(module.strings) };
    if (this.#adopted.has(module.styles)) return;
    this.#adopted.add(module.styles);
    const root = this.#element.renderRoot;
    if (root) adoptInto(root, module.styles);
  }

  /** Adds the styles adopted so far to a newly created render root. */
  addTo(root: HTMLElement | DocumentFragment): void {
    for (const styles of this.#adopted) adoptInto(root, styles);
  }
}
