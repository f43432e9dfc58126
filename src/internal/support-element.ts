import { ContextRoot, consume } from '@lit/context';
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { SupportBackend } from '../backend/backend.js';
import { backendForElements } from '../backend/validate-backend.js';
import { isCacheAware } from '../backend/cache/cache-aware.js';
import { DEFAULT_TIME_ZONE, isValidTimeZone } from '../core/zone.js';
import { type CommonMessages, commonTranslations } from './common.i18n.js';
import { type Clock, backendContext, clockContext, hostClock } from './context.js';
import { tenantBrandOf, tenantZoneOf } from './tenant-zone.js';
import type { SupportEventDetails, SupportEventName } from './events.js';
import {
  type Language,
  type Messages,
  type Translations,
  loadFailed,
  loadLanguage,
  tableFor,
  toLanguage,
  toLocale,
} from './localize.js';

// ------------------------------------------------------------------------------------------- late providers
let contextRootAttached = false;

/** What Lit's `ContextRoot` keeps per context (private there; read here to prune it). */
interface PendingRequests {
  callbacks: WeakMap<Element, WeakSet<object>>;
  requests: { elementRef: WeakRef<Element>; callbackRef: WeakRef<object> }[];
}

/**
 * Lit's `ContextRoot`, minus its growth: it keeps a record (two `WeakRef`s and an object) of every subscribing request
 * that reaches the document without a provider until a provider of that context appears — also long after the element
 * is gone. The unlock dialog's and the scheduler's internal elements connect on every open, and `clockContext` has no
 * provider unless a clock is given, so the records grew with every open/close (docs/performance.md). This root drops
 * the records of elements no longer connected whenever a request comes; one that connects again asks again.
 */
class PruningContextRoot extends ContextRoot {
  constructor() {
    super();
    const root = this as unknown as {
      pendingContextRequests: Map<unknown, PendingRequests>;
      onContextRequest: (event: Event & { context: unknown }) => void;
    };
    const record = root.onContextRequest;
    root.onContextRequest = (event) => {
      const pending = root.pendingContextRequests.get(event.context);
      if (pending) {
        pending.requests = pending.requests.filter(({ elementRef, callbackRef }) => {
          const element = elementRef.deref();
          const callback = callbackRef.deref();
          if (element?.isConnected && callback) return true;
          if (element && callback) pending.callbacks.get(element)?.delete(callback);
          return false;
        });
      }
      record(event);
    };
  }
}

/**
 * A context root on the document buffers the backend requests of elements that connect before any provider exists
 * (tags registered, then `provideBackend()` called) and replays them when a provider appears.
 */
function ensureContextRoot(): void {
  if (contextRootAttached || typeof document === 'undefined') return;
  const key = Symbol.for('support-widgets/context-root');
  const root = document.documentElement as HTMLElement & { [key]?: boolean };
  if (!root[key]) {
    new PruningContextRoot().attach(root);
    root[key] = true;
  }
  contextRootAttached = true;
}

// ------------------------------------------------------------------------------------------- document language
const connected = new Set<SupportElement>();
let documentObserver: MutationObserver | null = null;

function watchDocumentLanguage(): void {
  if (documentObserver || typeof MutationObserver === 'undefined') return;
  documentObserver = new MutationObserver(() => connected.forEach((el) => el.requestUpdate()));
  documentObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang', 'dir'] });
}

const subclass = (base: CustomElementConstructor): CustomElementConstructor =>
  class extends (base as unknown as typeof HTMLElement) {} as unknown as CustomElementConstructor;

type Args<M> = M extends (...args: infer A) => string ? A : [];
const common = commonTranslations as Translations<Messages>;

