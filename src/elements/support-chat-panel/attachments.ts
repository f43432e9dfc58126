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
import type { Translator } from '../../internal/support-element.js';
import type { ChatMessages } from './support-chat-panel.i18n.js';

/**
 * The chat's attachments in the panel: the files in the composer before sending (checked by content with the core's
 * rules, previewed, removable) and the files of messages in the log (images as thumbnails from blob URLs of
 * `downloadAttachment`, every other file as a row with a download). File names are always text.
 */

type T = Translator<ChatMessages>;

/** A file in the composer, accepted by content. */
export interface DraftAttachment {
  readonly key: number;
  readonly file: Blob;
  /** The name as it will be stored (`attachmentFileName`). */
  readonly name: string;
  readonly size: number;
  /** Its type by content. */
  readonly type: AttachmentType;
  /** A blob URL of the file re-typed by its content, for images only. */
  readonly previewUrl: string | null;
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

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
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
          const image = isInlineImageType(result.type);
          // The preview's blob carries the type found in the content, never the one the file claims.
          const previewUrl = image ? URL.createObjectURL(file.type === result.type ? file : new Blob([file], { type: result.type })) : null;
          added.push({ key: ++nextKey, file, name, size: file.size, type: result.type, previewUrl });
        }
      }
      this.#items = [...this.#items, ...added];
      this.#refused = refused;
    } finally {
      this.#checking -= 1;
      this.#host.requestUpdate();
    }
  }

  /** Removes one file before sending. */
  remove(key: number): void {
    const item = this.#items.find((i) => i.key === key);
    if (!item) return;
    if (item.previewUrl) URL.revokeObjectURL(item.previewUrl);
    this.#items = this.#items.filter((i) => i !== item);
    this.#refused = [];
    this.#host.requestUpdate();
  }

  /** Hands the files over for sending and empties the composer. */
  take(): DraftAttachment[] {
    const items = this.#items;
    for (const item of items) if (item.previewUrl) URL.revokeObjectURL(item.previewUrl);
    this.#items = [];
    this.#refused = [];
    this.#host.requestUpdate();
    return items;
  }

  /** Puts files back (the send was refused before anything was queued). */
  restore(items: readonly DraftAttachment[]): void {
    const restored = items.map((item) => ({
      ...item,
      previewUrl: item.previewUrl ? URL.createObjectURL(new Blob([item.file], { type: item.type })) : null,
    }));
    this.#items = [...restored, ...this.#items].slice(0, ATTACHMENTS_PER_MESSAGE_MAX);
    this.#host.requestUpdate();
  }

  dismissRefused(): void {
    this.#refused = [];
    this.#host.requestUpdate();
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    // The preview URLs hold the files in memory; the drafts stay (a panel moved in the DOM keeps its draft).
    this.#items = this.#items.map((item) => {
      if (item.previewUrl) URL.revokeObjectURL(item.previewUrl);
      return { ...item, previewUrl: item.previewUrl ? URL.createObjectURL(new Blob([item.file], { type: item.type })) : null };
    });
  }
}

/** A failure a later attempt may cure: no connection, a timeout, an unavailable server (the file is out of reach). */
const isUnreachable = (error: unknown): boolean => {
  const kind = toSupportError(error).kind;
  return kind === 'network' || kind === 'timeout' || kind === 'unavailable';
};

/**
 * Blob URLs of downloaded attachments, fetched when first shown and kept for the most recent ones. With a caching
 * backend a file it has is served from IndexedDB (offline too); one that is neither cached nor reachable is
 * *unreachable*: shown as "not available offline" with a retry, and loaded again by itself when the connection
 * returns (`reconnected()`).
 */
export class AttachmentFiles implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #api: () => SupportBackend | undefined;
  readonly #max: number;
  /** Insertion order = use order (re-inserted on use): the first entries are evicted first. */
  readonly #urls = new Map<string, { url: string | null; failed: boolean; unreachable: boolean }>();
  /** Files (not images) whose download failed for lack of a connection. */
  readonly #unreachableDownloads = new Set<string>();
  #abort = new AbortController();

  constructor(host: ReactiveControllerHost, api: () => SupportBackend | undefined, max = 60) {
    this.#host = host;
    this.#api = api;
    this.#max = max;
    host.addController(this);
  }

  /** The blob URL of attachment `id`: `undefined` while it loads (loading starts now), `null` when it failed. */
  url(id: string): string | null | undefined {
    const entry = this.#urls.get(id);
    if (entry) {
      this.#urls.delete(id);
      this.#urls.set(id, entry);
      return entry.failed ? null : (entry.url ?? undefined);
    }
    void this.#load(id);
    return undefined;
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
    const entry = { url: null as string | null, failed: false, unreachable: false };
    this.#urls.set(id, entry);
    try {
      const blob = await this.blob(id);
      if (this.#urls.get(id) !== entry) return;
      entry.url = URL.createObjectURL(blob);
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
      if (entry.url === null && !entry.failed) continue; // still loading
      if (entry.url) URL.revokeObjectURL(entry.url);
      this.#urls.delete(id);
    }
  }

  hostConnected(): void {
    this.#abort = new AbortController();
  }

  hostDisconnected(): void {
    this.#abort.abort();
    for (const entry of this.#urls.values()) if (entry.url) URL.revokeObjectURL(entry.url);
    this.#urls.clear();
    this.#unreachableDownloads.clear();
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
    ${drafts.items.map(
      (item) => html`<li class="attach-draft" part="attach-draft">
        ${item.previewUrl
          ? html`<img class="thumb" part="attach-preview" src=${item.previewUrl} alt="" decoding="async" />`
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
      </li>`,
    )}
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

const fileIcon = (type: string): string => (type === 'application/pdf' ? 'PDF' : type.startsWith('text/') ? 'TXT' : 'DOC');

/**
 * The files of a confirmed message in the log: images as thumbnails (blob URLs), other files as download rows. A file
 * neither cached nor reachable says "Not available offline" with a Retry button instead of a broken image.
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
      if (isInlineImageType(ref.type)) {
        const url = files.url(ref.id);
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
            ? html`<a class="thumb-link" part="attachment-link" href=${url} target="_blank" rel="noopener noreferrer"
                ><img class="thumb" part="attachment-thumbnail" src=${url} alt=${t('attachImageAlt', ref.name)}
                decoding="async"
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
      return html`<li class="attachment file ${unreachable ? 'unreachable' : ''}" part="attachment attachment-file">
        <span class="file-icon" aria-hidden="true">${fileIcon(ref.type)}</span>
        <span class="file-text">
          <span class="file-name" part="file-name">${ref.name}</span>
          <span class="file-size">${size}</span>
          ${unreachable ? html`<span class="unreachable-note" part="attachment-offline">${t('attachOffline')}</span>` : nothing}
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
