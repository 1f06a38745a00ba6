/** @module The option and result types shared by the signers and serializers. */
import type { DigestName } from '../internal/hmac.js';

/**
 * A secret: text (used as UTF-8, like a Python `str` key) or raw bytes.
 *
 * @example
 * ```ts
 * const key: SecretKey = process.env.SECRET_KEY ?? crypto.getRandomValues(new Uint8Array(32));
 * ```
 */
export type SecretKey = string | Uint8Array;

/**
 * One secret, or a list ordered **oldest to newest**: the newest signs, every key verifies (newest
 * first). This is itsdangerous's key rotation.
 *
 * @example
 * ```ts
 * new Signer(['retired key', 'current key']); // the current key signs
 * ```
 */
export type SecretKeys = SecretKey | readonly SecretKey[];

/**
 * How the HMAC key is derived from the secret and the salt (itsdangerous `key_derivation`):
 * `concat` = H(salt + secret), `django-concat` = H(salt + "signer" + secret),
 * `hmac` = HMAC(secret, salt) (Flask's choice), `none` = the secret itself.
 *
 * @example
 * ```ts
 * new Signer('secret', { keyDerivation: 'hmac' }); // as Flask's session does
 * ```
 */
export type KeyDerivation = 'concat' | 'django-concat' | 'hmac' | 'none';

/**
 * The hash under the HMAC (itsdangerous `digest_method`); itsdangerous's default is `sha1`.
 *
 * @example
 * ```ts
 * new Signer('secret', { digestMethod: 'sha256' });
 * ```
 */
export type DigestMethod = DigestName;

/**
 * A point in time: a Date, or epoch **milliseconds** (`Date.now()`), as everywhere in shortbread.
 * A number below 1e11 looks like Unix seconds and is refused with `SigningError`
 * `ERR_NOW_SECONDS`. Timestamps are written in whole seconds (floored, as Python's
 * `int(time.time())`).
 *
 * @example
 * ```ts
 * await signer.sign('v', { now: 1_700_000_000_000 }); // or { now: new Date() }
 * ```
 */
export type Now = number | Date;

/**
 * Options of a {@link Signer} (and of the serializers, which pass them on).
 *
 * @example
 * ```ts
 * new Signer('secret', { salt: 'email-confirm', sep: ':' });
 * ```
 */
export interface SignerOptions {
  /** Namespaces the key: tokens made for one salt fail under another. Text is UTF-8. */
  readonly salt?: string | Uint8Array;
  /** Between value and signature; default `"."`. Must not contain `A-Z a-z 0-9 - _ =`. */
  readonly sep?: string;
  /** Default `django-concat`, as in itsdangerous. */
  readonly keyDerivation?: KeyDerivation;
  /** Default `sha1`, as in itsdangerous. */
  readonly digestMethod?: DigestMethod;
}

/**
 * Options of a call that stamps the current time.
 *
 * @example
 * ```ts
 * await new TimestampSigner('secret').sign('v', { now: new Date('2024-01-01') });
 * ```
 */
export interface TimeOptions {
  /** The time to sign at; default the clock. */
  readonly now?: Now;
}

/**
 * Options of a call that checks a timestamp.
 *
 * @example
 * ```ts
 * await signer.unsign(token, { maxAge: 3600, now: 1_700_000_000_000 });
 * ```
 */
export interface MaxAgeOptions extends TimeOptions {
  /**
   * Reject tokens older than this many seconds, and tokens dated in the future, with
   * `SignatureExpired`. An age equal to `maxAge` is still valid. Unset: any age is accepted.
   */
  readonly maxAge?: number;
}

/**
 * What `unsignWithKey` learns besides the value: which key matched.
 *
 * @example
 * ```ts
 * const { value, rotated } = await new Signer(['old', 'new']).unsignWithKey(token);
 * ```
 */
export interface UnsignResult {
  /** The verified value. */
  readonly value: string;
  /** Index of the matching key in the list given to the constructor (0 = oldest). */
  readonly keyIndex: number;
  /** True when an older key matched: re-sign with the newest key to finish a rotation. */
  readonly rotated: boolean;
}

/**
 * `unsignWithKey` of a timestamp signer: also when the value was signed.
 *
 * @example
 * ```ts
 * const { dateSigned } = await new TimestampSigner('s').unsignWithKey(token);
 * ```
 */
export interface TimedUnsignResult extends UnsignResult {
  /** Unix seconds the token was signed at. */
  readonly timestamp: number;
  /** The same instant as a Date. */
  readonly dateSigned: Date;
}

/**
 * `loadsWithKey`: the loaded object, which key matched, and (timed serializers) when.
 *
 * @example
 * ```ts
 * const { value, keyIndex, timestamp } = await new URLSafeTimedSerializer('s').loadsWithKey(token);
 * ```
 */
export interface LoadResult<T> {
  readonly value: T;
  readonly keyIndex: number;
  readonly rotated: boolean;
  /** Unix seconds the token was signed at; only for timed serializers. */
  readonly timestamp?: number;
}