let browserZone: string | undefined;
/** The browser's zone, read once: `Intl.DateTimeFormat()` is costly to build, and `viewerZone` is read on every row. */
const viewerTimeZone = (): string => (browserZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC');

/** Zones checked with `isValidTimeZone` (each builds an `Intl.DateTimeFormat`), by name. */
const checkedZones = new Map<string, boolean>();
const validZone = (zone: string): boolean => {
  let valid = checkedZones.get(zone);
  if (valid === undefined) checkedZones.set(zone, (valid = isValidTimeZone(zone)));
  return valid;
};

const realClock: Clock = () => new Date();

/** A translate function for an element's own strings `T` plus the common ones. */
export type Translator<T extends Messages = Record<never, never>> = <K extends keyof (T & CommonMessages) & string>(
  key: K,
  ...args: Args<(T & CommonMessages)[K]>
) => string;

/**
 * The base of every support-widgets element: safe registration, the backend (property or context), language and
 * direction from the element or the document, the viewer's time zone, and typed events.
 *
 * The tokens below are the ones the shared `tokens` + `baseStyles` (src/internal/styles.ts) read; the analyzer copies
 * them into every element's `cssProperties`, so an element documents only the tokens of its own styles (and may
 * repeat one here to describe it in its own words). `test/tooling/tokens.test.ts` checks both directions.
 *
 * @cssproperty --support-font-family - Font of all text.
 * @cssproperty --support-font-size - Base font size.
 * @cssproperty --support-color-text - Text colour.
 * @cssproperty --support-color-text-muted - Secondary text colour.
 * @cssproperty --support-color-surface - Background of buttons and popups.
 * @cssproperty --support-color-surface-alt - Hover states and notices.
 * @cssproperty --support-color-border - Borders.
 * @cssproperty --support-color-accent - Primary actions.
 * @cssproperty --support-color-accent-text - Text on the accent colour.
 * @cssproperty --support-color-success - Success notices.
 * @cssproperty --support-color-warning - Warnings, the stale-data notice.
 * @cssproperty --support-color-danger - Errors and destructive actions.
 * @cssproperty --support-color-skeleton - Loading placeholders.
 * @cssproperty --support-radius - Corner radius.
 * @cssproperty --support-shadow - Popup shadow.
 * @cssproperty --support-backdrop - Popup backdrop.
 * @cssproperty --support-color-surface-raised - Popup background (raised above the page; in dark themes lighter than the surface).
 * @cssproperty --support-focus-color - Colour of the focus outline (2 px, 2 px away from the control). Default: the accent colour.
 * @cssproperty --support-transition-duration - Length of hover transitions (none under `prefers-reduced-motion`).
 */
export abstract class SupportElement extends LitElement {
  /**
   * Registers `tagName` for this class, quietly doing nothing when the tag is already taken (two copies of a widget
   * bundle on one page). A class registered under one tag is subclassed for a second tag.
   */
  static define(tagName: string): void {
    if (typeof customElements === 'undefined' || customElements.get(tagName)) return;
    ensureContextRoot();
    const registry = customElements;
    const constructor = this as unknown as CustomElementConstructor;
    try {
      registry.define(tagName, constructor);
    } catch {
      // This class is registered under another tag already: register a trivial subclass.
      registry.define(tagName, subclass(constructor));
    }
  }

  /**
   * The backend that supplies all data. Set it directly (`el.backend = createCachingBackend(…)`) or provide it for
   * a subtree with `provideBackend(root, backend)`. Every response is validated before use.
   */
  @consume({ context: backendContext, subscribe: true })
  @property({ attribute: false })
  backend?: SupportBackend;

  /**
   * The clock: what time it is now, for everything the element judges by time ("open now", the hotline tier,
   * "Today", past callback windows, grant previews). Set it on one element, or once for a subtree with
   * `provideBackend(root, backend, { now })`; unset, the element reads its backend's clock (a caching backend's `now`
   * option), else the real one. Tests and demos pin it (see docs/testing.md).
   */
  @consume({ context: clockContext, subscribe: true })
  @property({ attribute: false })
  now?: Clock;

  /**
   * The viewer's IANA time zone for showing times. Default: the browser's. Support rules follow the tenant's zone
   * (`tenantZone`, from the backend's session); where the two differ, times show both.
   */
  @property({ attribute: 'time-zone' }) timeZone = '';

  /** The element's language (`en`, `de`, `de-AT` …); when empty, the nearest ancestor's `lang`, else `<html lang>`. */
  @property() override lang = '';

  /** Text direction; when empty, inherited. */
  @property() override dir = '';

  /** `backend` validated, with deadlines and a contained `subscribe` (`backendForElements`, memoised per backend). */
  protected get api(): SupportBackend | undefined {
    const source = this.backend;
    return source ? backendForElements(source) : undefined;
  }

  /** The language in use: the element's `lang`, else the nearest ancestor's, else `<html lang>`; `en` or `de`. */
  get language(): Language {
    return toLanguage(this.#langAttribute());
  }

  /** The locale used for dates and numbers (keeps a region such as `de-CH`). */
  get locale(): string {
    return toLocale(this.#langAttribute());
  }

  /** The zone times are shown in. */
  get viewerZone(): string {
    // An unknown zone would make every Intl call throw: fall back to the browser's.
    return this.timeZone && validZone(this.timeZone) ? this.timeZone : viewerTimeZone();
  }

  /**
   * The tenant's zone, which support rules follow: the backend's `session.tenant.timeZone`, read once per backend
   * and shared by all elements; `DEFAULT_TIME_ZONE` (Europe/Berlin) until it is known.
   */
  get tenantZone(): string {
    const api = this.api;
    return (api && tenantZoneOf(api, this)) || DEFAULT_TIME_ZONE;
  }

  /** The vendor's name in the product's wording (`session.tenant.brandName`, e.g. `onOffice`); `''` until known. */
  protected get tenantBrand(): string {
    const api = this.api;
    return api ? tenantBrandOf(api, this) : '';
  }

  /** The time now by the element's clock: `now` (set or provided), else the backend's clock, else the real one. */
  protected currentTime(): Date {
    const backend = this.backend;
    const clock = this.now ?? (isCacheAware(backend) ? backend.now : undefined) ?? realClock;
    return clock();
  }

  /**
   * The element's clock for its controllers (`Resource` stamps fresh reads with it); see `hostClock`.
   * @internal
   */
  [hostClock](): Date {
    return this.currentTime();
  }

  #langAttribute(): string {
    if (this.lang) return this.lang;
    // The nearest ancestor with a lang, across shadow roots (an element inside another element's shadow DOM).
    let node: Element | null = this.parentElement ?? ((this.getRootNode() as ShadowRoot).host ?? null);
    while (node) {
      const found = node.closest('[lang]') as HTMLElement | null;
      if (found?.lang) return found.lang;
      node = (node.getRootNode() as ShadowRoot).host ?? null;
    }
    return document.documentElement.lang || navigator.language || 'en';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    connected.add(this);
    watchDocumentLanguage();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    connected.delete(this);
  }

  /** Dispatches a bubbling, composed, typed `support-*` event; returns it (check `defaultPrevented`). */
  emit<K extends SupportEventName>(
    name: K,
    detail: SupportEventDetails[K],
    options: { cancelable?: boolean } = {},
  ): CustomEvent<SupportEventDetails[K]> {
    const event = new CustomEvent(name, { bubbles: true, composed: true, cancelable: options.cancelable ?? false, detail });
    this.dispatchEvent(event);
    return event;
  }

  /** The translation tables this element's translators read (the common table is always read). */
  readonly #tables = new Set<Translations<Messages>>([common]);
  /** The language of the last update, to retry a failed load once the language changes. */
  #lastLanguage: Language | null = null;

  /**
   * Waits, before an update, for the strings of the element's language when they are not loaded yet (German loads on
   * demand): a German element renders German from its first frame, and `updateComplete` covers the wait. With every
   * table at hand — always in English — the update runs at once, as in any Lit element. A table that failed to load
   * does not block: the element renders English, and tries again after the next change of language.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const language = this.language;
    const changed = language !== this.#lastLanguage;
    this.#lastLanguage = language;
    if (language === 'en') return super.scheduleUpdate();
    const missing = [...this.#tables].filter((t) => !tableFor(t, language) && (changed || !loadFailed(t, language)));
    if (!missing.length) return super.scheduleUpdate();
    return Promise.all(missing.map((t) => loadLanguage(t, language, { retry: changed }))).then(() => super.scheduleUpdate());
  }

  /**
   * A translator for this element's strings (plus the common ones), reading the language at each call:
   * `private t = this.translator(myTranslations)` then `this.t('title')`. While a language's strings are still
   * loading (a call outside an update, just after the language changed) it answers in English and updates the element
   * once they are there.
   */
  protected translator<T extends Messages>(table: Translations<T>): Translator<T> {
    const own = table as Translations<Messages>;
    this.#tables.add(own);
    return (key, ...args) => {
      const language = this.language;
      const mine = tableFor(own, language);
      const shared = tableFor(common, language);
      if ((!mine && !loadFailed(own, language)) || (!shared && !loadFailed(common, language))) this.#loadLater(language);
      const message =
        (mine as Messages | undefined)?.[key] ??
        (shared as Messages | undefined)?.[key] ??
        (own.en as Messages)[key] ??
        (common.en as Messages)[key] ??
        key;
      return typeof message === 'function' ? (message as (...a: unknown[]) => string)(...args) : message;
    };
  }

  #loadingLater: Language | null = null;

  /** Loads the element's tables for `language`, then updates it (its next update would wait for them anyway). */
  #loadLater(language: Language): void {
    if (this.#loadingLater === language) return;
    this.#loadingLater = language;
    void Promise.all([...this.#tables].map((t) => loadLanguage(t, language))).then(() => {
      this.#loadingLater = null;
      this.requestUpdate();
    });
  }
}
