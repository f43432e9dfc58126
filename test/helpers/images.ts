/**
 * Real, decodable images for element tests, drawn on an `OffscreenCanvas` (the sample files in src/testing are
 * headers only: right magic bytes, nothing to decode).
 */

/** A `width` × `height` image of `type`: a gradient with a dark diagonal, so no two images of one size differ by chance. */
export async function imageBlob(width: number, height: number, type = 'image/png'): Promise<Blob> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  const gradient = context.createLinearGradient(0, 0, width, height);
  gradient.addColorStop(0, '#2b6cb0');
  gradient.addColorStop(1, '#f6ad55');
  context.fillStyle = gradient;
  context.fillRect(0, 0, width, height);
  context.strokeStyle = '#1a202c';
  context.lineWidth = Math.max(1, Math.round(Math.min(width, height) / 20));
  context.beginPath();
  context.moveTo(0, 0);
  context.lineTo(width, height);
  context.stroke();
  return canvas.convertToBlob({ type, quality: 0.9 });
}

/** The same as a `File` named `name`. */
export async function imageFile(name: string, width: number, height: number, type = 'image/png'): Promise<File> {
  return new File([await imageBlob(width, height, type)], name, { type });
}

/** The decoded size of the image at `url` (an `<img>`'s natural size). */
export async function naturalSize(url: string): Promise<{ width: number; height: number }> {
  const img = new Image();
  img.src = url;
  await img.decode();
  return { width: img.naturalWidth, height: img.naturalHeight };
}

/**
 * Counts `URL.createObjectURL` and `URL.revokeObjectURL` calls (the URLs themselves are made and revoked as usual)
 * until `restore()`: `live` is the set of URLs created meanwhile and not yet revoked.
 */
export function countObjectUrls(): { readonly created: number; readonly revoked: number; readonly live: ReadonlySet<string>; restore(): void } {
  const create = URL.createObjectURL;
  const revoke = URL.revokeObjectURL;
  const live = new Set<string>();
  const counts = { created: 0, revoked: 0 };
  URL.createObjectURL = (object: Blob | MediaSource) => {
    const url = create.call(URL, object);
    counts.created += 1;
    live.add(url);
    return url;
  };
  URL.revokeObjectURL = (url: string) => {
    if (live.delete(url)) counts.revoked += 1;
    revoke.call(URL, url);
  };
  return {
    get created() {
      return counts.created;
    },
    get revoked() {
      return counts.revoked;
    },
    live,
    restore() {
      URL.createObjectURL = create;
      URL.revokeObjectURL = revoke;
    },
  };
}
