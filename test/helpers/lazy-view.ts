/** A promise and its resolver, to hold a load until the test lets it go. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/**
 * Replaces an element's `loadView` test seam: counts its calls (`calls`), runs `before` first — set it to hold or
 * fail a load — then the real import; `restore()` puts the original back.
 */
export function stubLoadView<M>(owner: { loadView: () => Promise<M> }): {
  calls: number;
  before: () => Promise<void>;
  restore(): void;
} {
  const original = owner.loadView;
  const stub = {
    calls: 0,
    before: (): Promise<void> => Promise.resolve(),
    restore: () => {
      owner.loadView = original;
    },
  };
  owner.loadView = async () => {
    stub.calls += 1;
    await stub.before();
    return original();
  };
  return stub;
}
