import { expect } from '@open-wc/testing';
import { createDemoBackend, SupportError, type DemoBackend } from '../../src/backend/index.js';
import type { SupportEvent } from '../../src/backend/backend.js';
import { CALLBACK_NOTE_MAX_LENGTH, CHAT_MESSAGE_MAX_LENGTH, isGrantActive } from '../../src/core/index.js';

const fails = async (promise: Promise<unknown>): Promise<SupportError> => {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(SupportError);
    return error as SupportError;
  }
  throw new Error('expected the call to fail');
};

describe('demo backend', () => {
  let clock = new Date('2026-11-25T10:00:00Z');
  let demo: DemoBackend;
  beforeEach(() => {
    clock = new Date('2026-11-25T10:00:00Z'); // Wednesday 11:00 Berlin
    demo = createDemoBackend({ now: () => clock, agentDelayMs: null, loginDelayMs: null, locale: 'en' });
  });
  afterEach(() => demo.control.dispose());

  it('seeds grants over 7 months but lists 6 months (plus active), newest first', async () => {
    const grants = await demo.listGrants();
    expect(grants.length).to.be.greaterThan(10);
    const sixMonthsAgo = new Date('2026-05-25T10:00:00Z').getTime();
    for (const g of grants) expect(g.grantedAt.getTime() >= sixMonthsAgo || isGrantActive(g, clock)).to.be.true;
    const times = grants.map((g) => g.grantedAt.getTime());
    expect(times).to.deep.equal([...times].sort((a, b) => b - a));
    expect(grants.some((g) => isGrantActive(g, clock))).to.be.true;
  });

  it('enforces the unlock right for grants, revocations and links', async () => {
    demo.control.setUnlockRight(false);
    const input = { grantee: { kind: 'department' as const, id: 'dep-support' }, dataExport: false, duration: '1h' as const };
    expect((await fails(demo.createGrant(input))).reason).to.equal('right-missing');
    const token = demo.control.createUnlockLink({ granteeId: 'emp-01' });
    expect((await fails(demo.confirmUnlockToken(token, true))).kind).to.equal('forbidden');
    demo.control.setUnlockRight(true);
    const grant = await demo.createGrant(input);
    expect(grant.endsAt!.toISOString()).to.equal('2026-11-25T11:00:00.000Z');
    expect(grant.grantedBy.name).to.equal('Anna Becker');
  });

  it('unlock links are single use and expire', async () => {
    const token = demo.control.createUnlockLink({ granteeId: 'dep-dev', duration: '4h', dataExport: true, validForMs: 3600_000 });
    const request = await demo.resolveUnlockToken(token);
    expect(request.grantee).to.include({ kind: 'department', id: 'dep-dev' });
    const grant = await demo.confirmUnlockToken(token, true);
    expect(grant!.source).to.equal('unlock-link');
    expect((await fails(demo.resolveUnlockToken(token))).reason).to.equal('token-used');
    expect((await fails(demo.resolveUnlockToken('nope'))).reason).to.equal('token-unknown');
    const old = demo.control.createUnlockLink({ granteeId: 'emp-02', validForMs: 1000 });
    clock = new Date(clock.getTime() + 2000);
    expect((await fails(demo.resolveUnlockToken(old))).reason).to.equal('token-expired');
    const declined = demo.control.createUnlockLink({ granteeId: 'emp-02' });
    expect(await demo.confirmUnlockToken(declined, false)).to.equal(null);
  });

  it('revoking ends the grant and refuses to revoke twice', async () => {
    const grant = await demo.createGrant({ grantee: { kind: 'employee', id: 'emp-03' }, dataExport: false, duration: '2h' });
    const revoked = await demo.revokeGrant(grant.id);
    expect(revoked.revokedAt!.getTime()).to.equal(clock.getTime());
    expect((await fails(demo.revokeGrant(grant.id))).reason).to.equal('grant-inactive');
  });

  it('keeps chat idempotent by clientId and lists only 21 days', async () => {
    const before = demo.control.chatMessageCount();
    const a = await demo.sendChatMessage({ clientId: 'c-1', text: 'Hello' });
    const b = await demo.sendChatMessage({ clientId: 'c-1', text: 'Hello' });
    expect(a.id).to.equal(b.id);
    expect(demo.control.chatMessageCount()).to.equal(before + 1);
    const messages = await demo.listChatMessages();
    const cutoff = new Date('2026-11-04T10:00:00Z').getTime();
    expect(messages.every((m) => m.sentAt.getTime() >= cutoff)).to.be.true;
    expect(demo.control.chatMessageCount()).to.be.greaterThan(messages.length); // older ones exist but are not listed
    const after = await demo.listChatMessages({ afterSeq: a.seq - 1 });
    expect(after.map((m) => m.id)).to.deep.equal([a.id]);
    expect((await fails(demo.sendChatMessage({ clientId: 'c-2', text: '   ' }))).kind).to.equal('invalid-request');
  });

  it('counts text limits in code points and refuses invisible text (limits from src/core)', async () => {
    const emoji = await demo.sendChatMessage({ clientId: 'emoji-4000', text: '😀'.repeat(CHAT_MESSAGE_MAX_LENGTH) });
    expect(emoji.text).to.have.length(2 * CHAT_MESSAGE_MAX_LENGTH);
    expect((await fails(demo.sendChatMessage({ clientId: 'emoji-4001', text: '😀'.repeat(CHAT_MESSAGE_MAX_LENGTH + 1) }))).kind).to.equal('invalid-request');
    for (const [i, text] of ['\u200b\u200b\u200b', '\ufeff', ' \u2060\u00ad\n'].entries()) {
      expect((await fails(demo.sendChatMessage({ clientId: `blank-${i}`, text }))).kind, JSON.stringify(text)).to.equal('invalid-request');
    }
    const [w1, w2] = (await demo.listCallbackWindows({ topicId: 'short-question' })).filter((w) => w.available);
    const tooLong = demo.bookCallback({ topicId: 'short-question', start: w1!.start, phone: '+49 241 123456', note: 'ü😀'.repeat(500) + 'x' });
    expect((await fails(tooLong)).kind).to.equal('invalid-request');
    const booked = await demo.bookCallback({ topicId: 'short-question', start: w2!.start, phone: '+49 241 123456', note: '😀'.repeat(CALLBACK_NOTE_MAX_LENGTH) });
    expect(booked.note).to.have.length(2 * CALLBACK_NOTE_MAX_LENGTH);
  });

  it('the agent types, then answers', async () => {
    const talking = createDemoBackend({ agentDelayMs: 5, agentTypingMs: 5, loginDelayMs: null, locale: 'en' });
    const events: SupportEvent[] = [];
    const controller = new AbortController();
    talking.subscribe((e) => events.push(e), controller.signal);
    await talking.sendChatMessage({ clientId: 'x', text: 'Can you unlock access?' });
    await new Promise((r) => setTimeout(r, 60));
    controller.abort();
    const types = events.map((e) => (e.type === 'chat-typing' ? `typing:${e.typing}` : e.type));
    expect(types).to.deep.equal(['connection', 'chat-message', 'typing:true', 'typing:false', 'chat-message']);
    const reply = events[4] as Extract<SupportEvent, { type: 'chat-message' }>;
    expect(reply.message.author).to.equal('support');
    expect(reply.message.text).to.contain('unlocked');
    talking.control.dispose();
  });

  it('allows one callback booking per customer, also under concurrency', async () => {
    const windows = (await demo.listCallbackWindows({ topicId: 'short-question' })).filter((w) => w.available);
    const input = (i: number) => ({ topicId: 'short-question', start: windows[i]!.start, phone: '+49 241 123456', note: '' });
    const results = await Promise.allSettled([demo.bookCallback(input(0)), demo.bookCallback(input(1))]);
    expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((rejected.reason as SupportError).reason).to.equal('booking-exists');
    const booking = (await demo.getCallbackBooking())!;
    expect(booking.phone).to.equal('+49241123456');
    const moved = await demo.changeCallback(booking.id, input(2));
    expect(moved.window.start.getTime()).to.equal(windows[2]!.start.getTime());
    await demo.cancelCallback(booking.id);
    expect(await demo.getCallbackBooking()).to.equal(null);
  });

  it('refuses taken, invalid and badly numbered windows', async () => {
    const [first] = (await demo.listCallbackWindows({ topicId: 'short-question' })).filter((w) => w.available);
    demo.control.takeWindow('short-question', first!.start);
    const taken = await fails(demo.bookCallback({ topicId: 'short-question', start: first!.start, phone: '+49 241 123456', note: '' }));
    expect(taken.reason).to.equal('window-taken');
    const saturday = new Date('2026-11-28T10:00:00Z');
    const invalid = await fails(demo.bookCallback({ topicId: 'short-question', start: saturday, phone: '+49 241 123456', note: '' }));
    expect(invalid.reason).to.equal('window-invalid');
    const windows = await demo.listCallbackWindows({ topicId: 'short-question' });
    const free = windows.find((w) => w.available)!;
    const phone = await fails(demo.bookCallback({ topicId: 'short-question', start: free.start, phone: '12', note: '' }));
    expect(phone.kind).to.equal('invalid-request');
    expect(windows.find((w) => w.start.getTime() === first!.start.getTime())!.available).to.be.false;
  });

  it('answers unauthorized when signed out (contact data stays public)', async () => {
    demo.control.signOut();
    expect((await fails(demo.getSession())).kind).to.equal('unauthorized');
    expect((await demo.getContactInfo()).email).to.equal('support@onOffice.com');
  });

  it('honours an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    expect((await fails(demo.getTenantInfo(controller.signal))).kind).to.equal('aborted');
  });
});
