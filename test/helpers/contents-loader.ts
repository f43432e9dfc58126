/** A promise the test resolves when it likes (`release()`), to hold a load of a popup's contents in flight. */
export function hold(): { promise: Promise<void>; release: () => void } {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

/**
 * Wraps the static loader of an element's lazy popup contents (`SupportUnlockDialog.loadContents`,
 * `CallbackScheduler.loadPanel`, both a `loadOnce` of an `import()`): counts how often the element asks for the
 * contents (`calls`), runs `before` first — set it to hold (`hold().promise`) or fail the load — then the real
 * loader; `restore()` puts the original back.
 */
export function interceptContentsLoader<K extends string>(
  owner: { [key in K]: () => Promise<unknown> },
  key: K,
): {
  calls: number;
  before: () => Promise<void>;
  restore(): void;
} {
  const original = owner[key];
  const interceptor = {
    calls: 0,
    before: (): Promise<void> => Promise.resolve(),
    restore: () => {
      owner[key] = original;
    },
  };
  owner[key] = (async () => {
    interceptor.calls += 1;
    await interceptor.before();
    return original();
  }) as (typeof owner)[K];
  return interceptor;
}
