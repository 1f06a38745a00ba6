/**
 * @module What the `cookie` package's 0.7 and 1.x lines share, as its compat twins need it: the
 * Domain and Path checks of `serialize`, its Date test and its space-and-tab trimming.
 */

/**
 * RFC 6265 §4.1.1 domain-value (RFC 1034 labels of letters, digits and inner hyphens, at most 63
 * characters each), with one leading dot allowed as `cookie` allows it.
 */
export const COMPAT_DOMAIN =
  /^\.?[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** RFC 6265 §4.1.1 path-value as `cookie` reads it: printable ASCII and space, without ";". */
export const COMPAT_PATH = /^[\x20-\x3a\x3d-\x7e]*$/;

/** `cookie`'s Date test: the object's class tag, so a Date from another realm counts too. */
export function isCompatDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/** The first index in [from, to) that is neither a space nor a tab, or `to`. */
export function skipBlanksForward(text: string, from: number, to: number): number {
  while (from < to) {
    const code = text.charCodeAt(from);
    if (code !== 0x20 && code !== 0x09) break;
    from++;
  }
  return from;
}

/** One past the last index in [from, to) that is neither a space nor a tab, or `from`. */
export function skipBlanksBackward(text: string, from: number, to: number): number {
  while (to > from) {
    const code = text.charCodeAt(to - 1);
    if (code !== 0x20 && code !== 0x09) break;
    to--;
  }
  return to;
}

/** `text` between `from` and `to` without the spaces and tabs at either end. */
export function sliceTrimmed(text: string, from: number, to: number): string {
  const start = skipBlanksForward(text, from, to);
  return text.slice(start, skipBlanksBackward(text, start, to));
}
