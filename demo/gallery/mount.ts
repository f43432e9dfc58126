/**
 * Renders the states gallery into a container: one section per state, each element with its own backend and clock
 * (states.ts). Used by the gallery page (demo/gallery.ts) and by the screenshot, overflow and axe tests
 * (test/visual/gallery*.test.ts), so what the tests compare is what designers see.
 */
import { html, nothing, render, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import '../../src/define/all.js';
import { GALLERY_STATES, type BuiltState, type GalleryLang, type GalleryState, type Specimen } from './states.js';

/** Every element shows times in the tenant's zone, whatever the viewing browser's zone: screenshots match anywhere. */
const ZONE = 'Europe/Berlin';

export interface GalleryOptions {
  readonly lang: GalleryLang;
  /** The clock control's time (states with a clock of their own keep it). */
  readonly at: Date;
  /** Only these states (ids); default all. */
  readonly only?: readonly string[];
  /** Prefix of the states' cache databases; default `gallery` (each load starts them empty). */
  readonly cachePrefix?: string;
}

export interface MountedState {
  readonly state: GalleryState;
  /** The state's `<section>`. */
  readonly section: HTMLElement;
}

export interface MountedGallery {
  readonly states: readonly MountedState[];
  /** Empties the container, stops the demo backends' timers and deletes the states' cache databases. */
  dispose(): Promise<void>;
}

function renderSpecimen(s: Specimen): TemplateResult {
  switch (s.tag) {
    case 'about-tenant':
      return html`<about-tenant time-zone=${ZONE} .backend=${s.backend} .now=${s.now}></about-tenant>`;
    case 'support-contact':
      return html`<support-contact time-zone=${ZONE} .backend=${s.backend} .now=${s.now}></support-contact>`;
    case 'callback-scheduler':
      return html`<callback-scheduler time-zone=${ZONE} .backend=${s.backend} .now=${s.now}></callback-scheduler>`;
    case 'support-chat-panel':
      return html`<support-chat-panel time-zone=${ZONE} .backend=${s.backend} .now=${s.now}></support-chat-panel>`;
    case 'support-access-indicator':
      return html`<support-access-indicator time-zone=${ZONE} .backend=${s.backend} .now=${s.now}></support-access-indicator>`;
    case 'support-unlock-dialog':
      return html`<support-unlock-dialog inline time-zone=${ZONE} .backend=${s.backend} .now=${s.now} .unlockToken=${s.unlockToken ?? null}></support-unlock-dialog>`;
  }
}

function renderSpecimens(state: GalleryState, built: BuiltState, lang: GalleryLang): TemplateResult {
  return html`${built.specimens.map(
    (s, i) => html`<div class="specimen" data-tag=${s.tag}>
      <h3 class="specimen-label" id=${`${state.id}-${i}`}>
        <code>&lt;${s.tag}&gt;</code>${s.caption ? html` <span class="caption">${s.caption[lang]}</span>` : nothing}
      </h3>
      ${renderSpecimen(s)}
    </div>`,
  )}`;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Every element below `root`, through shadow roots. */
function* deepElements(root: ParentNode): Generator<Element> {
  for (const el of root.querySelectorAll('*')) {
    yield el;
    if (el.shadowRoot) yield* deepElements(el.shadowRoot);
  }
}

/** Calls made so far through one fault wrapper. */
const callsOf = (wrapper: BuiltState['wrappers'][number]) => Object.values(wrapper.calls).reduce((a, c) => a + c, 0);

/**
 * Waits until the gallery has settled: every state's backends have been called (more often than `before`, after a
 * re-render), then no new call for `quietMs`, every custom element defined (lazily loaded popup contents, the
 * scheduler's panel) and every Lit element's update done. Loading states keep their calls pending forever: they count
 * as settled once no new call starts. Waiting for the first call matters: an element's first call may wait for a
 * lazily loaded module, and silence before it is no sign of a finished state.
 */
export async function settle(
  root: ParentNode,
  built: readonly BuiltState[],
  before: ReadonlyMap<unknown, number> = new Map(),
  quietMs = 400,
  maxMs = 20_000,
): Promise<void> {
  const wrappers = built.flatMap((b) => b.wrappers);
  const calls = () => wrappers.reduce((n, w) => n + callsOf(w), 0);
  const allCalled = () => wrappers.every((w) => callsOf(w) > (before.get(w) ?? 0));
  const undefinedElements = () => [...deepElements(root)].some((el) => el.localName.includes('-') && !customElements.get(el.localName));
  const start = performance.now();
  let last = -1;
  let quietSince = performance.now();
  while (performance.now() - start < maxMs) {
    await sleep(50);
    const count = calls();
    if (count !== last || !allCalled() || undefinedElements()) {
      last = count;
      quietSince = performance.now();
      continue;
    }
    if (performance.now() - quietSince >= quietMs) break;
  }
  await Promise.all([...deepElements(root)].map((el) => (el as Partial<{ updateComplete: Promise<unknown> }>).updateComplete));
  await document.fonts.ready;
}

/** Renders the gallery's states into `container` and resolves once they have settled. */
export async function mountGallery(container: HTMLElement, options: GalleryOptions): Promise<MountedGallery> {
  const states = GALLERY_STATES.filter((s) => !options.only || options.only.includes(s.id));
  const context = { lang: options.lang, at: options.at, cachePrefix: options.cachePrefix ?? 'gallery' };
  const built = await Promise.all(states.map((s) => s.build(context)));
  const view = (primed: boolean) =>
    html`${repeat(
      states,
      (s) => s.id,
      (state, i) => html`<section class="state" id=${`state-${state.id}`} data-state=${state.id} aria-labelledby=${`state-${state.id}-title`}>
        <header class="state-head">
          <h2 id=${`state-${state.id}-title`}>${state.title[options.lang]}</h2>
          <p class="how">${state.how[options.lang]}</p>
        </header>
        <div class="specimens">
          ${
            // A primed state renders new elements over the filled cache (keyed anew, so Lit creates fresh ones).
            repeat([primed && built[i]!.afterPrime ? 'after' : 'first'], (k) => k, () => renderSpecimens(state, built[i]!, options.lang))
          }
        </div>
      </section>`,
  )}`;
  render(view(false), container);
  await settle(container, built);
  if (built.some((b) => b.afterPrime)) {
    const primed = built.filter((b) => b.afterPrime);
    const before = new Map(primed.flatMap((b) => b.wrappers).map((w) => [w, callsOf(w)] as const));
    for (const b of primed) b.afterPrime!();
    render(view(true), container);
    // The fresh elements over the filled cache call their backends again.
    await settle(container, primed, before);
    await settle(container, built);
  }
  return {
    states: states.map((state) => ({ state, section: container.querySelector<HTMLElement>(`#state-${state.id}`)! })),
    async dispose() {
      render(nothing, container);
      await Promise.all(built.map((b) => b.dispose()));
    },
  };
}
