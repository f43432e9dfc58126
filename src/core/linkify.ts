/**
 * Splits chat text into plain text and links, without ever producing markup: the caller renders each part as text
 * or as an `<a>` whose `href` is one of `http:`, `https:` or `mailto:` (checked with the URL parser). Everything else,
 * `javascript:` and `data:` included, stays plain text.
 */
export type TextPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'link'; /** As written in the message. */ readonly text: string; /** Normalised by the URL parser. */ readonly href: string };

// Characters a link never contains: white space, quotes and angle brackets (they delimit links in prose), and the
// bidirectional controls that could make a link's text read differently from where it goes.
const STOP = String.raw`\s<>"\u0060\u200e\u200f\u202a-\u202e\u2066-\u2069`;
const EMAIL_LOCAL = String.raw`[A-Za-z0-9!#$%&'*+/=?^_{|}~.-]+`;
const EMAIL_DOMAIN = String.raw`(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}`;

const CANDIDATES = new RegExp(
  [
    // http(s) URLs and mailto URIs, not glued to a preceding word (`xhttps://…`) or URL (`…/https://…` is one URL).
    String.raw`(?<![\p{L}\p{N}_/.@-])(?:https?:\/\/|mailto:)[^${STOP}]+`,
    // Bare e-mail addresses.
    String.raw`(?<![\p{L}\p{N}_.+@-])${EMAIL_LOCAL}@${EMAIL_DOMAIN}(?![\p{L}\p{N}_@-])`,
  ].join('|'),
  'giu',
);

// Sentence punctuation and closing quotes (ASCII and typographic) end the sentence, not the link.
const TRAILING = /[.,;:!?'*_~\u2018\u2019\u201c\u201d\u00ab\u00bb\u2039\u203a]$/u;
const CLOSERS: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };

/** Trims punctuation that ends the sentence rather than the link, and closing brackets the link did not open. */
function trimEnd(candidate: string): string {
  let text = candidate;
  for (;;) {
    const last = text.at(-1) ?? '';
    if (TRAILING.test(last)) {
      text = text.slice(0, -1);
      continue;
    }
    const opener = CLOSERS[last];
    if (opener) {
      const opened = text.split(opener).length - 1;
      const closed = text.split(last).length - 1;
      if (closed > opened) {
        text = text.slice(0, -1);
        continue;
      }
    }
    return text;
  }
}

/** The normalised `href` for a candidate, or `null` when it is not a safe, complete http(s) or mailto link. */
function hrefOf(text: string): string | null {
  const isEmail = !/^[a-z]+:/i.test(text);
  let url: URL;
  try {
    url = new URL(isEmail ? `mailto:${text}` : text);
  } catch {
    return null;
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    // `https://` alone or `https://.` is no link; neither is one that hides a user name (`https://bank.example@evil`).
    if (!url.hostname || !/[\p{L}\p{N}]/u.test(url.hostname) || url.username || url.password) return null;
    return url.href;
  }
  if (url.protocol === 'mailto:') {
    let address: string;
    try {
      address = decodeURIComponent(url.pathname);
    } catch {
      return null;
    }
    return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address) ? url.href : null;
  }
  return null;
}

/**
 * The parts of `text`, in order; concatenating their `text` gives the input back exactly. Recognises `http://`,
 * `https://` and `mailto:` links and bare e-mail addresses (as `mailto:`); trailing sentence punctuation and unbalanced
 * closing brackets stay outside a link.
 */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let plainFrom = 0;
  const pushText = (end: number) => {
    if (end > plainFrom) {
      const previous = parts.at(-1);
      const chunk = text.slice(plainFrom, end);
      if (previous?.kind === 'text') parts[parts.length - 1] = { kind: 'text', text: previous.text + chunk };
      else parts.push({ kind: 'text', text: chunk });
    }
  };
  CANDIDATES.lastIndex = 0;
  for (let match = CANDIDATES.exec(text); match; match = CANDIDATES.exec(text)) {
    const candidate = trimEnd(match[0]);
    const href = candidate ? hrefOf(candidate) : null;
    if (!href) continue;
    pushText(match.index);
    parts.push({ kind: 'link', text: candidate, href });
    plainFrom = match.index + candidate.length;
    CANDIDATES.lastIndex = plainFrom;
  }
  pushText(text.length);
  return parts;
}
