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

/** The names of a ZIP archive's entries, from its central directory; `null` when it is not a readable ZIP. */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
  // The end-of-central-directory record: 22 bytes plus a comment of up to 65,535, at the very end.
  const min = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= min; at -= 1) {
    if (u32(bytes, at) !== 0x06054b50) continue;
    const count = u16(bytes, at + 10);
    const size = u32(bytes, at + 12);
    let p = u32(bytes, at + 16);
    if (p + size > at) return null;
    const names: string[] = [];
    const decoder = new TextDecoder();
    for (let i = 0; i < count; i += 1) {
      if (p + 46 > at || u32(bytes, p) !== 0x02014b50) return null;
      const nameLength = u16(bytes, p + 28);
      const extra = u16(bytes, p + 30);
      const comment = u16(bytes, p + 32);
      names.push(decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength)));
      p += 46 + nameLength + extra + comment;
    }
    return names;
  }
  return null;
}

const OOXML: readonly [prefix: string, type: AttachmentType][] = [
  ['word/', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['xl/', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ['ppt/', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
];

/** An office document inside a ZIP: OpenDocument by its first, stored `mimetype` entry, OOXML by its parts. */
function sniffZip(bytes: Uint8Array): AttachmentType | null {
  // OpenDocument: the first local entry is "mimetype", stored uncompressed, its content right after the name.
  if (ascii(bytes, 30, 'mimetype')) {
    if (ascii(bytes, 38, 'application/vnd.oasis.opendocument.text') && !ascii(bytes, 38, 'application/vnd.oasis.opendocument.text-')) {
      return 'application/vnd.oasis.opendocument.text';
    }
    if (ascii(bytes, 38, 'application/vnd.oasis.opendocument.spreadsheet') && !ascii(bytes, 38, 'application/vnd.oasis.opendocument.spreadsheet-')) {
      return 'application/vnd.oasis.opendocument.spreadsheet';
    }
    return null;
  }
  const names = zipEntryNames(bytes);
  if (!names?.includes('[Content_Types].xml')) return null;
  // Macro-enabled documents (.docm/.xlsm/.pptm) carry a vbaProject.bin part: refused.
  if (names.some((n) => /(^|\/)vbaProject\.bin$/i.test(n))) return null;
  for (const [prefix, type] of OOXML) if (names.some((n) => n.startsWith(prefix))) return type;
  return null;
}

/**
 * Plain text: no NUL and no control character other than tab, line feed, form feed and carriage return, in any
 * 8-bit encoding or UTF-8 — and not markup: text whose first
 * non-blank character opens a tag, a comment, a doctype or an XML declaration (`<a`, `<!`, `<?`, `</`) is refused, so
 * HTML, SVG and XML never pass as text.
 */
function isPlainText(bytes: Uint8Array): boolean {
  let start = ascii(bytes, 0, '\u00ef\u00bb\u00bf') ? 3 : 0;
  for (let i = 0; i < bytes.length; i += 1) {
    const b = bytes[i]!;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) return false;
    if (b === 0x7f) return false;
  }
  while (start < bytes.length && (bytes[start] === 0x20 || (bytes[start]! >= 0x09 && bytes[start]! <= 0x0d))) start += 1;
  if (bytes[start] === 0x3c) {
    const next = bytes[start + 1];
    if (next === undefined) return true;
    const isLetter = (next >= 0x41 && next <= 0x5a) || (next >= 0x61 && next <= 0x7a);
    if (isLetter || next === 0x21 || next === 0x3f || next === 0x2f) return false;
  }
  return true;
}

const isCsvDeclared = (declared: DeclaredFile): boolean =>
  /^(text\/csv|application\/csv|text\/comma-separated-values|application\/vnd\.ms-excel)$/i.test(declared.type ?? '') ||
  /\.csv$/i.test(declared.name ?? '');

/**
 * The type of a file by its content, or `null` when it is none of `ATTACHMENT_TYPES`. `bytes` is the whole file (an
 * office document is recognised by its ZIP directory at the end; every other type by its first bytes). The declared
 * name and type never make a file acceptable: they only tell a CSV file from a plain text file, whose contents look
 * alike.
 */
export function sniffAttachmentType(bytes: Uint8Array, declared: DeclaredFile = {}): AttachmentType | null {
  if (bytes.length === 0) return null;
  if (ascii(bytes, 0, '\u0089PNG\r\n\u001a\n')) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (ascii(bytes, 0, 'GIF87a') || ascii(bytes, 0, 'GIF89a')) return 'image/gif';
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP')) return 'image/webp';
  if (ascii(bytes, 0, '%PDF-')) return 'application/pdf';
  if (ascii(bytes, 0, 'PK\u0003\u0004')) return sniffZip(bytes);
  if (isPlainText(bytes)) return isCsvDeclared(declared) ? 'text/csv' : 'text/plain';
  return null;
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
