import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { parse } from 'yaml';
import { API_BASE, CONTRACT_ROUTES } from '../../server/routes.js';
import { ATTACHMENT_RESPONSE_CHECKS, RESPONSE_CHECKS, SseParser, createHttpBackend, type SupportBackend } from '../../src/backend/index.js';
import { sampleFile } from '../../src/testing/sample-files.js';
import { referenceServerSubjects } from '../../src/testing/index.js';
import { validateSchema, type Schema } from '../helpers/json-schema.js';
import { controlFetch } from './control-fetch.js';

/**
 * The drift test: docs/openapi.yaml against the implementation, both ways.
 * - the reference server's route table (which it dispatches from) and the document's paths/methods are the same set,
 *   and the operationIds are exactly the SupportBackend methods;
 * - every request createHttpBackend sends matches a documented operation, its query names and its request schema;
 * - every real response of the reference server has a documented status and validates against the documented schema
 *   (response schemas forbid undocumented fields, so a new field in the server fails here until it is documented);
 * - the event stream's frames validate against the documented event schemas;
 * - the operations the client retries are exactly those marked `x-retry-safe`.
 */

type Doc = Schema & { paths: Record<string, Record<string, Schema>>; components: Schema };
interface Exchange {
  readonly verb: string;
  readonly url: URL;
  readonly requestType: string | null;
  readonly requestBody: string | null;
  readonly status: number;
  readonly responseType: string | null;
  readonly responseBody: string;
}

let doc: Doc;
let origin: string;
const VERBS = ['get', 'post', 'put', 'delete', 'patch'];

/**
 * The contract's operations (under the API base). Paths with `servers` of their own (`/health`, at the server's root)
 * are outside the adapter contract and checked on their own.
 */
function templates(): { verb: string; path: string; op: Schema }[] {
  return Object.entries(doc.paths).filter(([, item]) => !('servers' in item)).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([verb]) => VERBS.includes(verb))
      .map(([verb, op]) => ({ verb: verb.toUpperCase(), path, op })),
  );
}

