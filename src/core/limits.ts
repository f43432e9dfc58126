/**
 * Every text limit of the contract, in one place: the elements, the demo backend, the reference server and the
 * docs/openapi.yaml schema use these. Lengths are counted in Unicode code points, as JSON Schema's `maxLength` counts
 * them (an emoji is one character, not two UTF-16 units), so a client, the schema and the server agree on what fits.
 */

/** The longest chat message. */
export const CHAT_MESSAGE_MAX_LENGTH = 4000;
/** The longest note of a callback booking. */
export const CALLBACK_NOTE_MAX_LENGTH = 1000;
/** The longest phone number as typed (before normalisation to E.164). */
export const PHONE_INPUT_MAX_LENGTH = 64;
/** The longest id, token or clientId a request may carry. */
export const ID_MAX_LENGTH = 200;
/** The longest staff search query. */
export const SEARCH_QUERY_MAX_LENGTH = 200;

/**
 * The number of Unicode code points of `text`: a surrogate pair counts once, a lone surrogate counts as one (it is
 * one code point, if an invalid one). Linear, without allocating.
 */
export function codePointLength(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length - 1; i += 1) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n -= 1;
        i += 1;
      }
    }
  }
  return n;
}

/** `true` when `text` has more than `max` code points. */
export const exceedsLimit = (text: string, max: number): boolean => text.length > max && codePointLength(text) > max;

const BLANK = /^[\p{White_Space}\p{Default_Ignorable_Code_Point}]*$/u;

/**
 * `true` when `text` shows nothing: empty, or only white space (spaces, tabs, line breaks, no-break and ideographic
 * spaces …) and default-ignorable code points (zero-width space and joiners, soft hyphen, BOM, variation selectors …).
 */
export const isBlank = (text: string): boolean => BLANK.test(text);
