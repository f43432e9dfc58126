import { html, type TemplateResult } from 'lit';
import { linkify, type TextPart } from '../../core/linkify.js';

const cache = new Map<string, readonly TextPart[]>();

/** The parts of `text`, memoised (a scrolling log renders the same texts again and again). */
function partsOf(text: string): readonly TextPart[] {
  let parts = cache.get(text);
  if (!parts) {
    parts = linkify(text);
    if (cache.size > 2000) cache.clear();
    cache.set(text, parts);
  }
  return parts;
}

/**
 * A message's text as Lit text bindings, with http(s) and mailto links as anchors. Nothing in `text` is ever parsed
 * as HTML: plain parts are text nodes, a link's `href` was checked by the URL parser to be http, https or mailto.
 */
export function renderMessageText(text: string): (string | TemplateResult)[] {
  return partsOf(text).map((part) =>
    part.kind === 'text'
      ? part.text
      : html`<a part="link" href=${part.href} target="_blank" rel="noopener noreferrer">${part.text}</a>`,
  );
}
