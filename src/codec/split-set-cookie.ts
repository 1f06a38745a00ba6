/** @module Undoing the comma-join of several Set-Cookie header values, without breaking Expires dates. */

const HTAB = 0x09;
const SPACE = 0x20;
const DQUOTE = 0x22;
const COMMA = 0x2c;
const SEMICOLON = 0x3b;
const EQUALS = 0x3d;

function isWhitespace(code: number): boolean {
  return code === SPACE || code === HTAB;
}

/**
 * Splits `Set-Cookie` header values that were joined with commas back into one string per cookie.
 *
 * Not in RFC 6265bis: a user agent receives each Set-Cookie as its own header line and never splits
 * (RFC 9110 §5.3 names Set-Cookie as the one field that cannot be comma-combined). But
 * `Headers.prototype.get('set-cookie')`, older fetch polyfills and some proxies join them with `, `,
 * and a comma also appears inside `Expires=Wed, 21 Oct 2015 07:28:00 GMT`. Prefer
 * `headers.getSetCookie()` where it exists; use this for what is left.
 *
 * How a comma is read, in one left-to-right scan (linear: each look-ahead stops at the next comma):
 *
 * - It separates two cookies when what follows, past spaces and tabs, is a cookie name and `=`:
 *   one or more characters that are none of `=` `;` `,` space or a control character, then optional
 *   whitespace, then `=`. A date's `, 21 Oct 2015` fails this (a space inside the "name"), so Expires
 *   stays whole in every date format browsers send.
 * - It also ends a part when the part is still empty (`, , a=1`), and when whitespace and then
 *   another comma or the end follow it (`a=1, , b=2`, `a=1, `): an empty header in the join. Empty
 *   parts are skipped.
 * - Otherwise it is part of a value (`a=1,2`, and a value ending in a comma: `a=x,` or `a=x,, b=1`).
 * - A cookie-value in double quotes is kept whole, commas included (`a="x, y=z"`), when its closing
 *   quote comes before any `;` and is followed by whitespace then `;`, `,` or the end. A stray quote
 *   (`a="x, b=1`) does not swallow the next cookie.
 *
 * A nameless cookie (`foo`, allowed by RFC 6265bis §5.6) cannot be told from a value after a comma,
 * so it is only recognised first in its string. Each part is trimmed of spaces and tabs. Arrays are
 * flattened, each element split in turn; `null`, `undefined` and non-string elements give nothing.
 * Never throws.
 *
 * @example
 * ```ts
 * import { splitSetCookie } from 'shortbread';
 * splitSetCookie('a=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT; Path=/, b=2; HttpOnly');
 * // ['a=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT; Path=/', 'b=2; HttpOnly']
 * splitSetCookie(['a=1, b=2', 'c=3']); // ['a=1', 'b=2', 'c=3']
 * splitSetCookie(new Headers([['set-cookie', 'a=1'], ['set-cookie', 'b=2']]).get('set-cookie'));
 * // ['a=1', 'b=2']
 * ```
 */
export function splitSetCookie(joined: string | readonly string[] | null | undefined): string[] {
  const out: string[] = [];
  if (typeof joined === 'string') {
    splitInto(joined, out);
  } else if (Array.isArray(joined)) {
    for (const item of joined as readonly unknown[]) {
      if (typeof item === 'string') splitInto(item, out);
    }
  }
  return out;
}

function splitInto(text: string, out: string[]): void {
  const length = text.length;
  let partStart = 0;
  // True until the part holds something other than spaces and tabs.
  let partEmpty = true;
  // True once the cookie-pair's `=` (or a `;`, for a pair without one) has been passed in this part.
  let pastPair = false;
  let i = 0;
  while (i < length) {
    const code = text.charCodeAt(i);
    if (code === COMMA && (partEmpty || isSeparator(text, i, length))) {
      pushTrimmed(text, partStart, i, out);
      i++;
      partStart = i;
      partEmpty = true;
      pastPair = false;
      continue;
    }
    if (!isWhitespace(code)) partEmpty = false;
    if (code === SEMICOLON) {
      pastPair = true;
    } else if (code === EQUALS && !pastPair) {
      pastPair = true;
      let j = i + 1;
      while (j < length && isWhitespace(text.charCodeAt(j))) j++;
      if (j < length && text.charCodeAt(j) === DQUOTE) {
        const close = closingQuote(text, j, length);
        if (close >= 0) {
          i = close + 1;
          continue;
        }
      }
    }
    i++;
  }
  pushTrimmed(text, partStart, length, out);
}

/**
 * Whether the comma at `comma` separates two cookies (see {@link splitSetCookie}). Reads at most up to
 * the next comma, so the whole split stays linear.
 */
function isSeparator(text: string, comma: number, length: number): boolean {
  let j = comma + 1;
  while (j < length && isWhitespace(text.charCodeAt(j))) j++;
  // An empty part (`a=1, , b=2`, `a=1, `), but only when whitespace followed the comma: `a=x,` and
  // `a=x,, b=1` keep the comma in the value, since a join always writes `, `.
  if (j === length || text.charCodeAt(j) === COMMA) return j > comma + 1;
  const nameStart = j;
  while (j < length) {
    const code = text.charCodeAt(j);
    if (code === EQUALS || code === SEMICOLON || code === COMMA || code <= SPACE || code === 0x7f) {
      break;
    }
    j++;
  }
  if (j === nameStart) return false;
  while (j < length && isWhitespace(text.charCodeAt(j))) j++;
  return j < length && text.charCodeAt(j) === EQUALS;
}

/**
 * The index of the quote closing the cookie-value opened at `open`, or -1 when the quote is stray: a
 * `;` comes first, there is no closing quote, or the closing quote is followed by something other
 * than whitespace then `;`, `,` or the end. Reads only up to the next quote or `;`.
 */
function closingQuote(text: string, open: number, length: number): number {
  let k = open + 1;
  while (k < length) {
    const code = text.charCodeAt(k);
    if (code === SEMICOLON) return -1;
    if (code === DQUOTE) break;
    k++;
  }
  if (k === length) return -1;
  let j = k + 1;
  while (j < length && isWhitespace(text.charCodeAt(j))) j++;
  if (j === length) return k;
  const next = text.charCodeAt(j);
  return next === SEMICOLON || next === COMMA ? k : -1;
}

function pushTrimmed(text: string, start: number, end: number, out: string[]): void {
  while (start < end && isWhitespace(text.charCodeAt(start))) start++;
  while (end > start && isWhitespace(text.charCodeAt(end - 1))) end--;
  if (end > start) out.push(text.slice(start, end));
}
