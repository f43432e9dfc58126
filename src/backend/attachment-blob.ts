/**
 * Blobs and the content rules of `src/core/attachments.ts`: the one place that reads a file's bytes to learn its
 * type. Used by the boundary (`validateBackend` re-types every downloaded attachment), the panel's composer, the chat
 * session and the demo backend.
 *
 * A file is never read whole to learn its type: its first `ATTACHMENT_HEAD_BYTES` decide most types; an OOXML
 * document adds its ZIP directory (a slice at the end), and only plain text is read to its end — in chunks, so a
 * 10 MB log file never holds the main thread for long. The verdict is `sniffAttachmentType`'s over the whole bytes
 * (the reference server's), by construction: both are `sniffAttachmentHead` plus the same follow-up reads.
 */
import {
  type AttachmentProblem,
  type AttachmentType,
  type DeclaredFile,
  ATTACHMENT_HEAD_BYTES,
  ATTACHMENT_MAX_BYTES,
  ZIP_TAIL_BYTES,
  attachmentProblem,
  findZipDirectory,
  officeZipType,
  sniffAttachmentHead,
  zipDirectoryNames,
} from '../core/attachments.js';

const read = async (blob: Blob): Promise<Uint8Array> => new Uint8Array(await blob.arrayBuffer());

/** An OOXML document's type from its ZIP directory: the tail, and the directory itself when it starts before the tail. */
async function sniffZipBlob(blob: Blob): Promise<AttachmentType | null> {
  const tailOffset = Math.max(0, blob.size - ZIP_TAIL_BYTES);
  const tail = await read(blob.slice(tailOffset));
  const directory = findZipDirectory(tail, tailOffset);
  if (!directory) return null;
  const fromDirectory = directory.offset >= tailOffset ? tail.subarray(directory.offset - tailOffset) : await read(blob.slice(directory.offset));
  return officeZipType(zipDirectoryNames(fromDirectory, directory));
}

/** The type of `blob` by its content (`sniffAttachmentType`), or `null`. A file over the size limit is not read. */
export async function sniffBlob(blob: Blob, declared: DeclaredFile = {}): Promise<AttachmentType | null> {
  if (blob.size === 0 || blob.size > ATTACHMENT_MAX_BYTES) return null;
  const head = sniffAttachmentHead(await read(blob.slice(0, ATTACHMENT_HEAD_BYTES)), blob.size, declared);
  if (head.needs === null) return head.type;
  if (head.needs === 'zip-directory') return sniffZipBlob(blob);
  // Text: the rest, chunk by chunk as the stream delivers it (each a short task), until a byte that is no text.
  const reader = blob.slice(ATTACHMENT_HEAD_BYTES).stream().getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return head.type;
      if (!head.scan.push(value)) return null;
    }
  } finally {
    void reader.cancel().catch(() => undefined);
  }
}

/** A file's check: what is wrong with it, or its type. */
export type AttachmentCheck = { problem: AttachmentProblem; type: null } | { problem: null; type: AttachmentType };

/** Checks already made, per Blob (Blobs are immutable): a file the panel checked is not read again when it is sent. */
const checks = new WeakMap<Blob, Map<string, Promise<AttachmentCheck>>>();

/**
 * What is wrong with `file` as an attachment (size first, then content), or `null` with its type. The result is kept
 * for the Blob (by identity, per declared name and type): checking the same Blob again reads nothing.
 */
export function checkAttachmentFile(file: Blob, declared: DeclaredFile = {}): Promise<AttachmentCheck> {
  const key = `${declared.name ?? ''}\u0000${declared.type ?? ''}`;
  let byDeclared = checks.get(file);
  const known = byDeclared?.get(key);
  if (known) return known;
  const check = (async (): Promise<AttachmentCheck> => {
    const type = file.size === 0 || file.size > ATTACHMENT_MAX_BYTES ? null : await sniffBlob(file, declared);
    const problem = attachmentProblem(file.size, type);
    return problem === null ? { problem: null, type: type! } : { problem, type: null };
  })();
  if (!byDeclared) checks.set(file, (byDeclared = new Map()));
  byDeclared.set(key, check);
  // A failed read (the file went away) is not remembered: the next check reads again.
  check.catch(() => byDeclared.delete(key));
  return check;
}

/**
 * `blob` with the type its content shows, or `application/octet-stream` when it is none of the accepted types: a blob
 * URL of the result never renders as HTML or SVG, whatever the backend claimed.
 */
export async function retypeByContent(blob: Blob, declared: DeclaredFile = {}): Promise<Blob> {
  const type = (await sniffBlob(blob, declared)) ?? 'application/octet-stream';
  return blob.type === type ? blob : new Blob([blob], { type });
}
