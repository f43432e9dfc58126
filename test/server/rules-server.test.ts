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
  // Lifetimes run on the real clock (a tenant's test clock must neither end nor extend them), so this server has
  // short ones: 4 s idle, 8 s absolute (the defaults are 7 and 30 days).
  const IDLE_MS = 4000;
  const MAX_AGE_MS = 8000;
  const days = (ms: number) => String(ms / (24 * 3600_000));
  let origin: string;
  before(async () => {
    ({ url: origin } = await server({
      action: 'start',
      name: 'short-sessions',
      args: ['--session-idle-days', days(IDLE_MS), '--session-max-age-days', days(MAX_AGE_MS)],
    }));
  });
  after(() => server({ action: 'stop', name: 'short-sessions' }));
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const sessionOf = (subject: ReferenceServerSubject) => () =>
    fetch(`${subject.baseUrl}/session`, { headers: { Authorization: `Bearer ${subject.token}` } });

  it('ends after the idle timeout without requests', async function () {
    this.timeout(20_000);
    const subject = await referenceServerSubjects(origin, { fetch: controlFetch })();
    const session = sessionOf(subject);
    try {
      expect((await session()).status).to.equal(200);
      await sleep(IDLE_MS + 500);
      const expired = await session();
      expect(expired.status).to.equal(401);
      expect(((await expired.json()) as ErrorBody).error.reason).to.equal('session-expired');
      // …and the event stream refuses it too.
      expect((await fetch(`${subject.baseUrl}/events`, { headers: { Authorization: `Bearer ${subject.token}` } })).status).to.equal(401);
    } finally {
      await subject.dispose?.();
    }
  });

  it('ends at its absolute lifetime however often it is used, and not before', async function () {
    this.timeout(30_000);
    const t0 = performance.now();
    const subject = await referenceServerSubjects(origin, { fetch: controlFetch })();
    const session = sessionOf(subject);
    let lastOk = 0;
    let failure: { at: number; reason: string | null } | null = null;
    try {
      while (!failure && performance.now() - t0 < MAX_AGE_MS + 6000) {
        const response = await session();
        const at = performance.now() - t0;
        if (response.status === 200) lastOk = at;
        else failure = { at, reason: ((await response.json()) as ErrorBody).error.reason };
        await sleep(400);
      }
      expect(failure, 'the session never expired').not.to.equal(null);
      expect(failure!.reason).to.equal('session-expired');
      // Used every 0.4 s, it outlived the idle timeout (use extends it) but not the absolute lifetime.
      expect(lastOk, 'last success').to.be.greaterThan(IDLE_MS);
      expect(failure!.at, 'expired no earlier than the absolute lifetime').to.be.at.least(MAX_AGE_MS);
    } finally {
      await subject.dispose?.();
    }
  });

  it('a tenant clock moved months ahead (test time travel) does not end the session', async () => {
    const subject = await referenceServerSubjects(origin, { fetch: controlFetch })();
    try {
      await subject.control.advanceClock(400 * 24 * 3600_000);
      expect((await sessionOf(subject)()).status).to.equal(200);
    } finally {
      await subject.dispose?.();
    }
  });
});
