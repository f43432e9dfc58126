import { expect } from '@open-wc/testing';
import {
  ATTACHMENT_ACCEPT,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_NAME_MAX_LENGTH,
  ATTACHMENT_TYPES,
  ATTACHMENTS_PER_MESSAGE_MAX,
  type AttachmentType,
  attachmentFileName,
  attachmentProblem,
  ATTACHMENT_HEAD_BYTES,
  isInlineImageType,
  PlainTextScan,
  sniffAttachmentHead,
  sniffAttachmentType,
  tooManyAttachments,
  zipEntryNames,
} from '../../src/core/index.js';
import { SAMPLE_FILES, zipArchive } from '../../src/testing/sample-files.js';

const enc = new TextEncoder();
const text = (s: string) => enc.encode(s);
const raw = (...b: number[]) => Uint8Array.from(b);

describe('attachments (src/core/attachments.ts)', () => {
  it('the limits: 10 MiB each, 5 per message', () => {
    expect(ATTACHMENT_MAX_BYTES).to.equal(10_485_760);
    expect(ATTACHMENTS_PER_MESSAGE_MAX).to.equal(5);
    expect(tooManyAttachments(5)).to.equal(false);
    expect(tooManyAttachments(6)).to.equal(true);
  });

  describe('sniffAttachmentType: the content decides', () => {
    const cases: { name: string; bytes: Uint8Array; declared?: { name?: string; type?: string }; expected: AttachmentType | null }[] = [
      { name: 'PNG', bytes: SAMPLE_FILES.png.bytes, expected: 'image/png' },
      { name: 'JPEG', bytes: SAMPLE_FILES.jpeg.bytes, expected: 'image/jpeg' },
      { name: 'GIF89a', bytes: SAMPLE_FILES.gif.bytes, expected: 'image/gif' },
      { name: 'GIF87a', bytes: text('GIF87a\u0001\u0000'), expected: 'image/gif' },
      { name: 'WebP', bytes: SAMPLE_FILES.webp.bytes, expected: 'image/webp' },
      { name: 'PDF', bytes: SAMPLE_FILES.pdf.bytes, expected: 'application/pdf' },
      { name: 'DOCX', bytes: SAMPLE_FILES.docx.bytes, expected: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
      { name: 'XLSX', bytes: SAMPLE_FILES.xlsx.bytes, expected: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      { name: 'PPTX', bytes: SAMPLE_FILES.pptx.bytes, expected: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' },
      { name: 'ODT', bytes: SAMPLE_FILES.odt.bytes, expected: 'application/vnd.oasis.opendocument.text' },
      { name: 'ODS', bytes: SAMPLE_FILES.ods.bytes, expected: 'application/vnd.oasis.opendocument.spreadsheet' },
      { name: 'CSV by its name', bytes: SAMPLE_FILES.csv.bytes, declared: { name: 'x.CSV' }, expected: 'text/csv' },
      { name: 'CSV by the claimed type', bytes: SAMPLE_FILES.csv.bytes, declared: { type: 'text/csv' }, expected: 'text/csv' },
      { name: 'the same bytes without a CSV claim are plain text', bytes: SAMPLE_FILES.csv.bytes, expected: 'text/plain' },
      { name: 'plain text', bytes: SAMPLE_FILES.txt.bytes, expected: 'text/plain' },
      { name: 'UTF-8 text with a BOM', bytes: raw(0xef, 0xbb, 0xbf, 0x48, 0xc3, 0xa4, 0x0d, 0x0a), expected: 'text/plain' },
      { name: 'Windows-1252 text (an Excel CSV export)', bytes: raw(0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x3b, 0x31, 0x0a), declared: { name: 'a.csv' }, expected: 'text/csv' },
      { name: 'text starting with "<3" is text', bytes: text('<3 thanks'), expected: 'text/plain' },
      { name: 'text that only contains markup later is text', bytes: text('see <b>this</b>'), expected: 'text/plain' },
      // Refused:
      { name: 'empty', bytes: new Uint8Array(0), expected: null },
      { name: 'SVG', bytes: SAMPLE_FILES.svg.bytes, declared: { name: 'logo.svg', type: 'image/svg+xml' }, expected: null },
      { name: 'SVG behind an XML declaration', bytes: text('<?xml version="1.0"?><svg/>'), expected: null },
      { name: 'HTML', bytes: SAMPLE_FILES.html.bytes, expected: null },
      { name: 'HTML named .png and claimed image/png', bytes: SAMPLE_FILES.htmlAsPng.bytes, declared: { name: 'a.png', type: 'image/png' }, expected: null },
      { name: 'HTML named .txt after blank lines and a BOM', bytes: text('\ufeff\n\n  <script>alert(1)</script>'), declared: { name: 'a.txt' }, expected: null },
      { name: 'HTML comment', bytes: text('<!-- x --><p>hi'), expected: null },
      { name: 'an end tag first', bytes: text('</title><script>'), expected: null },
      { name: 'a Windows executable', bytes: SAMPLE_FILES.exe.bytes, declared: { name: 'a.pdf', type: 'application/pdf' }, expected: null },
      { name: 'a macro-enabled Word document', bytes: SAMPLE_FILES.docm.bytes, expected: null },
      { name: 'a plain ZIP archive', bytes: zipArchive([['readme.txt', 'hi']]), declared: { name: 'a.docx' }, expected: null },
      { name: 'a truncated ZIP', bytes: SAMPLE_FILES.docx.bytes.subarray(0, 40), expected: null },
      { name: 'OpenDocument of another kind (presentation)', bytes: zipArchive([['mimetype', 'application/vnd.oasis.opendocument.presentation']]), expected: null },
      { name: 'OpenDocument template (text-template)', bytes: zipArchive([['mimetype', 'application/vnd.oasis.opendocument.text-template']]), expected: null },
      { name: 'UTF-16 text (NUL bytes)', bytes: raw(0xff, 0xfe, 0x48, 0x00, 0x69, 0x00), expected: null },
      { name: 'binary with control bytes', bytes: raw(0x48, 0x01, 0x02, 0x03), expected: null },
      { name: 'a PNG signature cut short', bytes: raw(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a), expected: null },
      { name: 'four bytes that only look like the start of a PNG are 8-bit text', bytes: raw(0x89, 0x50, 0x4e, 0x47), expected: 'text/plain' },
      { name: 'RIFF that is not WebP (WAV)', bytes: text('RIFF\u0000\u0000\u0000\u0000WAVEfmt '), expected: null },
    ];
    for (const c of cases) it(c.name, () => expect(sniffAttachmentType(c.bytes, c.declared)).to.equal(c.expected));

    it('the first bytes alone decide every case above but office documents (OOXML) and text longer than the head', () => {
      for (const c of cases) {
        const head = sniffAttachmentHead(c.bytes.subarray(0, ATTACHMENT_HEAD_BYTES), c.bytes.length, c.declared);
        if (head.needs === null) expect(head.type, c.name).to.equal(c.expected);
        else expect(head.needs, c.name).to.equal('zip-directory');
      }
    });

    it('every accepted type has a sample that sniffs as it', () => {
      const found = new Set(Object.values(SAMPLE_FILES).map((f) => sniffAttachmentType(f.bytes, f)));
      for (const type of ATTACHMENT_TYPES) expect(found.has(type), type).to.equal(true);
    });
  });

  describe('text longer than the head: every byte counts, however the file is read', () => {
    const long = (fill: string, tail: Uint8Array) => {
      const head = text(fill.repeat(Math.ceil((ATTACHMENT_HEAD_BYTES + 100) / fill.length)));
      const out = new Uint8Array(head.length + tail.length);
      out.set(head);
      out.set(tail, head.length);
      return out;
    };
    const cases: { name: string; bytes: Uint8Array; expected: AttachmentType | null }[] = [
      { name: 'a long log file', bytes: long('2026-12-04 10:00 export started\n', text('done\n')), expected: 'text/plain' },
      { name: 'text first, a NUL after the head (a binary whose first bytes lie)', bytes: long('hello ', raw(0x00, 0x01)), expected: null },
      { name: 'blank lines beyond the head, then markup', bytes: long('\n', text('<script>alert(1)</script>')), expected: null },
      { name: 'blank lines beyond the head, then text', bytes: long('\n', text('<3 ok')), expected: 'text/plain' },
    ];
    for (const c of cases) {
      it(c.name, () => {
        expect(sniffAttachmentType(c.bytes), 'whole').to.equal(c.expected);
        const head = sniffAttachmentHead(c.bytes.subarray(0, ATTACHMENT_HEAD_BYTES), c.bytes.length);
        if (head.needs === null) expect(head.type, 'the head decided').to.equal(c.expected);
        else {
          expect(head.needs).to.equal('text');
          if (head.needs !== 'text') return;
          for (let at = ATTACHMENT_HEAD_BYTES; at < c.bytes.length; at += 7) head.scan.push(c.bytes.subarray(at, at + 7));
          expect(head.scan.result() ? head.type : null, 'in pieces').to.equal(c.expected);
        }
      });
    }

    it('PlainTextScan: the verdict does not depend on where the bytes are split', () => {
      const samples = [
        text('\ufeff  <p>'),
        text('\ufeff\n<3'),
        raw(0xef, 0xbb, 0x3c, 0x70), // half a byte order mark, then "<p": the mark's first byte is the first character
        text('  </x'),
        text('a\u0001b'),
        text('\t\r\nplain'),
        text('<'),
        text('<3'),
        text(' \u000b'),
      ];
      for (const bytes of samples) {
        const sample = Array.from(bytes, (b) => b.toString(16)).join(' ');
        const whole = new PlainTextScan();
        whole.push(bytes);
        for (let cut = 0; cut <= bytes.length; cut += 1) {
          const split = new PlainTextScan();
          split.push(bytes.subarray(0, cut));
          split.push(bytes.subarray(cut));
          expect(split.result(), `${JSON.stringify(sample)} cut at ${cut}`).to.equal(whole.result());
        }
      }
    });
  });

  it('zipEntryNames reads the central directory (also behind a comment)', () => {
    const zip = zipArchive([['a.txt', '1'], ['dir/b.xml', '2']]);
    expect(zipEntryNames(zip)).to.deep.equal(['a.txt', 'dir/b.xml']);
    const withComment = new Uint8Array(zip.length + 5);
    withComment.set(zip);
    withComment[zip.length - 2] = 5; // comment length
    withComment.set(text('hello'), zip.length);
    expect(zipEntryNames(withComment)).to.deep.equal(['a.txt', 'dir/b.xml']);
    expect(zipEntryNames(text('not a zip at all, just some text'))).to.equal(null);
  });

  describe('attachmentProblem', () => {
    const cases: { name: string; size: number; sniffed: AttachmentType | null; expected: string | null }[] = [
      { name: 'a small PNG', size: 100, sniffed: 'image/png', expected: null },
      { name: 'exactly the limit', size: ATTACHMENT_MAX_BYTES, sniffed: 'application/pdf', expected: null },
      { name: 'one byte over', size: ATTACHMENT_MAX_BYTES + 1, sniffed: 'application/pdf', expected: 'too-large' },
      { name: 'too large wins over the type', size: ATTACHMENT_MAX_BYTES + 1, sniffed: null, expected: 'too-large' },
      { name: 'empty', size: 0, sniffed: null, expected: 'empty' },
      { name: 'unknown type', size: 10, sniffed: null, expected: 'type-refused' },
    ];
    for (const c of cases) it(c.name, () => expect(attachmentProblem(c.size, c.sniffed)).to.equal(c.expected));
  });

  describe('attachmentFileName', () => {
    const long = `${'a'.repeat(300)}.pdf`;
    const cases: { name: string; input: string; expected: string }[] = [
      { name: 'a plain name', input: 'Rechnung März.pdf', expected: 'Rechnung März.pdf' },
      { name: 'a Unix path', input: '../../etc/passwd', expected: 'passwd' },
      { name: 'a Windows path', input: 'C:\\Users\\anna\\shot.png', expected: 'shot.png' },
      { name: 'control characters', input: 'a\u0000b\nc.txt', expected: 'abc.txt' },
      { name: 'a right-to-left override', input: 'invoice\u202Efdp.exe', expected: 'invoicefdp.exe' },
      { name: 'markup stays text', input: '<img src=x onerror=alert(1)>.png', expected: '<img src=x onerror=alert(1)>.png' },
      { name: 'nothing left', input: ' / ', expected: 'file' },
      { name: 'dots only', input: '..', expected: 'file' },
      { name: 'too long keeps the extension', input: long, expected: `${'a'.repeat(ATTACHMENT_NAME_MAX_LENGTH - 4)}.pdf` },
    ];
    for (const c of cases) it(c.name, () => expect(attachmentFileName(c.input)).to.equal(c.expected));
  });

  it('inline images are the four raster types only', () => {
    expect(ATTACHMENT_TYPES.filter(isInlineImageType)).to.deep.equal(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
    expect(isInlineImageType('image/svg+xml')).to.equal(false);
  });

  it('the picker accept list names every type and no SVG or HTML', () => {
    for (const type of ATTACHMENT_TYPES) expect(ATTACHMENT_ACCEPT).to.include(type);
    expect(ATTACHMENT_ACCEPT).not.to.match(/svg|html/);
  });
});
