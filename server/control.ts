import { randomUUID } from 'node:crypto';
import { isGrantDuration } from '../src/core/durations.js';
import type { GrantDuration } from '../src/core/types.js';
import { SEED_TENANT, SEED_TENANT_INFO, SEED_USER } from '../src/backend/fixtures/seed.js';
import { SupportError } from '../src/backend/errors.js';
import {
  type Check,
  boolean,
  date,
  integer,
  matching,
  nonEmptyString,
  nullable,
  object,
  string,
  withDefault,
} from '../src/backend/schema.js';
import type { ServerDatabase } from './database.js';
import type { Reply, RequestContext } from './http.js';
import { type Actor, type Store, hashToken, newToken } from './store.js';


type ActorFor = (tenantId: string, userId?: string) => Promise<Actor>;
type TestHandler = (ctx: RequestContext, actorFor: ActorFor) => Reply | Promise<Reply>;

const duration = matching(isGrantDuration, 'a grant duration') as Check<GrantDuration>;
const optionalBoolean = (fallback: boolean) => withDefault(boolean, fallback);

/** Creates a tenant with one user and a session; returns the bearer token. Used by the seed and the test routes. */
export async function createTenant(
  db: ServerDatabase,
  input: { id?: string; name?: string; label?: string; brandName?: string; unlockSupport?: boolean; token?: string; now?: Date },
): Promise<{ tenantId: string; userId: string; token: string }> {
  const tenantId = input.id ?? `tenant-${randomUUID()}`;
  const name = input.name ?? `test-${tenantId.slice(-8)}`;
  const label = input.label ?? 'Test Immobilien GmbH';
  const token = input.token ?? newToken();
  const now = (input.now ?? new Date()).getTime(); // the real clock: sessions expire on it
  const info = { ...SEED_TENANT_INFO, tenantName: name, tenantLabel: label };
  await db.insertTenant({
    id: tenantId,
    name,
    label,
    timeZone: 'Europe/Berlin',
    brandName: input.brandName ?? SEED_TENANT.brandName,
    info: JSON.stringify(info),
    createdAt: now,
    user: { ...SEED_USER, unlockSupport: input.unlockSupport !== false },
    tokenHash: hashToken(token),
  });
  return { tenantId, userId: SEED_USER.id, token };
}

/**
 * The test-control routes (`--test-control`): what the conformance suite's `ConformanceControl` needs and the contract
 * cannot do. Each addresses a tenant by id; none needs a session.
 */
export interface ControlHooks {
  /** The sessions of a user were ended (signed out): close what depends on them now. */
  sessionsEnded(tenantId: string, userId: string): unknown;
  /** Open event streams, the bytes waiting in their buffers and how many were closed why. */
  streamStats(): unknown;
}

export function testHandlers(store: Store, db: ServerDatabase, hooks: ControlHooks): Record<string, TestHandler> {
  const tenantId = (ctx: RequestContext) => ctx.params['tenantId']!;
  return {
    testCreateTenant: async (ctx) => {
      const input = await ctx.body(object({ unlockSupport: optionalBoolean(true), name: withDefault(nullable(string), null) }));
      return { status: 201, body: await createTenant(db, { unlockSupport: input.unlockSupport, ...(input.name ? { name: input.name } : {}) }) };
    },
    testAddUser: async (ctx) => {
      if (!(await db.tenantExists(tenantId(ctx)))) throw new SupportError('not-found', 'No such tenant', { status: 404 });
      const token = newToken();
      const userId = `user-${randomUUID()}`;
      const user = { id: userId, name: 'Ben Keller', email: null, phone: null, unlockSupport: true };
      await db.insertUser(tenantId(ctx), user, hashToken(token), Date.now());
      return { status: 201, body: { userId, token } };
    },
    testDeleteTenant: async (ctx) => {
      if (!(await db.deleteTenant(tenantId(ctx)))) throw new SupportError('not-found', 'No such tenant', { status: 404 });
      return { status: 204 };
    },
    testSetSignedIn: async (ctx, actorFor) => {
      const { signedIn } = await ctx.body(object({ signedIn: boolean }));
      const actor = await actorFor(tenantId(ctx));
      await db.setSignedOut(actor.tenantId, actor.userId, !signedIn);
      if (!signedIn) await hooks.sessionsEnded(actor.tenantId, actor.userId);
      return { status: 204 };
    },
    testSetUnlockRight: async (ctx, actorFor) => {
      const { allowed } = await ctx.body(object({ allowed: boolean }));
      const actor = await actorFor(tenantId(ctx));
      await db.setUnlockRight(actor.tenantId, actor.userId, allowed);
      return { status: 204 };
    },
    testCreateUnlockLink: async (ctx, actorFor) => {
      const input = await ctx.body(
        object({
          granteeId: nonEmptyString,
          requestedById: withDefault(nullable(string), null),
          duration: withDefault(duration, '1h' as GrantDuration),
          dataExport: optionalBoolean(false),
          reason: withDefault(string, 'Ticket #48213-112: export template produces an empty PDF'),
          validForMs: withDefault(integer, 48 * 3600_000),
        }),
      );
      const { requestedById, ...rest } = input;
      const token = await store.createUnlockLink(await actorFor(tenantId(ctx)), { ...rest, ...(requestedById ? { requestedById } : {}) });
      return { status: 201, body: { token } };
    },
    testPushSupportMessage: async (ctx, actorFor) => {
      const { text, authorName } = await ctx.body(object({ text: string, authorName: withDefault(string, 'Lena Hoffmann') }));
      return { status: 201, body: await store.addSupportMessage(await actorFor(tenantId(ctx)), text, authorName) };
    },
    testSetTyping: async (ctx, actorFor) => {
      const { typing, name } = await ctx.body(object({ typing: boolean, name: withDefault(nullable(string), null) }));
      await store.publishTyping(await actorFor(tenantId(ctx)), typing, name);
      return { status: 204 };
    },
    testStartLogin: async (ctx, actorFor) => {
      const { reason } = await ctx.body(object({ reason: withDefault(string, 'Rückfrage zum Portalexport (ImmoScout24)') }));
      return { status: 200, body: { login: await store.startSupportLogin(await actorFor(tenantId(ctx)), reason) } };
    },
    testEndLogin: async (ctx, actorFor) => {
      const login = await store.endSupportLogin(await actorFor(tenantId(ctx)), ctx.params['loginId']!);
      return { status: 200, body: { login } };
    },
    testChatCount: async (ctx, actorFor) => {
      const clientId = ctx.query.get('clientId');
      return { status: 200, body: { count: await store.chatCount(await actorFor(tenantId(ctx)), clientId ?? undefined) } };
    },
    testAdvanceClock: async (ctx) => {
      const { advanceMs } = await ctx.body(object({ advanceMs: integer }));
      const offsetMs = await db.advanceClock(tenantId(ctx), advanceMs);
      if (offsetMs === undefined) throw new SupportError('not-found', 'No such tenant', { status: 404 });
      return { status: 200, body: { offsetMs } };
    },
    testStreamStats: () => ({ status: 200, body: hooks.streamStats() }),
    testTakeWindow: async (ctx) => {
      const { topicId, start } = await ctx.body(object({ topicId: nonEmptyString, start: date }));
      await store.takeWindow(topicId, start);
      return { status: 204 };
    },
    /** Runs the retention purge now (the server runs it at start and hourly); answers the counts deleted. */
    testPurge: async () => ({ status: 200, body: await store.purge() }),
  };
}
