import { fitWithin, type PixelSize, thumbnailBox } from '../../core/image-fit.js';

/**
 * Small thumbnails of images, so the panel never hands a multi-megabyte file to an `<img>`: Blink's image loader
 * receives a blob URL's bytes on the main thread (tens of ms for 5 MB). The image is decoded once with
 * `createImageBitmap`, scaled to fit the thumbnail box (`fitWithin`, aspect kept, never enlarged) with
 * `resizeQuality: 'medium'`, and encoded as WebP (PNG where WebP encoding is missing) through an `OffscreenCanvas`.
 * An image that already fits the box is its own thumbnail.
 *
 * All of that runs in a dedicated worker (one, started on first use and ended after a few idle seconds), because
 * `createImageBitmap` on the main thread reads the Blob and scales the decoded image there (a trace showed 40–90 ms
 * tasks for a 5 MB PNG). The worker's code is a small inline script started from a `data:` URL (nothing to revoke,
 * no separate file for a bundler to find): a page whose CSP forbids such a worker gets the same steps on the main
 * thread instead.
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
  const worker = scaler();
  if (worker) {
    try {
      return await worker.scale(image, box);
    } catch (error) {
      if (!(error instanceof WorkerUnavailable)) throw error;
    }
  }
  return scaleHere(image, box);
}

/** The same steps on the main thread (the worker could not be started). */
async function scaleHere(image: Blob, box: PixelSize): Promise<Blob> {
  const full = await createImageBitmap(image);
  try {
    const size = fitWithin(full, box);
    if (size.width === 0 || (size.width === full.width && size.height === full.height)) return image;
    const small = await createImageBitmap(full, { resizeWidth: size.width, resizeHeight: size.height, resizeQuality: 'medium' });
    return await encode(small);
  } finally {
    full.close();
  }
}

async function encode(small: ImageBitmap): Promise<Blob> {
  try {
    const canvas = new OffscreenCanvas(small.width, small.height);
    canvas.getContext('bitmaprenderer')!.transferFromImageBitmap(small);
    return await canvas.convertToBlob({ type: 'image/webp', quality: 0.85 });
  } finally {
    small.close();
  }
}

// ---------------------------------------------------------------------------------------------- the worker

/**
 * The worker's side, as plain script text (the library ships no separate worker file a bundler would have to find).
 * Two steps per image, so the size arithmetic stays in `fitWithin`: `{ id, blob }` → decode → `{ id, width, height }`;
 * then `{ id, size }` → scale and encode → `{ id, blob }` (or `size: null` → `{ id, same: true }`). A failure answers
 * `{ id, error }`.
 */
const WORKER_SOURCE = `
const decoded = new Map();
const fail = (id, error) => postMessage({ id, error: String(error && error.message || error) });
onmessage = async ({ data }) => {
  const { id } = data;
  try {
    if (data.blob) {
      const full = await createImageBitmap(data.blob);
      decoded.set(id, full);
      postMessage({ id, width: full.width, height: full.height });
      return;
    }
    const full = decoded.get(id);
    decoded.delete(id);
    if (!full) return fail(id, 'unknown image');
    if (!data.size) {
      full.close();
      return postMessage({ id, same: true });
    }
    const small = await createImageBitmap(full, { resizeWidth: data.size.width, resizeHeight: data.size.height, resizeQuality: 'medium' });
    full.close();
    const canvas = new OffscreenCanvas(small.width, small.height);
    canvas.getContext('bitmaprenderer').transferFromImageBitmap(small);
    small.close();
    postMessage({ id, blob: await canvas.convertToBlob({ type: 'image/webp', quality: 0.85 }) });
  } catch (error) {
    decoded.get(id)?.close();
    decoded.delete(id);
    fail(id, error);
  }
};`;

/** The worker could not be started or died: do it on the main thread. */
class WorkerUnavailable extends Error {}

interface Job {
  readonly box: PixelSize;
  readonly resolve: (blob: Blob | null) => void;
  readonly reject: (error: unknown) => void;
}

interface Reply {
  readonly id: number;
  readonly width?: number;
  readonly height?: number;
  readonly blob?: Blob;
  readonly same?: boolean;
  readonly error?: string;
}

/** Ends the worker after this long without work. */
const IDLE_MS = 5000;

class Scaler {
  readonly #worker: Worker;
  readonly #jobs = new Map<number, Job>();
  #nextId = 0;
  #idle: ReturnType<typeof setTimeout> | undefined;

  constructor(worker: Worker) {
    this.#worker = worker;
    worker.onmessage = ({ data }: MessageEvent<Reply>) => this.#answer(data);
    worker.onerror = (event) => {
      event.preventDefault();
      // Could not load (e.g. the page's CSP) or crashed: no more workers on this page.
      workersAllowed = false;
      this.#end(new WorkerUnavailable('thumbnail worker failed'));
    };
  }

  /** The thumbnail, or `image` itself when it fits the box. */
  async scale(image: Blob, box: PixelSize): Promise<Blob> {
    clearTimeout(this.#idle);
    const id = ++this.#nextId;
    const result = await new Promise<Blob | null>((resolve, reject) => {
      this.#jobs.set(id, { box, resolve, reject });
      this.#worker.postMessage({ id, blob: image });
    });
    return result ?? image;
  }

  #answer(reply: Reply): void {
    const job = this.#jobs.get(reply.id);
    if (!job) return;
    if (reply.width !== undefined && reply.height !== undefined) {
      const size = fitWithin({ width: reply.width, height: reply.height }, job.box);
      const same = size.width === 0 || (size.width === reply.width && size.height === reply.height);
      this.#worker.postMessage({ id: reply.id, size: same ? null : size });
      return;
    }
    this.#jobs.delete(reply.id);
    if (reply.error !== undefined) job.reject(new Error(reply.error));
    else job.resolve(reply.blob ?? null);
    if (this.#jobs.size === 0) this.#idle = setTimeout(() => this.#end(null), IDLE_MS);
  }

  #end(error: Error | null): void {
    clearTimeout(this.#idle);
    this.#worker.terminate();
    if (current === this) current = undefined;
    for (const job of this.#jobs.values()) job.reject(error ?? new WorkerUnavailable('thumbnail worker ended'));
    this.#jobs.clear();
  }
}

let current: Scaler | undefined;
/** `false` once a worker could not be made (e.g. the page's CSP): the main thread does the work from then on. */
let workersAllowed = typeof Worker === 'function';

function scaler(): Scaler | null {
  if (current) return current;
  if (!workersAllowed) return null;
  try {
    current = new Scaler(new Worker(`data:text/javascript,${encodeURIComponent(WORKER_SOURCE)}`));
    return current;
  } catch {
    workersAllowed = false;
    return null;
  }
}
