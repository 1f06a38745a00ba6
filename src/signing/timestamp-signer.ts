/**
 * @module itsdangerous's `TimestampSigner`: signs `value + sep + base64url(timestamp)`, where the
 * timestamp is big-endian Unix seconds without leading zero bytes, and checks its age on unsign.
 */
import { base64UrlDecode, base64UrlEncode, decodeBase64UrlUint } from '../internal/base64url.js';
import { BadSignature, BadTimeSignature, SignatureExpired } from './errors.js';
import { toUnixSeconds } from './now.js';
import { assertSignable, Signer } from './signer.js';
import type { MaxAgeOptions, TimedUnsignResult, TimeOptions } from './types.js';

export { toUnixSeconds };

/** Python's `datetime` ends at 9999-12-31T23:59:59Z; itsdangerous calls later stamps malformed. */
const MAX_TIMESTAMP = 253402300799;

/**
 * itsdangerous `int_to_bytes` + `base64_encode`: big-endian without leading zero bytes, so 0 is
 * the empty string and 1700000000 is `ZVPxAA`.
 *
 * @example
 * ```ts
 * encodeTimestamp(1_700_000_000); // 'ZVPxAA'
 * ```
 */
export function encodeTimestamp(seconds: number): string {
  if (!Number.isSafeInteger(seconds) || seconds < 0) {
    throw new RangeError(
      `timestamp is invalid: ${seconds} (a non-negative whole number of seconds)`,
    );
  }
  // Big-endian, no leading zero bytes (Python's int_to_bytes). A safe integer divides exactly.
  let length = 0;
  for (let rest = seconds; rest > 0; rest = Math.floor(rest / 256)) length++;
  const bytes = new Uint8Array(length);
  for (let i = length - 1, rest = seconds; i >= 0; i--, rest = Math.floor(rest / 256)) {
    bytes[i] = rest % 256;
  }
  return base64UrlEncode(bytes);
}

/**
 * The seconds in a timestamp segment, or `undefined` when it is not base64 or longer than 8
 * bytes (itsdangerous: "Malformed timestamp").
 *
 * @example
 * ```ts
 * decodeTimestamp('ZVPxAA'); // 1700000000
 * ```
 */
export function decodeTimestamp(text: string): number | undefined {
  // What a signer writes: up to 8 URL-safe characters (6 bytes), no padding. Read in place; any
  // other spelling goes through Python's lenient decoder below.
  const short = decodeBase64UrlUint(text);
  if (short !== undefined) return short;
  const bytes = base64UrlDecode(text);
  if (bytes === undefined || bytes.length > 8) return undefined;
  // Up to 6 bytes (2^48) a number adds them exactly; longer ones go through BigInt, rounded once.
  if (bytes.length <= 6) {
    let value = 0;
    for (const byte of bytes) value = value * 256 + byte;
    return value;
  }
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return Number(value);
}

/** A signature check's error, when it is one; anything else is thrown on. */
function signatureErrorOf(error: unknown): BadSignature {
  if (error instanceof BadSignature) return error;
  throw error;
}

function dateOf(seconds: number): Date | undefined {
  return seconds <= MAX_TIMESTAMP ? new Date(seconds * 1000) : undefined;
}

/**
 * A {@link Signer} that also signs the time, so tokens can expire: `value.timestamp.signature`.
 * `unsign(token, { maxAge })` rejects with `SignatureExpired` when the token is older than
 * `maxAge` seconds or dated in the future. Pass `now` to sign or check at a fixed time.
 *
 * @example
 * ```ts
 * import { TimestampSigner } from 'shortbread/signing';
 * const signer = new TimestampSigner('secret');
 * const token = await signer.sign('user-42', { now: 1_700_000_000_000 }); // 'user-42.ZVPxAA.<sig>'
 * await signer.unsign(token, { maxAge: 3600, now: 1_700_000_100_000 }); // 'user-42'
 * ```
 */
export class TimestampSigner extends Signer {
  /**
   * `value + sep + timestamp + sep + signature`.
   *
   * @example
   * ```ts
   * await new TimestampSigner('secret').sign('v', { now: new Date(0) }); // 'v..<sig>' (ts 0 is empty)
   * ```
   */
  override async sign(value: string, options: TimeOptions = {}): Promise<string> {
    return this.signNow(value, options);
  }

  /**
   * {@link TimestampSigner.sign} without a promise when the newest key MACs synchronously
   * (node:crypto, once imported): for the session cookie's hot path.
   */
  protected signNow(value: string, options: TimeOptions = {}): string | Promise<string> {
    assertSignable(value);
    const body = `${value}${this.sep}${encodeTimestamp(toUnixSeconds(options.now))}`;
    const sig = this.newestSignature(body);
    return typeof sig === 'string'
      ? `${body}${this.sep}${sig}`
      : sig.then((text) => `${body}${this.sep}${text}`);
  }