/** The documented operation a concrete request path belongs to. */
function operationOf(verb: string, apiPath: string) {
  return templates().find(
    (t) => t.verb === verb && new RegExp(`^${t.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(apiPath),
  );
}

const deref = (value: Schema): Schema => {
  const ref = value['$ref'];
  if (typeof ref !== 'string') return value;
  const [, , section, name] = ref.split('/');
  return (doc.components[section!] as Record<string, Schema>)[name!]!;
};

function responseOf(op: Schema, status: number): Schema | undefined {
  const responses = op['responses'] as Record<string, Schema>;
  const found = responses[String(status)] ?? responses[`${String(status)[0]}XX`];
  return found ? deref(found) : undefined;
}

function recorder() {
  const exchanges: Exchange[] = [];
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const response = await controlFetch(input, init);
    const headers = new Headers(init.headers);
    const type = response.headers.get('Content-Type');
    exchanges.push({
      verb: init.method ?? 'GET',
      url: new URL(String(input)),
      requestType: headers.get('Content-Type'),
      requestBody: typeof init.body === 'string' ? init.body : null,
      status: response.status,
      responseType: type,
      responseBody: type?.includes('event-stream') ? '' : await response.clone().text(),
    });
    return response;
  }) as typeof globalThis.fetch;
  return { fetch, exchanges };
}

async function settle(promise: Promise<unknown>) {
  try {
    await promise;
  } catch {
    // the exchange is recorded either way
  }
}

before(async () => {
  doc = parse(await (await fetch('/docs/openapi.yaml')).text()) as Doc;
  ({ url: origin } = await executeServerCommand<{ url: string }, unknown>('reference-server', { action: 'start' }));
});

describe('docs/openapi.yaml against the implementation', () => {
  it('is OpenAPI 3.1 and names the reference server\'s base path', () => {
    expect(String(doc['openapi'])).to.match(/^3\.1\./);
    const servers = doc['servers'] as { url: string }[];
    expect(new URL(servers[0]!.url).pathname).to.equal(API_BASE);
  });

  it('documents exactly the routes the reference server dispatches', () => {
    const documented = templates().map((t) => `${t.verb} ${t.path} ${String(t.op['operationId'])}`).sort();
    const served = CONTRACT_ROUTES.map((r) => `${r.verb} ${r.path} ${r.operationId}`).sort();
    expect(documented).to.deep.equal(served);
  });

  it('has one operation per SupportBackend method, named after it', () => {
    const methods = [...Object.keys(RESPONSE_CHECKS), ...Object.keys(ATTACHMENT_RESPONSE_CHECKS), 'subscribe'].sort();
    expect(templates().map((t) => String(t.op['operationId'])).sort()).to.deep.equal(methods);
  });

  it('marks public exactly the operations the server serves without a session', () => {
    const publicDoc = templates().filter((t) => Array.isArray(t.op['security']) && (t.op['security'] as unknown[]).length === 0);
    expect(publicDoc.map((t) => t.op['operationId'])).to.deep.equal(CONTRACT_ROUTES.filter((r) => r.access === 'public').map((r) => r.operationId));
  });

  it('documents /health at the server\'s root, outside the contract, and its real 200 answer matches', async () => {
    const item = doc.paths['/health']!;
    const servers = item['servers'] as unknown as { url: string }[];
    expect(new URL(servers[0]!.url).pathname, 'not under the API base').to.equal('/');
    const op = item['get']!;
    expect(op['security']).to.deep.equal([]);
    const response = await fetch(`${origin}/health`);
    expect(response.status).to.equal(200);
    expect(response.headers.get('Content-Type')).to.contain('application/json');
    const schema = ((responseOf(op, 200)!['content'] as Record<string, Schema>)['application/json']!['schema']) as Schema;
    expect(validateSchema(doc, schema, await response.json())).to.deep.equal([]);
    // The 503 is answered in test/server/health.pg.test.ts, which validates it against the document too.
    expect(responseOf(op, 503), 'a documented 503').to.not.equal(undefined);
  });

  it('every real request and response of a full session matches the document', async function () {
    this.timeout(20_000);
    const rec = recorder();
    const subject = await referenceServerSubjects(origin, { backend: { fetch: rec.fetch, retries: 0 }, fetch: rec.fetch })();
    const { backend: b, control: c } = subject;
    try {
      await b.getSession();
      await b.getTenantInfo();
      await b.getContactInfo();
      const staff = await b.searchStaff('a');
      await b.searchStaff('');
      const employee = staff.employees[0]!;
      const grant = await b.createGrant({ grantee: { kind: 'employee', id: employee.id }, dataExport: false, duration: '1h' });
      await b.listGrants();
      await c.startSupportLogin('drift');
      await b.listLogins();
      await b.listLogins({ activeOnly: true });
      await b.revokeGrant(grant.id);
      await settle(b.revokeGrant(grant.id)); // 409
      await settle(b.revokeGrant('no-such-grant')); // 404
      await settle(b.createGrant({ grantee: { kind: 'employee', id: 'nobody' }, dataExport: false, duration: '1h' })); // 404
      const token = await c.createUnlockLink({ granteeId: employee.id });
      await b.resolveUnlockToken(token);
      await b.confirmUnlockToken(token, true);
      await settle(b.resolveUnlockToken(token)); // 409
      await settle(b.confirmUnlockToken('no-such-token', true)); // 404
      await b.confirmUnlockToken(await c.createUnlockLink({ granteeId: employee.id }), false);
      const expiring = await c.createUnlockLink({ granteeId: employee.id, validForMs: 1000 });
      const clientId = `drift-${Date.now()}`;
      await b.sendChatMessage({ clientId, text: 'hello' }); // 201
      await b.sendChatMessage({ clientId, text: 'hello' }); // 200
      await settle(b.sendChatMessage({ clientId: 'x', text: '' })); // 400
      const file = await b.uploadAttachment!(sampleFile('png'), { clientId: `${clientId}-f`, name: 'shot.png', type: 'image/png' }); // 201
      await b.uploadAttachment!(sampleFile('png'), { clientId: `${clientId}-f`, name: 'shot.png', type: 'image/png' }); // 200
      await settle(b.uploadAttachment!(sampleFile('svg'), { clientId: `${clientId}-svg`, name: 'x.svg', type: 'image/svg+xml' })); // 415
      await settle(b.uploadAttachment!(new Blob([]), { clientId: `${clientId}-empty`, name: 'x.txt', type: 'text/plain' })); // 400
      await b.sendChatMessage({ clientId: `${clientId}-m`, text: '', attachmentIds: [file.id] });
      await b.downloadAttachment!(file.id); // 200
      await settle(b.downloadAttachment!('no-such-attachment')); // 404
      await c.pushSupportMessage('hi');
      await b.listChatMessages();
      await b.listChatMessages({ afterSeq: 0 });
      const topics = await b.getCallbackTopics();
      const windows = (await b.listCallbackWindows({ topicId: topics[0]!.id })).filter((w) => w.available);
      await settle(b.listCallbackWindows({ topicId: 'no-such-topic' })); // 404
      await b.getCallbackBooking();
      const booking = await b.bookCallback({ topicId: topics[0]!.id, start: windows[0]!.start, phone: '0241 446 86 122', note: '' });
      await settle(b.bookCallback({ topicId: topics[0]!.id, start: windows[1]!.start, phone: '0241 446 86 122', note: '' })); // 409
      await b.getCallbackBooking();
      await b.changeCallback(booking.id, { topicId: topics[0]!.id, start: windows[1]!.start, phone: '+4924144686122', note: 'moved' });
      await b.cancelCallback(booking.id);
      await settle(b.cancelCallback(booking.id)); // 404
      await c.advanceClock(5000);
      await settle(b.resolveUnlockToken(expiring)); // 410
      await c.setUnlockRight(false);
      await settle(b.createGrant({ grantee: { kind: 'employee', id: employee.id }, dataExport: false, duration: '1h' })); // 403
      await c.setUnlockRight(true);
      // What the client library never sends, but a server must answer as documented.
      const api = `${origin}${API_BASE}`;
      const auth = { Authorization: `Bearer ${subject.token}` };
      await rec.fetch(`${api}/chat/messages`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: '{"clientId": "x", "te' });
      await rec.fetch(`${api}/chat/messages`, { method: 'POST', headers: { ...auth, 'Content-Type': 'text/plain' }, body: 'hello' });
      await rec.fetch(`${api}/chat/messages`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ clientId: 'big', text: 'x'.repeat(100_000) }),
      });
      await c.signOut();
      await settle(b.getSession()); // 401
    } finally {
      await subject.dispose?.();
    }

    const problems: string[] = [];
    const statuses = new Set<string>();
    for (const x of rec.exchanges) {
      if (!x.url.pathname.startsWith(`${API_BASE}/`)) continue; // test-control calls
      const apiPath = x.url.pathname.slice(API_BASE.length);
      const where = `${x.verb} ${apiPath} → ${x.status}`;
      const found = operationOf(x.verb, apiPath);
      if (!found) {
        problems.push(`${where}: no such operation in the document`);
        continue;
      }
      const op = found.op;
      statuses.add(`${String(op['operationId'])} ${x.status}`);
      const params = (op['parameters'] ?? []) as Schema[];
      for (const name of x.url.searchParams.keys()) {
        if (!params.some((p) => p['in'] === 'query' && p['name'] === name)) problems.push(`${where}: query parameter ${name} is not documented`);
      }
      if (x.requestBody !== null && x.requestType === 'application/json') {
        const body = op['requestBody'] as Schema | undefined;
        const schema = (body?.['content'] as Record<string, Schema> | undefined)?.['application/json']?.['schema'] as Schema | undefined;
        let parsed: unknown;
        try {
          parsed = JSON.parse(x.requestBody);
        } catch {
          parsed = undefined; // deliberately malformed
        }
        if (!schema) problems.push(`${where}: sends a body, the document has none`);
        else if (parsed !== undefined && x.status < 400) problems.push(...validateSchema(doc, schema, parsed, 'request').map((e) => `${where}: ${e}`));
      }
      const response = responseOf(op, x.status);
      if (!response) {
        problems.push(`${where}: status ${x.status} is not documented for ${String(op['operationId'])}`);
        continue;
      }
      const content = response['content'] as Record<string, Schema> | undefined;
      if (x.responseBody === '') {
        if (content) problems.push(`${where}: no body, but the document promises one`);
        continue;
      }
      // A documented binary answer (a download) is checked by its headers, not a schema.
      if (content?.['application/octet-stream'] && !x.responseType?.startsWith('application/json')) continue;
      const schema = content?.['application/json']?.['schema'] as Schema | undefined;
      if (!schema) {
        problems.push(`${where}: a body, but the document has none`);
        continue;
      }
      if (!x.responseType?.startsWith('application/json')) problems.push(`${where}: Content-Type ${x.responseType}`);
      problems.push(...validateSchema(doc, schema, JSON.parse(x.responseBody), 'response').map((e) => `${where}: ${e}`));
    }
    expect(problems).to.deep.equal([]);
    // The scenario really reached the interesting answers.
    for (const expected of [
      'sendChatMessage 201', 'sendChatMessage 200', 'sendChatMessage 400', 'sendChatMessage 413', 'sendChatMessage 415',
      'revokeGrant 409', 'resolveUnlockToken 409', 'resolveUnlockToken 410', 'confirmUnlockToken 404', 'createGrant 403',
      'bookCallback 409', 'cancelCallback 204', 'getSession 401', 'listCallbackWindows 404',
      'uploadAttachment 201', 'uploadAttachment 200', 'uploadAttachment 415', 'uploadAttachment 400',
      'downloadAttachment 200', 'downloadAttachment 404',
    ]) {
      expect([...statuses], expected).to.include(expected);
    }
  });

  it('the event stream\'s frames match the documented event schemas', async function () {
    this.timeout(15_000);
    const subject = await referenceServerSubjects(origin, { fetch: controlFetch })();
    const controller = new AbortController();
    try {
      const events = (doc.paths['/events']!['get']!['responses'] as Record<string, Schema>)['200']!;
      const media = (events['content'] as Record<string, Schema>)['text/event-stream']!;
      const schemas = media['x-event-schemas'] as Record<string, Schema>;
      // Something to replay, then live events of every kind.
      await subject.backend.sendChatMessage({ clientId: 'sse-1', text: 'before' });
      const response = await fetch(`${origin}${API_BASE}/events`, {
        headers: { Authorization: `Bearer ${subject.token}`, Accept: 'text/event-stream', 'Last-Event-ID': '0' },
        signal: controller.signal,
      });
      expect(response.headers.get('Content-Type')).to.contain('text/event-stream');
      const frames: { event: string; data: string; id: string }[] = [];
      const parser = new SseParser({ onEvent: (e) => frames.push({ event: e.event, data: e.data, id: e.lastEventId }) });
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      const pump = (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          parser.push(value);
        }
      })().catch(() => {});
      const waitFor = async (event: string) => {
        const start = performance.now();
        while (!frames.some((f) => f.event === event)) {
          if (performance.now() - start > 5000) throw new Error(`no ${event} frame (got ${frames.map((f) => f.event).join()})`);
          await new Promise((r) => setTimeout(r, 10));
        }
      };
      await waitFor('ready');
      const employee = (await subject.backend.searchStaff('a')).employees[0]!;
      const grant = await subject.backend.createGrant({ grantee: { kind: 'employee', id: employee.id }, dataExport: false, duration: '2h' });
      const login = await subject.control.startSupportLogin();
      await subject.control.endSupportLogin(login!.id);
      await subject.control.pushSupportMessage('live');
      await controlFetch(`${origin}/__test/tenants/${encodeURIComponent(subject.tenantId)}/typing`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ typing: true, name: 'Lena Hoffmann' }),
      }).catch(() => {});
      for (const event of ['grant-changed', 'login-started', 'login-ended', 'chat-message']) await waitFor(event);
      controller.abort();
      await pump;
      expect(frames[0]!.event, 'the replayed message comes before ready').to.equal('chat-message');
      const problems: string[] = [];
      for (const frame of frames) {
        const schema = schemas[frame.event];
        if (!schema) {
          problems.push(`frame "${frame.event}" is not documented`);
          continue;
        }
        problems.push(...validateSchema(doc, schema, JSON.parse(frame.data), frame.event));
        if (frame.event === 'chat-message') expect(frame.id).to.equal(String(JSON.parse(frame.data).message.seq));
      }
      expect(problems).to.deep.equal([]);
      expect(grant.id).to.be.a('string');
    } finally {
      controller.abort();
      await subject.dispose?.();
    }
  });

  it('the client retries exactly the operations marked x-retry-safe', async () => {
    const problems: string[] = [];
    for (const { op } of templates()) {
      const method = String(op['operationId']) as keyof SupportBackend;
      if (method === 'subscribe') continue;
      let calls = 0;
      const backend = createHttpBackend({
        baseUrl: 'https://example.test/api/v1',
        retries: 1,
        retryDelayMs: 1,
        fetch: (async () => {
          calls += 1;
          return new Response('{"error":{"kind":"unavailable","reason":null,"message":"busy"}}', { status: 503 });
        }) as typeof fetch,
      });
      const args: Record<string, unknown[]> = {
        searchStaff: ['a'],
        createGrant: [{ grantee: { kind: 'employee', id: 'e' }, dataExport: false, duration: '1h' }],
        revokeGrant: ['g'],
        listLogins: [{}],
        resolveUnlockToken: ['t'],
        confirmUnlockToken: ['t', true],
        listChatMessages: [{}],
        sendChatMessage: [{ clientId: 'c', text: 'x' }],
        listCallbackWindows: [{ topicId: 't' }],
        bookCallback: [{ topicId: 't', start: new Date(), phone: '1', note: '' }],
        changeCallback: ['b', { topicId: 't', start: new Date(), phone: '1', note: '' }],
        cancelCallback: ['b'],
        uploadAttachment: [sampleFile('png'), { clientId: 'c', name: 'a.png', type: 'image/png' }],
        downloadAttachment: ['a'],
      };
      await settle((backend[method] as (...a: unknown[]) => Promise<unknown>)(...(args[method] ?? [])));
      const retried = calls > 1;
      if (retried !== (op['x-retry-safe'] === true)) problems.push(`${method}: retried ${retried}, x-retry-safe ${String(op['x-retry-safe'])}`);
    }
    expect(problems).to.deep.equal([]);
  });
});
