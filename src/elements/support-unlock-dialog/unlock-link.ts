/**
 * The URL convention of e-mailed unlock links.
 *
 * Support e-mails a link to the host's application with the token in the **fragment**:
 * `https://crm.example/app#support-unlock=<token>` (recommended: a fragment is never sent to any server, so the token
 * stays out of access logs, proxies and `Referer` headers). The query form `?support-unlock=<token>` is accepted too,
 * for mail systems that drop fragments. The host takes the token out of the address bar once, at start-up (and on
 * `hashchange`), and hands it to the dialog:
 *
 * ```js
 * const token = takeUnlockToken();          // reads and removes it (history.replaceState)
 * if (token) dialog.openUnlockLink(token);
 * ```
 */

/** The name of the query/fragment parameter that carries an unlock token. */
export const UNLOCK_LINK_PARAM = 'support-unlock';

/** Longer values are not tokens (and are not passed on). */
const MAX_TOKEN_LENGTH = 1024;

export interface ExtractedUnlockToken {
  /** The token, or `null` when the URL has none (or an empty/oversized one). */
  readonly token: string | null;
  /** `true` when the URL carried the parameter at all (then `url` differs from the input). */
  readonly found: boolean;
  /** The URL without the parameter; every other query and fragment parameter is kept. */
  readonly url: string;
}

/** Splits the unlock token off `href`. Pure: it touches neither `location` nor `history`. */
export function extractUnlockToken(href: string, param: string = UNLOCK_LINK_PARAM): ExtractedUnlockToken {
  const url = new URL(href);
  let token: string | null = null;
  let found = false;
  const take = (value: string | null) => {
    if (value === null) return;
    found = true;
    const trimmed = value.trim();
    if (token === null && trimmed && trimmed.length <= MAX_TOKEN_LENGTH) token = trimmed;
  };

  // The fragment first: it is the recommended form.
  if (url.hash.length > 1) {
    const fragment = new URLSearchParams(url.hash.slice(1));
    if (fragment.has(param)) {
      take(fragment.get(param));
      fragment.delete(param);
      const rest = fragment.toString();
      url.hash = rest ? `#${rest}` : '';
    }
  }
  if (url.searchParams.has(param)) {
    take(url.searchParams.get(param));
    url.searchParams.delete(param);
  }
  let result = url.toString();
  // `url.hash = ''` leaves a lone "#" in some cases; drop it.
  if (found && result.endsWith('#')) result = result.slice(0, -1);
  return { token, found, url: result };
}

/**
 * Reads the unlock token from the current address and removes it from the address bar (`history.replaceState`, so
 * neither a reload nor the back button brings it back). Returns `null` when the address has none.
 */
export function takeUnlockToken(
  win: { location: Pick<Location, 'href'>; history: Pick<History, 'replaceState' | 'state'> } = window,
  param: string = UNLOCK_LINK_PARAM,
): string | null {
  const { token, found, url } = extractUnlockToken(win.location.href, param);
  if (found) win.history.replaceState(win.history.state, '', url);
  return token;
}
