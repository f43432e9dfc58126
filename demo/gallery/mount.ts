/**
 * Renders the states gallery into a container: one section per state, each element with its own backend and clock
 * (states.ts). Used by the gallery page (demo/gallery.ts) and by the screenshot, overflow and axe tests
 * (test/visual/gallery*.test.ts), so what the tests compare is what designers see.
 */
import { html, nothing, render, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import '../../src/define/all.js';
import type { CallTracker } from './activity.js';
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
  /** Resolves when the state has settled again (after a change of viewport, theme or visibility); see `settle()`. */
  settle(): Promise<void>;
}

export interface MountedGallery {
  readonly states: readonly MountedState[];
  /** Resolves when every state has settled again; see `settle()`. */
  settle(): Promise<void>;
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

/** Every element below `root`, through shadow roots. */
function* deepElements(root: ParentNode): Generator<Element> {
  for (const el of root.querySelectorAll('*')) {
    yield el;
    if (el.shadowRoot) yield* deepElements(el.shadowRoot);
  }
}

type Updating = Partial<{ updateComplete: Promise<unknown>; isUpdatePending: boolean }>;

/** The next task: work chained on promises (a call started by an update's result, a task's run) has started. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve));

/**
 * Waits until the elements below `root` have settled, from their own signals rather than from time: every custom
 * element is defined (lazily loaded popup contents, the scheduler's panel), every Lit element's update is complete
 * (which covers the scheduler's panel code and the German strings), and every call the elements started on the
 * states' backends (`activity`) has answered — for a caching backend that includes storing the answer. An answer
 * updates its element, which may start the next call (the scheduler lists windows once it knows the topics), so this
 * repeats until a round in which nothing new started and no element has an update pending. Calls that never answer
 * by design (the "loading" state) are not waited for. Throws, naming what still runs, when that takes over `maxMs`.
 */
export async function settle(root: ParentNode, activity: readonly CallTracker[], maxMs = 60_000): Promise<void> {
  const started = () => activity.reduce((n, t) => n + t.started, 0);
  const deadline = performance.now() + maxMs;
  const inTime = <T>(promise: Promise<T>) =>
    Promise.race([promise, new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, deadline - performance.now())))]);
  for (;;) {
    const before = started();
    await inTime(Promise.all(activity.map((t) => t.idle())));
    const elements = [...deepElements(root)];
    const undefinedTags = [...new Set(elements.map((el) => el.localName).filter((tag) => tag.includes('-') && !customElements.get(tag)))];
    await inTime(Promise.all(undefinedTags.map((tag) => customElements.whenDefined(tag))));
    await inTime(Promise.all(elements.map((el) => (el as Updating).updateComplete)));
    await nextTask();
    const pending = activity.flatMap((t) => t.pending());
    const updating = [...deepElements(root)].filter((el) => (el as Updating).isUpdatePending).map((el) => el.localName);
    const undefinedNow = [...deepElements(root)].filter((el) => el.localName.includes('-') && !customElements.get(el.localName));
    // Every state's elements call their backend; none yet means an element still waits for something before it does.
    const uncalled = activity.some((t) => t.started === 0);
    if (started() === before && !uncalled && !pending.length && !updating.length && !undefinedNow.length) break;
    if (performance.now() >= deadline) {
      throw new Error(
        `The gallery did not settle within ${maxMs} ms: calls running: ${pending.join(', ') || 'none'}; ` +
          `${uncalled ? 'a state made no call yet; ' : ''}` +
          `updating: ${updating.join(', ') || 'none'}; not defined: ${undefinedNow.map((el) => el.localName).join(', ') || 'none'}`,
      );
    }
  }
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
  const activity = built.flatMap((b) => b.activity);
  render(view(false), container);
  await settle(container, activity);
  if (built.some((b) => b.afterPrime)) {
    // The cache is filled (every read answered only after storing its answer): the faults go on, and fresh elements
    // over the filled cache read it and call their failing backends.
    for (const b of built) b.afterPrime?.();
    render(view(true), container);
    await settle(container, activity);
  }
  const mounted = states.map((state, i) => {
    const section = container.querySelector<HTMLElement>(`#state-${state.id}`)!;
    return { state, section, settle: () => settle(section, built[i]!.activity) };
  });
  return {
    states: mounted,
    settle: () => settle(container, activity),
    async dispose() {
      render(nothing, container);
      await Promise.all(built.map((b) => b.dispose()));
    },
  };
}
