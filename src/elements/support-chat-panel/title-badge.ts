/**
 * The document title badge of the support chat ("(2) " before the page's title while the page is hidden and support
 * replies are unread). One coordinator per page: every panel with `notify~="title"` reports its unread count, and the
 * badge shows the highest (two panels of one user show the same chat; the sum would count each reply twice). The
 * title is restored as soon as the page is visible again or nothing is unread. Other tabs keep their own title:
 * the read marker the chat engine shares between tabs (tab-coordinator.ts) sets their counts to 0 when the user reads
 * in any tab.
 *
 * A title the host sets while the badge shows becomes the new title under the badge.
 */

const counts = new Map<object, number>();
/** The prefix this module put before the title, or `null` while the title is the host's own. */
let shown: string | null = null;
let listening = false;

const BADGE = /^\(\d+\) /;

function onVisibility(): void {
  apply();
}

/** The host's title: the current one minus the badge this module added. */
function baseTitle(): string {
  const title = document.title;
  return shown !== null && title.startsWith(shown) ? title.slice(shown.length) : title;
}

function apply(): void {
  let count = 0;
  for (const n of counts.values()) count = Math.max(count, n);
  const base = baseTitle();
  const prefix = count > 0 && document.visibilityState === 'hidden' ? `(${count}) ` : null;
  // Never stack a badge on a badge, whatever the host's title looks like.
  if (prefix !== null && !(shown === null && BADGE.test(base))) {
    if (document.title !== prefix + base) document.title = prefix + base;
    shown = prefix;
  } else {
    if (shown !== null && document.title !== base) document.title = base;
    shown = null;
  }
}

/** Sets the unread count `owner` reports (0: nothing to badge). */
export function setTitleBadge(owner: object, count: number): void {
  if (count > 0) counts.set(owner, count);
  else counts.delete(owner);
  if (!listening && counts.size > 0) {
    document.addEventListener('visibilitychange', onVisibility);
    listening = true;
  }
  apply();
  if (listening && counts.size === 0) {
    document.removeEventListener('visibilitychange', onVisibility);
    listening = false;
  }
}

/** `owner` stops badging (disconnected, or `notify` no longer asks for it). */
export function clearTitleBadge(owner: object): void {
  if (counts.has(owner)) setTitleBadge(owner, 0);
}
