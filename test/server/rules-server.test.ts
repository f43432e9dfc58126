import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { CALLBACK_NOTE_MAX_LENGTH, CHAT_MESSAGE_MAX_LENGTH } from '../../src/core/index.js';
import { referenceServerSubjects, type ReferenceServerSubject } from '../../src/testing/index.js';

// The reference server's share of issue 17: limits counted in code points (finding 9), sessions that expire (3),
// revoke judged by the rows it changed (6).

const server = (payload: Record<string, unknown>) => executeServerCommand<{ url: string }, unknown>('reference-server', payload);
type ErrorBody = { error: { kind: string; reason: string | null; message: string } };

describe('reference server: text limits in code points, blank text refused', () => {
  let subject: ReferenceServerSubject;
  let post: (path: string, body: unknown) => Promise<Response>;
  before(async () => {
    const { url } = await server({ action: 'start' });
    subject = await referenceServerSubjects(url)();
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
