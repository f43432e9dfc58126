import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { createHttpBackend, SupportError } from '../../src/backend/index.js';
import { ATTACHMENT_MAX_BYTES } from '../../src/core/index.js';
import { referenceServerSubjects, type ReferenceServerSubject } from '../../src/testing/index.js';
import { pngOfSize, sampleFile, SAMPLE_FILES } from '../../src/testing/sample-files.js';
import { controlFetch } from './control-fetch.js';

/**
 * Attachments on the reference server: checked by content, served safely, isolated per tenant and user, purged. Run
 * on SQLite (attachments-server.test.ts) and PostgreSQL (attachments-server.pg.test.ts).
 */
export function describeAttachmentsServer(engine: 'sqlite' | 'postgres'): void {
describe(`reference server (${engine}): attachments`, function () {
  this.timeout(30_000);
  let origin: string;
  let subject: ReferenceServerSubject;
  let api: string;
  const auth = (token = subject.token) => ({ Authorization: `Bearer ${token}` });
  const control = async (method: string, path: string, body?: unknown) => {
    const response = await controlFetch(`${origin}/__test${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
    });
    expect(response.ok, `${method} ${path}: ${response.status}`).to.equal(true);
    return response.status === 204 ? undefined : ((await response.json()) as unknown);
  };
  const put = (clientId: string, body: Blob | Uint8Array, type: string, name = 'file', token = subject.token) =>
    fetch(`${api}/chat/uploads/${encodeURIComponent(clientId)}?name=${encodeURIComponent(name)}`, {
      method: 'PUT',
      headers: { ...auth(token), 'Content-Type': type },
      body: body as BodyInit,
    });
  const errorOf = async (response: Response) => ((await response.json()) as { error: { kind: string; reason: string | null } }).error;

  before(async function () {
    this.timeout(90_000); // the first start bundles the server (and, for PostgreSQL, makes a cluster)
    ({ url: origin } = await executeServerCommand<{ url: string }, unknown>(
      'reference-server',
      engine === 'sqlite' ? { action: 'start' } : { action: 'start', name: 'pg-attachments', engine: 'postgres' },
    ));
  });
  beforeEach(async () => {
    subject = await referenceServerSubjects(origin, { fetch: controlFetch })();
    api = subject.baseUrl;
  });
  afterEach(() => subject.dispose?.());

  it('judges size and type by the bytes, not by the name or Content-Type', async () => {
    const html = await put('h1', SAMPLE_FILES.htmlAsPng.bytes, 'image/png', 'innocent.png');
    expect(html.status).to.equal(415);
    expect((await errorOf(html)).reason).to.equal('attachment-type-refused');
    expect((await put('s1', SAMPLE_FILES.svg.bytes, 'image/svg+xml', 'logo.svg')).status).to.equal(415);
    const big = await put('b1', pngOfSize(ATTACHMENT_MAX_BYTES + 1), 'image/png', 'big.png');
    expect([big.status, (await errorOf(big)).reason]).to.deep.equal([413, 'attachment-too-large']);
    const png = await put('p1', SAMPLE_FILES.png.bytes, 'text/html', 'shot.html');
    expect(png.status).to.equal(201);
    expect(await png.json()).to.include({ type: 'image/png', name: 'shot.html', size: SAMPLE_FILES.png.bytes.length });
    expect((await put('p1', SAMPLE_FILES.png.bytes, 'image/png')).status).to.equal(200);
  });

  it('serves downloads with the sniffed type, nosniff, a sandbox, and as attachments (raster images inline)', async () => {
    const backend = subject.backend;
    const pdf = await backend.uploadAttachment!(sampleFile('pdf'), { clientId: 'd1', name: 'Rechnung "März".pdf', type: 'text/html' });
    const png = await backend.uploadAttachment!(sampleFile('png'), { clientId: 'd2', name: 'shot.png', type: 'image/png' });
    const csv = await backend.uploadAttachment!(sampleFile('csv'), { clientId: 'd3', name: '<script>.csv', type: 'text/csv' });
    await backend.sendChatMessage({ clientId: 'm1', text: 'files', attachmentIds: [pdf.id, png.id, csv.id] });
    const get = (id: string) => fetch(`${api}/chat/attachments/${id}`, { headers: auth() });
    const a = await get(pdf.id);
    expect(a.headers.get('Content-Type')).to.equal('application/pdf');
    expect(a.headers.get('X-Content-Type-Options')).to.equal('nosniff');
    expect(a.headers.get('Content-Security-Policy')).to.contain('sandbox');
    expect(a.headers.get('Content-Disposition')).to.equal(`attachment; filename="Rechnung _M_rz_.pdf"; filename*=UTF-8''Rechnung%20%22M%C3%A4rz%22.pdf`);
    expect(new Uint8Array(await a.arrayBuffer())).to.deep.equal(SAMPLE_FILES.pdf.bytes);
    const b = await get(png.id);
    expect(b.headers.get('Content-Type')).to.equal('image/png');
    expect(b.headers.get('Content-Disposition')).to.match(/^inline; /);
    const c = await get(csv.id);
    expect(c.headers.get('Content-Type')).to.equal('text/csv');
    expect(c.headers.get('Content-Disposition')).to.match(/^attachment; filename="<script>.csv"/);
  });

  it("refuses another tenant's and another user's download, and their sending of a foreign file", async () => {
    const mine = await subject.backend.uploadAttachment!(sampleFile('pdf'), { clientId: 'i1', name: 'mine.pdf', type: 'application/pdf' });
    await subject.backend.sendChatMessage({ clientId: 'mi1', text: 'mine', attachmentIds: [mine.id] });
    const unsent = await subject.backend.uploadAttachment!(sampleFile('png'), { clientId: 'i2', name: 'unsent.png', type: 'image/png' });
    // Another tenant.
    const other = await referenceServerSubjects(origin, { fetch: controlFetch })();
    // Another user of the same tenant.
    const colleague = (await control('POST', `/tenants/${encodeURIComponent(subject.tenantId)}/users`, {})) as { token: string };
    const colleagueBackend = createHttpBackend({ baseUrl: api, token: () => colleague.token, retries: 0 });
    try {
      for (const [who, token] of [['another tenant', other.token], ['another user', colleague.token]] as const) {
        for (const id of [mine.id, unsent.id]) {
          const response = await fetch(`${api}/chat/attachments/${id}`, { headers: auth(token) });
          expect(response.status, `${who}: ${id}`).to.equal(404);
          expect(response.headers.get('Content-Type')).to.contain('application/json');
        }
      }
      const error = await colleagueBackend.sendChatMessage({ clientId: 'steal', text: 'x', attachmentIds: [unsent.id] }).catch((e: unknown) => e);
      expect((error as SupportError).reason).to.equal('attachment-unknown');
      expect((await other.backend.listChatMessages()).length).to.equal(0);
      // The owner still gets both.
      expect((await subject.backend.downloadAttachment!(unsent.id)).type).to.equal('image/png');
      // Unauthenticated: 401.
      expect((await fetch(`${api}/chat/attachments/${mine.id}`)).status).to.equal(401);
    } finally {
      await other.dispose?.();
    }
  });

  it('retention deletes files with their messages (and unsent uploads after a day)', async () => {
    const sent = await subject.backend.uploadAttachment!(sampleFile('png'), { clientId: 'r1', name: 'old.png', type: 'image/png' });
    await subject.backend.sendChatMessage({ clientId: 'rm1', text: 'old', attachmentIds: [sent.id] });
    await subject.backend.uploadAttachment!(sampleFile('txt'), { clientId: 'r2', name: 'never sent.txt', type: 'text/plain' });
    await subject.control.advanceClock(25 * 3600_000);
    const first = (await control('POST', '/purge')) as Record<string, number>;
    expect(first['attachments']).to.be.at.least(1); // the unsent upload
    expect((await subject.backend.downloadAttachment!(sent.id)).size).to.equal(SAMPLE_FILES.png.bytes.length);
    await subject.control.advanceClock(21 * 24 * 3600_000);
    const second = (await control('POST', '/purge')) as Record<string, number>;
    expect(second['attachments']).to.be.at.least(1);
    expect(second['chat']).to.be.at.least(1);
    const gone = await subject.backend.downloadAttachment!(sent.id).catch((e: unknown) => e);
    expect((gone as SupportError).kind).to.equal('not-found');
  });
});
}
