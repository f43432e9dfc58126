/**
 * The states gallery in both languages (issue 15.7/15.8): no state makes the page scroll sideways at 390 or 1280 px,
 * every element stays inside the viewport, and axe finds no violation in any state (`landmark-unique` included, over
 * the whole page with all states and their many copies of each element).
 */
import { expect } from '@open-wc/testing';
import { GALLERY_STATES } from '../../demo/gallery/states.js';
import { mountTestGallery, resetView, view, type TestGallery } from './gallery-harness.js';

type AxeResults = { violations: { id: string; nodes: { target: unknown }[] }[] };
declare const axe: { run(context: unknown, options: unknown): Promise<AxeResults> };

for (const [lang, theme, axeWidth] of [
  ['en', 'light', 1280],
  ['de', 'dark', 390],
] as const) {
  describe(`states gallery in ${lang}`, function () {
    this.timeout(180_000);
    let gallery: TestGallery;
    before(async () => {
      gallery = await mountTestGallery(lang);
    });
    after(async () => {
      await gallery.dispose();
      await resetView();
    });

    for (const width of [390, 1280]) {
      it(`makes no state scroll sideways at ${width} px`, async () => {
        await view(gallery, width, theme);
        const root = document.documentElement;
        expect(root.scrollWidth, 'page scroll width').to.be.at.most(root.clientWidth);
        const outside = gallery.states.flatMap(({ state, section }) =>
          [...section.querySelectorAll<HTMLElement>('.specimen > :not(h3)')]
            .filter((el) => {
              const box = el.getBoundingClientRect();
              return box.left < 0 || box.right > root.clientWidth + 0.5;
            })
            .map((el) => `${state.id}: <${el.localName}>`),
        );
        expect(outside, 'elements outside the viewport').to.deep.equal([]);
      });
    }

    for (const state of GALLERY_STATES) {
      it(`has no axe violation in "${state.id}" (${theme}, ${axeWidth} px)`, async () => {
        await view(gallery, axeWidth, theme);
        const section = gallery.states.find((s) => s.state.id === state.id)!.section;
        await expect(section).to.be.accessible();
      });
    }

    it('has unique landmarks over the whole page, all states together', async () => {
      // chai-a11y-axe loads axe-core on first use: a tiny element is enough.
      const probe = document.body.appendChild(document.createElement('p'));
      probe.textContent = 'axe';
      await expect(probe).to.be.accessible();
      probe.remove();
      const results = await axe.run(document, { runOnly: ['landmark-unique', 'landmark-no-duplicate-main'] });
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.length}`)).to.deep.equal([]);
    });
  });
}
