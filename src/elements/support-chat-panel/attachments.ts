import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import {
  ATTACHMENTS_PER_MESSAGE_MAX,
  type AttachmentProblem,
  type AttachmentType,
  attachmentFileName,
  isInlineImageType,
} from '../../core/attachments.js';
import type { AttachmentRef } from '../../core/types.js';
import { checkAttachmentFile } from '../../backend/attachment-blob.js';
import type { SupportBackend } from '../../backend/backend.js';
import { toSupportError } from '../../backend/errors.js';
import { formatFileSize } from '../../internal/format.js';
import { loadOnce } from '../../internal/load-once.js';
import type { Translator } from '../../internal/support-element.js';
import type { ChatMessages } from './support-chat-panel.i18n.js';

/**
 * The chat's attachments in the panel: the files in the composer before sending (checked by content with the core's
 * rules, previewed, removable) and the files of messages in the log (images as thumbnails from blob URLs of
 * `downloadAttachment`, every other file as a row with a download). File names are always text.
 *
 * An image is shown from a small thumbnail made off the main thread (`thumbnailOf`), never from the file itself;
 * opening it gives the original. An image that cannot be decoded at all shows as a file row (never a broken image).
 * Every object URL made here is revoked when its row or preview goes away.
 */

type T = Translator<ChatMessages>;

/**
 * The thumbnail code (with its worker) loads with the first image the panel shows, not with the panel: an image
 * waits for its thumbnail behind a placeholder anyway. Should the code not load, the image is shown as it is.
 */
const loadThumbnails = loadOnce(() => import('./thumbnails.js'));
const thumbnailOf = async (image: Blob): Promise<Blob> => {
  try {
    return await (await loadThumbnails()).thumbnailOf(image);
  } catch {
    return image;
  }
};

/** A file in the composer, accepted by content. */
export interface DraftAttachment {
  readonly key: number;
  readonly file: Blob;
  /** The name as it will be stored (`attachmentFileName`). */
  readonly name: string;
  readonly size: number;
  /** Its type by content. */
  readonly type: AttachmentType;
  /** The file re-typed by its content, for images only (what the preview is made from). */
  readonly image: Blob | null;
}

/** A file that was not accepted, and why. */
export interface RefusedFile {
  readonly name: string;
  readonly problem: AttachmentProblem | 'too-many';
}

let nextKey = 0;

