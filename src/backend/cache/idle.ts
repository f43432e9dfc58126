/**
 * Resolves when the page is idle — the current frame is out and nothing urgent waits — or after `timeoutMs` at the
 * latest (a busy or hidden page still gets there). Work that must not delay a paint (storing a long chat, reading the
 * rest of one) waits for it. Without `requestIdleCallback` (Safari): the next task.
 */
export const whenIdle = (timeoutMs = 1000): Promise<void> =>
  new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: timeoutMs });
    else setTimeout(resolve, 0);
  });
