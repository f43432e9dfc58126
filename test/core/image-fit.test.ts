import { expect } from '@open-wc/testing';
import { fitWithin, THUMBNAIL_MAX_CSS_PX, THUMBNAIL_MAX_PIXEL_RATIO, thumbnailBox, type PixelSize } from '../../src/core/index.js';

describe('thumbnail sizes (src/core/image-fit.ts)', () => {
  describe('fitWithin: fits the box, keeps the aspect ratio, never enlarges', () => {
    const box640 = { width: 640, height: 640 };
    const cases: { name: string; size: PixelSize; box: PixelSize; expected: PixelSize }[] = [
      { name: 'a wide screenshot is limited by its width', size: { width: 2560, height: 1440 }, box: box640, expected: { width: 640, height: 360 } },
      { name: 'a tall phone screenshot is limited by its height', size: { width: 1170, height: 2532 }, box: box640, expected: { width: 296, height: 640 } },
      { name: 'a square image fills the box', size: { width: 1141, height: 1141 }, box: box640, expected: { width: 640, height: 640 } },
      { name: 'an image smaller than the box keeps its size', size: { width: 300, height: 200 }, box: box640, expected: { width: 300, height: 200 } },
      { name: 'an image exactly the box keeps its size', size: { width: 640, height: 640 }, box: box640, expected: { width: 640, height: 640 } },
      { name: 'one side over the box, the other under', size: { width: 1000, height: 100 }, box: box640, expected: { width: 640, height: 64 } },
      { name: 'a 1 px line stays 1 px high', size: { width: 10_000, height: 1 }, box: box640, expected: { width: 640, height: 1 } },
      { name: 'a very tall sliver stays 1 px wide', size: { width: 3, height: 50_000 }, box: box640, expected: { width: 1, height: 640 } },
      { name: 'rounds to the nearest pixel', size: { width: 1000, height: 333 }, box: { width: 500, height: 500 }, expected: { width: 500, height: 167 } },
      { name: 'a box that is not square', size: { width: 4000, height: 3000 }, box: { width: 320, height: 100 }, expected: { width: 133, height: 100 } },
      { name: 'a 1×1 image', size: { width: 1, height: 1 }, box: box640, expected: { width: 1, height: 1 } },
      { name: 'an empty image gives nothing to draw', size: { width: 0, height: 100 }, box: box640, expected: { width: 0, height: 0 } },
      { name: 'a size that is not a number gives nothing', size: { width: Number.NaN, height: 100 }, box: box640, expected: { width: 0, height: 0 } },
      { name: 'an empty box gives nothing', size: { width: 100, height: 100 }, box: { width: 0, height: 640 }, expected: { width: 0, height: 0 } },
      { name: 'an infinite box gives nothing', size: { width: 100, height: 100 }, box: { width: Infinity, height: 640 }, expected: { width: 0, height: 0 } },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const got = fitWithin(c.size, c.box);
        expect(got).to.deep.equal(c.expected);
        if (got.width > 0) {
          expect(got.width).to.be.at.most(c.box.width).and.at.most(c.size.width);
          expect(got.height).to.be.at.most(c.box.height).and.at.most(c.size.height);
        }
      });
    }
    it('keeps the aspect ratio within a pixel of rounding on many sizes', () => {
      for (let w = 1; w <= 5000; w += 197) {
        for (let h = 1; h <= 5000; h += 211) {
          const got = fitWithin({ width: w, height: h }, box640);
          expect(got.width, `${w}×${h}`).to.be.within(1, Math.min(640, w));
          expect(got.height, `${w}×${h}`).to.be.within(1, Math.min(640, h));
          // Both sides scaled by the same factor (the one that fits the longer side), each within rounding of it.
          const scale = Math.min(1, 640 / w, 640 / h);
          expect(Math.abs(Math.max(1, w * scale) - got.width), `${w}×${h} → ${got.width}×${got.height}`).to.be.at.most(0.5);
          expect(Math.abs(Math.max(1, h * scale) - got.height), `${w}×${h} → ${got.width}×${got.height}`).to.be.at.most(0.5);
        }
      }
    });
  });

  describe('thumbnailBox: 320 CSS px a side, for screens up to 2 device pixels per CSS pixel', () => {
    const cases: { ratio: number; side: number }[] = [
      { ratio: 1, side: 320 },
      { ratio: 1.25, side: 400 },
      { ratio: 1.5, side: 480 },
      { ratio: 2, side: 640 },
      { ratio: 3, side: 640 },
      { ratio: 0.5, side: 320 },
      { ratio: 0, side: 320 },
      { ratio: Number.NaN, side: 320 },
      { ratio: Infinity, side: 320 },
    ];
    for (const c of cases) it(`ratio ${c.ratio} → ${c.side} px`, () => expect(thumbnailBox(c.ratio)).to.deep.equal({ width: c.side, height: c.side }));
    it('the limits', () => {
      expect(THUMBNAIL_MAX_CSS_PX).to.equal(320);
      expect(THUMBNAIL_MAX_PIXEL_RATIO).to.equal(2);
    });
  });
});
