/**
 * Mounts the states gallery (demo/gallery/mount.ts) into the test page with the gallery's own stylesheets, so the
 * screenshot, overflow and axe tests see what designers see on demo/gallery.html.
 */
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import { mountGallery, type MountedGallery } from '../../demo/gallery/mount.js';
import { DEFAULT_CLOCK, type GalleryLang } from '../../demo/gallery/states.js';

const STYLESHEETS = ['../../themes/dark.css', '../../demo/controls.css', '../../demo/gallery.css'];

async function addStylesheets(): Promise<void> {
  await Promise.all(
    STYLESHEETS.map((path) => {
      const href = new URL(path, import.meta.url).href;
      if (document.querySelector(`link[href="${href}"]`)) return Promise.resolve();
      const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href });
      const loaded = new Promise<void>((resolve, reject) => {
        link.onload = () => resolve();
        link.onerror = () => reject(new Error(`${href} did not load`));
      });
      document.head.append(link);
      return loaded;
    }),
  );
}

export interface TestGallery extends MountedGallery {
  readonly root: HTMLElement;
}

/** The whole gallery (or `only` these states) in `lang`, at the gallery's default clock. */
export async function mountTestGallery(lang: GalleryLang, only?: readonly string[]): Promise<TestGallery> {
  await addStylesheets();
  document.documentElement.lang = lang;
  const root = document.createElement('main');
  root.className = 'gallery';
  document.body.append(root);
  // Test files share the browser's IndexedDB: each mount gets databases of its own.
  const cachePrefix = `gallery-test-${crypto.randomUUID()}`;
  const mounted = await mountGallery(root, { lang, at: new Date(DEFAULT_CLOCK.iso), cachePrefix, ...(only ? { only } : {}) });
  return {
    ...mounted,
    root,
    async dispose() {
      await mounted.dispose();
      root.remove();
    },
  };
}

const frame = () =>
  new Promise<void>((resolve) => {
    // A page that is not in front gets no animation frames: a timer stands in.
    const timer = setTimeout(resolve, 50);
    requestAnimationFrame(() => requestAnimationFrame(() => (clearTimeout(timer), resolve())));
  });

/**
 * Waits for two frames (observers that follow layout — the chat log's resize observer, its visibility observer — report
 * in them), then until `settle` says the elements and their backends are done.
 */
async function afterLayout(settle: () => Promise<void>): Promise<void> {
  await frame();
  await settle();
  await frame();
  await settle();
}

/** Viewport width, light or dark (the example dark theme plus the dark colour scheme), no motion; then settled. */
export async function view(gallery: TestGallery, width: number, theme: 'light' | 'dark'): Promise<void> {
  await setViewport({ width, height: 900 });
  await emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
  document.documentElement.classList.toggle('support-theme-dark', theme === 'dark');
  await afterLayout(() => gallery.settle());
}

/**
 * Shows one state alone for its screenshot and waits until it has settled. Alone: every screenshot starts at the same
 * place on the page, so no state's pixels depend on the height of the states above it (text at a fractional offset
 * rasterises differently). The viewport is made as tall as the state, so the screenshot does not scroll it into view
 * (the chat panel marks replies read when it becomes visible: a scroll during the screenshot raced that update) and
 * every element is visible the same way. Time-based animations are finished or stopped at their start, and nothing
 * has focus (no caret).
 */
export async function showAlone(gallery: TestGallery, stateId: string, width: number): Promise<HTMLElement> {
  const mounted = gallery.states.find((s) => s.state.id === stateId);
  if (!mounted) throw new Error(`No state "${stateId}" in the gallery`);
  for (const { section } of gallery.states) section.style.display = section === mounted.section ? '' : 'none';
  window.scrollTo(0, 0);
  let height = 900;
  for (let attempt = 0; ; attempt += 1) {
    await afterLayout(() => mounted.settle());
    const needed = Math.max(900, Math.ceil(mounted.section.getBoundingClientRect().bottom + window.scrollY));
    if (needed === height) break;
    if (attempt === 3) throw new Error(`"${stateId}" changes its height with the viewport's (${height} → ${needed} px)`);
    height = needed;
    await setViewport({ width, height });
  }
  (deepActiveElement() as HTMLElement | null)?.blur();
  for (const animation of document.getAnimations()) {
    if (animation.timeline !== document.timeline) continue; // scroll-driven (the fading edges of scrolling strips)
    const end = animation.effect?.getComputedTiming().endTime;
    if (typeof end === 'number' && Number.isFinite(end)) animation.finish();
    else {
      animation.currentTime = 0;
      animation.pause();
    }
  }
  await frame();
  return mounted.section;
}

/** Every state shown again (`view()` sets the usual viewport). */
export function showAll(gallery: TestGallery): void {
  for (const { section } of gallery.states) section.style.display = '';
}

function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active === document.body ? null : active;
}

/** Back to the runner's defaults for the next test file in this page. */
export async function resetView(): Promise<void> {
  document.documentElement.classList.remove('support-theme-dark');
  await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
  await setViewport({ width: 800, height: 600 });
}
