import { expect } from '@open-wc/testing';
import { checkAttachmentFile, retypeByContent, sniffBlob } from '../../src/backend/attachment-blob.js';
import { ATTACHMENT_HEAD_BYTES, ZIP_TAIL_BYTES, sniffAttachmentType, zipEntryNames } from '../../src/core/index.js';
import { SAMPLE_FILES, zipArchive } from '../../src/testing/sample-files.js';

const enc = new TextEncoder();
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const blobOf = (bytes: Uint8Array, type = '') => new Blob([bytes as BlobPart], { type });

/** A Blob that counts the bytes read through it (slices, arrayBuffer, stream). */
function countingBlob(bytes: Uint8Array): { blob: Blob; read: () => number } {
  let read = 0;
  const wrap = (inner: Blob): Blob => {
    const proxy = Object.create(inner) as Blob;
    Object.defineProperties(proxy, {
      size: { value: inner.size },
      type: { value: inner.type },
      slice: { value: (...args: Parameters<Blob['slice']>) => wrap(inner.slice(...args)) },
      arrayBuffer: { value: async () => ((read += inner.size), inner.arrayBuffer()) },
      stream: { value: () => ((read += inner.size), inner.stream()) },
    });
    return proxy;
  };
  return { blob: wrap(blobOf(bytes)), read: () => read };
}

/** An OOXML document whose ZIP comment is as long as ZIP allows, so its directory starts before the tail slice. */
function docxWithLongComment(): Uint8Array {
  const zip = SAMPLE_FILES.docx.bytes;
  const comment = new Uint8Array(0xffff).fill(0x20);
  const out = concat(zip, comment);
  out[zip.length - 2] = 0xff; // comment length, little-endian
  out[zip.length - 1] = 0xff;
  return out;
}

describe("attachment-blob: a Blob's type from its first bytes (and only office documents and text read on)", () => {
  it("every sample file sniffs as the whole-bytes rule says (the reference server's)", async () => {
    for (const [which, file] of Object.entries(SAMPLE_FILES)) {
      expect(await sniffBlob(blobOf(file.bytes), file), which).to.equal(sniffAttachmentType(file.bytes, file));
    }
  });

  it('a 5 MB image is read for its first bytes only', async () => {
    const png = new Uint8Array(5 * 1024 * 1024);
    png.set(SAMPLE_FILES.png.bytes);
    const { blob, read } = countingBlob(png);
    expect(await sniffBlob(blob)).to.equal('image/png');
    expect(read()).to.equal(ATTACHMENT_HEAD_BYTES);
  });

  it('an office document is still recognised from its head and tail (the ZIP directory), without reading the middle', async () => {
    const padding = new Uint8Array(1024 * 1024).fill(0x41);
    // Padding between the entries and the directory: the directory's offset moves with it.
    const zip = SAMPLE_FILES.xlsx.bytes;
    const directoryOffset = new DataView(zip.buffer, zip.byteOffset, zip.byteLength).getUint32(zip.length - 6, true); // no comment: EOCD + 16
    const padded = concat(zip.subarray(0, directoryOffset), padding, zip.subarray(directoryOffset));
    new DataView(padded.buffer).setUint32(padded.length - 6, directoryOffset + padding.length, true);
    expect(zipEntryNames(padded)).to.include('[Content_Types].xml');
    expect(sniffAttachmentType(padded)).to.equal('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const { blob, read } = countingBlob(padded);
    expect(await sniffBlob(blob)).to.equal('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(read()).to.equal(ATTACHMENT_HEAD_BYTES + ZIP_TAIL_BYTES);
  });

  it('an office document whose directory starts before the tail slice: the directory is read as well', async () => {
    const docx = docxWithLongComment();
    expect(sniffAttachmentType(docx)).to.equal('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(await sniffBlob(blobOf(docx))).to.equal('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });

  it('first bytes that lie are refused: a ZIP head without an office directory, text with binary after the head, HTML named .png', async () => {
    const plainZip = zipArchive([['readme.txt', 'hello'], ['data.bin', 'x'.repeat(ATTACHMENT_HEAD_BYTES)]]);
    expect(await sniffBlob(blobOf(plainZip), { name: 'a.docx' })).to.equal(null);
    const textThenBinary = concat(enc.encode('line\n'.repeat(2000)), Uint8Array.from([0x00, 0x90, 0x01]));
    expect(textThenBinary.length).to.be.greaterThan(ATTACHMENT_HEAD_BYTES);
    expect(await sniffBlob(blobOf(textThenBinary), { name: 'log.txt' })).to.equal(null);
    expect(await sniffBlob(blobOf(SAMPLE_FILES.htmlAsPng.bytes, 'image/png'), { name: 'a.png', type: 'image/png' })).to.equal(null);
  });

  it('long text is read to its end, in chunks; CSV by its name', async () => {
    const csv = enc.encode('name;city\n' + 'Müller;Aachen\n'.repeat(100_000));
    expect(await sniffBlob(blobOf(csv), { name: 'contacts.csv' })).to.equal('text/csv');
    expect(await sniffBlob(blobOf(csv))).to.equal('text/plain');
  });

  it('checkAttachmentFile reads a Blob once: a second check of the same Blob reads nothing', async () => {
    const png = new Uint8Array(64 * 1024);
    png.set(SAMPLE_FILES.png.bytes);
    const { blob, read } = countingBlob(png);
    expect(await checkAttachmentFile(blob, { name: 'a.png' })).to.deep.equal({ problem: null, type: 'image/png' });
    const afterFirst = read();
    expect(await checkAttachmentFile(blob, { name: 'a.png' })).to.deep.equal({ problem: null, type: 'image/png' });
    expect(read()).to.equal(afterFirst);
    // Another Blob with the same bytes is checked on its own.
    expect(await checkAttachmentFile(blobOf(SAMPLE_FILES.svg.bytes), { name: 'a.png' })).to.deep.equal({ problem: 'type-refused', type: null });
  });

  it("retypeByContent: the content's type, octet-stream for anything else", async () => {
    expect((await retypeByContent(blobOf(SAMPLE_FILES.png.bytes, 'text/html'))).type).to.equal('image/png');
    expect((await retypeByContent(blobOf(SAMPLE_FILES.svg.bytes, 'image/svg+xml'))).type).to.equal('application/octet-stream');
  });
});