  /**
   * Verify the signature, then the timestamp, then the age; say which key matched and when the
   * value was signed. Rejects with `BadSignature` (no separator), `BadTimeSignature` (bad
   * signature, missing or malformed timestamp) or `SignatureExpired`.
   *
   * @example
   * ```ts
   * const signer = new TimestampSigner('secret');
   * const token = await signer.sign('v', { now: 1_700_000_000_000 });
   * await signer.unsignWithKey(token, { maxAge: 60, now: 1_700_000_030_000 });
   * // { value: 'v', keyIndex: 0, rotated: false, timestamp: 1700000000, dateSigned: Date }
   * ```
   */
  override async unsignWithKey(
    signed: string,
    options: MaxAgeOptions = {},
  ): Promise<TimedUnsignResult> {
    return this.unsignNow(signed, options);
  }

  /**
   * {@link TimestampSigner.unsignWithKey} without a promise when the keys MAC synchronously; it
   * throws where that rejects, so call it from an async method or catch.
   */
  protected unsignNow(
    signed: string,
    options: MaxAgeOptions = {},
  ): TimedUnsignResult | Promise<TimedUnsignResult> {
    let pending: ReturnType<Signer['verifySigned']>;
    try {
      // Signer's own check, with no promise of its own when the keys MAC synchronously.
      pending = this.verifySigned(signed);
    } catch (error) {
      return this.#timed(undefined, signatureErrorOf(error), options);
    }
    if (!(pending instanceof Promise)) return this.#timed(pending, undefined, options);
    return pending.then(
      (verified) => this.#timed(verified, undefined, options),
      (error: unknown) => this.#timed(undefined, signatureErrorOf(error), options),
    );
  }

  /** The timestamp and age checks, after the signature check gave `verified` or `signatureError`. */
  #timed(
    verified: { value: string; keyIndex: number } | undefined,
    signatureError: BadSignature | undefined,
    options: MaxAgeOptions,
  ): TimedUnsignResult {
    // itsdangerous splits the timestamp off even when the signature failed, to report dateSigned.
    const body = verified?.value ?? signatureError?.payload ?? '';
    const at = body.lastIndexOf(this.sep);
    if (at < 0) {
      if (signatureError) throw signatureError;
      throw new BadTimeSignature(
        `timestamp missing: no ${JSON.stringify(this.sep)} before the signature (was this signed by a Signer without a timestamp?)`,
        body,
      );
    }
    const value = body.slice(0, at);
    const stampText = body.slice(at + this.sep.length);
    const timestamp = decodeTimestamp(stampText);
    if (signatureError) {
      if (timestamp !== undefined && timestamp > MAX_TIMESTAMP) {
        throw new BadTimeSignature(`timestamp is malformed: ${JSON.stringify(stampText)}`, value);
      }
      throw new BadTimeSignature(
        signatureError.message,
        value,
        timestamp === undefined ? undefined : dateOf(timestamp),
        { cause: signatureError },
      );
    }
    if (timestamp === undefined) {
      throw new BadTimeSignature(
        `timestamp is malformed: ${JSON.stringify(stampText)} (base64url of at most 8 bytes)`,
        value,
      );
    }
    if (options.maxAge !== undefined) {
      const age = toUnixSeconds(options.now) - timestamp;
      if (age > options.maxAge) {
        throw new SignatureExpired(
          `signature expired: age ${age} > ${options.maxAge} seconds`,
          value,
          dateOf(timestamp),
        );
      }
      if (age < 0) {
        throw new SignatureExpired(
          `signature is dated in the future: age ${age} < 0 seconds (are the signer's and verifier's clocks in sync?)`,
          value,
          dateOf(timestamp),
        );
      }
    }
    const keyIndex = verified?.keyIndex ?? 0;
    return {
      value,
      keyIndex,
      rotated: keyIndex !== this.keyCount - 1,
      timestamp,
      dateSigned: new Date(timestamp * 1000),
    };
  }

  /**
   * The verified value; see {@link TimestampSigner.unsignWithKey} for the checks.
   *
   * @example
   * ```ts
   * const signer = new TimestampSigner('secret');
   * await signer.unsign(await signer.sign('v'), { maxAge: 60 }); // 'v'
   * ```
   */
  override async unsign(signed: string, options: MaxAgeOptions = {}): Promise<string> {
    return (await this.unsignWithKey(signed, options)).value;
  }

  /**
   * True when the signature is valid and (with `maxAge`) not expired.
   *
   * @example
   * ```ts
   * await new TimestampSigner('secret').validate('v.ZVPxAA.forged'); // false
   * ```
   */
  override async validate(signed: string, options: MaxAgeOptions = {}): Promise<boolean> {
    try {
      await this.unsignWithKey(signed, options);
      return true;
    } catch (error) {
      if (error instanceof BadSignature) return false;
      throw error;
    }
  }
}
