/**
 * @module `now`, one unit everywhere: a `Date` or epoch **milliseconds** (what `Date.now()` gives),
 * as in the codec, the server layer and sessions. Signing and seal used to read a number as
 * seconds, and `seal(v, { ttl: 60, now: Date.now() })` then expired in the year 58904; a number
 * small enough to be seconds is now refused rather than read either way.
 */
import { SigningError } from './errors.js';
import type { Now } from './types.js';

/**
 * Below this a number `now` is taken for Unix seconds: 1e11 ms is 1973-03-03, while 1e11 s is the
 * year 5138. No clock of a running server reads before 1973; to mean such a time, pass a Date.
 */
const SECONDS_LIMIT = 1e11;

/**
 * Epoch milliseconds of `now` (default the clock). Throws {@link SigningError}
 * `ERR_NOW_SECONDS` for a number below 1e11 (it looks like seconds) and `ERR_NOW_INVALID` for
 * anything else that is not a finite number or a valid Date.
 *
 * @example
 * ```ts
 * toEpochMillis(new Date(1500)); // 1500
 * toEpochMillis(1_700_000_000_000); // 1700000000000
 * toEpochMillis(1_700_000_000); // throws: looks like seconds
 * ```
 */
export function toEpochMillis(now: Now | undefined): number {
  if (now === undefined) return Date.now();
  const ms = typeof now === 'number' ? now : now instanceof Date ? now.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new SigningError(
      'ERR_NOW_INVALID',
      `now is invalid: ${JSON.stringify(String(now))} (a Date or a finite number of epoch milliseconds, such as Date.now())`,
    );
  }
  if (typeof now === 'number' && now < SECONDS_LIMIT) {
    throw new SigningError(
      'ERR_NOW_SECONDS',
      `now is invalid: ${now} (looks like Unix seconds; now is epoch milliseconds or a Date: pass ${now} * 1000 or new Date(${now} * 1000))`,
    );
  }
  return ms;
}

/**
 * Unix seconds of `now` (default the clock), floored as Python's `int(time.time())`: what the
 * timestamp signer and seal write. `now` is a Date or epoch milliseconds (see
 * {@link toEpochMillis}).
 *
 * @example
 * ```ts
 * toUnixSeconds(new Date(1500)); // 1
 * toUnixSeconds(1_700_000_000_999); // 1700000000
 * ```
 */
export function toUnixSeconds(now: Now | undefined): number {
  return Math.floor(toEpochMillis(now) / 1000);
}
