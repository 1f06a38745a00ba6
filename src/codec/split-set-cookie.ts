/**
 * @module Undoing the comma-join of several Set-Cookie header values, without breaking Expires dates.
 *
 * Section numbers (§) of RFC 6265bis are those of draft-ietf-httpbis-rfc6265bis-22.
 */

import { isWsp, trimWsp } from '../internal/trim-wsp.js';

/**
 * What follows a comma that separates two cookies, up to the next comma: a cookie name (no `=` `;`
 * `,` space or control character), optional WSP and `=`; or only WSP (an empty header in the join).
 * Each branch reads each char once (a name char is never WSP): linear.
 */
const separatorRegExp = /^(?:[ \t]*[^=;,\x00-\x20\x7f]+[ \t]*=|[ \t]+$)/;

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
  const texts: readonly unknown[] =
    typeof joined === 'string' ? [joined] : Array.isArray(joined) ? joined : [];
  for (const text of texts) {
    if (typeof text !== 'string') continue;
    const length = text.length;
    let partStart = 0;
    // True until the part holds something other than spaces and tabs.
    let partEmpty = true;
    // True once the cookie-pair's `=` (or a `;`, for a pair without one) has been passed in this part.
    let pastPair = false;
    for (let i = 0; i <= length; i++) {
      const code = text.charCodeAt(i);
      // A comma reads only up to the next comma (see splitSetCookie): the split stays linear.
      if (
        i === length ||
        (code === 0x2c &&
          (partEmpty || separatorRegExp.test(text.slice(i + 1, text.indexOf(',', i + 1) >>> 0))))
      ) {
        const part = trimWsp(text, partStart, i);
        if (part) out.push(part);
        partStart = i + 1;
        partEmpty = true;
        pastPair = false;
      } else if (!isWsp(code)) {
        partEmpty = false;
        if (code === 0x3b) pastPair = true;
        else if (code === 0x3d && !pastPair) {
          pastPair = true;
          i = closingQuote(text, i);
        }
      }
    }
  }
  return out;
}

/**
 * When a double-quoted cookie-value follows the `=` at `eq`, the index of its closing quote; `eq`
 * itself when the quote is stray: a `;` comes first, there is no closing quote, or the closing quote
 * is followed by something other than WSP then `;`, `,` or the end. Reads only up to the next quote.
 */
function closingQuote(text: string, eq: number): number {
  let open = eq + 1;
  while (isWsp(text.charCodeAt(open))) open++;
  if (text.charCodeAt(open) !== 0x22) return eq;
  const close = text.indexOf('"', open + 1);
  if (close < 0 || text.slice(open, close).includes(';')) return eq;
  let after = close + 1;
  while (isWsp(text.charCodeAt(after))) after++;
  const next = text.charCodeAt(after);
  return after === text.length || next === 0x3b || next === 0x2c ? close : eq;
}
