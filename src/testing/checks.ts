import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, ATTACHMENTS_PER_MESSAGE_MAX, sniffAttachmentType } from '../core/attachments.js';
import { grantEndsAt, GRANT_DURATIONS } from '../core/durations.js';
import type { AttachmentBackend, SupportBackend } from '../backend/backend.js';
import type { ChatMessage, GrantDuration } from '../core/types.js';
import { ConformanceFailure, equal, ok, rejects } from './assert.js';
import type { CheckContext } from './context.js';
import { pngOfSize, sampleFile, SAMPLE_FILES, type SampleFileName } from './sample-files.js';

/** One contract rule, checked against a fresh subject. */
export interface ConformanceCheck {
  /**
   * A stable id (`grants.today-ends-at-midnight`): it stays when the wording of `name` changes, so docs and reports
   * can link to it (docs/api/conformance.md lists them all).
   */
  readonly id: string;
  readonly group: 'session' | 'staff' | 'grants' | 'logins' | 'unlock links' | 'chat' | 'attachments' | 'callbacks';
  readonly name: string;
  run(ctx: CheckContext): Promise<void>;
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** Comfortably beyond 6 calendar months whatever the month lengths. */
const BEYOND_SIX_MONTHS = 190 * DAY;

const byNewest = <T>(items: readonly T[], at: (item: T) => Date, what: string) => {
  for (let i = 1; i < items.length; i += 1) {
    ok(at(items[i - 1]!).getTime() >= at(items[i]!).getTime(), `${what} must be newest first`);
  }
};

async function grantFor(ctx: CheckContext, duration: GrantDuration = '1h') {
  const employee = await ctx.employee();
  return ctx.backend.createGrant({ grantee: { kind: 'employee', id: employee.id }, dataExport: false, duration });
}

async function loginNow(ctx: CheckContext, reason?: string) {
  const login = await ctx.control.startSupportLogin(reason);
  if (!login) throw new ConformanceFailure('control.startSupportLogin() answered null although a grant is active');
  return login;
}

/** The backend with its attachment methods, or a failure that says how to leave the group out. */
function withAttachments(backend: SupportBackend): AttachmentBackend {
  if (typeof backend.uploadAttachment !== 'function' || typeof backend.downloadAttachment !== 'function') {
    throw new ConformanceFailure(
      'The backend has no uploadAttachment/downloadAttachment. They are optional: without them, leave this group out (`skip: [\'attachments\']`).',
    );
  }
  return backend as AttachmentBackend;
}

function upload(ctx: CheckContext, which: SampleFileName, clientId = ctx.uid('file'), backend: SupportBackend = ctx.backend) {
  const sample = SAMPLE_FILES[which];
  return withAttachments(backend).uploadAttachment(sampleFile(which), { clientId, name: sample.name, type: sample.type });
}

async function bytesOf(blob: Blob): Promise<string> {
  return Array.from(new Uint8Array(await blob.arrayBuffer()), (b) => b.toString(16).padStart(2, '0')).join('');
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

const checks: ConformanceCheck[] = [
  // ------------------------------------------------------------------------------------------ session
  {
    id: 'session.getsession-answers-signed-user-tenant',
    group: 'session',
    name: 'getSession answers the signed-in user, the tenant and the rights',
    async run({ backend }) {
      const session = await backend.getSession();
      ok(session.user.id && session.tenant.id, 'a session names its user and tenant');
      equal(session.rights.unlockSupport, true, 'a fresh subject has the unlock right');
    },
  },
  {
    id: 'session.unlock-right-reported-set',
    group: 'session',
    name: 'the unlock right is reported as it is set',
    async run({ backend, control }) {
      await control.setUnlockRight(false);
      equal((await backend.getSession()).rights.unlockSupport, false, 'rights.unlockSupport after removing the right');
      await control.setUnlockRight(true);
      equal((await backend.getSession()).rights.unlockSupport, true, 'rights.unlockSupport after granting the right');
    },
  },
  {
    id: 'session.signed-out-call-needs-session',
    group: 'session',
    name: 'signed out, every call that needs a session is unauthorized',
    async run({ backend, control, uid }) {
      await control.signOut();
      await rejects(backend.getSession(), 'unauthorized', undefined, 'getSession');
      await rejects(backend.getTenantInfo(), 'unauthorized', undefined, 'getTenantInfo');
      await rejects(backend.listGrants(), 'unauthorized', undefined, 'listGrants');
      await rejects(backend.listLogins(), 'unauthorized', undefined, 'listLogins');
      await rejects(backend.listChatMessages(), 'unauthorized', undefined, 'listChatMessages');
      await rejects(backend.sendChatMessage({ clientId: uid(), text: 'hello' }), 'unauthorized', undefined, 'sendChatMessage');
      await rejects(backend.getCallbackBooking(), 'unauthorized', undefined, 'getCallbackBooking');
      await control.signIn();
      await backend.getSession();
    },
  },
  {
    id: 'session.gettenantinfo-names-tenant-session',
    group: 'session',
    name: 'getTenantInfo names the tenant of the session',
    async run({ backend }) {
      const [session, info] = await Promise.all([backend.getSession(), backend.getTenantInfo()]);
      equal(info.tenantName, session.tenant.name, 'tenantName');
    },
  },
  {
    id: 'session.aborted-signal-rejects-aborted-call',
    group: 'session',
    name: 'an aborted signal rejects with "aborted", before and during the call',
    async run({ backend }) {
      const before = new AbortController();
      before.abort();
      await rejects(backend.getSession(before.signal), 'aborted', undefined, 'getSession with an aborted signal');
      const during = new AbortController();
      const call = backend.listChatMessages({}, during.signal);
      during.abort();
      await rejects(call, 'aborted', undefined, 'listChatMessages aborted while running');
    },
  },
  // ------------------------------------------------------------------------------------------ staff
  {
    id: 'staff.empty-query-lists-departments-employees',
    group: 'staff',
    name: 'an empty query lists the departments and no employees',
    async run({ backend }) {
      const result = await backend.searchStaff('');
      ok(result.departments.length > 0, 'at least one department');
      equal(result.employees.length, 0, 'employees for an empty query');
    },
  },
  {
    id: 'staff.query-finds-employee-name-nonsense',
    group: 'staff',
    name: 'a query finds an employee by name, and nonsense finds nobody',
    async run(ctx) {
      const employee = await ctx.employee();
      const found = await ctx.backend.searchStaff(employee.name);
      ok(found.employees.some((e) => e.id === employee.id), `searching "${employee.name}" finds that employee`);
      const none = await ctx.backend.searchStaff('zzqxj-no-such-person');
      equal(none.employees.length + none.departments.length, 0, 'hits for nonsense');
    },
  },
  // ------------------------------------------------------------------------------------------ grants
  {
    id: 'grants.creategrant-creates-active-grant-listgrants',
    group: 'grants',
    name: 'createGrant creates an active grant that listGrants shows first',
    async run(ctx) {
      const [session, employee] = await Promise.all([ctx.backend.getSession(), ctx.employee()]);
      const grant = await ctx.backend.createGrant({ grantee: { kind: 'employee', id: employee.id }, dataExport: true, duration: '1h' });
      equal(grant.grantee.id, employee.id, 'grantee.id');
      equal(grant.grantee.kind, 'employee', 'grantee.kind');
      equal(grant.dataExport, true, 'dataExport');
      equal(grant.source, 'dialog', 'source');
      equal(grant.grantedBy.id, session.user.id, 'grantedBy.id');
      equal(grant.revokedAt, null, 'revokedAt');
      const department = await ctx.department();
      await ctx.sleep(5); // "newest first" needs distinct instants
      const second = await ctx.backend.createGrant({ grantee: { kind: 'department', id: department.id }, dataExport: false, duration: '2h' });
      equal(second.grantee.kind, 'department', 'a department grantee');
      const list = await ctx.backend.listGrants();
      equal(list[0]?.id, second.id, 'the newest grant comes first');
      ok(list.some((g) => g.id === grant.id), 'listGrants shows the first grant too');
      byNewest(list, (g) => g.grantedAt, 'listGrants');
    },
  },
  {
    id: 'grants.duration-ends-core-rule-says',
    group: 'grants',
    name: 'every duration ends as the core rule says (permanent: never)',
    async run(ctx) {
      const [session, employee] = await Promise.all([ctx.backend.getSession(), ctx.employee()]);
      for (const duration of GRANT_DURATIONS) {
        const grant = await ctx.backend.createGrant({ grantee: { kind: 'employee', id: employee.id }, dataExport: false, duration });
        equal(grant.duration, duration, 'duration');
        const expected = grantEndsAt(duration, grant.grantedAt, session.tenant.timeZone);
        equal(grant.endsAt?.getTime() ?? null, expected?.getTime() ?? null, `endsAt of a ${duration} grant`);
      }
    },
  },
  {
    id: 'grants.without-right-creating-revoking-grants',
    group: 'grants',
    name: 'without the right, creating and revoking grants is forbidden (right-missing)',
    async run(ctx) {
      const grant = await grantFor(ctx);
      await ctx.control.setUnlockRight(false);
      const employee = await ctx.employee();
      await rejects(
        ctx.backend.createGrant({ grantee: { kind: 'employee', id: employee.id }, dataExport: false, duration: '1h' }),
        'forbidden',
        'right-missing',
        'createGrant without the right',
      );
      await rejects(ctx.backend.revokeGrant(grant.id), 'forbidden', 'right-missing', 'revokeGrant without the right');
    },
  },
  {
    id: 'grants.malformed-grant-refused-unknown-grantee',
    group: 'grants',
    name: 'a malformed grant is refused, an unknown grantee is not found',
    async run(ctx) {
      const employee = await ctx.employee();
      await rejects(
        ctx.backend.createGrant({ grantee: { kind: 'employee', id: employee.id }, dataExport: false, duration: 'forever' as GrantDuration }),
        'invalid-request',
        undefined,
        'createGrant with an unknown duration',
      );
      await rejects(
        ctx.backend.createGrant({ grantee: { kind: 'employee', id: 'no-such-employee' }, dataExport: false, duration: '1h' }),
        'not-found',
        undefined,
        'createGrant for an unknown employee',
      );
    },
  },
  {
    id: 'grants.revokegrant-revokes-conflict-grant-inactive',
    group: 'grants',
    name: 'revokeGrant revokes once; again it is a conflict (grant-inactive); unknown ids are not found',
    async run(ctx) {
      const grant = await grantFor(ctx, 'permanent');
      const revoked = await ctx.backend.revokeGrant(grant.id);
      ok(revoked.revokedAt !== null, 'revokedAt is set');
      equal(revoked.revokedBy?.id, (await ctx.backend.getSession()).user.id, 'revokedBy.id');
      await rejects(ctx.backend.revokeGrant(grant.id), 'conflict', 'grant-inactive', 'revoking twice');
      await rejects(ctx.backend.revokeGrant('no-such-grant'), 'not-found', undefined, 'revoking an unknown grant');
      const listed = (await ctx.backend.listGrants()).find((g) => g.id === grant.id);
      ok(listed?.revokedAt, 'listGrants shows the revocation');
    },
  },
  {
    id: 'grants.6-months-ended-grant-longer',
    group: 'grants',
    name: 'after 6 months an ended grant is no longer listed; an active permanent one still is',
    async run(ctx) {
      const shortGrant = await grantFor(ctx, '1h');
      const permanent = await grantFor(ctx, 'permanent');
      await ctx.control.advanceClock(BEYOND_SIX_MONTHS);
      const ids = (await ctx.backend.listGrants()).map((g) => g.id);
      ok(!ids.includes(shortGrant.id), 'a 1-hour grant from over 6 months ago is not listed');
      ok(ids.includes(permanent.id), 'a permanent grant stays listed while active');
    },
  },
  {
    id: 'grants.grant-changes-arrive-live-events',
    group: 'grants',
    name: 'grant changes arrive as live events',
    async run(ctx) {
      const live = ctx.subscribe();
      await live.waitFor('connection', (e) => e.state === 'open');
      const grant = await grantFor(ctx, '4h');
      await live.waitFor('grant-changed', (e) => e.grant.id === grant.id && e.grant.revokedAt === null, 'grant-changed (created)');
      await ctx.backend.revokeGrant(grant.id);
      await live.waitFor('grant-changed', (e) => e.grant.id === grant.id && e.grant.revokedAt !== null, 'grant-changed (revoked)');
    },
  },
  // ------------------------------------------------------------------------------------------ logins
  {
    id: 'logins.support-logins-listed-newest-activeonly',
    group: 'logins',
    name: 'support logins are listed newest first; activeOnly lists the open ones; both arrive live',
    async run(ctx) {
      const live = ctx.subscribe();
      await live.waitFor('connection', (e) => e.state === 'open');
      await grantFor(ctx, '1w');
      const first = await loginNow(ctx, 'first');
      await ctx.sleep(5);
      const second = await loginNow(ctx, 'second');
      await ctx.control.endSupportLogin(first.id);
      const all = await ctx.backend.listLogins();
      equal(all.map((l) => l.id).join(), [second.id, first.id].join(), 'listLogins ids');
      byNewest(all, (l) => l.startedAt, 'listLogins');
      ok(all.find((l) => l.id === first.id)?.endedAt, 'the ended login has endedAt');
      const active = await ctx.backend.listLogins({ activeOnly: true });
      equal(active.map((l) => l.id).join(), second.id, 'listLogins({ activeOnly: true }) ids');
      await live.waitFor('login-started', (e) => e.login.id === second.id);
      await live.waitFor('login-ended', (e) => e.login.id === first.id && e.login.endedAt !== null);
    },
  },
  {
    id: 'logins.revoking-grant-ends-logins-use',
    group: 'logins',
    name: 'revoking a grant ends the logins that use it',
    async run(ctx) {
      const grant = await grantFor(ctx, '1w');
      const live = ctx.subscribe();
      await live.waitFor('connection', (e) => e.state === 'open');
      const login = await loginNow(ctx);
      equal(login.grantId, grant.id, 'the login uses the active grant');
      await ctx.backend.revokeGrant(grant.id);
      equal((await ctx.backend.listLogins({ activeOnly: true })).length, 0, 'open logins after revoking');
      await live.waitFor('login-ended', (e) => e.login.id === login.id);
    },
  },
  {
    id: 'logins.logins-older-than-6-months',
    group: 'logins',
    name: 'logins older than 6 months are not listed',
    async run(ctx) {
      await grantFor(ctx, 'permanent');
      const login = await loginNow(ctx);
      await ctx.control.endSupportLogin(login.id);
      ok((await ctx.backend.listLogins()).some((l) => l.id === login.id), 'a fresh login is listed');
      await ctx.control.advanceClock(BEYOND_SIX_MONTHS);
      ok(!(await ctx.backend.listLogins()).some((l) => l.id === login.id), 'a login from over 6 months ago is not listed');
    },
  },
  // ------------------------------------------------------------------------------------------ unlock links
  {
    id: 'unlock-links.unknown-token-found-token-unknown',
    group: 'unlock links',
    name: 'an unknown token is not found (token-unknown)',
    async run({ backend }) {
      await rejects(backend.resolveUnlockToken('no-such-token'), 'not-found', 'token-unknown', 'resolveUnlockToken');
      await rejects(backend.confirmUnlockToken('no-such-token', true), 'not-found', 'token-unknown', 'confirmUnlockToken');
    },
  },
  {
    id: 'unlock-links.resolveunlocktoken-describes-what-link-asks',
    group: 'unlock links',
    name: 'resolveUnlockToken describes what the link asks for',
    async run(ctx) {
      const employee = await ctx.employee();
      const token = await ctx.control.createUnlockLink({ granteeId: employee.id, duration: '2h', dataExport: true, reason: 'Ticket 42' });
      const request = await ctx.backend.resolveUnlockToken(token);
      equal(request.grantee.id, employee.id, 'grantee.id');
      equal(request.duration, '2h', 'duration');
      equal(request.dataExport, true, 'dataExport');
      equal(request.reason, 'Ticket 42', 'reason');
      ok(request.expiresAt.getTime() > request.requestedAt.getTime(), 'expiresAt after requestedAt');
      // Resolving does not use the link up.
      await ctx.backend.resolveUnlockToken(token);
    },
  },
  {
    id: 'unlock-links.accepting-creates-unlock-link-grant',
    group: 'unlock links',
    name: 'accepting creates an unlock-link grant, once; then the link is used (token-used)',
    async run(ctx) {
      const department = await ctx.department();
      const token = await ctx.control.createUnlockLink({ granteeId: department.id, duration: '4h' });
      const grant = await ctx.backend.confirmUnlockToken(token, true);
      ok(grant, 'accepting answers the grant');
      equal(grant.source, 'unlock-link', 'source');
      equal(grant.grantee.id, department.id, 'grantee.id');
      equal(grant.duration, '4h', 'duration');
      ok((await ctx.backend.listGrants()).some((g) => g.id === grant.id), 'listGrants shows it');
      await rejects(ctx.backend.confirmUnlockToken(token, true), 'conflict', 'token-used', 'confirming again');
      await rejects(ctx.backend.resolveUnlockToken(token), 'conflict', 'token-used', 'resolving a used link');
    },
  },
  {
    id: 'unlock-links.declining-answers-null-creates-nothing',
    group: 'unlock links',
    name: 'declining answers null, creates nothing and uses the link up',
    async run(ctx) {
      const employee = await ctx.employee();
      const token = await ctx.control.createUnlockLink({ granteeId: employee.id });
      equal(await ctx.backend.confirmUnlockToken(token, false), null, 'declining answers');
      equal((await ctx.backend.listGrants()).length, 0, 'grants after declining');
      await rejects(ctx.backend.confirmUnlockToken(token, true), 'conflict', 'token-used', 'accepting after declining');
    },
  },
  {
    id: 'unlock-links.two-confirmations-at-exactly-wins',
    group: 'unlock links',
    name: 'two confirmations at once: exactly one wins',
    async run(ctx) {
      const employee = await ctx.employee();
      const token = await ctx.control.createUnlockLink({ granteeId: employee.id });
      const results = await Promise.allSettled([ctx.backend.confirmUnlockToken(token, true), ctx.backend.confirmUnlockToken(token, true)]);
      equal(results.filter((r) => r.status === 'fulfilled').length, 1, 'confirmations that succeeded');
      const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      await rejects(Promise.reject(loser.reason), 'conflict', 'token-used', 'the other confirmation');
      equal((await ctx.backend.listGrants()).length, 1, 'grants created');
    },
  },
  {
    id: 'unlock-links.expired-link-found-token-expired',
    group: 'unlock links',
    name: 'an expired link is not found (token-expired)',
    async run(ctx) {
      const employee = await ctx.employee();
      const token = await ctx.control.createUnlockLink({ granteeId: employee.id, validForMs: HOUR });
      await ctx.control.advanceClock(2 * HOUR);
      await rejects(ctx.backend.resolveUnlockToken(token), 'not-found', 'token-expired', 'resolving an expired link');
      await rejects(ctx.backend.confirmUnlockToken(token, true), 'not-found', 'token-expired', 'confirming an expired link');
    },
  },
  {
    id: 'unlock-links.without-right-links-forbidden-right',
    group: 'unlock links',
    name: 'without the right, links are forbidden (right-missing) and stay unused',
    async run(ctx) {
      const employee = await ctx.employee();
      const token = await ctx.control.createUnlockLink({ granteeId: employee.id });
      await ctx.control.setUnlockRight(false);
      await rejects(ctx.backend.resolveUnlockToken(token), 'forbidden', 'right-missing', 'resolving without the right');
      await rejects(ctx.backend.confirmUnlockToken(token, true), 'forbidden', 'right-missing', 'confirming without the right');
      await ctx.control.setUnlockRight(true);
      ok(await ctx.backend.confirmUnlockToken(token, true), 'the link still works for a user with the right');
    },
  },
  // ------------------------------------------------------------------------------------------ chat
  {
    id: 'chat.sent-messages-stored-listed-oldest',
    group: 'chat',
    name: 'sent messages are stored and listed oldest first with growing seq',
    async run(ctx) {
      const sent: ChatMessage[] = [];
      for (const text of ['first', 'second', 'third']) sent.push(await ctx.backend.sendChatMessage({ clientId: ctx.uid(), text }));
      const session = await ctx.backend.getSession();
      for (const m of sent) {
        equal(m.author, 'customer', 'author');
        equal(m.authorName, session.user.name, 'authorName');
      }
      ok(sent[0]!.seq < sent[1]!.seq && sent[1]!.seq < sent[2]!.seq, 'seq grows');
      const listed = await ctx.backend.listChatMessages();
      equal(listed.map((m) => m.id).join(), sent.map((m) => m.id).join(), 'listed ids');
      equal(listed.map((m) => m.clientId).join(), sent.map((m) => m.clientId).join(), 'listed clientIds');
    },
  },
  {
    id: 'chat.same-clientid-stores-message-sent',
    group: 'chat',
    name: 'the same clientId stores one message, also when sent concurrently',
    async run(ctx) {
      const clientId = ctx.uid('dup');
      const first = await ctx.backend.sendChatMessage({ clientId, text: 'only once' });
      const again = await ctx.backend.sendChatMessage({ clientId, text: 'only once' });
      equal(again.id, first.id, 'the repeat answers the stored message');
      const racing = ctx.uid('race');
      const results = await Promise.all([1, 2, 3, 4].map(() => ctx.backend.sendChatMessage({ clientId: racing, text: 'race' })));
      equal(new Set(results.map((m) => m.id)).size, 1, 'distinct ids of concurrent sends');
      equal(await ctx.control.chatMessageCount(clientId), 1, 'stored copies of the repeated message');
      equal(await ctx.control.chatMessageCount(racing), 1, 'stored copies of the concurrent message');
      equal((await ctx.backend.listChatMessages()).length, 2, 'listed messages');
    },
  },
  {
    id: 'chat.afterseq-lists-later-messages',
    group: 'chat',
    name: 'afterSeq lists only later messages',
    async run(ctx) {
      const a = await ctx.backend.sendChatMessage({ clientId: ctx.uid(), text: 'a' });
      const b = await ctx.backend.sendChatMessage({ clientId: ctx.uid(), text: 'b' });
      await ctx.control.pushSupportMessage('c');
      const after = await ctx.backend.listChatMessages({ afterSeq: a.seq });
      equal(after.length, 2, 'messages after the first');
      equal(after[0]!.id, b.id, 'the first of them');
      equal(after[1]!.author, 'support', 'the support message');
      equal((await ctx.backend.listChatMessages({ afterSeq: after[1]!.seq })).length, 0, 'messages after the newest');
    },
  },
  {
    id: 'chat.texts-come-back-exactly-sent',
    group: 'chat',
    name: 'texts come back exactly as sent (quotes, SQL, HTML, emoji, newlines, 4000 characters)',
    async run(ctx) {
      const texts = [
        "Robert'); DROP TABLE chat_messages;--",
        '" OR 1=1 --',
        '<img src=x onerror="alert(1)"><script>alert(2)</script>',
        'Grüße aus Köln – 😀👍🏽 – مرحبا – 你好',
        'line one\nline two\r\n\ttabbed  double  spaced ',
        'x'.repeat(4000),
      ];
      for (const text of texts) {
        const sent = await ctx.backend.sendChatMessage({ clientId: ctx.uid(), text });
        equal(sent.text, text, 'the echoed text');
      }
      const listed = await ctx.backend.listChatMessages();
      equal(listed.map((m) => m.text).join('\u0001'), texts.join('\u0001'), 'the listed texts');
    },
  },
  {
    id: 'chat.empty-overlong-messages-missing-clientid',
    group: 'chat',
    name: 'empty and overlong messages and a missing clientId are refused',
    async run(ctx) {
      await rejects(ctx.backend.sendChatMessage({ clientId: ctx.uid(), text: '' }), 'invalid-request', undefined, 'empty text');
      await rejects(ctx.backend.sendChatMessage({ clientId: ctx.uid(), text: '   \n ' }), 'invalid-request', undefined, 'blank text');
      await rejects(ctx.backend.sendChatMessage({ clientId: ctx.uid(), text: 'y'.repeat(4001) }), 'invalid-request', undefined, '4001 characters');
      await rejects(ctx.backend.sendChatMessage({ clientId: '', text: 'hello' }), 'invalid-request', undefined, 'an empty clientId');
      equal((await ctx.backend.listChatMessages()).length, 0, 'stored messages');
    },
  },
  {
    id: 'chat.messages-older-than-21-days',
    group: 'chat',
    name: 'messages older than 21 days are not listed',
    async run(ctx) {
      const old = await ctx.backend.sendChatMessage({ clientId: ctx.uid(), text: 'three weeks ago' });
      await ctx.control.advanceClock(20 * DAY);
      ok((await ctx.backend.listChatMessages()).some((m) => m.id === old.id), 'a 20-day-old message is listed');
      await ctx.control.advanceClock(DAY + 3 * HOUR); // margin for a DST switch inside the 21 days
      const fresh = await ctx.backend.sendChatMessage({ clientId: ctx.uid(), text: 'today' });
      const ids = (await ctx.backend.listChatMessages()).map((m) => m.id);
      ok(!ids.includes(old.id), 'a message older than 21 days is not listed');
      ok(ids.includes(fresh.id), 'a new message is listed');
    },
  },
  {
    id: 'chat.live-connection-open-support-messages',
    group: 'chat',
    name: 'live: connection open first, then support messages and own messages once each, in order',
    async run(ctx) {
      const live = ctx.subscribe();
      await live.waitFor('connection', (e) => e.state === 'open');
      equal(live.events[0]?.type, 'connection', 'the first event');
      const pushed = [];
      for (const text of ['one', 'two', 'three']) pushed.push(await ctx.control.pushSupportMessage(text));
      const own = await ctx.backend.sendChatMessage({ clientId: ctx.uid(), text: 'mine' });
      await live.waitFor('chat-message', (e) => e.message.id === own.id, 'chat-message (own)');
      await live.waitFor('chat-message', (e) => e.message.text === 'three', 'chat-message (three)');
      const messages = live.events.filter((e) => e.type === 'chat-message').map((e) => (e as { message: ChatMessage }).message);
      equal(messages.map((m) => m.text).join(), 'one,two,three,mine', 'texts of the live messages');
      equal(messages.filter((m) => m.author === 'support').length, 3, 'support messages');
      ok(messages.every((m, i) => i === 0 || m.seq > messages[i - 1]!.seq), 'live messages in seq order');
    },
  },
  {
    id: 'chat.live-two-subscribers-get-events',
    group: 'chat',
    name: 'live: two subscribers both get events; after abort, no more events',
    async run(ctx) {
      const a = ctx.subscribe();
      const b = ctx.subscribe();
      await Promise.all([a.waitFor('connection', (e) => e.state === 'open'), b.waitFor('connection', (e) => e.state === 'open')]);
      await ctx.control.pushSupportMessage('to both');
      await Promise.all([a.waitFor('chat-message'), b.waitFor('chat-message')]);
      a.stop();
      const before = a.events.length;
      await ctx.control.pushSupportMessage('only b');
      await b.waitFor('chat-message', (e) => e.message.text === 'only b');
      await ctx.sleep(150);
      equal(a.events.length, before, 'events after abort');
    },
  },
  {
    id: 'chat.listchatmessages-answers-whole-retained-history',
    group: 'chat',
    name: 'listChatMessages answers the whole retained history, however many (150)',
    async run(ctx) {
      for (let i = 0; i < 150; i += 1) await ctx.control.pushSupportMessage(`message ${i}`);
      const listed = await ctx.backend.listChatMessages();
      equal(listed.length, 150, 'listed messages');
      equal(listed[149]!.text, 'message 149', 'the newest');
    },
  },
  // ------------------------------------------------------------------------------------------ attachments
  {
    id: 'attachments.upload-once-per-clientid',
    group: 'attachments',
    name: 'an upload is stored once per clientId, also when sent concurrently; the name is only a file name',
    async run(ctx) {
      const b = withAttachments(ctx.backend);
      const clientId = ctx.uid('file');
      const first = await b.uploadAttachment(sampleFile('png'), { clientId, name: 'C:\\Users\\anna\\shot.png', type: 'image/png' });
      equal(first.name, 'shot.png', 'the stored name (no path)');
      equal(first.type, 'image/png', 'the type');
      equal(first.size, SAMPLE_FILES.png.bytes.length, 'the size in bytes');
      const again = await b.uploadAttachment(sampleFile('png'), { clientId, name: 'shot.png', type: 'image/png' });
      equal(again.id, first.id, 'the repeat answers the stored attachment');
      const racing = ctx.uid('race');
      const results = await Promise.all([1, 2, 3].map(() => b.uploadAttachment(sampleFile('pdf'), { clientId: racing, name: 'a.pdf', type: 'application/pdf' })));
      equal(new Set(results.map((r) => r.id)).size, 1, 'distinct ids of concurrent uploads');
    },
  },
  {
    id: 'attachments.size-limit',
    group: 'attachments',
    name: 'files up to the size limit (10 MiB, ATTACHMENT_MAX_BYTES) are stored; a larger or an empty one is refused',
    async run(ctx) {
      const b = withAttachments(ctx.backend);
      const max = await b.uploadAttachment(pngOfSize(ATTACHMENT_MAX_BYTES), { clientId: ctx.uid(), name: 'max.png', type: 'image/png' });
      equal(max.size, ATTACHMENT_MAX_BYTES, 'the size of a file exactly at the limit');
      await rejects(
        b.uploadAttachment(pngOfSize(ATTACHMENT_MAX_BYTES + 1), { clientId: ctx.uid(), name: 'big.png', type: 'image/png' }),
        'invalid-request',
        'attachment-too-large',
        'one byte over the limit',
      );
      await rejects(b.uploadAttachment(new Blob([]), { clientId: ctx.uid(), name: 'empty.txt', type: 'text/plain' }), 'invalid-request', 'attachment-empty', 'an empty file');
    },
  },
  {
    id: 'attachments.type-by-content',
    group: 'attachments',
    name: 'the type is decided by content: every accepted type is stored as what it is; SVG, HTML (also named .png), executables and macro documents are refused',
    async run(ctx) {
      const accepted: SampleFileName[] = ['png', 'jpeg', 'gif', 'webp', 'pdf', 'docx', 'xlsx', 'pptx', 'odt', 'ods', 'csv', 'txt'];
      const types = new Set<string>();
      for (const which of accepted) {
        const ref = await upload(ctx, which);
        equal(ref.type, sniffAttachmentType(SAMPLE_FILES[which].bytes, SAMPLE_FILES[which]), `the type of ${which}`);
        types.add(ref.type);
      }
      equal(types.size, ATTACHMENT_TYPES.length, 'distinct accepted types');
      for (const which of ['svg', 'html', 'htmlAsPng', 'exe', 'docm'] as const) {
        await rejects(upload(ctx, which), 'invalid-request', 'attachment-type-refused', which);
      }
      // A PNG that claims to be HTML is stored as the PNG it is.
      const claimed = await withAttachments(ctx.backend).uploadAttachment(sampleFile('png'), { clientId: ctx.uid(), name: 'x.html', type: 'text/html' });
      equal(claimed.type, 'image/png', 'the type of a PNG sent as text/html');
    },
  },
  {
    id: 'attachments.message-with-files-exactly-once',
    group: 'attachments',
    name: 'a message with files is stored once with exactly those files; files go with one message only; at most five',
    async run(ctx) {
      const b = withAttachments(ctx.backend);
      const a1 = await upload(ctx, 'png');
      const a2 = await upload(ctx, 'pdf');
      const clientId = ctx.uid('msg');
      const input = { clientId, text: '', attachmentIds: [a1.id, a2.id] };
      const results = await Promise.all([1, 2, 3].map(() => b.sendChatMessage(input)));
      equal(new Set(results.map((m) => m.id)).size, 1, 'distinct ids of concurrent sends');
      equal(await ctx.control.chatMessageCount(clientId), 1, 'stored copies');
      equal((results[0]!.attachments ?? []).map((a) => a.id).join(), [a1.id, a2.id].join(), 'the message\'s attachments, in order');
      const listed = (await b.listChatMessages()).find((m) => m.clientId === clientId);
      equal((listed?.attachments ?? []).map((a) => `${a.name}:${a.type}:${a.size}`).join(), [a1, a2].map((a) => `${a.name}:${a.type}:${a.size}`).join(), 'the listed attachments');
      equal(await bytesOf(await b.downloadAttachment(a2.id)), hex(SAMPLE_FILES.pdf.bytes), 'the downloaded bytes');
      await rejects(b.sendChatMessage({ clientId: ctx.uid(), text: 'again', attachmentIds: [a1.id] }), 'invalid-request', 'attachment-unknown', 'a file already sent');
      await rejects(b.sendChatMessage({ clientId: ctx.uid(), text: 'x', attachmentIds: ['no-such-attachment'] }), 'invalid-request', 'attachment-unknown', 'an unknown id');
      const many = [];
      for (let i = 0; i <= ATTACHMENTS_PER_MESSAGE_MAX; i += 1) many.push((await upload(ctx, 'txt')).id);
      await rejects(b.sendChatMessage({ clientId: ctx.uid(), text: 'x', attachmentIds: many }), 'invalid-request', 'attachments-too-many', 'six files');
      equal((await b.listChatMessages()).length, 1, 'stored messages');
    },
  },
  {
    id: 'attachments.isolated-between-customers',
    group: 'attachments',
    name: "another customer can neither download nor send a customer's files (not found, no hint they exist)",
    async run(ctx) {
      const b = withAttachments(ctx.backend);
      const mine = await upload(ctx, 'pdf');
      await b.sendChatMessage({ clientId: ctx.uid(), text: 'mine', attachmentIds: [mine.id] });
      const unsent = await upload(ctx, 'png');
      const other = withAttachments(await ctx.another());
      await rejects(other.downloadAttachment(mine.id), 'not-found', undefined, "another customer's download of a sent file");
      await rejects(other.downloadAttachment(unsent.id), 'not-found', undefined, "another customer's download of an unsent file");
      await rejects(other.sendChatMessage({ clientId: ctx.uid(), text: 'theirs', attachmentIds: [unsent.id] }), 'invalid-request', 'attachment-unknown', "sending another customer's file");
      // The same clientId is another customer's own: it stores their file, not the first one's.
      const clientId = ctx.uid('shared');
      const a = await upload(ctx, 'txt', clientId);
      const c = await upload(ctx, 'csv', clientId, other);
      ok(a.id !== c.id, 'one clientId of two customers names two files');
      equal((await b.listChatMessages()).length, 1, 'messages of the first customer');
    },
  },
  {
    id: 'attachments.retention-files-go-with-messages',
    group: 'attachments',
    name: 'retention: a file goes with its message after 21 days; a file never sent goes after a day',
    async run(ctx) {
      const b = withAttachments(ctx.backend);
      const sent = await upload(ctx, 'png');
      await b.sendChatMessage({ clientId: ctx.uid(), text: 'old', attachmentIds: [sent.id] });
      const unsent = await upload(ctx, 'txt');
      await ctx.control.advanceClock(DAY + HOUR);
      await rejects(b.downloadAttachment(unsent.id), 'not-found', undefined, 'an unsent file after a day');
      equal((await b.downloadAttachment(sent.id)).size, SAMPLE_FILES.png.bytes.length, 'the size of a sent file after a day');
      await ctx.control.advanceClock(20 * DAY + 3 * HOUR);
      await rejects(b.downloadAttachment(sent.id), 'not-found', undefined, 'a file whose message is older than 21 days');
    },
  },
  // ------------------------------------------------------------------------------------------ callbacks
  {
    id: 'callbacks.windows-lie-ahead-order-long',
    group: 'callbacks',
    name: 'windows lie ahead, in order, as long as the topic says; unknown topics are not found',
    async run(ctx) {
      const topics = await ctx.backend.getCallbackTopics();
      ok(topics.length > 0, 'at least one topic');
      const now = Date.now();
      for (const topic of topics) {
        const windows = await ctx.backend.listCallbackWindows({ topicId: topic.id });
        ok(windows.length > 0, `windows for ${topic.id}`);
        for (const [i, w] of windows.entries()) {
          equal(w.end.getTime() - w.start.getTime(), topic.windowMinutes * 60_000, `length of window ${i} of ${topic.id}`);
          ok(w.start.getTime() > now, `window ${i} of ${topic.id} lies in the future`);
          if (i > 0) ok(w.start.getTime() >= windows[i - 1]!.end.getTime(), `window ${i} of ${topic.id} follows the previous one`);
        }
      }
      await rejects(ctx.backend.listCallbackWindows({ topicId: 'no-such-topic' }), 'not-found', undefined, 'windows of an unknown topic');
    },
  },
  {
    id: 'callbacks.booking-free-window-getcallbackbooking-answers',
    group: 'callbacks',
    name: 'booking a free window; getCallbackBooking answers it',
    async run(ctx) {
      equal(await ctx.backend.getCallbackBooking(), null, 'the booking of a fresh customer');
      const { topic, windows } = await ctx.freeWindows();
      const booking = await ctx.backend.bookCallback({ topicId: topic.id, start: windows[0]!.start, phone: '+49 241 446 86 122', note: 'About the export' });
      equal(booking.topic.id, topic.id, 'topic.id');
      equal(booking.window.start, windows[0]!.start, 'window.start');
      equal(booking.window.end, windows[0]!.end, 'window.end');
      equal(booking.note, 'About the export', 'note');
      const current = await ctx.backend.getCallbackBooking();
      equal(current?.id, booking.id, 'getCallbackBooking().id');
    },
  },
  {
    id: 'callbacks.booking-per-customer-second-conflict',
    group: 'callbacks',
    name: 'one booking per customer: a second is a conflict (booking-exists), also when both race',
    async run(ctx) {
      const { topic, windows } = await ctx.freeWindows();
      const results = await Promise.allSettled([
        ctx.backend.bookCallback({ topicId: topic.id, start: windows[0]!.start, phone: '+4924144686122', note: '' }),
        ctx.backend.bookCallback({ topicId: topic.id, start: windows[1]!.start, phone: '+4924144686122', note: '' }),
      ]);
      equal(results.filter((r) => r.status === 'fulfilled').length, 1, 'concurrent bookings that succeeded');
      const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      await rejects(Promise.reject(loser.reason), 'conflict', 'booking-exists', 'the other concurrent booking');
      await rejects(
        ctx.backend.bookCallback({ topicId: topic.id, start: windows[2]!.start, phone: '+4924144686122', note: '' }),
        'conflict',
        'booking-exists',
        'a third booking',
      );
    },
  },
  {
    id: 'callbacks.full-window-shown-unavailable-cannot',
    group: 'callbacks',
    name: 'a full window is shown unavailable and cannot be booked (window-taken)',
    async run(ctx) {
      const { topic, windows } = await ctx.freeWindows();
      const target = windows[1]!;
      await ctx.control.takeWindow(topic.id, target.start);
      const after = await ctx.backend.listCallbackWindows({ topicId: topic.id });
      equal(after.find((w) => w.start.getTime() === target.start.getTime())?.available, false, 'availability of the full window');
      await rejects(
        ctx.backend.bookCallback({ topicId: topic.id, start: target.start, phone: '+4924144686122', note: '' }),
        'conflict',
        'window-taken',
        'booking a full window',
      );
      equal(await ctx.backend.getCallbackBooking(), null, 'no booking after the refusal');
    },
  },
  {
    id: 'callbacks.start-window-refused-window-invalid',
    group: 'callbacks',
    name: 'a start that is no window is refused (window-invalid); a bad phone number is invalid input',
    async run(ctx) {
      const { topic, windows } = await ctx.freeWindows();
      const odd = new Date(windows[0]!.start.getTime() + 7 * 60_000);
      await rejects(ctx.backend.bookCallback({ topicId: topic.id, start: odd, phone: '+4924144686122', note: '' }), 'conflict', 'window-invalid', 'a start between windows');
      const past = new Date(Date.now() - 2 * DAY);
      await rejects(ctx.backend.bookCallback({ topicId: topic.id, start: past, phone: '+4924144686122', note: '' }), 'conflict', 'window-invalid', 'a start in the past');
      await rejects(
        ctx.backend.bookCallback({ topicId: topic.id, start: windows[0]!.start, phone: 'call me maybe', note: '' }),
        'invalid-request',
        undefined,
        'a phone number of letters',
      );
      await rejects(
        ctx.backend.bookCallback({ topicId: 'no-such-topic', start: windows[0]!.start, phone: '+4924144686122', note: '' }),
        'not-found',
        undefined,
        'an unknown topic',
      );
      equal(await ctx.backend.getCallbackBooking(), null, 'no booking after the refusals');
    },
  },
  {
    id: 'callbacks.changecallback-moves-booking-full-target',
    group: 'callbacks',
    name: 'changeCallback moves the booking; a full target leaves it where it was',
    async run(ctx) {
      const { topic, windows } = await ctx.freeWindows();
      const booking = await ctx.backend.bookCallback({ topicId: topic.id, start: windows[0]!.start, phone: '+4924144686122', note: 'a' });
      const moved = await ctx.backend.changeCallback(booking.id, { topicId: topic.id, start: windows[1]!.start, phone: '+4924144686122', note: 'b' });
      equal(moved.id, booking.id, 'the id stays');
      equal(moved.window.start, windows[1]!.start, 'the new start');
      equal(moved.note, 'b', 'the new note');
      await ctx.control.takeWindow(topic.id, windows[2]!.start);
      await rejects(
        ctx.backend.changeCallback(booking.id, { topicId: topic.id, start: windows[2]!.start, phone: '+4924144686122', note: 'c' }),
        'conflict',
        'window-taken',
        'moving to a full window',
      );
      equal((await ctx.backend.getCallbackBooking())?.window.start, windows[1]!.start, 'the booking after a refused move');
      await rejects(
        ctx.backend.changeCallback('no-such-booking', { topicId: topic.id, start: windows[0]!.start, phone: '+4924144686122', note: '' }),
        'not-found',
        undefined,
        'moving an unknown booking',
      );
    },
  },
  {
    id: 'callbacks.cancelcallback-frees-customer-book-unknown',
    group: 'callbacks',
    name: 'cancelCallback frees the customer to book again; unknown ids are not found',
    async run(ctx) {
      const { topic, windows } = await ctx.freeWindows();
      const booking = await ctx.backend.bookCallback({ topicId: topic.id, start: windows[0]!.start, phone: '+4924144686122', note: '' });
      await ctx.backend.cancelCallback(booking.id);
      equal(await ctx.backend.getCallbackBooking(), null, 'the booking after cancelling');
      await rejects(ctx.backend.cancelCallback(booking.id), 'not-found', undefined, 'cancelling twice');
      const again = await ctx.backend.bookCallback({ topicId: topic.id, start: windows[1]!.start, phone: '+4924144686122', note: '' });
      ok(again.id, 'a new booking after cancelling');
    },
  },
  {
    id: 'callbacks.booking-ends-window-customer-can',
    group: 'callbacks',
    name: 'a booking ends with its window; then the customer can book again',
    async run(ctx) {
      const { topic, windows } = await ctx.freeWindows();
      const booking = await ctx.backend.bookCallback({ topicId: topic.id, start: windows[0]!.start, phone: '+4924144686122', note: '' });
      await ctx.control.advanceClock(booking.window.end.getTime() - Date.now() + 60_000);
      equal(await ctx.backend.getCallbackBooking(), null, 'the booking after its window ended');
      const later = (await ctx.backend.listCallbackWindows({ topicId: topic.id })).filter((w) => w.available);
      ok(later.length > 0, 'windows after the clock moved');
      const next = await ctx.backend.bookCallback({ topicId: topic.id, start: later[0]!.start, phone: '+4924144686122', note: '' });
      ok(next.id !== booking.id, 'a new booking');
    },
  },
];

/** Every contract rule the suite checks, in a stable order. */
export const CONFORMANCE_CHECKS: readonly ConformanceCheck[] = checks;
