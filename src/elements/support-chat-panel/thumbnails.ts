import { fitWithin, type PixelSize, thumbnailBox } from '../../core/image-fit.js';

/**
 * Small thumbnails of images, so the panel never hands a multi-megabyte file to an `<img>`: Blink's image loader
 * receives a blob URL's bytes on the main thread (tens of ms for 5 MB), whereas `createImageBitmap(blob)` reads and
 * decodes the file off it. The image is decoded once, scaled to fit the thumbnail box (`fitWithin`, aspect kept,
 * never enlarged) with `resizeQuality: 'medium'`, and encoded as WebP (PNG where WebP encoding is missing) through an
 * `OffscreenCanvas`. An image that already fits the box is its own thumbnail.
 *
 * Cached per Blob (Blobs are immutable; the cache holds no Blob alive): a re-render, a windowed log scrolling back
 * or a draft put back after a refused send gets the same thumbnail without decoding again.
 */

const cache = new WeakMap<Blob, { box: string; thumbnail: Promise<Blob> }>();

/**
 * A small image Blob for `image`, or `image` itself when it already fits the box or cannot be scaled here (no
 * `createImageBitmap`/`OffscreenCanvas`, or a file they cannot decode: the `<img>` then shows, or refuses, the
 * original). Never rejects.
 */
export function thumbnailOf(image: Blob, box: PixelSize = thumbnailBox(globalThis.devicePixelRatio ?? 1)): Promise<Blob> {
  const key = `${box.width}x${box.height}`;
  const cached = cache.get(image);
  if (cached?.box === key) return cached.thumbnail;
  const thumbnail = scale(image, box).catch(() => image);
  cache.set(image, { box: key, thumbnail });
  return thumbnail;
}

async function scale(image: Blob, box: PixelSize): Promise<Blob> {
  if (typeof createImageBitmap !== 'function' || typeof OffscreenCanvas !== 'function') return image;
  // The natural size is known only once decoded; decoding happens off the main thread.
  const full = await createImageBitmap(image);
  let small: ImageBitmap | null = null;
  try {
    const size = fitWithin(full, box);
    if (size.width === 0 || (size.width === full.width && size.height === full.height)) return image;
    small = await createImageBitmap(full, { resizeWidth: size.width, resizeHeight: size.height, resizeQuality: 'medium' });
    full.close();
    const canvas = new OffscreenCanvas(size.width, size.height);
    const context = canvas.getContext('2d');
    if (!context) return image;
    context.drawImage(small, 0, 0);
    return await canvas.convertToBlob({ type: 'image/webp', quality: 0.85 });
  } finally {
    full.close();
    small?.close();
  }
}
