/**
 * Blobs and the content rules of `src/core/attachments.ts`: the one place that reads a file's bytes to learn its
 * type. Used by the boundary (`validateBackend` re-types every downloaded attachment), the outbox and the demo backend.
 */
import { type AttachmentProblem, type AttachmentType, type DeclaredFile, ATTACHMENT_MAX_BYTES, attachmentProblem, sniffAttachmentType } from '../core/attachments.js';

/** The type of `blob` by its content (`sniffAttachmentType`), or `null`. A file over the size limit is not read. */
export async function sniffBlob(blob: Blob, declared: DeclaredFile = {}): Promise<AttachmentType | null> {
  if (blob.size === 0 || blob.size > ATTACHMENT_MAX_BYTES) return null;
  return sniffAttachmentType(new Uint8Array(await blob.arrayBuffer()), declared);
}

/** What is wrong with `file` as an attachment (size first, then content), or `null` with its type. */
export async function checkAttachmentFile(
  file: Blob,
  declared: DeclaredFile = {},
): Promise<{ problem: AttachmentProblem; type: null } | { problem: null; type: AttachmentType }> {
  const type = file.size === 0 || file.size > ATTACHMENT_MAX_BYTES ? null : await sniffBlob(file, declared);
  const problem = attachmentProblem(file.size, type);
  return problem === null ? { problem: null, type: type! } : { problem, type: null };
}

/**
 * `blob` with the type its content shows, or `application/octet-stream` when it is none of the accepted types: a blob
 * URL of the result never renders as HTML or SVG, whatever the backend claimed.
 */
export async function retypeByContent(blob: Blob, declared: DeclaredFile = {}): Promise<Blob> {
  const type = (await sniffBlob(blob, declared)) ?? 'application/octet-stream';
  return blob.type === type ? blob : new Blob([blob], { type });
}
