/**
 * @module Character classes of RFC 6265bis that more than one part of shortbread tests.
 *
 * The codec's own scanners test char codes inline (a lookup table built at load would cost bytes
 * in every bundle); this keeps the one rule the Set-Cookie linter shares with them.
 *
 * Section numbers (§) are those of draft-ietf-httpbis-rfc6265bis-22 (the revision of November 2025);
 * "attribute step N" is step N of §5.6's second algorithm, the one that parses the
 * unparsed-attributes.
 */

/**
 * True when `code` is a CTL other than HTAB: the characters §5.6 step 1 rejects a line for.
 * CTL = %x00-1F / %x7F (RFC 5234 B.1); HTAB (%x09) is a CTL too, but §5.6 step 1 lets it through.
 *
 * @example
 * ```ts
 * isRejectedControl(0x0a); // true
 * isRejectedControl(0x09); // false
 * ```
 */
export function isRejectedControl(code: number): boolean {
  return code < 0x20 ? code !== 0x09 : code === 0x7f;
}
