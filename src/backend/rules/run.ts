import type { SupportEvent } from '../backend.js';
import type { AsyncRulesStore, RulesStore, StoredFile } from './store.js';

/**
 * Rules are generator functions that `yield` what they need from the store and the events they cause; a runner
 * answers each request. So one rule runs synchronously over a synchronous store (inside a better-sqlite3
 * transaction, which cannot span an `await`) and asynchronously over a promise-based store (PostgreSQL), unchanged.
 * See docs/decisions.md.
 *
 *     function* example(actor: Actor): Rule<Grant | null> {
 *       const grant = yield* db.grant(actor.tenantId, 'g1');
 *       if (grant) yield* emit({ tenantId: actor.tenantId }, { type: 'grant-changed', grant });
 *       return grant;
 *     }
 */

/** Where an event goes: every connection of the tenant, or only the user's (their chat). */
export interface Audience {
  readonly tenantId: string;
  readonly userId?: string;
}

export interface Emitted {
  readonly audience: Audience;
  readonly event: SupportEvent;
}

export type Step =
  | { readonly kind: 'call'; readonly method: keyof RulesStore; readonly args: readonly unknown[] }
  | ({ readonly kind: 'emit' } & Emitted);

/** A running rule: yields steps, returns `T`. */
export type Rule<T> = Generator<Step, T, unknown>;

/**
 * The store as seen from a rule: each method a step (`yield* db.grant(...)`) answering what the store answers. A file
 * is bytes or a Blob, as the store keeps it (`StoredFile`).
 */
export type StoreSteps = {
  readonly [K in keyof RulesStore]: RulesStore<StoredFile>[K] extends (...args: infer A) => infer R ? (...args: A) => Rule<R> : never;
};

export const db: StoreSteps = new Proxy({} as StoreSteps, {
  get: (_target, method) =>
    function* call(...args: unknown[]): Rule<unknown> {
      return yield { kind: 'call', method: method as keyof RulesStore, args };
    },
});

/** An event the rule causes; published only after the rule (and its transaction) completed. */
export function* emit(audience: Audience, event: SupportEvent): Rule<void> {
  yield { kind: 'emit', audience, event };
}

export interface Outcome<T> {
  readonly value: T;
  /** The events to publish, in order, once the writes are committed. */
  readonly events: readonly Emitted[];
}

type Answer = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';

/**
 * Runs `rule` over a synchronous store. A store error is thrown into the rule (which may handle it); an error the
 * rule does not handle propagates, with no events. Wrap the call in the store's transaction for atomic writes.
 */
export function runSync<T>(store: RulesStore<StoredFile>, rule: Rule<T>): Outcome<T> {
  const events: Emitted[] = [];
  let answer: Answer = { ok: true, value: undefined };
  for (;;) {
    const next = answer.ok ? rule.next(answer.value) : rule.throw(answer.error);
    if (next.done) return { value: next.value, events };
    const step = next.value;
    if (step.kind === 'emit') {
      events.push({ audience: step.audience, event: step.event });
      answer = { ok: true, value: undefined };
      continue;
    }
    let value: unknown;
    try {
      value = (store[step.method] as (...args: unknown[]) => unknown).apply(store, [...step.args]);
      answer = { ok: true, value };
    } catch (error) {
      answer = { ok: false, error };
    }
    if (isThenable(value)) throw new TypeError(`runSync: the store's ${step.method} answered a promise; use runAsync`);
  }
}

/** Runs `rule` over an asynchronous store (or a synchronous one): the same rule, each step awaited. */
export async function runAsync<T>(store: AsyncRulesStore | RulesStore<StoredFile>, rule: Rule<T>): Promise<Outcome<T>> {
  const events: Emitted[] = [];
  let answer: Answer = { ok: true, value: undefined };
  for (;;) {
    const next: IteratorResult<Step, T> = answer.ok ? rule.next(answer.value) : rule.throw(answer.error);
    if (next.done) return { value: next.value, events };
    const step: Step = next.value;
    if (step.kind === 'emit') {
      events.push({ audience: step.audience, event: step.event });
      answer = { ok: true, value: undefined };
      continue;
    }
    try {
      const method = store[step.method] as (...args: unknown[]) => unknown;
      answer = { ok: true, value: await method.apply(store, [...step.args]) };
    } catch (error) {
      answer = { ok: false, error };
    }
  }
}
