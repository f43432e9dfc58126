/** A promise and its resolver, to hold a load until the test lets it go. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/**
 * Replaces an element's `loadView` test seam (or another loader of the same shape, named by `key`): counts its calls
 * (`calls`), runs `before` first — set it to hold or fail a load — then the real import; `restore()` puts the
 * original back.
 */
export function stubLoadView<K extends string = 'loadView'>(
  owner: { [key in NoInfer<K>]: () => Promise<unknown> },
  key: K = 'loadView' as K,
): {
  calls: number;
  before: () => Promise<void>;
  restore(): void;
} {
  const original = owner[key];
  const stub = {
    calls: 0,
    before: (): Promise<void> => Promise.resolve(),
    restore: () => {
      owner[key] = original;
    },
  };
  owner[key] = (async () => {
    stub.calls += 1;
    await stub.before();
    return original();
  }) as (typeof owner)[K];
  return stub;
}
