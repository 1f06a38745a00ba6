/** @module Trimming of WSP (space and horizontal tab), the only whitespace cookie grammars trim. */

/**
 * True for WSP = SP / HTAB (RFC 5234 B.1). `NaN` (a `charCodeAt` past either end) is not WSP, so a
 * scan stops at the edges of the string without a bounds check.
 *
 * @example
 * ```ts
 * isWsp(' '.charCodeAt(0)); // true
 * isWsp('\n'.charCodeAt(0)); // false
 * ```
 */
export function isWsp(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/**
 * `text.slice(start, end)` without its leading and trailing WSP. Unlike `String.prototype.trim`,
 * which also removes CR, LF, NBSP and the other Unicode spaces, it trims only what RFC 6265bis
 * §5.6 and §5.8.3 trim. Two char loops and one slice: linear, no regex to backtrack.
 *
 * @example
 * ```ts
 * trimWsp(' a=1 ;', 0, 5); // 'a=1'
 * ```
 */
export function trimWsp(text: string, start: number, end: number): string {
  while (start < end && isWsp(text.charCodeAt(start))) start++;
  while (end > start && isWsp(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}
