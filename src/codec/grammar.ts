/**
 * @module Character classes of RFC 6265bis as lookup tables, shared by every scanner of the codec.
 *
 * Each scanner tests `table[code] & FLAG` instead of running a regular expression, so every parser
 * stays linear and allocation-free.
 */

/** CTL = %x00-1F / %x7F (RFC 5234 B.1). HTAB (%x09) is a CTL too, but §5.6 step 1 lets it through. */
export const CTL = 1;

/**
 * cookie-octet = %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E
 * (US-ASCII characters excluding CTLs, whitespace, DQUOTE, comma, semicolon, and backslash; §4.1.1)
 */
export const COOKIE_OCTET = 2;

/**
 * The characters Werkzeug 2.2's `dump_cookie` writes without quoting:
 * `A-Z a-z 0-9 ! # $ % & ' * + - . ^ _ \` | ~ : / =` (`werkzeug/_internal.py` `_legal_cookie_chars`).
 */
export const WERKZEUG_LEGAL = 4;

/** WSP = SP / HTAB: what §5.6 step 4 trims from names, values and attributes. */
export const WSP = 8;

/** Flags for each 7-bit code; codes above 0x7F have no flag. */
export const charClass: Uint8Array = /* @__PURE__ */ buildTable();

function buildTable(): Uint8Array {
  const table = new Uint8Array(128);
  for (let c = 0; c < 0x20; c++) table[c] = CTL;
  table[0x7f] = CTL;
  table[0x09] = (table[0x09] ?? 0) | WSP;
  table[0x20] = WSP;
  for (let c = 0x21; c <= 0x7e; c++) {
    if (c !== 0x22 && c !== 0x2c && c !== 0x3b && c !== 0x5c)
      table[c] = (table[c] ?? 0) | COOKIE_OCTET;
  }
  const legal = "!#$%&'*+-.^_`|~:/=";
  for (let c = 0x30; c <= 0x39; c++) table[c] = (table[c] ?? 0) | WERKZEUG_LEGAL;
  for (let c = 0x41; c <= 0x5a; c++) table[c] = (table[c] ?? 0) | WERKZEUG_LEGAL;
  for (let c = 0x61; c <= 0x7a; c++) table[c] = (table[c] ?? 0) | WERKZEUG_LEGAL;
  for (const ch of legal) {
    const c = ch.charCodeAt(0);
    table[c] = (table[c] ?? 0) | WERKZEUG_LEGAL;
  }
  return table;
}

/** True when `code` is a CTL other than HTAB: the characters §5.6 step 1 rejects a line for. */
export function isRejectedControl(code: number): boolean {
  return code < 0x20 ? code !== 0x09 : code === 0x7f;
}

/** Index of the first non-WSP char at or after `start`, before `end`. */
export function skipWsp(text: string, start: number, end: number): number {
  while (start < end) {
    const c = text.charCodeAt(start);
    if (c !== 0x20 && c !== 0x09) break;
    start++;
  }
  return start;
}

/** One past the last non-WSP char before `end`, at or after `start`. */
export function trimWspEnd(text: string, start: number, end: number): number {
  while (end > start) {
    const c = text.charCodeAt(end - 1);
    if (c !== 0x20 && c !== 0x09) break;
    end--;
  }
  return end;
}
