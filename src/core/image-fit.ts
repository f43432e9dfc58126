/**
 * The size of an image's thumbnail: the image scaled to fit a box, aspect ratio kept, never enlarged. Pure arithmetic;
 * the panel decodes and scales the image with `createImageBitmap` (see
 * `src/elements/support-chat-panel/thumbnails.ts`).
 */

/** A size in whole pixels. */
export interface PixelSize {
  readonly width: number;
  readonly height: number;
}

/** The largest thumbnail in CSS pixels, each side (the log shows images at most 7.5rem high, the bubble wide). */
export const THUMBNAIL_MAX_CSS_PX = 320;
/** Device pixels per CSS pixel a thumbnail is made for at most (sharper screens get no sharper thumbnails). */
export const THUMBNAIL_MAX_PIXEL_RATIO = 2;

/**
 * `size` scaled down to fit within `box`, keeping its aspect ratio: each side rounded, at least 1 pixel, and never
 * larger than the image (a small image keeps its size). A size or box that is not a positive finite number gives
 * `{ width: 0, height: 0 }` (nothing to draw).
 */
export function fitWithin(size: PixelSize, box: PixelSize): PixelSize {
  const valid = (n: number) => Number.isFinite(n) && n > 0;
  if (!valid(size.width) || !valid(size.height) || !valid(box.width) || !valid(box.height)) return { width: 0, height: 0 };
  const scale = Math.min(1, box.width / size.width, box.height / size.height);
  if (scale === 1) return { width: Math.round(size.width), height: Math.round(size.height) };
  const side = (n: number, max: number) => Math.min(Math.floor(max), Math.max(1, Math.round(n * scale)));
  return { width: side(size.width, box.width), height: side(size.height, box.height) };
}

/**
 * The box a thumbnail is made to fit, in device pixels, for a screen of `devicePixelRatio`:
 * `THUMBNAIL_MAX_CSS_PX` × the ratio, the ratio taken between 1 and `THUMBNAIL_MAX_PIXEL_RATIO` (1 when unknown).
 */
export function thumbnailBox(devicePixelRatio: number): PixelSize {
  const ratio = Number.isFinite(devicePixelRatio) && devicePixelRatio > 0 ? Math.min(THUMBNAIL_MAX_PIXEL_RATIO, Math.max(1, devicePixelRatio)) : 1;
  const side = Math.round(THUMBNAIL_MAX_CSS_PX * ratio);
  return { width: side, height: side };
}
