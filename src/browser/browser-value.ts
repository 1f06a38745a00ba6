/**
 * @module Cookie values in the browser, encoded and decoded exactly as the server's default (`'uri'`)
 * does, in a few hundred bytes: the codec's table-driven versions would triple the browser bundle.
 */

/**
 * What is not a cookie-octet (RFC 6265bis §4.1.1), plus `%`: `!`, `#`-`$`, `&`-`+`, `-`-`:`, `<`-`[`,
 * `]`-`~` are kept. With the `u` flag a surrogate pair is one match, so it is encoded as one code point.
 */
const notOctet = /[^!#$&-+\--:<-[\]-~]/gu;

/**
 * One UTF-8 sequence of `%XX` escapes: an ASCII byte, or a lead byte followed by exactly as many
 * continuation bytes as it announces (the last continuation byte is shared by the three multi-byte
 * branches). Each branch has a fixed length, so matching is linear.
 */
const utf8Escape =
  /%[0-7][\da-f]|%(?:[cd]|e[\da-f]%[89ab]|f[0-7]%[89ab][\da-f]%[89ab])[\da-f]%[89ab][\da-f]/gi;

/**
 * Werkzeug's backslash escapes inside a quoted value: `\ooo` (first digit 0-3) is an octet, `\x` is
 * `x`. The octal branch is tried first, so a three-character capture is always the octal one.
 */
const backslashEscape = /\\([0-3][0-7]{2}|.)/gs;

/**
 * Percent-encodes what is not a cookie-octet, and `%` itself, as UTF-8 `%XX` runs: the same output
 * as the server's default `'uri'` encoding (`stringifySetCookie`), byte for byte. Throws `URIError` on
 * a lone UTF-16 surrogate, which has no UTF-8 form.
 *
 * @example
 * ```ts
 * encodeBrowserValue('chocolate chip; "dark"'); // 'chocolate%20chip%3B%20%22dark%22'
 * encodeBrowserValue('café=1'); // 'caf%C3%A9=1'
 * ```
 */
export function encodeBrowserValue(value: string): string {
  return value.replace(notOctet, encodeURIComponent);
}

/**
 * Reads a value as the server's `decodeCookieValue` does: surrounding double quotes removed,
 * Werkzeug's `\ooo` octal escapes read as UTF-8 octets, then every `%XX` sequence that is valid UTF-8
 * decoded; a broken escape stays as written. Never throws.
 *
 * @example
 * ```ts
 * decodeBrowserValue('chocolate%20chip'); // 'chocolate chip'
 * decodeBrowserValue('"caf\\303\\251"'); // 'café'
 * decodeBrowserValue('100%'); // '100%'
 * ```
 */
export function decodeBrowserValue(value: string): string {
  if (/^".*"$/s.test(value)) {
    // The server reads the header as octets, unescapes them, then reads the octets as UTF-8 (keeping
    // them as they are when they are not valid UTF-8). The browser hands us text, so go to octets
    // and back; each step that fails (a lone surrogate, octets that are not UTF-8) keeps the last.
    try {
      value = value.slice(1, -1);
      value = unescape(encodeURIComponent(value)).replace(backslashEscape, (_, escaped: string) =>
        escaped[1] ? String.fromCharCode(parseInt(escaped, 8)) : escaped,
      );
      value = decodeURIComponent(escape(value));
    } catch {}
  }
  return value.replace(utf8Escape, (sequence) => {
    try {
      return decodeURIComponent(sequence);
    } catch {
      // An overlong form or a surrogate: keep it as written, as the server does.
      return sequence;
    }
  });
}
