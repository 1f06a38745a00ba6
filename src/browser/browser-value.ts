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
 * continuation bytes as it announces. Each branch has a fixed length, so matching is linear.
 */
const utf8Escape =
  /%[0-7][0-9a-f]|%[c-d][0-9a-f]%[89ab][0-9a-f]|%e[0-9a-f](?:%[89ab][0-9a-f]){2}|%f[0-7](?:%[89ab][0-9a-f]){3}/gi;

/** Werkzeug's backslash escapes inside a quoted value: `\ooo` (first digit 0-3) is an octet, `\x` is `x`. */
const backslashEscape = /\\(?:([0-3][0-7]{2})|(.))/gs;

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
export function decodeBrowserValue(raw: string): string {
  let value = raw;
  if (/^".*"$/s.test(value)) {
    value = value.slice(1, -1);
    if (value.includes('\\')) value = unescapeQuoted(value);
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

/**
 * The server reads the header as octets, unescapes them, then reads the octets as UTF-8 (keeping them
 * as they are when they are not valid UTF-8). The browser hands us text, so go to octets and back.
 */
function unescapeQuoted(text: string): string {
  let octets = text;
  try {
    octets = unescape(encodeURIComponent(text)).replace(backslashEscape, (_, octal, char) =>
      octal ? String.fromCharCode(Number.parseInt(octal, 8)) : char,
    );
    return decodeURIComponent(escape(octets));
  } catch {
    return octets;
  }
}
