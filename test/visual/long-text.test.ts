import { expect, fixtureCleanup } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { createCachingBackend } from '../../src/backend/index.js';
import { testBackends } from '../helpers/backend.js';
import { longTextBackend } from './long-text-backend.js';
import { deepElements, deepQuery, OPEN_HOURS, scenes } from './scenes.js';

// A 300-character unbroken string in every free-text field a backend sends (names, departments, grantees, reasons,
// chat messages and authors, topics, notes, the tenant's name and label): every element stays within its own box,
// nothing inside it scrolls sideways except the tab strips made for it, and the page never scrolls sideways
// (issue 15.2 and 15.6). At a phone's, a tablet's and a desktop's width; axe in each state.

const LONG = `https://tickets.example/${'W'.repeat(276)}`;

/** Boxes inside `el` that stick out of it, and scroll containers in it that scroll sideways (tab strips excepted). */
function overflowsOf(el: HTMLElement): string[] {
  // A popup's box is its <dialog> (in the top layer, not inside the host's box).
  const frame = deepQuery(el, 'dialog[open]') ?? el;
  const box = frame.getBoundingClientRect();
  const problems: string[] = [];
  const name = (node: Element) => `${node.localName}${node.getAttribute('part') ? `[part=${node.getAttribute('part')}]` : ''}.${String(node.className || '').trim().replace(/\s+/g, '.')}`;
  for (const node of deepElements(el)) {
    if (node === frame || node.closest('.scroll-strip, .visually-hidden, [hidden], dialog:not([open])')) continue;
    const rect = node.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue;
    if (rect.width <= 1 && rect.height <= 1) continue; // visually hidden text
    if (rect.left < box.left - 1 || rect.right > box.right + 1) {
      problems.push(`${name(node)} spans ${Math.round(rect.left)}–${Math.round(rect.right)} outside ${Math.round(box.left)}–${Math.round(box.right)}`);
    }
    const style = getComputedStyle(node);
    if (/(auto|scroll)/.test(style.overflowX) && node.scrollWidth > node.clientWidth + 1) {
      problems.push(`${name(node)} scrolls sideways (${node.scrollWidth} px in ${node.clientWidth} px)`);
    }
  }
  return problems;
}

describe('a 300-character unbroken string in every backend text field (issue 15.2)', function () {
  this.timeout(60_000);
  let env: ReturnType<typeof testBackends>;
  const now = () => new Date(OPEN_HOURS);

  beforeEach(() => {
    env = testBackends({ locale: 'en', now });
    env.demo.control.startSupportLogin(LONG);
  });
  afterEach(async () => {
    fixtureCleanup();
    await env.cleanup();
    await setViewport({ width: 800, height: 600 });
  });

  for (const width of [390, 800, 1280]) {
    for (const scene of scenes) {
      it(`keeps ${scene.name} inside its box and the page at ${width} px`, async () => {
        await setViewport({ width, height: 900 });
        const backend = createCachingBackend(longTextBackend(env.demo, LONG), {
          scope: { tenantId: `test-${crypto.randomUUID()}`, userId: 'user-abecker' },
          now,
        });
        try {
          const { el } = await scene.render(backend, now);
          // The contact card shows no free text from the backend (an e-mail address, phone numbers, hours).
          if (scene.name !== 'support-contact') {
            const shown = deepElements(el).some((node) => (node.textContent ?? '').includes(LONG.slice(0, 40)));
            expect(shown, 'the long text shows').to.equal(true);
          }
          if (scene.name.startsWith('callback-scheduler')) {
            // The day strip scrolls sideways on purpose; a phone's strip shows that it does.
            const strip = deepQuery(el, '.days')!;
            if (width === 390) expect(strip.scrollWidth, 'the day strip overflows at 390 px').to.be.greaterThan(strip.clientWidth);
          }
          expect(overflowsOf(el), 'overflow inside the element').to.deep.equal([]);
          const root = document.documentElement;
          expect(root.scrollWidth, 'page scroll width').to.be.at.most(root.clientWidth);
          await expect(el).to.be.accessible();
        } finally {
          await backend.clear();
          backend.close?.();
        }
      });
    }
  }
});
