import { expect } from '@open-wc/testing';
import { ATTACHMENT_MAX_BYTES, ATTACHMENTS_PER_MESSAGE_MAX } from '../../src/core/index.js';
import { createDemoBackend, SupportError, supportsAttachments, type DemoBackend } from '../../src/backend/index.js';
import { pngOfSize, sampleFile, SAMPLE_FILES, type SampleFileName } from '../../src/testing/sample-files.js';

const refusal = async (promise: Promise<unknown>): Promise<SupportError> => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'expected a refusal').to.be.instanceOf(SupportError);
  return error as SupportError;
};

describe('attachments in the demo backend (the rules layer over the memory store)', () => {
  let clock: Date;
  let demo: DemoBackend;
  let n = 0;
  const upload = (which: SampleFileName, clientId = `f${++n}`) =>
    demo.uploadAttachment!(sampleFile(which), { clientId, name: SAMPLE_FILES[which].name, type: SAMPLE_FILES[which].type });

  beforeEach(() => {
    clock = new Date('2026-11-25T10:00:00Z');
    demo = createDemoBackend({ agentDelayMs: null, loginDelayMs: null, history: false, now: () => clock });
  });
  afterEach(() => demo.control.dispose());

  it('has both attachment methods', () => expect(supportsAttachments(demo)).to.equal(true));

  it('stores a file once per clientId and answers the type found in its content', async () => {
    let progress: [number, number] | null = null;
    const first = await demo.uploadAttachment!(sampleFile('png'), { clientId: 'same', name: '../shot.png', type: 'text/html' }, {
      onProgress: (sent, total) => (progress = [sent, total]),
    });
    expect(first).to.include({ name: 'shot.png', type: 'image/png', size: SAMPLE_FILES.png.bytes.length });
    expect(progress).to.deep.equal([SAMPLE_FILES.png.bytes.length, SAMPLE_FILES.png.bytes.length]);
    const again = await demo.uploadAttachment!(sampleFile('pdf'), { clientId: 'same', name: 'other.pdf', type: 'application/pdf' });
    expect(again).to.deep.equal(first);
  });

  it('refuses by content: empty, too large, SVG, HTML disguised as PNG, an executable, a macro document', async () => {
    expect((await refusal(demo.uploadAttachment!(new Blob([]), { clientId: 'e', name: 'a.txt', type: 'text/plain' }))).reason).to.equal('attachment-empty');
    const big = await refusal(demo.uploadAttachment!(pngOfSize(ATTACHMENT_MAX_BYTES + 1), { clientId: 'big', name: 'big.png', type: 'image/png' }));
    expect([big.kind, big.reason, big.status]).to.deep.equal(['invalid-request', 'attachment-too-large', 413]);
    expect((await upload('png')).size).to.equal(SAMPLE_FILES.png.bytes.length);
    for (const which of ['svg', 'htmlAsPng', 'html', 'exe', 'docm'] as const) {
      const error = await refusal(upload(which));
      expect([error.kind, error.reason, error.status], which).to.deep.equal(['invalid-request', 'attachment-type-refused', 415]);
    }
  });

  it('judges a Blob by its content beyond the first bytes too: text with binary after 4 KB is refused, long CSV accepted', async () => {
    const enc = new TextEncoder();
    const lines = enc.encode('2026-12-04 10:00 export started\n'.repeat(400));
    const lying = new Blob([lines as BlobPart, Uint8Array.from([0x00, 0x01, 0x02]) as BlobPart], { type: 'text/plain' });
    expect((await refusal(demo.uploadAttachment!(lying, { clientId: 'lie', name: 'log.txt', type: 'text/plain' }))).reason).to.equal('attachment-type-refused');
    const csv = new Blob([enc.encode('name;city\n' + 'Müller;Aachen\n'.repeat(1000)) as BlobPart]);
    expect(await demo.uploadAttachment!(csv, { clientId: 'csv', name: 'contacts.csv', type: '' })).to.include({ type: 'text/csv', size: csv.size });
  });

  it('keeps the uploaded Blob: the download has the same bytes, typed by content', async () => {
    const png = pngOfSize(256 * 1024);
    const ref = await demo.uploadAttachment!(png, { clientId: 'keep', name: 'shot.png', type: 'application/octet-stream' });
    const back = await demo.downloadAttachment!(ref.id);
    expect([back.size, back.type]).to.deep.equal([png.size, 'image/png']);
    expect(new Uint8Array(await back.arrayBuffer())).to.deep.equal(new Uint8Array(await png.arrayBuffer()));
  });

  it('accepts exactly the limit', async () => {
    const ref = await demo.uploadAttachment!(pngOfSize(ATTACHMENT_MAX_BYTES), { clientId: 'max', name: 'max.png', type: 'image/png' });
    expect(ref.size).to.equal(ATTACHMENT_MAX_BYTES);
  });

  it('sends a message with its files once; the files cannot go with another message', async () => {
    const a = await upload('png');
    const b = await upload('pdf');
    const input = { clientId: 'm1', text: '', attachmentIds: [a.id, b.id] };
    const message = await demo.sendChatMessage(input);
    expect(message.attachments).to.deep.equal([a, b]);
    expect(await demo.sendChatMessage(input)).to.deep.equal(message);
    expect(demo.control.chatMessageCount('m1')).to.equal(1);
    const taken = await refusal(demo.sendChatMessage({ clientId: 'm2', text: 'again', attachmentIds: [a.id] }));
    expect([taken.kind, taken.reason]).to.deep.equal(['invalid-request', 'attachment-unknown']);
    const unknown = await refusal(demo.sendChatMessage({ clientId: 'm3', text: 'x', attachmentIds: ['att-nope'] }));
    expect(unknown.reason).to.equal('attachment-unknown');
    expect(demo.control.chatMessageCount()).to.equal(1);
    expect((await demo.listChatMessages()).at(-1)!.attachments).to.deep.equal([a, b]);
  });

  it('at most five per message; a blank text needs files', async () => {
    const refs = [];
    for (let i = 0; i <= ATTACHMENTS_PER_MESSAGE_MAX; i += 1) refs.push(await upload('txt'));
    const many = await refusal(demo.sendChatMessage({ clientId: 'many', text: 'x', attachmentIds: refs.map((r) => r.id) }));
    expect(many.reason).to.equal('attachments-too-many');
    expect((await refusal(demo.sendChatMessage({ clientId: 'blank', text: ' ', attachmentIds: [] }))).kind).to.equal('invalid-request');
  });

  it('downloads own and support files with their content; unknown ids are not found', async () => {
    const a = await upload('pdf');
    await demo.sendChatMessage({ clientId: 'm1', text: 'see', attachmentIds: [a.id] });
    const blob = await demo.downloadAttachment!(a.id);
    expect(new Uint8Array(await blob.arrayBuffer())).to.deep.equal(SAMPLE_FILES.pdf.bytes);
    const reply = demo.control.pushSupportMessage('Here is the fix', 'Lena', [{ name: 'fix.png', bytes: SAMPLE_FILES.png.bytes }]);
    expect(reply.attachments![0]).to.include({ name: 'fix.png', type: 'image/png' });
    expect((await demo.downloadAttachment!(reply.attachments![0]!.id)).size).to.equal(SAMPLE_FILES.png.bytes.length);
    expect((await refusal(demo.downloadAttachment!('att-nope'))).kind).to.equal('not-found');
  });

  it('retention: files go with their message after 21 days, unsent uploads after a day', async () => {
    const sent = await upload('png');
    await demo.sendChatMessage({ clientId: 'm1', text: 'x', attachmentIds: [sent.id] });
    const unsent = await upload('txt');
    clock = new Date(clock.getTime() + 25 * 3600_000);
    expect((await refusal(demo.downloadAttachment!(unsent.id))).kind).to.equal('not-found');
    expect((await demo.downloadAttachment!(sent.id)).size).to.be.greaterThan(0);
    clock = new Date(clock.getTime() + 22 * 24 * 3600_000);
    expect((await refusal(demo.downloadAttachment!(sent.id))).kind).to.equal('not-found');
  });
});
