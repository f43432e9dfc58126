import { expect } from '@open-wc/testing';
import { demoFixture } from '../../src/backend/fixtures/history.js';
import { SEED_TENANT, SEED_TENANT_INFO, SEED_USER } from '../../src/backend/fixtures/seed.js';
import { SupportError } from '../../src/backend/errors.js';
import {
  createMemoryStore,
  db,
  emit,
  rules,
  runAsync,
  runSync,
  type Actor,
  type AsyncRulesStore,
  type Rule,
  type RulesStore,
  type StoredFile,
} from '../../src/backend/rules/index.js';

const now = new Date('2026-11-25T10:00:00Z'); // Wednesday 11:00 Berlin

function freshStore() {
  const f = demoFixture({ locale: 'en', now, history: false });
  const store = createMemoryStore({
    staff: { employees: f.employees, departments: f.departments },
    settings: { contact: f.contact, topics: f.topics, callbackCapacity: f.callbackCapacity, callbackRules: f.callbackRules },
    newId: f.newId,
  });
  store.addTenant({ record: { tenant: SEED_TENANT, info: SEED_TENANT_INFO }, users: [{ ...SEED_USER, unlockSupport: true }] });
  return store;
}
const actorAt = (at: Date): Actor => ({ tenantId: SEED_TENANT.id, userId: SEED_USER.id, now: at, timeZone: SEED_TENANT.timeZone });

/** The same store behind promises, each answered a macrotask later: what a PostgreSQL client looks like to the rules. */
function asAsync(store: RulesStore<StoredFile>): AsyncRulesStore {
  return new Proxy(store, {
    get: (target, method) => (...args: unknown[]) =>
      new Promise((resolve, reject) =>
        setTimeout(() => {
          try {
            resolve((target[method as keyof RulesStore] as (...a: unknown[]) => unknown)(...args));
          } catch (error) {
            reject(error);
          }
        }),
      ),
  }) as unknown as AsyncRulesStore;
}

const failure = async (run: () => unknown): Promise<SupportError> => {
  try {
    await run();
  } catch (error) {
    expect(error).to.be.instanceOf(SupportError);
    return error as SupportError;
  }
  throw new Error('expected a SupportError');
};

describe('support rules (src/backend/rules)', () => {
  it('one rule text runs synchronously and asynchronously with the same results and events', async () => {
    const script = function* (actor: Actor): Rule<unknown[]> {
      const grant = yield* rules.createGrant(actor, { grantee: { kind: 'department', id: 'dep-support' }, duration: '2h', dataExport: false });
      const sent = yield* rules.sendChatMessage(actor, { clientId: 'c1', text: 'Hello' });
      const again = yield* rules.sendChatMessage(actor, { clientId: 'c1', text: 'Hello' });
      const revoked = yield* rules.revokeGrant(actor, grant.id);
      return [grant.endsAt, sent.created, again.created, again.message.seq === sent.message.seq, revoked.revokedAt];
    };
    const sync = runSync(freshStore(), script(actorAt(now)));
    const async = await runAsync(asAsync(freshStore()), script(actorAt(now)));
    expect(async.value).to.deep.equal(sync.value);
    expect(sync.value).to.deep.equal([new Date('2026-11-25T12:00:00Z'), true, false, true, now]);
    const types = (o: typeof sync) => o.events.map((e) => e.event.type);
    expect(types(async)).to.deep.equal(types(sync));
    expect(types(sync)).to.deep.equal(['grant-changed', 'chat-message', 'grant-changed']);
    expect(sync.events[1]!.audience).to.deep.equal({ tenantId: SEED_TENANT.id, userId: SEED_USER.id });
  });

  it('a rule that throws returns no events, sync and async', async () => {
    const failing = function* (): Rule<void> {
      yield* emit({ tenantId: 't' }, { type: 'chat-typing', typing: true, name: null });
      throw new SupportError('conflict', 'no');
    };
    expect((await failure(() => runSync(freshStore(), failing()))).kind).to.equal('conflict');
    expect((await failure(() => runAsync(asAsync(freshStore()), failing()))).kind).to.equal('conflict');
  });

  it('store errors are thrown into the rule, which may handle them', async () => {
    const store = { ...freshStore(), grant: () => { throw new Error('disk on fire'); } } as RulesStore;
    const handled = function* (): Rule<string> {
      try {
        yield* db.grant('t', 'g');
        return 'no error';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(runSync(store, handled()).value).to.equal('disk on fire');
    expect((await runAsync(asAsync(store), handled())).value).to.equal('disk on fire');
  });

  it('runSync refuses a store that answers promises', () => {
    expect(() => runSync(asAsync(freshStore()) as unknown as RulesStore, rules.getContactInfo())).to.throw(TypeError, /runAsync/);
  });

  it('revoke is judged by the write: a revoke whose clock lies before another revoke answers 409 and emits nothing', () => {
    const store = freshStore();
    const grant = runSync(store, rules.createGrant(actorAt(now), { grantee: { kind: 'employee', id: 'emp-03' }, duration: '1w', dataExport: false })).value;
    const later = new Date(now.getTime() + 3600_000);
    const first = runSync(store, rules.revokeGrant(actorAt(later), grant.id));
    expect(first.value.revokedAt).to.deep.equal(later);
    expect(first.events.map((e) => e.event.type)).to.deep.equal(['grant-changed']);
    // Read its clock before the first revoke committed: by the clock alone the grant was still active.
    const error = (() => {
      try {
        runSync(store, rules.revokeGrant(actorAt(now), grant.id));
      } catch (e) {
        return e as SupportError;
      }
      return null;
    })();
    expect(error?.reason).to.equal('grant-inactive');
    expect(runSync(store, db.grant(SEED_TENANT.id, grant.id)).value!.revokedAt).to.deep.equal(later);
  });

  it('revoking an expired grant is a conflict; an unknown one not found', async () => {
    const store = freshStore();
    const grant = runSync(store, rules.createGrant(actorAt(now), { grantee: { kind: 'employee', id: 'emp-03' }, duration: '1h', dataExport: false })).value;
    expect((await failure(() => runSync(store, rules.revokeGrant(actorAt(grant.endsAt!), grant.id)))).reason).to.equal('grant-inactive');
    expect((await failure(() => runSync(store, rules.revokeGrant(actorAt(now), 'nope')))).kind).to.equal('not-found');
  });

  it('one booked window per customer, checked by the store write too', async () => {
    const store = freshStore();
    const windows = runSync(store, rules.listCallbackWindows(actorAt(now), 'short-question')).value;
    const input = (i: number) => ({ topicId: 'short-question', start: windows[i]!.start, phone: '+49 241 123456', note: '' });
    runSync(store, rules.bookCallback(actorAt(now), input(0)));
    expect((await failure(() => runSync(store, rules.bookCallback(actorAt(now), input(1))))).reason).to.equal('booking-exists');
    // Past its window the booking no longer counts.
    const after = new Date(windows[0]!.end.getTime());
    const again = runSync(store, rules.listCallbackWindows(actorAt(after), 'short-question')).value;
    expect(runSync(store, rules.bookCallback(actorAt(after), { ...input(0), start: again[0]!.start })).value.window.start).to.deep.equal(again[0]!.start);
  });
});
