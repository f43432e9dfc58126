/**
 * Waits until `predicate` is true, polling with timers — unlike `until()` (animation frames), it also advances in a
 * page the browser keeps in the background while another test file runs in the foreground.
 */
export async function waitFor(predicate: () => unknown, timeout = 5000, message = 'condition'): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeout) throw new Error(`Timed out waiting for ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
