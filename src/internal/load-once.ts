/**
 * Loads something once and shares the result: the first call starts `load()`, later calls get the same promise.
 * A failed load is forgotten, so the next call (a Retry) loads again — never a cached failure.
 *
 * For what stays lazy: German strings and the contents of a popup that has not opened yet (STYLE.md §18).
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () =>
    (pending ??= load().catch((error: unknown) => {
      pending = null;
      throw error;
    }));
}
