/**
 * Code an element loads on demand with `import()` (a view, a nested element) that its `updateComplete` should wait
 * for, so a host or a test that awaits it sees the result:
 * `protected override getUpdateComplete() { return this.loads.settled(() => super.getUpdateComplete()); }`.
 */
export class PendingLoads {
  readonly #loads = new Set<Promise<unknown>>();

  /** Counts `loading` until it settles (it may reject; that is the caller's to show). */
  track(loading: Promise<unknown>): void {
    this.#loads.add(loading);
    const done = () => this.#loads.delete(loading);
    loading.then(done, done);
  }

  /** Waits for `update` (the element's own update) and, while loads are pending, for them and the update after. */
  async settled(update: () => Promise<boolean>): Promise<boolean> {
    let complete = await update();
    while (this.#loads.size) {
      await Promise.allSettled([...this.#loads]);
      complete = await update();
    }
    return complete;
  }
}