/** The files the user is about to send: pick, paste and drop add to it; sending takes them out. */
export class AttachmentDrafts implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #items: DraftAttachment[] = [];
  #refused: RefusedFile[] = [];
  #checking = 0;
  #connected = false;
  /** Object URLs of the previews (small thumbnails) made so far, by item key. */
  readonly #previews = new Map<number, string>();
  /** Items whose image cannot be decoded: shown like any other file. */
  readonly #undecodable = new Set<number>();

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  /** The URL of an item's preview: `undefined` while it is being made, `null` for a file that is not shown as an image. */
  preview(item: DraftAttachment): string | null | undefined {
    if (!item.image || this.#undecodable.has(item.key)) return null;
    return this.#previews.get(item.key);
  }

  /** The preview of item `key` could not be decoded: it shows as a file. */
  undecodable(key: number): void {
    this.#undecodable.add(key);
    this.#dropPreview(key);
    this.#host.requestUpdate();
  }

  #makePreviews(items: readonly DraftAttachment[]): void {
    for (const item of items) {
      const image = item.image;
      if (!image || this.#previews.has(item.key)) continue;
      void thumbnailOf(image).then((thumbnail) => {
        // Gone, or the panel left the page meanwhile: no URL to revoke later.
        if (!this.#connected || this.#previews.has(item.key) || !this.#items.includes(item)) return;
        this.#previews.set(item.key, URL.createObjectURL(thumbnail));
        this.#host.requestUpdate();
      });
    }
  }

  #dropPreview(key: number): void {
    const url = this.#previews.get(key);
    if (url) URL.revokeObjectURL(url);
    this.#previews.delete(key);
  }

  get items(): readonly DraftAttachment[] {
    return this.#items;
  }

  /** The files refused by the last `add`. */
  get refused(): readonly RefusedFile[] {
    return this.#refused;
  }

  /** `true` while files are being checked. */
  get checking(): boolean {
    return this.#checking > 0;
  }

  /**
   * Checks `files` by size and content and adds the accepted ones, up to `ATTACHMENTS_PER_MESSAGE_MAX` in all; the
   * others are listed in `refused` (replacing the previous list). Resolves when all are checked.
   */
  async add(files: Iterable<Blob>): Promise<void> {
    const list = [...files];
    if (list.length === 0) return;
    this.#checking += 1;
    this.#host.requestUpdate();
    try {
      const checked = await Promise.all(
        list.map(async (file) => {
          const original = (file as File).name ?? '';
          return { file, name: attachmentFileName(original), result: await checkAttachmentFile(file, { name: original, type: file.type }) };
        }),
      );
      const refused: RefusedFile[] = [];
      const added: DraftAttachment[] = [];
      for (const { file, name, result } of checked) {
        if (result.problem !== null) refused.push({ name, problem: result.problem });
        else if (this.#items.length + added.length >= ATTACHMENTS_PER_MESSAGE_MAX) refused.push({ name, problem: 'too-many' });
        else {
          // The preview is made from a blob with the type found in the content, never the one the file claims.
          const image = isInlineImageType(result.type) ? (file.type === result.type ? file : new Blob([file], { type: result.type })) : null;
          added.push({ key: ++nextKey, file, name, size: file.size, type: result.type, image });
        }
      }
      this.#items = [...this.#items, ...added];
      this.#refused = refused;
      this.#makePreviews(added);
    } finally {
      this.#checking -= 1;
      this.#host.requestUpdate();
    }
  }

  /** Removes one file before sending. */
  remove(key: number): void {
    const item = this.#items.find((i) => i.key === key);
    if (!item) return;
    this.#dropPreview(key);
    this.#undecodable.delete(key);
    this.#items = this.#items.filter((i) => i !== item);
    this.#refused = [];
    this.#host.requestUpdate();
  }

  /** Hands the files over for sending and empties the composer. */
  take(): DraftAttachment[] {
    const items = this.#items;
    for (const item of items) this.#dropPreview(item.key);
    this.#items = [];
    this.#refused = [];
    this.#host.requestUpdate();
    return items;
  }

  /** Puts files back (the send was refused before anything was queued). */
  restore(items: readonly DraftAttachment[]): void {
    this.#items = [...items, ...this.#items].slice(0, ATTACHMENTS_PER_MESSAGE_MAX);
    // The thumbnails are cached per Blob: putting files back makes no new ones.
    this.#makePreviews(this.#items);
    this.#host.requestUpdate();
  }

  dismissRefused(): void {
    this.#refused = [];
    this.#host.requestUpdate();
  }

  hostConnected(): void {
    this.#connected = true;
    this.#makePreviews(this.#items);
  }

  hostDisconnected(): void {
    // The drafts stay (a panel moved in the DOM keeps its draft); their preview URLs go and come back from the cache.
    this.#connected = false;
    for (const key of [...this.#previews.keys()]) this.#dropPreview(key);
    // No <img> keeps a revoked URL: the tray renders placeholders until the previews are back.
    this.#host.requestUpdate();
  }
}

/** A failure a later attempt may cure: no connection, a timeout, an unavailable server (the file is out of reach). */
const isUnreachable = (error: unknown): boolean => {
  const kind = toSupportError(error).kind;
  return kind === 'network' || kind === 'timeout' || kind === 'unavailable';
};

/** A downloaded image in the log: the original file's URL (to open it) and its thumbnail's (to show it). */
export interface ImageUrls {
  readonly href: string;
  readonly src: string;
}

interface FileEntry {
  /** The original file's object URL. */
  url: string | null;
  /** The thumbnail's object URL (the original's when the image is small or could not be scaled). */
  thumbnail: string | null;
  failed: boolean;
  unreachable: boolean;
  /** The image could not be decoded at all: shown as a file row. */
  undecodable: boolean;
}

const revokeEntry = (entry: FileEntry): void => {
  if (entry.thumbnail && entry.thumbnail !== entry.url) URL.revokeObjectURL(entry.thumbnail);
  if (entry.url) URL.revokeObjectURL(entry.url);
  entry.url = entry.thumbnail = null;
};

/**
 * Blob URLs of downloaded attachments and their thumbnails, fetched when first shown and kept for the most recent ones. With a caching
 * backend a file it has is served from IndexedDB (offline too); one that is neither cached nor reachable is
 * *unreachable*: shown as "not available offline" with a retry, and loaded again by itself when the connection
 * returns (`reconnected()`).
 */
export class AttachmentFiles implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #api: () => SupportBackend | undefined;
  readonly #max: number;
  /** Insertion order = use order (re-inserted on use): the first entries are evicted first. */
  readonly #urls = new Map<string, FileEntry>();
  /** Files (not images) whose download failed for lack of a connection. */
  readonly #unreachableDownloads = new Set<string>();
  #abort = new AbortController();

  constructor(host: ReactiveControllerHost, api: () => SupportBackend | undefined, max = 60) {
    this.#host = host;
    this.#api = api;
    this.#max = max;
    host.addController(this);
  }

  /**
   * The URLs of image attachment `id` (original and thumbnail): `undefined` while they load (loading starts now),
   * `null` when the download failed.
   */
  image(id: string): ImageUrls | null | undefined {
    const entry = this.#urls.get(id);
    if (entry) {
      this.#urls.delete(id);
      this.#urls.set(id, entry);
      return entry.failed ? null : entry.url && entry.thumbnail ? { href: entry.url, src: entry.thumbnail } : undefined;
    }
    void this.#load(id);
    return undefined;
  }

  /** The image of attachment `id` could not be decoded (its `<img>` failed): it shows as a file row from now on. */
  undecodable(id: string): void {
    const entry = this.#urls.get(id);
    if (!entry || entry.undecodable) return;
    entry.undecodable = true;
    revokeEntry(entry);
    this.#host.requestUpdate();
  }

  /** Whether attachment `id` turned out not to be a decodable image. */
  isUndecodable(id: string): boolean {
    return this.#urls.get(id)?.undecodable === true;
  }

  /** The attachment's bytes as a Blob typed by content (for a download), through the backend. */
  async blob(id: string): Promise<Blob> {
    const api = this.#api();
    if (!api?.downloadAttachment) throw new Error('no attachment downloads');
    return api.downloadAttachment(id, this.#abort.signal);
  }

  /** Like `blob()`, for a file row's download: a failure for lack of a connection marks the row unreachable. */
  async download(id: string): Promise<Blob> {
    try {
      const blob = await this.blob(id);
      if (this.#unreachableDownloads.delete(id)) this.#host.requestUpdate();
      return blob;
    } catch (error) {
      if (isUnreachable(error)) {
        this.#unreachableDownloads.add(id);
        this.#host.requestUpdate();
      }
      throw error;
    }
  }

  /** The last attempt to load attachment `id` failed for lack of a connection (it is not cached either). */
  unreachable(id: string): boolean {
    return this.#urls.get(id)?.unreachable === true || this.#unreachableDownloads.has(id);
  }

  /** Loads it again after a failure. */
  retry(id: string): void {
    const entry = this.#urls.get(id);
    if (entry) revokeEntry(entry);
    this.#urls.delete(id);
    this.#host.requestUpdate();
  }

  /** The connection is back: what was out of reach loads again (images now, files on their next click). */
  reconnected(): void {
    let changed = this.#unreachableDownloads.size > 0;
    this.#unreachableDownloads.clear();
    for (const [id, entry] of this.#urls) {
      if (!entry.unreachable) continue;
      this.#urls.delete(id);
      changed = true;
    }
    if (changed) this.#host.requestUpdate();
  }

  async #load(id: string): Promise<void> {
    const entry: FileEntry = { url: null, thumbnail: null, failed: false, unreachable: false, undecodable: false };
    this.#urls.set(id, entry);
    try {
      const blob = await this.blob(id);
      if (this.#urls.get(id) !== entry) return;
      const thumbnail = await thumbnailOf(blob);
      if (this.#urls.get(id) !== entry) return;
      entry.url = URL.createObjectURL(blob);
      entry.thumbnail = thumbnail === blob ? entry.url : URL.createObjectURL(thumbnail);
    } catch (error) {
      if (this.#urls.get(id) !== entry) return;
      entry.failed = true;
      entry.unreachable = isUnreachable(error);
    }
    this.#evict();
    this.#host.requestUpdate();
  }

  #evict(): void {
    for (const [id, entry] of this.#urls) {
      if (this.#urls.size <= this.#max) break;
      if (entry.url === null && !entry.failed && !entry.undecodable) continue; // still loading
      revokeEntry(entry);
      this.#urls.delete(id);
    }
  }

  hostConnected(): void {
    this.#abort = new AbortController();
  }

  hostDisconnected(): void {
    this.#abort.abort();
    for (const entry of this.#urls.values()) revokeEntry(entry);
    this.#urls.clear();
    this.#unreachableDownloads.clear();
    // No <img> keeps a revoked URL: the images load again (from the cache) when the panel is back.
    this.#host.requestUpdate();
  }
}

// ---------------------------------------------------------------------------------------------- templates

/** "Images, PDF, office documents, CSV and text files; up to 10 MB each, 5 per message." */
export function renderLimits(t: T, locale: string, maxBytes: number, id?: string): TemplateResult {
  return html`<p class="attach-limits muted" part="attach-limits" id=${ifDefined(id)}>
    ${t('attachLimits', formatFileSize(maxBytes, locale), ATTACHMENTS_PER_MESSAGE_MAX)}
  </p>`;
}

/** The files in the composer: a thumbnail or an icon, name, size and a remove button each. */
export function renderDraftTray(drafts: AttachmentDrafts, t: T, locale: string): TemplateResult | typeof nothing {
  if (drafts.items.length === 0) return nothing;
  return html`<ul class="attach-tray" part="attach-tray" aria-label=${t('attachTrayLabel')}>
    ${drafts.items.map((item) => {
      const preview = drafts.preview(item);
      return html`<li class="attach-draft" part="attach-draft">
        ${preview
          ? html`<img class="thumb" part="attach-preview" src=${preview} alt="" decoding="async" @error=${() => drafts.undecodable(item.key)} />`
          : preview === undefined
            ? html`<span class="thumb" part="attach-preview-pending" aria-hidden="true"></span>`
            : html`<span class="file-icon" aria-hidden="true">${fileIcon(item.type)}</span>`}
        <span class="file-text">
          <span class="file-name" part="file-name">${item.name}</span>
          <span class="file-size muted">${formatFileSize(item.size, locale)}</span>
        </span>
        <button
          class="button small icon"
          part="attach-remove"
          type="button"
          aria-label=${t('attachRemove', item.name)}
          @click=${() => drafts.remove(item.key)}
        >
          <span aria-hidden="true">×</span>
        </button>
      </li>`;
    })}
  </ul>`;
}

/** Why files were refused (a status the screen reader reads), with the limits. */
export function renderRefused(refused: readonly RefusedFile[], t: T, locale: string, maxBytes: number): TemplateResult {
  const size = formatFileSize(maxBytes, locale);
  return html`<div class="attach-error" part="attach-error" role="status">
    ${refused.map((r) => {
      const reason =
        r.problem === 'too-large'
          ? t('attachTooLarge', size)
          : r.problem === 'empty'
            ? t('attachEmpty')
            : r.problem === 'too-many'
              ? t('attachTooMany', ATTACHMENTS_PER_MESSAGE_MAX)
              : t('attachTypeRefused');
      return html`<p><span class="file-name">${r.name}</span>: ${reason}</p>`;
    })}
  </div>`;
}

const fileIcon = (type: string): string =>
  type === 'application/pdf' ? 'PDF' : type.startsWith('text/') ? 'TXT' : type.startsWith('image/') ? 'IMG' : 'DOC';

/**
 * The files of a confirmed message in the log: images as thumbnails (blob URLs of small copies, linked to the
 * original), other files as download rows. A file neither cached nor reachable says "Not available offline" with a
 * Retry button instead of a broken image; an image that cannot be decoded shows as a file row with a download.
 */
export function renderMessageAttachments(
  attachments: readonly AttachmentRef[] | undefined,
  files: AttachmentFiles,
  t: T,
  locale: string,
  onDownload: (ref: AttachmentRef) => void,
): TemplateResult | typeof nothing {
  if (!attachments?.length) return nothing;
  return html`<ul class="attachments" part="attachments">
    ${attachments.map((ref) => {
      const size = formatFileSize(ref.size, locale);
      if (isInlineImageType(ref.type) && !files.isUndecodable(ref.id)) {
        const url = files.image(ref.id);
        if (url === null && files.unreachable(ref.id)) {
          return html`<li class="attachment image unreachable" part="attachment attachment-image">
            <span class="thumb unreachable-note" part="attachment-offline">${t('attachOffline')}</span>
            <span class="file-text">
              <span class="file-name" part="file-name">${ref.name}</span>
              <span class="file-size">${size}</span>
            </span>
            <button class="button small" part="attachment-retry" type="button" aria-label=${t('attachRetryImage', ref.name)} @click=${() => files.retry(ref.id)}>
              ${t('attachRetry')}
            </button>
          </li>`;
        }
        return html`<li class="attachment image" part="attachment attachment-image">
          ${url
            ? html`<a class="thumb-link" part="attachment-link" href=${url.href} target="_blank" rel="noopener noreferrer"
                ><img class="thumb" part="attachment-thumbnail" src=${url.src} alt=${t('attachImageAlt', ref.name)}
                decoding="async" @error=${() => files.undecodable(ref.id)}
              /></a>`
            : url === null
              ? html`<button class="button small" part="attachment-retry" type="button" @click=${() => files.retry(ref.id)}>
                  ${t('attachImageFailed', ref.name)}
                </button>`
              : html`<span class="thumb placeholder" part="attachment-loading" role="img" aria-label=${t('attachImageLoading', ref.name)}></span>`}
          <span class="file-text">
            <span class="file-name" part="file-name">${ref.name}</span>
            <span class="file-size">${size}</span>
          </span>
        </li>`;
      }
      const unreachable = files.unreachable(ref.id);
      const undecodable = isInlineImageType(ref.type);
      return html`<li class="attachment file ${unreachable ? 'unreachable' : ''}" part="attachment attachment-file">
        <span class="file-icon" aria-hidden="true">${fileIcon(ref.type)}</span>
        <span class="file-text">
          <span class="file-name" part="file-name">${ref.name}</span>
          <span class="file-size">${size}</span>
          ${unreachable
            ? html`<span class="unreachable-note" part="attachment-offline">${t('attachOffline')}</span>`
            : undecodable
              ? html`<span class="unreachable-note" part="attachment-undecodable">${t('attachImageUndecodable')}</span>`
              : nothing}
        </span>
        ${unreachable
          ? html`<button class="button small" part="attachment-retry" type="button" aria-label=${t('attachRetryDownload', ref.name)} @click=${() => onDownload(ref)}>
              ${t('attachRetry')}
            </button>`
          : html`<button class="button small" part="attachment-download" type="button" aria-label=${t('attachDownload', ref.name)} @click=${() => onDownload(ref)}>
              ${t('attachDownloadShort')}
            </button>`}
      </li>`;
    })}
  </ul>`;
}
