import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { CALLBACK_NOTE_MAX_LENGTH, CHAT_MESSAGE_MAX_LENGTH } from '../../src/core/index.js';
import { referenceServerSubjects, type ReferenceServerSubject } from '../../src/testing/index.js';
import { controlFetch } from './control-fetch.js';

// The reference server's share of issue 17: limits counted in code points (finding 9), sessions that expire (3),
// revoke judged by the rows it changed (6).

const server = (payload: Record<string, unknown>) => executeServerCommand<{ url: string }, unknown>('reference-server', payload);
type ErrorBody = { error: { kind: string; reason: string | null; message: string } };

describe('reference server: text limits in code points, blank text refused', () => {
  let subject: ReferenceServerSubject;
  let post: (path: string, body: unknown) => Promise<Response>;
  before(async () => {
    const { url } = await server({ action: 'start' });
    subject = await referenceServerSubjects(url, { fetch: controlFetch })();
    post = (path, body) =>
      fetch(`${subject.baseUrl}${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${subject.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
  });
  after(() => subject.dispose?.());

  it('accepts 4000 emoji (8000 UTF-16 units) and refuses 4001', async () => {
    const ok = await post('/chat/messages', { clientId: 'emoji-4000', text: '😀'.repeat(CHAT_MESSAGE_MAX_LENGTH) });
    expect(ok.status).to.equal(201);
    expect(((await ok.json()) as { text: string }).text).to.equal('😀'.repeat(CHAT_MESSAGE_MAX_LENGTH));
    const over = await post('/chat/messages', { clientId: 'emoji-4001', text: '😀'.repeat(CHAT_MESSAGE_MAX_LENGTH + 1) });
    expect(over.status).to.equal(400);
    expect(((await over.json()) as ErrorBody).error.message).to.contain(`at most ${CHAT_MESSAGE_MAX_LENGTH}`);
  });

  it('refuses a message of zero-width spaces and other invisible characters as blank', async () => {
    for (const [i, text] of ['\u200b\u200b\u200b', '\ufeff', ' \u2060\u00ad\n', '\u3000\u200d'].entries()) {
      const response = await post('/chat/messages', { clientId: `blank-${i}`, text });
      expect(response.status, JSON.stringify(text)).to.equal(400);
      expect(((await response.json()) as ErrorBody).error.reason).to.equal('invalid-input');
    }
    expect(await subject.control.chatMessageCount('blank-0')).to.equal(0);
  });

  it('counts the callback note in code points: 1000 emoji fit, 1001 characters do not', async () => {
    const windows = (await subject.backend.listCallbackWindows({ topicId: 'short-question' })).filter((w) => w.available);
    const input = (note: string) => ({ topicId: 'short-question', start: windows[0]!.start.toISOString(), phone: '+49 241 123456', note });
    const over = await post('/callback/booking', input('😀'.repeat(CALLBACK_NOTE_MAX_LENGTH) + 'x'));
    expect(over.status).to.equal(400);
    const ok = await post('/callback/booking', input('😀'.repeat(CALLBACK_NOTE_MAX_LENGTH)));
    expect(ok.status).to.equal(201);
  });
});

describe('reference server: revoke judged by the rows it changed (two processes, one database)', () => {
  afterEach(async () => {
    await server({ action: 'stop', name: 'revoke-b' });
    await server({ action: 'stop', name: 'revoke-a' });
  });

  it('a revoke whose clock was read before the other revoke committed answers 409 and emits nothing', async function () {
    this.timeout(30_000);
    const { url: a } = await server({ action: 'start', name: 'revoke-a', persistent: true });
    const { url: b } = await server({ action: 'start', name: 'revoke-b', sameDatabaseAs: 'revoke-a' });
    const onA = await referenceServerSubjects(a, { fetch: controlFetch })();
    // The same tenant and token, talked to through the second process.
    const onB = await referenceServerSubjects(b, { fetch: controlFetch })();
    await onB.dispose?.();
    const revokeOnB = () =>
      fetch(`${b}/api/v1/grants/${encodeURIComponent(grant.id)}/revoke`, { method: 'POST', headers: { Authorization: `Bearer ${onA.token}` } });
    const streamB = { events: 0 };
    const controller = new AbortController();
    const grant = await onA.backend.createGrant({ grantee: { kind: 'department', id: 'dep-support' }, dataExport: false, duration: '1w' });
    try {
      // Process B listens for grant changes of the tenant.
      const response = await fetch(`${b}/api/v1/events`, { headers: { Authorization: `Bearer ${onA.token}` }, signal: controller.signal });
      expect(response.status).to.equal(200);
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let text = '';
      void (async () => {
        for (;;) {
          const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
          if (done) return;
          text += value;
          streamB.events = text.split('event: grant-changed').length - 1;
        }
      })();
      // Process A revokes at T+1 h. Process B's request read its clock at T, before A's write committed: what a
      // concurrent revoke sees when it reads the clock before taking the write lock.
      await onA.control.advanceClock(3600_000);
      const first = await onA.backend.revokeGrant(grant.id);
      expect(first.revokedAt).not.to.equal(null);
      await onA.control.advanceClock(-3600_000);
      const second = await revokeOnB();
      const body = (await second.json()) as ErrorBody;
      expect(second.status, JSON.stringify(body)).to.equal(409);
      expect(body.error.reason).to.equal('grant-inactive');
      await new Promise((r) => setTimeout(r, 300));
      expect(streamB.events, 'grant-changed events on process B').to.equal(0);
      // The stored revocation is A's.
      const listed = (await onA.backend.listGrants()).find((g) => g.id === grant.id)!;
      expect(listed.revokedAt!.getTime()).to.equal(first.revokedAt!.getTime());
    } finally {
      controller.abort();
      await onA.dispose?.();
    }
  });
});

describe('reference server: sessions expire', () => {
  let subject: ReferenceServerSubject;
  beforeEach(async () => {
    const { url } = await server({ action: 'start' });
    subject = await referenceServerSubjects(url, { fetch: controlFetch })();
  });
  afterEach(() => subject.dispose?.());
  const DAY = 24 * 3600_000;
  const session = () => fetch(`${subject.baseUrl}/session`, { headers: { Authorization: `Bearer ${subject.token}` } });

  it('after 7 days without use (default idle timeout)', async () => {
    expect((await session()).status).to.equal(200);
    await subject.control.advanceClock(6 * DAY);
    expect((await session()).status, 'used again after 6 days').to.equal(200);
    await subject.control.advanceClock(7 * DAY - 60_000);
    expect((await session()).status, 'idle just under 7 days').to.equal(200);
    await subject.control.advanceClock(7 * DAY + 60_000);
    const expired = await session();
    expect(expired.status).to.equal(401);
    expect(((await expired.json()) as ErrorBody).error.reason).to.equal('session-expired');
  });

  it('30 days after sign-in however often it is used (default absolute lifetime)', async () => {
    for (let day = 6; day < 30; day += 6) {
      await subject.control.advanceClock(6 * DAY);
      expect((await session()).status, `day ${day}`).to.equal(200);
    }
    await subject.control.advanceClock(6 * DAY); // day 30
    expect((await session()).status).to.equal(401);
    // An expired session cannot open the event stream either.
    expect((await fetch(`${subject.baseUrl}/events`, { headers: { Authorization: `Bearer ${subject.token}` } })).status).to.equal(401);
  });
});
