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

/** Every Lit element below `root` (through shadow roots) has rendered. */
async function updatesDone(root: ParentNode): Promise<void> {
  const all: Element[] = [];
  const walk = (node: ParentNode) => {
    for (const el of node.querySelectorAll('*')) {
      all.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(root);
  await Promise.all(all.map((el) => (el as Partial<{ updateComplete: Promise<unknown> }>).updateComplete));
}

/** Viewport width, light or dark (the example dark theme plus the dark colour scheme), no motion. */
export async function view(root: HTMLElement, width: number, theme: 'light' | 'dark'): Promise<void> {
  await setViewport({ width, height: 900 });
  await emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
  document.documentElement.classList.toggle('support-theme-dark', theme === 'dark');
  await frame();
  await updatesDone(root);
  await frame();
}

/** Back to the runner's defaults for the next test file in this page. */
export async function resetView(): Promise<void> {
  document.documentElement.classList.remove('support-theme-dark');
  await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
  await setViewport({ width: 800, height: 600 });
}
