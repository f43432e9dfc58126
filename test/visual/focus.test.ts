import { expect, fixtureCleanup } from '@open-wc/testing';
import { executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import { testBackends } from '../helpers/backend.js';
import { contrast, effectiveBackground, flatParent, hex, over, parseColor, type Rgba } from './colors.js';
import { OPEN_HOURS, scenes } from './scenes.js';

// Focus outlines (issue 15.4), measured in real Chromium: Tab through every element and, for each control that takes
// the focus, read the computed outline and the colours around it.
//
// The outline's neighbours are what touches it: outside, the surface the control sits on; inside, the control's own
// fill when the outline touches the control (outline-offset ≤ 0, e.g. the chat log's inset outline), else the gap
// between the two, which shows that same surface. Each neighbour needs 3:1 (WCAG 2.2, 1.4.11 / 2.4.13).
//
// Themes: the built-in light colours, the built-in dark colours (prefers-color-scheme: dark) and the example theme
// themes/dark.css; forced colours (Windows high contrast) only need an outline that is there.

type Theme = 'light' | 'dark (system)' | 'dark (themes/dark.css)';
const PAGE: Record<Theme, Rgba> = {
  light: [255, 255, 255, 1],
  'dark (system)': [13, 17, 23, 1],
  'dark (themes/dark.css)': [13, 17, 23, 1],
};

const emulate = (features: { name: string; value: string }[]) => executeServerCommand('emulate-media-features', { features });

let darkSheet: HTMLLinkElement | null = null;
async function applyTheme(theme: Theme): Promise<void> {
  await emulate([{ name: 'prefers-color-scheme', value: theme === 'dark (system)' ? 'dark' : 'light' }]);
  document.documentElement.classList.toggle('support-theme-dark', theme === 'dark (themes/dark.css)');
  document.body.style.background = hex(PAGE[theme]);
  if (theme === 'dark (themes/dark.css)' && !darkSheet) {
    darkSheet = document.createElement('link');
    darkSheet.rel = 'stylesheet';
    darkSheet.href = '/themes/dark.css';
    const loaded = new Promise((resolve, reject) => {
      darkSheet!.onload = resolve;
      darkSheet!.onerror = reject;
    });
    document.head.append(darkSheet);
    await loaded;
  }
}

/** The focused element, through shadow roots. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Whether `node` is `el` or below it in the flat tree. */
function within(node: Element | null, el: Element): boolean {
  for (let n = node; n; n = flatParent(n)) if (n === el) return true;
  return false;
}

const describeControl = (node: Element) =>
  `${node.localName}${node.id ? `#${node.id}` : ''}${node.getAttribute('part') ? `[part=${node.getAttribute('part')}]` : ''}${
    node.className && typeof node.className === 'string' ? `.${node.className.trim().split(/\s+/).join('.')}` : ''
  } "${(node.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30)}"`;

/** Tabs from the start button through the element; returns each control that took the focus, in order. */
async function tabThrough(wrapper: HTMLElement, el: HTMLElement, visit: (node: Element) => void): Promise<number> {
  (wrapper.querySelector('#start') as HTMLButtonElement).focus();
  const seen = new Set<Element>();
  for (let step = 0; step < 120; step += 1) {
    await sendKeys({ press: 'Tab' });
    const node = deepActive();
    if (!node || !within(node, el) || seen.has(node)) break;
    seen.add(node);
    visit(node);
  }
  return seen.size;
}

describe('focus outlines (issue 15.4)', function () {
  this.timeout(120_000);
  let env: ReturnType<typeof testBackends>;
  const now = () => new Date(OPEN_HOURS);

  before(async () => {
    await setViewport({ width: 1280, height: 900 });
  });
  beforeEach(() => {
    env = testBackends({ locale: 'en', now });
    env.demo.control.startSupportLogin('Ticket #4711: export template');
  });
  afterEach(async () => {
    fixtureCleanup();
    await env.cleanup();
  });
  after(async () => {
    await emulate([]);
    document.documentElement.classList.remove('support-theme-dark');
    document.body.style.background = '';
    darkSheet?.remove();
    await setViewport({ width: 800, height: 600 });
  });

  for (const theme of ['light', 'dark (system)', 'dark (themes/dark.css)'] as const) {
    for (const scene of scenes) {
      if (scene.name === 'support-access-indicator') continue; // nothing in it takes the focus
      it(`${scene.name}, ${theme}: every focus outline has 3:1 against its neighbours`, async () => {
        await applyTheme(theme);
        const { wrapper, el } = await scene.render(env.cached, now);
        const failures: string[] = [];
        const count = await tabThrough(wrapper, el, (node) => {
          const style = getComputedStyle(node);
          const width = parseFloat(style.outlineWidth);
          if (style.outlineStyle === 'none' || width < 2) {
            failures.push(`${describeControl(node)}: outline ${style.outlineStyle} ${style.outlineWidth}`);
            return;
          }
          const surface = effectiveBackground(flatParent(node)!, PAGE[theme]);
          const fill = effectiveBackground(node, PAGE[theme]);
          const ring = over(parseColor(style.outlineColor), surface);
          const inner = parseFloat(style.outlineOffset) > 0 ? surface : fill;
          for (const [side, neighbour] of [['outside', surface], ['inside', inner]] as const) {
            const ratio = contrast(ring, neighbour);
            if (ratio < 3) failures.push(`${describeControl(node)}: ${hex(ring)} on ${hex(neighbour)} (${side}) is ${ratio.toFixed(2)}:1`);
          }
        });
        expect(count, 'controls reached with Tab').to.be.greaterThan(0);
        expect(failures, failures.join('\n')).to.deep.equal([]);
        await expect(el).to.be.accessible();
      });
    }
  }

  for (const scene of scenes) {
    if (scene.name === 'support-access-indicator') continue;
    it(`${scene.name}, forced colours: every focused control draws an outline`, async () => {
      await emulate([{ name: 'forced-colors', value: 'active' }]);
      document.documentElement.classList.remove('support-theme-dark');
      expect(matchMedia('(forced-colors: active)').matches, 'forced colours emulated').to.equal(true);
      const { wrapper, el } = await scene.render(env.cached, now);
      const failures: string[] = [];
      const count = await tabThrough(wrapper, el, (node) => {
        const style = getComputedStyle(node);
        if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) < 1 || parseColor(style.outlineColor)[3] === 0) {
          failures.push(`${describeControl(node)}: outline ${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`);
        }
      });
      expect(count).to.be.greaterThan(0);
      expect(failures, failures.join('\n')).to.deep.equal([]);
      await emulate([]);
    });
  }
});
