/**
 * Captures the file downloads an element starts (`saveBlob` in src/internal/csv.ts: an object URL on a clicked
 * `<a download>`) without the browser saving anything.
 */

/**
 * One clicked link: the name it saves under (`download`), its URL and the Blob behind it (`null` when the URL is no
 * object URL created while capturing).
 */
export interface CapturedDownload {
  readonly blob: Blob | null;
  readonly name: string;
  readonly href: string;
}

export interface DownloadCapture {
  /** Every download started since `captureDownloads()`, oldest first. */
  readonly downloads: readonly CapturedDownload[];
  /** How many object URLs were created meanwhile (downloads, but also image previews). */
  readonly objectUrls: number;
  /** Puts `URL.createObjectURL` and `HTMLAnchorElement.prototype.click` back. Call it in `finally`. */
  restore(): void;
}

/**
 * Replaces `URL.createObjectURL` (recording each Blob under its real object URL) and `HTMLAnchorElement.prototype.click`
 * (recording an anchor's `download` name and the Blob behind its `href` instead of navigating) until `restore()`.
 * Every anchor click is recorded, none navigates.
 */
export function captureDownloads(): DownloadCapture {
  const createObjectURL = URL.createObjectURL;
  const click = HTMLAnchorElement.prototype.click;
  const blobs = new Map<string, Blob>();
  const downloads: CapturedDownload[] = [];
  let objectUrls = 0;
  URL.createObjectURL = (object: Blob | MediaSource) => {
    const url = createObjectURL.call(URL, object);
    objectUrls += 1;
    if (object instanceof Blob) blobs.set(url, object);
    return url;
  };
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    downloads.push({ blob: blobs.get(this.href) ?? null, name: this.download, href: this.href });
  };
  return {
    downloads,
    get objectUrls() {
      return objectUrls;
    },
    restore() {
      URL.createObjectURL = createObjectURL;
      HTMLAnchorElement.prototype.click = click;
    },
  };
}
