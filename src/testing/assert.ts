import type { SupportErrorKind } from '../backend/errors.js';

/** A broken contract rule. */
export class ConformanceFailure extends Error {
  override readonly name = 'ConformanceFailure';
}

const show = (value: unknown): string => {
  if (value instanceof Date) return value.toISOString();
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 200 ? `${text.slice(0, 200)}…` : text;
  } catch {
    return String(value);
  }
};

export function ok(condition: unknown, message: string): asserts condition {
  if (!condition) throw new ConformanceFailure(message);
}

export function equal<T>(actual: T, expected: T, what: string): void {
  const a = actual instanceof Date ? actual.getTime() : actual;
  const e = expected instanceof Date ? expected.getTime() : expected;
  if (a !== e) throw new ConformanceFailure(`${what}: expected ${show(expected)}, got ${show(actual)}`);
}

/** Something that looks like a SupportError (works across copies of the library). */
export interface SupportErrorLike {
  readonly name: string;
  readonly kind: SupportErrorKind;
  readonly reason: string | null;
  readonly message: string;
}

export const isSupportErrorLike = (error: unknown): error is SupportErrorLike =>
  typeof error === 'object' &&
  error !== null &&
  (error as { name?: unknown }).name === 'SupportError' &&
  typeof (error as { kind?: unknown }).kind === 'string';

/** Expects `promise` to reject with a SupportError of `kind` (and `reason`, when given). */
export async function rejects(
  promise: Promise<unknown>,
  kind: SupportErrorKind,
  reason: string | undefined,
  what: string,
): Promise<SupportErrorLike> {
  let value: unknown;
  try {
    value = await promise;
  } catch (error) {
    if (!isSupportErrorLike(error)) throw new ConformanceFailure(`${what}: rejected with ${String(error)}, not a SupportError`);
    if (error.kind !== kind) {
      throw new ConformanceFailure(`${what}: expected a "${kind}" error, got "${error.kind}" (${error.message})`);
    }
    if (reason !== undefined && error.reason !== reason) {
      throw new ConformanceFailure(`${what}: expected reason "${reason}", got ${show(error.reason)} (${error.message})`);
    }
    return error;
  }
  throw new ConformanceFailure(`${what}: expected a "${kind}" error, but it answered ${show(value)}`);
}
