/**
 * Small, real files of every accepted attachment type and of refused ones, built in code (no binary fixtures in the
 * repository): the conformance suite uploads them, and the core's sniffing table tests with them. Each is the
 * smallest byte sequence its format's magic says it is; the office documents are real ZIP archives (stored, not
 * compressed) with the parts that name their kind.
 */

const enc = new TextEncoder();
const bytes = (...parts: (string | number[] | Uint8Array)[]): Uint8Array => {
  const chunks = parts.map((p) => (typeof p === 'string' ? enc.encode(p) : p instanceof Uint8Array ? p : Uint8Array.from(p)));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
};
const le16 = (n: number) => [n & 0xff, (n >>> 8) & 0xff];
const le32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];

/** A ZIP archive of `entries` (stored, CRC left 0: enough for a directory reader, not for an unzip tool). */
export function zipArchive(entries: readonly (readonly [name: string, content: string])[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const n = enc.encode(name);
    const c = enc.encode(content);
    const local = bytes([0x50, 0x4b, 3, 4], le16(20), le16(0), le16(0), le16(0), le16(0), le32(0), le32(c.length), le32(c.length), le16(n.length), le16(0), n, c);
    centrals.push(
      bytes([0x50, 0x4b, 1, 2], le16(20), le16(20), le16(0), le16(0), le16(0), le16(0), le32(0), le32(c.length), le32(c.length), le16(n.length), le16(0), le16(0), le16(0), le16(0), le32(0), le32(offset), n),
    );
    locals.push(local);
    offset += local.length;
  }
  const directory = bytes(...centrals);
  const end = bytes([0x50, 0x4b, 5, 6], le16(0), le16(0), le16(entries.length), le16(entries.length), le32(directory.length), le32(offset), le16(0));
  return bytes(...locals, directory, end);
}

const ooxml = (part: string) => zipArchive([['[Content_Types].xml', '<Types/>'], ['_rels/.rels', '<Relationships/>'], [part, '<x/>']]);
const odf = (kind: string) => zipArchive([['mimetype', `application/vnd.oasis.opendocument.${kind}`], ['content.xml', '<office:document-content/>']]);

/** One small file per accepted type, and files that must be refused, with the name a user's system would give them. */
export const SAMPLE_FILES = {
  png: { name: 'screenshot.png', type: 'image/png', bytes: bytes([0x89], 'PNG\r\n', [0x1a], '\n', [0, 0, 0, 13], 'IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89]) },
  jpeg: { name: 'photo.jpg', type: 'image/jpeg', bytes: bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF', [0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]) },
  gif: { name: 'anim.gif', type: 'image/gif', bytes: bytes('GIF89a', [1, 0, 1, 0, 0, 0, 0, 0x3b]) },
  webp: { name: 'image.webp', type: 'image/webp', bytes: bytes('RIFF', le32(12), 'WEBPVP8 ', le32(0)) },
  pdf: { name: 'export.pdf', type: 'application/pdf', bytes: bytes('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n') },
  docx: { name: 'letter.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', bytes: ooxml('word/document.xml') },
  xlsx: { name: 'sheet.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes: ooxml('xl/workbook.xml') },
  pptx: { name: 'slides.pptx', type: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', bytes: ooxml('ppt/presentation.xml') },
  odt: { name: 'letter.odt', type: 'application/vnd.oasis.opendocument.text', bytes: odf('text') },
  ods: { name: 'sheet.ods', type: 'application/vnd.oasis.opendocument.spreadsheet', bytes: odf('spreadsheet') },
  csv: { name: 'contacts.csv', type: 'text/csv', bytes: bytes('name;city\nMüller;Aachen\n') },
  txt: { name: 'notes.txt', type: 'text/plain', bytes: bytes('The export template produces an empty PDF.\n') },
  // Refused:
  svg: { name: 'logo.svg', type: 'image/svg+xml', bytes: bytes('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>') },
  html: { name: 'page.html', type: 'text/html', bytes: bytes('<!doctype html><script>alert(1)</script>') },
  htmlAsPng: { name: 'innocent.png', type: 'image/png', bytes: bytes('<html><body onload=alert(1)>') },
  exe: { name: 'setup.exe', type: 'application/octet-stream', bytes: bytes('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0]) },
  docm: { name: 'macro.docm', type: 'application/vnd.ms-word.document.macroEnabled.12', bytes: zipArchive([['[Content_Types].xml', '<Types/>'], ['word/document.xml', '<x/>'], ['word/vbaProject.bin', 'VBA']]) },
} as const satisfies Record<string, { name: string; type: string; bytes: Uint8Array }>;

export type SampleFileName = keyof typeof SAMPLE_FILES;

/** A sample as a `File` (a `Blob` where `File` is missing). */
export function sampleFile(which: SampleFileName): Blob {
  const { name, type, bytes: content } = SAMPLE_FILES[which];
  return typeof File === 'function' ? new File([content as BlobPart], name, { type }) : new Blob([content as BlobPart], { type });
}

/** A file of `size` bytes that is a valid PNG by its first bytes (for size-limit checks). */
export function pngOfSize(size: number): Blob {
  const head = SAMPLE_FILES.png.bytes;
  const out = new Uint8Array(size);
  out.set(head.subarray(0, Math.min(head.length, size)));
  return new Blob([out as BlobPart], { type: 'image/png' });
}
