/**
 * Chat attachments: the limits, the accepted types and the one rule that decides a file's type — its content
 * (magic bytes), never its name or the type a client claims. Pure: the elements, the outbox, the demo backend and the
 * reference server all decide with these functions, so a file the panel accepts is a file the server accepts.
 */
import { codePointLength } from './limits.js';

/** The largest attachment, in bytes (10 MiB). */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** The most attachments one chat message carries. */
export const ATTACHMENTS_PER_MESSAGE_MAX = 5;
/** An uploaded attachment that no message refers to is deleted after this long (its message never came). */
export const UNSENT_ATTACHMENT_RETENTION_MS = 24 * 3600_000;
/** The longest file name kept (code points; longer names are shortened, keeping the extension). */
export const ATTACHMENT_NAME_MAX_LENGTH = 255;

/**
 * Every type an attachment may have, as found in its content. SVG, HTML, XML and anything else are refused: they can
 * carry script, and nothing the support needs is lost (a screenshot is PNG, a document PDF or office).
 */
export const ATTACHMENT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'text/csv',
  'text/plain',
] as const;

export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** `true` for one of `ATTACHMENT_TYPES`. */
export const isAttachmentType = (type: unknown): type is AttachmentType =>
  (ATTACHMENT_TYPES as readonly unknown[]).includes(type);

/** The types an element may show inline as an image (from a blob URL); everything else is a download. */
export const INLINE_IMAGE_TYPES: readonly AttachmentType[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

export const isInlineImageType = (type: string): boolean => (INLINE_IMAGE_TYPES as readonly string[]).includes(type);

/** The usual extensions of each type (first one preferred), for a file picker's `accept` and for download names. */
export const ATTACHMENT_EXTENSIONS: Readonly<Record<AttachmentType, readonly string[]>> = {
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/gif': ['.gif'],
  'image/webp': ['.webp'],
  'application/pdf': ['.pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['.docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['.pptx'],
  'application/vnd.oasis.opendocument.text': ['.odt'],
  'application/vnd.oasis.opendocument.spreadsheet': ['.ods'],
  'text/csv': ['.csv'],
  'text/plain': ['.txt', '.log'],
};

/** The value for `<input type="file" accept>`: every accepted type and extension. */
export const ATTACHMENT_ACCEPT: string = [...ATTACHMENT_TYPES, ...Object.values(ATTACHMENT_EXTENSIONS).flat()].join(',');

/** Why a file cannot be attached. */
export type AttachmentProblem =
  | 'empty' // 0 bytes
  | 'too-large' // over ATTACHMENT_MAX_BYTES
  | 'type-refused'; // its content is none of ATTACHMENT_TYPES (SVG, HTML, an executable, an unknown format …)

/**
 * Why a file of `size` bytes whose content sniffed as `sniffed` (`sniffAttachmentType`) cannot be attached, or `null`.
 * The size is judged first: a too-large file is refused without reading it.
 */
export function attachmentProblem(size: number, sniffed: AttachmentType | null): AttachmentProblem | null {
  if (size <= 0) return 'empty';
  if (size > ATTACHMENT_MAX_BYTES) return 'too-large';
  return sniffed === null ? 'type-refused' : null;
}

/** `true` when `count` attachments are more than one message may carry. */
export const tooManyAttachments = (count: number): boolean => count > ATTACHMENTS_PER_MESSAGE_MAX;

/** What the caller knows besides the bytes; used only to tell CSV from plain text (both are plain text by content). */
export interface DeclaredFile {
  readonly name?: string;
  readonly type?: string;
}

const ascii = (bytes: Uint8Array, at: number, text: string): boolean => {
  if (bytes.length < at + text.length) return false;
  for (let i = 0; i < text.length; i += 1) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
};

const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number) => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;

/**
 * How many first bytes decide a file's type: every magic number, and an OpenDocument's `mimetype` entry. Only two
 * kinds need more: an OOXML document (its ZIP central directory, at the end: `ZIP_TAIL_BYTES`) and plain text (every
 * byte must be text). So a caller holding a Blob reads this much, and the rest only for those two.
 */
export const ATTACHMENT_HEAD_BYTES = 4096;

/** The end of a ZIP archive that holds its end-of-central-directory record: 22 bytes plus a comment of up to 65,535. */
export const ZIP_TAIL_BYTES = 22 + 0xffff;

/** Where a ZIP archive's central directory is (offsets in the archive). */
export interface ZipDirectory {
  /** Where the directory starts. */
  readonly offset: number;
  /** Where its end-of-central-directory record starts: the directory's entries must end before it. */
  readonly end: number;
  readonly count: number;
}

/**
 * The central directory of a ZIP archive, found from its end: `tail` is the archive's bytes from `tailOffset` to
 * its end (the last `ZIP_TAIL_BYTES` or all of it). `null` when it is not a readable ZIP.
 */
export function findZipDirectory(tail: Uint8Array, tailOffset = 0): ZipDirectory | null {
  const min = Math.max(0, tail.length - ZIP_TAIL_BYTES);
  for (let at = tail.length - 22; at >= min; at -= 1) {
    if (u32(tail, at) !== 0x06054b50) continue;
    const count = u16(tail, at + 10);
    const size = u32(tail, at + 12);
    const offset = u32(tail, at + 16);
    const end = tailOffset + at;
    return offset + size > end ? null : { offset, end, count };
  }
  return null;
}

/**
 * The names of the entries of `directory`, read from `bytes`: the archive from `directory.offset` to its end. `null`
 * when the directory is not readable.
 */
export function zipDirectoryNames(bytes: Uint8Array, directory: ZipDirectory): string[] | null {
  const limit = directory.end - directory.offset;
  const names: string[] = [];
  const decoder = new TextDecoder();
  let p = 0;
  for (let i = 0; i < directory.count; i += 1) {
    if (p + 46 > limit || u32(bytes, p) !== 0x02014b50) return null;
    const nameLength = u16(bytes, p + 28);
    const extra = u16(bytes, p + 30);
    const comment = u16(bytes, p + 32);
    names.push(decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength)));
    p += 46 + nameLength + extra + comment;
  }
  return names;
}

