import { expect } from '@open-wc/testing';
import {
  SupportError,
  checkChatMessage,
  createDemoBackend,
  supportsAttachments,
  toSupportError,
  validateBackend,
  validateResponse,
  type SupportBackend,
} from '../../src/backend/index.js';
import { sampleFile, SAMPLE_FILES } from '../../src/testing/sample-files.js';

const message = { id: 'm1', clientId: 'c1', seq: 1, author: 'customer', authorName: 'Anna', text: '', sentAt: '2026-11-25T10:00:00Z' };
const ref = { id: 'a1', name: 'shot.png', type: 'image/png', size: 120 };

/** The demo backend (no attachment methods yet, or with them) plus the two methods as given. */
function withAttachments(methods: Partial<Pick<SupportBackend, 'uploadAttachment' | 'downloadAttachment'>>): SupportBackend {
  const demo = createDemoBackend({ agentDelayMs: null, loginDelayMs: null });
  return Object.assign(Object.create(demo) as SupportBackend, methods);
}

describe('attachments in the adapter contract', () => {
  it('a message without attachments reads as none; with them, each is checked', () => {
    expect(validateResponse('listChatMessages', checkChatMessage, message).attachments).to.deep.equal([]);
    expect(validateResponse('sendChatMessage', checkChatMessage, { ...message, attachments: [ref] }).attachments).to.deep.equal([ref]);
    const bad: [string, unknown, string][] = [
      ['an SVG', { ...ref, type: 'image/svg+xml' }, 'attachments[0].type'],
      ['an empty name', { ...ref, name: '' }, 'attachments[0].name'],
      ['a size over the limit', { ...ref, size: 10 * 1024 * 1024 + 1 }, 'attachments[0].size'],
      ['a fractional size', { ...ref, size: 1.5 }, 'attachments[0].size'],
    ];
    for (const [name, attachment, path] of bad) {
      expect(() => validateResponse('sendChatMessage', checkChatMessage, { ...message, attachments: [attachment] }), name)
        .to.throw(SupportError, path);
    }
  });

  it('a backend without the optional methods validates to a wrapper without them', () => {
    // The demo backend has them: hide them, as a backend written without attachments would lack them.
    const plain = validateBackend(withAttachments({ uploadAttachment: undefined, downloadAttachment: undefined } as never));
    expect(supportsAttachments(plain)).to.equal(false);
    expect('uploadAttachment' in plain).to.equal(false);
  });

  it('the upload answer is checked like any other', async () => {
    const wrapped = validateBackend(
      withAttachments({
        uploadAttachment: async () => ({ ...ref, type: 'text/html' }) as never,
        downloadAttachment: async () => new Blob([]),
      }),
    );
    expect(supportsAttachments(wrapped)).to.equal(true);
    const error = await wrapped.uploadAttachment!(sampleFile('png'), { clientId: 'f1', name: 'shot.png', type: 'image/png' }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(SupportError);
    expect((error as SupportError).kind).to.equal('invalid-response');
  });

  it('a downloaded file gets the type of its content, whatever the backend claimed', async () => {
    const answers: Record<string, Blob> = {
      png: new Blob([SAMPLE_FILES.png.bytes as BlobPart], { type: 'text/html' }),
      html: new Blob([SAMPLE_FILES.htmlAsPng.bytes as BlobPart], { type: 'image/png' }),
      svg: new Blob([SAMPLE_FILES.svg.bytes as BlobPart], { type: 'image/svg+xml' }),
      pdf: new Blob([SAMPLE_FILES.pdf.bytes as BlobPart]),
    };
    const wrapped = validateBackend(
      withAttachments({
        uploadAttachment: async () => ref as never,
        downloadAttachment: async (id) => answers[id]!,
      }),
    );
    expect((await wrapped.downloadAttachment!('png')).type).to.equal('image/png');
    expect((await wrapped.downloadAttachment!('html')).type).to.equal('application/octet-stream');
    expect((await wrapped.downloadAttachment!('svg')).type).to.equal('application/octet-stream');
    expect((await wrapped.downloadAttachment!('pdf')).type).to.equal('application/pdf');
    const notABlob = validateBackend(withAttachments({ uploadAttachment: async () => ref as never, downloadAttachment: async () => 'x' as never }));
    expect(((await notABlob.downloadAttachment!('x').catch((e: unknown) => e)) as SupportError).kind).to.equal('invalid-response');
  });

  it('a full storage quota is a typed error', () => {
    const error = toSupportError(new DOMException('quota', 'QuotaExceededError'));
    expect(error.kind).to.equal('storage-full');
    expect(error.transient).to.equal(false);
  });
});
