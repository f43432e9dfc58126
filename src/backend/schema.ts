/**
 * A tiny runtime validator: each `Check<T>` turns `unknown` into a `T` or throws a `ValidationError` naming the
 * path of the first problem. Dates accept `Date`, ISO 8601 strings and epoch milliseconds and always yield a `Date`.
 */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(
    readonly path: string,
    readonly expected: string,
    readonly received: unknown,
  ) {
    super(`${path || 'value'}: expected ${expected}, received ${describe(received)}`);
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'an invalid date';
  if (typeof value === 'string') return value.length > 40 ? `"${value.slice(0, 40)}…"` : JSON.stringify(value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/**
 * What a check accepts, for people: `scripts/generate.mjs` writes docs/api/backend-contract.md from these, so the
 * adapter docs list exactly the rules the validator applies.
 */
export type CheckDoc =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'object'; readonly fields: Readonly<Record<string, CheckDoc>> }
  | { readonly kind: 'array'; readonly items: CheckDoc }
  | { readonly kind: 'record'; readonly values: CheckDoc }
  | { readonly kind: 'nullable'; readonly value: CheckDoc }
  | { readonly kind: 'optional'; readonly value: CheckDoc; readonly fallback: unknown }
  | { readonly kind: 'union'; readonly key: string; readonly variants: Readonly<Record<string, CheckDoc>> }
  | { readonly kind: 'either'; readonly options: readonly CheckDoc[]; readonly text: string }
  | { readonly kind: 'refine'; readonly base: CheckDoc; readonly rule: string };

export type Check<T> = ((value: unknown, path: string) => T) & { doc?: CheckDoc };
export type Checked<C> = C extends Check<infer T> ? T : never;

/** `check` with its description attached. */
const documented = <T>(check: Check<T>, doc: CheckDoc): Check<T> => Object.assign(check, { doc });
const text = (t: string): CheckDoc => ({ kind: 'text', text: t });
/** The description of `check` (a plain function without one: "custom"). */
export const docOf = (check: Check<unknown>): CheckDoc => check.doc ?? text('a custom check');

const fail = (path: string, expected: string, value: unknown): never => {
  throw new ValidationError(path, expected, value);
};

export const string: Check<string> = documented((v, p) => (typeof v === 'string' ? v : fail(p, 'a string', v)), text('a string'));

export const nonEmptyString: Check<string> = documented(
  (v, p) => (typeof v === 'string' && v.trim() !== '' ? v : fail(p, 'a non-empty string', v)),
  text('a non-empty string'),
);

export const boolean: Check<boolean> = documented((v, p) => (typeof v === 'boolean' ? v : fail(p, 'a boolean', v)), text('a boolean'));

export const number: Check<number> = documented(
  (v, p) => (typeof v === 'number' && Number.isFinite(v) ? v : fail(p, 'a finite number', v)),
  text('a finite number'),
);

export const integer: Check<number> = documented((v, p) => (Number.isInteger(v) ? (v as number) : fail(p, 'an integer', v)), text('an integer'));

export const positiveInteger: Check<number> = documented(
  (v, p) => (Number.isInteger(v) && (v as number) > 0 ? (v as number) : fail(p, 'a positive integer', v)),
  text('a positive integer'),
);

export const nonNegativeInteger: Check<number> = documented(
  (v, p) => (Number.isInteger(v) && (v as number) >= 0 ? (v as number) : fail(p, 'an integer ≥ 0', v)),
  text('an integer ≥ 0'),
);

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

export const date: Check<Date> = documented((v, p) => {
  let d: Date | null = null;
  if (v instanceof Date) d = new Date(v.getTime());
  else if (typeof v === 'string' && ISO_INSTANT.test(v)) d = new Date(v);
  else if (typeof v === 'number' && Number.isFinite(v)) d = new Date(v);
  return d && !Number.isNaN(d.getTime()) ? d : fail(p, 'an instant (Date or ISO 8601 with zone)', v);
}, text('an instant: a `Date`, epoch milliseconds, or an ISO 8601 string with an offset (`Z`, `+01:00`)'));

export const literal =
  <const T extends string>(...values: readonly T[]): Check<T> =>
    documented(
      (v, p) => ((values as readonly unknown[]).includes(v) ? (v as T) : fail(p, `one of ${values.join(', ')}`, v)),
      text(`one of ${values.map((x) => `\`${x}\``).join(', ')}`),
    );

export const matching =
  (test: (value: string) => boolean, expected: string): Check<string> =>
    documented((v, p) => (typeof v === 'string' && test(v) ? v : fail(p, expected, v)), text(expected));

export const nullable =
  <T>(check: Check<T>): Check<T | null> =>
    documented((v, p) => (v === null || v === undefined ? null : check(v, p)), { kind: 'nullable', value: docOf(check) });

/** `undefined` becomes `fallback`. */
export const withDefault =
  <T>(check: Check<T>, fallback: T): Check<T> =>
    documented((v, p) => (v === undefined ? fallback : check(v, p)), { kind: 'optional', value: docOf(check), fallback });

export const array =
  <T>(check: Check<T>): Check<T[]> =>
    documented((v, p) => {
      if (!Array.isArray(v)) return fail(p, 'an array', v);
      return v.map((item, i) => check(item, `${p}[${i}]`));
    }, { kind: 'array', items: docOf(check) });

type Shape = Record<string, Check<unknown>>;
export type ObjectOf<S extends Shape> = { -readonly [K in keyof S]: Checked<S[K]> };

/** An object with exactly the listed keys in the output; unknown input keys are ignored. */
export const object =
  <S extends Shape>(shape: S): Check<ObjectOf<S>> =>
    documented((v, p) => {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(p, 'an object', v);
      const input = v as Record<string, unknown>;
      const out = {} as Record<string, unknown>;
      for (const key of Object.keys(shape)) out[key] = shape[key]!(input[key], p ? `${p}.${key}` : key);
      return out as ObjectOf<S>;
    }, { kind: 'object', fields: Object.fromEntries(Object.entries(shape).map(([k, c]) => [k, docOf(c)])) });

/** A discriminated union on `key`. */
export const union =
  <T>(key: string, variants: Record<string, Check<T>>): Check<T> =>
    documented((v, p) => {
      if (typeof v !== 'object' || v === null) return fail(p, 'an object', v);
      const tag = (v as Record<string, unknown>)[key];
      const variant = typeof tag === 'string' ? variants[tag] : undefined;
      return variant ? variant(v, p) : fail(p ? `${p}.${key}` : key, `one of ${Object.keys(variants).join(', ')}`, tag);
    }, { kind: 'union', key, variants: Object.fromEntries(Object.entries(variants).map(([k, c]) => [k, docOf(c)])) });

export const record =
  <T>(check: Check<T>): Check<Record<string, T>> =>
    documented((v, p) => {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(p, 'an object', v);
      const out: Record<string, T> = {};
      for (const [k, value] of Object.entries(v)) out[k] = check(value, `${p}.${k}`);
      return out;
    }, { kind: 'record', values: docOf(check) });

export const either =
  <A, B>(a: Check<A>, b: Check<B>, expected: string): Check<A | B> =>
    documented((v, p) => {
      try {
        return a(v, p);
      } catch {
        try {
          return b(v, p);
        } catch {
          return fail(p, expected, v);
        }
      }
    }, { kind: 'either', options: [docOf(a), docOf(b)], text: expected });

/** Adds a cross-field rule. */
export const refine =
  <T>(check: Check<T>, test: (value: T) => boolean, expected: string): Check<T> =>
    documented((v, p) => {
      const value = check(v, p);
      return test(value) ? value : fail(p, expected, v);
    }, { kind: 'refine', base: docOf(check), rule: expected });