/** The names of a ZIP archive's entries, from its central directory; `null` when it is not a readable ZIP. */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
  const directory = findZipDirectory(bytes);
  return directory && zipDirectoryNames(bytes.subarray(directory.offset), directory);
}

const OOXML: readonly [prefix: string, type: AttachmentType][] = [
  ['word/', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['xl/', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ['ppt/', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
];

/**
 * The OOXML type of a ZIP archive by its entry names (`zipEntryNames`), or `null`: it needs `[Content_Types].xml` and
 * the parts of a document, a spreadsheet or a presentation. Macro-enabled documents (.docm/.xlsm/.pptm) carry a
 * vbaProject.bin part: refused.
 */
export function officeZipType(names: readonly string[] | null): AttachmentType | null {
  if (!names?.includes('[Content_Types].xml')) return null;
  if (names.some((n) => /(^|\/)vbaProject\.bin$/i.test(n))) return null;
  for (const [prefix, type] of OOXML) if (names.some((n) => n.startsWith(prefix))) return type;
  return null;
}

/** OpenDocument, from the first bytes: its first local entry is `mimetype`, stored uncompressed, its content right after the name. */
function openDocumentType(head: Uint8Array): AttachmentType | null | undefined {
  if (!ascii(head, 30, 'mimetype')) return undefined;
  if (ascii(head, 38, 'application/vnd.oasis.opendocument.text') && !ascii(head, 38, 'application/vnd.oasis.opendocument.text-')) {
    return 'application/vnd.oasis.opendocument.text';
  }
  if (ascii(head, 38, 'application/vnd.oasis.opendocument.spreadsheet') && !ascii(head, 38, 'application/vnd.oasis.opendocument.spreadsheet-')) {
    return 'application/vnd.oasis.opendocument.spreadsheet';
  }
  return null;
}

const BOM = [0xef, 0xbb, 0xbf];
const isBlank = (b: number) => b === 0x20 || (b >= 0x09 && b <= 0x0d);
const isControl = (b: number) => (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) || b === 0x7f;

/**
 * Plain text, checked in pieces (`push` the file's bytes in order, then `result()`): no NUL and no control character
 * other than tab, line feed, form feed and carriage return, in any 8-bit encoding or UTF-8 — and not markup: text whose
 * first non-blank character (after a UTF-8 byte order mark) opens a tag, a comment, a doctype or an XML declaration
 * (`<a`, `<!`, `<?`, `</`) is refused, so HTML, SVG and XML never pass as text. The verdict does not depend on how
 * the bytes are split.
 */
export class PlainTextScan {
  #at = 0;
  #bom = 0;
  #state: 'lead' | 'lt' | 'body' | 'refused' = 'lead';

  /** Checks the next bytes; `false` once the file is refused (the rest need not be read). */
  push(bytes: Uint8Array): boolean {
    let i = 0;
    // Up to the first character that is not blank (nor part of a byte order mark), and the one after a `<`.
    for (; i < bytes.length && (this.#state === 'lead' || this.#state === 'lt'); i += 1, this.#at += 1) {
      const b = bytes[i]!;
      if (isControl(b)) this.#state = 'refused';
      else if (this.#state === 'lt') {
        const isLetter = (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
        this.#state = isLetter || b === 0x21 || b === 0x3f || b === 0x2f ? 'refused' : 'body';
      } else if (this.#at === this.#bom && this.#bom < 3 && b === BOM[this.#bom]) this.#bom += 1;
      else if (this.#bom > 0 && this.#bom < 3) this.#state = 'body'; // a partial mark: its first byte was the first character
      else if (!isBlank(b)) this.#state = b === 0x3c ? 'lt' : 'body';
    }
    if (this.#state === 'body') {
      for (; i < bytes.length; i += 1) {
        if (isControl(bytes[i]!)) {
          this.#state = 'refused';
          break;
        }
      }
    }
    return this.#state !== 'refused';
  }

  /** `true` when everything pushed is plain text. */
  result(): boolean {
    return this.#state !== 'refused';
  }
}

const isCsvDeclared = (declared: DeclaredFile): boolean =>
  /^(text\/csv|application\/csv|text\/comma-separated-values|application\/vnd\.ms-excel)$/i.test(declared.type ?? '') ||
  /\.csv$/i.test(declared.name ?? '');

/** What a file's first bytes say about its type (`sniffAttachmentHead`). */
export type HeadSniff =
  /** Decided: the type, or `null` (refused). */
  | { readonly needs: null; readonly type: AttachmentType | null }
  /** A ZIP archive and no OpenDocument: an OOXML document if its central directory says so (`officeZipType`). */
  | { readonly needs: 'zip-directory' }
  /** Text so far: `type` if the rest is text too (`scan`, which has seen the head; push the rest to it). */
  | { readonly needs: 'text'; readonly type: 'text/plain' | 'text/csv'; readonly scan: PlainTextScan };

/**
 * The type of a file of `size` bytes as far as its first bytes tell: `head` is its first `ATTACHMENT_HEAD_BYTES` (or
 * all of it, when shorter). Decides every type but OOXML documents and plain text longer than the head, for which it
 * says what else to read. `sniffAttachmentType` is this plus those reads over the whole bytes.
 */
export function sniffAttachmentHead(head: Uint8Array, size: number, declared: DeclaredFile = {}): HeadSniff {
  const decided = (type: AttachmentType | null): HeadSniff => ({ needs: null, type });
  if (size === 0 || head.length === 0) return decided(null);
  if (ascii(head, 0, '\u0089PNG\r\n\u001a\n')) return decided('image/png');
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return decided('image/jpeg');
  if (ascii(head, 0, 'GIF87a') || ascii(head, 0, 'GIF89a')) return decided('image/gif');
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WEBP')) return decided('image/webp');
  if (ascii(head, 0, '%PDF-')) return decided('application/pdf');
  if (ascii(head, 0, 'PK\u0003\u0004')) {
    const odf = openDocumentType(head);
    return odf === undefined ? { needs: 'zip-directory' } : decided(odf);
  }
  const scan = new PlainTextScan();
  if (!scan.push(head)) return decided(null);
  const type = isCsvDeclared(declared) ? 'text/csv' : 'text/plain';
  return head.length >= size ? decided(type) : { needs: 'text', type, scan };
}

/**
 * The type of a file by its content, or `null` when it is none of `ATTACHMENT_TYPES`. `bytes` is the whole file: most
 * types are told by their first bytes (`sniffAttachmentHead`), an OOXML document by its ZIP directory at the end, plain
 * text by every byte being text. The declared name and type never make a file acceptable: they only tell a CSV file
 * from a plain text file, whose contents look alike.
 */
export function sniffAttachmentType(bytes: Uint8Array, declared: DeclaredFile = {}): AttachmentType | null {
  const head = sniffAttachmentHead(bytes.subarray(0, ATTACHMENT_HEAD_BYTES), bytes.length, declared);
  if (head.needs === null) return head.type;
  if (head.needs === 'zip-directory') return officeZipType(zipEntryNames(bytes));
  return head.scan.push(bytes.subarray(ATTACHMENT_HEAD_BYTES)) ? head.type : null;
}

const CONTROL_OR_BIDI = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A file name fit to store and show as text: the last path segment only (no `../`, no `C:\`), without control and
 * bidirectional-override characters (which can disguise `gpj.exe` as `exe.jpg`), trimmed, at most
 * `ATTACHMENT_NAME_MAX_LENGTH` code points with the extension kept; `file` when nothing is left.
 */
export function attachmentFileName(name: string): string {
  let clean = name.replace(CONTROL_OR_BIDI, '').split(/[\\/]/).pop()!.trim();
  if (clean === '' || clean === '.' || clean === '..') return 'file';
  if (codePointLength(clean) > ATTACHMENT_NAME_MAX_LENGTH) {
    const chars = [...clean];
    const dot = clean.lastIndexOf('.');
    const ext = dot > 0 && clean.length - dot <= 16 ? [...clean.slice(dot)] : [];
    clean = [...chars.slice(0, ATTACHMENT_NAME_MAX_LENGTH - ext.length), ...ext].join('');
  }
  return clean;
}
