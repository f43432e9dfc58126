/**
 * Screenshot tests of the states gallery (issue 15.8): every state at 390 and 1280 px in the light theme and at
 * 1280 px in the dark theme (it changes colours, not layout; the gallery's axe test checks its contrast at 390 px),
 * each with the elements the state is about (`focus` in demo/gallery/states.ts), compared with the committed
 * baselines in test/visual/baselines/ (tolerance and update command: docs/testing.md).
 * `npm run test:visual:update` rewrites the baselines.
 */
import { visualDiff } from '@web/test-runner-visual-regression';
import { GALLERY_STATES } from '../../demo/gallery/states.js';
import { mountTestGallery, resetView, showAlone, showAll, view, type TestGallery } from './gallery-harness.js';

describe('states gallery screenshots', function () {
  this.timeout(120_000);
  let gallery: TestGallery;
  before(async () => {
    gallery = await mountTestGallery('en');
    for (const { state, section } of gallery.states) {
      for (const specimen of section.querySelectorAll<HTMLElement>('.specimen')) {
        specimen.hidden = !!state.focus && !state.focus.includes(specimen.dataset['tag'] as never);
      }
    }
  });
  afterEach(() => showAll(gallery));
  after(async () => {
    await gallery.dispose();
    await resetView();
  });

  for (const [width, theme] of [
    [390, 'light'],
    [1280, 'light'],
    [1280, 'dark'],
  ] as const) {
    for (const state of GALLERY_STATES) {
      it(`${state.id} at ${width} px, ${theme}`, async () => {
        await view(gallery, width, theme);
        const section = await showAlone(gallery, state.id, width);
        await visualDiff(section, `${state.id}-${width}-${theme}`);
      });
    }
  }
});
