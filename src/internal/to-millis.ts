/** @module `toMillis`: the clock option every time-dependent call takes, as epoch milliseconds. */

/**
 * `now` (a `Date` or epoch milliseconds) as epoch milliseconds; the system clock when it is
 * `undefined`.
 *
 * @example
 * ```ts
 * toMillis(new Date(5)); // 5
 * toMillis(5); // 5
 * toMillis(undefined); // Date.now()
 * ```
 */
export function toMillis(now: Date | number | undefined): number {
  if (now === undefined) return Date.now();
  return typeof now === 'number' ? now : now.getTime();
}
